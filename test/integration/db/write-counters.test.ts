// The emulator counts documents written (CloudBase bills and throttles writes apart from reads):
// per request, in total and by collection. A request that fails wrote nothing, so it counts nothing;
// a transaction's writes count when it commits. Tests that prove "a refused call wrote nothing" rely on it.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { type EmulatorHandle, startEmulator } from '../../support/emulator.js';
import { type Db, clear } from './helpers.js';

describe('write counters', () => {
  let emu: EmulatorHandle;
  let db: Db;
  beforeAll(async () => {
    emu = await startEmulator();
    db = emu.app().database();
  });
  afterAll(() => emu?.stop());

  const written = async (run: () => Promise<unknown>) => {
    await emu.resetStats();
    try {
      await run();
    } catch {
      // counted all the same: the point is what a failure wrote
    }
    const s = await emu.stats();
    return { total: s.docsWritten, by: s.writtenByCollection };
  };

  test('inserts, updates and removes count their documents, by collection', async () => {
    await clear(db, 'items');
    assert.deepEqual(await written(() => db.collection('items').add([{ _id: 'a', n: 1 }, { _id: 'b', n: 1 }, { _id: 'c', n: 2 }])), { total: 3, by: { items: 3 } });
    assert.deepEqual(await written(() => db.collection('items').where({ n: 1 }).update({ n: 5 })), { total: 2, by: { items: 2 } });
    assert.deepEqual(await written(() => db.collection('items').doc('c').remove()), { total: 1, by: { items: 1 } });
    assert.deepEqual(await written(() => db.collection('items').where({ n: 99 }).get()), { total: 0, by: {} });
  });

  test('a failed request counts nothing: a batch with a duplicate _id is rolled back whole', async () => {
    const r = await written(() => db.collection('items').add([{ _id: 'fresh', n: 1 }, { _id: 'a', n: 1 }]));
    assert.deepEqual(r, { total: 0, by: {} });
    assert.equal((await db.collection('items').doc('fresh').get()).data.length, 0);
  });

  test('a transaction counts at commit, and an aborted one counts nothing', async () => {
    const committed = await written(() => db.runTransaction(async (tx: any) => {
      await tx.collection('items').doc('a').update({ n: 7 });
      await tx.collection('items').add({ _id: 'tx1', n: 1 });
    }));
    assert.deepEqual(committed, { total: 2, by: { items: 2 } });
    const aborted = await written(() => db.runTransaction(async (tx: any) => {
      await tx.collection('items').doc('b').update({ n: 8 });
      throw new Error('changed my mind');
    }));
    assert.deepEqual(aborted, { total: 0, by: {} });
  });

  test('each recent request lists the documents it wrote', async () => {
    await db.collection('items').add([{ n: 1 }, { n: 2 }]);
    const [last] = await emu.api('GET', '/_emulator/requests?limit=1');
    assert.deepEqual([last.action, last.docsWritten], ['database.insertDocument', 2]);
  });
});
