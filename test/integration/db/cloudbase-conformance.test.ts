// Where the emulator once answered differently from CloudBase (issue 22): each item's expectation as
// CloudBase's own SDK tests (written against a real environment) and its documentation state it,
// through the real @cloudbase/node-sdk.
import { describe, test, beforeAll, afterAll, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { clear, readAll, readDoc, expectCode, type Db } from './helpers';

describe('CloudBase conformance (issue 22)', () => {
  let emu: EmulatorHandle;
  let db: Db;
  let _: Db['command'];

  beforeAll(async () => {
    emu = await startEmulator();
    db = emu.app().database();
    _ = db.command;
  });
  afterAll(async () => {
    await emu?.stop();
  });
  beforeEach(async () => {
    await clear(db, 'items');
  });

  describe('2. `updated` counts matched documents', () => {
    test('doc().set with identical data answers updated: 1', async () => {
      await db.collection('items').add({ _id: 's', a: 1, b: 'x' });
      const res = await db.collection('items').doc('s').set({ a: 1, b: 'x' });
      assert.equal(res.updated, 1);
      assert.deepEqual(await readDoc(db, 'items', 's'), { _id: 's', a: 1, b: 'x' });
    });

    test('updateAndReturn setting a field to its current value answers updated: 1 and the document', async () => {
      await db.collection('items').add({ _id: 'u', a: 1 });
      const res = await db.collection('items').where({ _id: 'u' }).updateAndReturn({ a: 1 });
      assert.equal(res.updated, 1);
      assert.deepEqual(res.doc, { _id: 'u', a: 1 });
    });

    test('doc().update and where().update count every matched document, changed or not', async () => {
      await db.collection('items').add([{ _id: 'm1', g: 1, a: 1 }, { _id: 'm2', g: 1, a: 2 }, { _id: 'm3', g: 2, a: 1 }]);
      assert.equal((await db.collection('items').doc('m1').update({ a: 1 })).updated, 1);
      assert.equal((await db.collection('items').where({ g: 1 }).update({ a: 1 })).updated, 2);
      assert.equal((await db.collection('items').where({ g: 3 }).update({ a: 1 })).updated, 0);
      assert.deepEqual((await readAll(db, 'items')).map((d) => d.a), [1, 1, 1]);
    });

    test('a no-op update writes nothing (the write counters stay)', async () => {
      await db.collection('items').add({ _id: 'n', a: 1 });
      await emu.resetStats();
      assert.equal((await db.collection('items').doc('n').update({ a: 1 })).updated, 1);
      assert.equal((await emu.stats()).docsWritten, 0);
    });
  });

  describe('3. an update without a condition is refused', () => {
    test('collection.update() with no where() answers INVALID_PARAM and changes nothing', async () => {
      await db.collection('items').add([{ _id: 'a', a: 0 }, { _id: 'b', a: 0 }]);
      await expectCode((db.collection('items') as any).update({ a: 1 }), 'INVALID_PARAM');
      await expectCode(db.collection('items').where({}).update({ a: 1 }), 'INVALID_PARAM');
      assert.deepEqual((await readAll(db, 'items')).map((d) => d.a), [0, 0]);
    });

    test('a where() with a condition still updates', async () => {
      await db.collection('items').add([{ _id: 'a', a: 0 }]);
      assert.equal((await db.collection('items').where({ a: 0 }).update({ a: 1 })).updated, 1);
    });
  });
});
