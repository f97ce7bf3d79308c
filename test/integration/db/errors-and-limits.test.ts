// Collections that must exist, createCollection, query limits, update type errors, and malformed
// wire requests (the emulator answers each with a JSON error code and stays alive).
import { describe, test, beforeAll, afterAll, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { clear, create, readAll, readDoc, expectCode, postRaw, SUITE_TIMEOUT, type Db } from './helpers';

const NOT_EXIST = 'DATABASE_COLLECTION_NOT_EXIST';

describe('errors and limits', () => {
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

  describe('collections', () => {
    test('every operation on a collection that does not exist fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
      const c = db.collection('no_such_collection');
      await expectCode(c.get(), NOT_EXIST);
      await expectCode(c.where({ a: 1 }).get(), NOT_EXIST);
      await expectCode(c.doc('x').get(), NOT_EXIST);
      await expectCode(c.add({ a: 1 }), NOT_EXIST);
      await expectCode(create(db, 'no_such_collection', 'x', { a: 1 }), NOT_EXIST);
      await expectCode(c.doc('x').update({ a: 1 }), NOT_EXIST);
      await expectCode(c.doc('x').set({ a: 1 }), NOT_EXIST);
      await expectCode(c.where({ a: 1 }).update({ a: 2 }), NOT_EXIST);
      await expectCode(c.where({ a: 1 }).updateAndReturn({ a: 2 }), NOT_EXIST);
      await expectCode(c.doc('x').remove(), NOT_EXIST);
      await expectCode(c.where({ a: 1 }).remove(), NOT_EXIST);
      await expectCode(c.count(), NOT_EXIST);
      await expectCode(c.aggregate().match({ a: 1 }).end(), NOT_EXIST);
    });

    test('failed writes to a missing collection do not create it', async () => {
      await expectCode(db.collection('still_missing').add({ a: 1 }), NOT_EXIST);
      await expectCode(db.collection('still_missing').doc('x').set({ a: 1 }), NOT_EXIST);
      await expectCode(db.collection('still_missing').count(), NOT_EXIST);
    });

    test('a transaction on a missing collection fails too', async () => {
      const tx = await db.startTransaction();
      await expectCode(tx.collection('no_such_collection').add({ a: 1 }), NOT_EXIST);
      await tx.rollback().catch(() => undefined);
    });

    test('createCollection makes a usable, empty collection', async () => {
      await db.createCollection('made_here');
      assert.equal((await db.collection('made_here').count()).total, 0);
      const { id } = await db.collection('made_here').add({ v: 1 });
      assert.deepEqual(await readDoc(db, 'made_here', id!), { _id: id, v: 1 });
    });

    test('createCollection of an existing collection rejects with an *EXIST* code and keeps its data', async () => {
      await db.createCollection('twice');
      await db.collection('twice').add({ _id: 'k', v: 1 });
      await expectCode(db.createCollection('twice'), /EXIST/);
      await expectCode(db.createCollection('items'), /EXIST/);
      assert.deepEqual(await readAll(db, 'twice'), [{ _id: 'k', v: 1 }]);
    });
  });

  describe('limits', () => {
    test('get() returns 100 documents by default', async () => {
      for (let i = 0; i < 150; i += 50) {
        await db.collection('items').add(Array.from({ length: 50 }, (_v, j) => ({ n: i + j })));
      }
      assert.equal((await db.collection('items').count()).total, 150);
      assert.equal((await db.collection('items').get()).data.length, 100);
      assert.equal((await db.collection('items').where({ n: _.gte(0) }).get()).data.length, 100);
      assert.equal((await db.collection('items').skip(100).get()).data.length, 50);
    });

    test('limit(1000) returns 1000; the SDK clamps larger limits to 1000', async () => {
      for (let i = 0; i < 1100; i += 100) {
        await db.collection('items').add(Array.from({ length: 100 }, (_v, j) => ({ n: i + j })));
      }
      assert.equal((await db.collection('items').limit(1000).get()).data.length, 1000);
      assert.equal((await db.collection('items').limit(5000).get()).data.length, 1000);
      const last = await db.collection('items').orderBy('n', 'asc').skip(1000).limit(1000).get();
      assert.deepEqual(last.data.map((d: any) => d.n), Array.from({ length: 100 }, (_v, j) => 1000 + j));
    });

    test('a document above the 16 MB BSON limit is rejected and not stored', async () => {
      const big = 'x'.repeat(17 * 1024 * 1024);
      let err: any;
      try {
        await db.collection('items').add({ _id: 'huge', big });
      } catch (e) {
        err = e;
      }
      assert.ok(err, 'the insert must fail');
      // A JSON error code, or the HTTP status the SDK reports when the body is refused (413).
      assert.ok(err.code, `it fails with an error code, got ${err?.code}: ${err?.message}`);
      assert.equal((await db.collection('items').count()).total, 0);
    });
  });

  describe('update type errors', () => {
    test('_.inc on a string field is rejected and leaves the document unchanged', async () => {
      await db.collection('items').add({ _id: 't', s: 'text', n: 1 });
      let err: any;
      await db.collection('items').doc('t').update({ s: _.inc(1), n: _.inc(1) }).catch((e) => (err = e));
      assert.ok(err?.code, 'rejects with a code');
      assert.deepEqual(await readDoc(db, 'items', 't'), { _id: 't', s: 'text', n: 1 }, 'the whole update is discarded');
    });

    test('_.push on a non-array field is rejected and leaves the document unchanged', async () => {
      await db.collection('items').add({ _id: 'p', s: 'text' });
      let err: any;
      await db.collection('items').doc('p').update({ s: _.push('x') }).catch((e) => (err = e));
      assert.ok(err?.code, 'rejects with a code');
      assert.deepEqual(await readDoc(db, 'items', 'p'), { _id: 'p', s: 'text' });
    });

    test('setting a path through a scalar is rejected and leaves the document unchanged', async () => {
      await db.collection('items').add({ _id: 's', a: 1 });
      let err: any;
      await db.collection('items').doc('s').update({ 'a.b': 2 }).catch((e) => (err = e));
      assert.ok(err?.code, 'rejects with a code');
      assert.deepEqual(await readDoc(db, 'items', 's'), { _id: 's', a: 1 });
    });

    test('a projection mixing inclusion and exclusion is rejected', async () => {
      await db.collection('items').add({ _id: 'm', a: 1, b: 2, c: 3 });
      await expectCode(db.collection('items').where({ _id: 'm' }).field({ a: true, b: false }).get(), /./);
    });

    test('a where().update that fails on one document rejects and leaves that document unchanged', async () => {
      await db.collection('items').add([
        { _id: 'a', g: 1, n: 1 },
        { _id: 'b', g: 1, n: 'not a number' },
      ]);
      let err: any;
      await db.collection('items').where({ g: 1 }).update({ n: _.inc(1) }).catch((e) => (err = e));
      assert.ok(err?.code, 'rejects with a code');
      // A MongoDB multi-update is not atomic across documents, so 'a' may or may not have been
      // updated; the failing document itself must be untouched.
      assert.deepEqual(await readDoc(db, 'items', 'b'), { _id: 'b', g: 1, n: 'not a number' });
    });
  });

  describe('malformed wire requests', () => {
    /** Send, then check: JSON error with a string code and a message, nothing written, emulator alive. */
    async function expectWireError(send: () => Promise<{ status: number; json: any; text: string }>) {
      const before = (await db.collection('items').count()).total;
      const { status, json, text } = await send();
      assert.ok(status === 200 || (status >= 400 && status < 500), `HTTP 200 or 4xx, got ${status}: ${text.slice(0, 200)}`);
      assert.ok(json && typeof json === 'object', `a JSON reply, got ${text.slice(0, 200)}`);
      assert.equal(typeof json.code, 'string', `a string code, got ${JSON.stringify(json).slice(0, 200)}`);
      assert.ok(json.code.length > 0);
      assert.equal(typeof json.message, 'string', 'a message');
      assert.ok(json.message.length > 0);
      // still alive, and nothing written
      assert.equal((await db.collection('items').count()).total, before);
      const res = await db.collection('items').where({ _id: _.exists(true) }).get();
      assert.ok(Array.isArray(res.data));
    }
    const rawJson = (body: Record<string, unknown>) => () => postRaw(emu.baseUrl, JSON.stringify(body));

    test('a body that is not JSON', async () => {
      await expectWireError(() => postRaw(emu.baseUrl, '{"action": "database.getDocument", '));
      await expectWireError(() => postRaw(emu.baseUrl, 'hello', 'text/plain'));
      await expectWireError(() => postRaw(emu.baseUrl, ''));
      await expectWireError(() => postRaw(emu.baseUrl, '[1,2,3]'));
    });

    test('a query whose EJSON number does not parse ({"$numberInt": "x"})', async () => {
      await expectWireError(rawJson({
        action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE',
        query: '{"n": {"$numberInt": "x"}}', limit: 100,
      }));
    });

    test('a query that is not JSON at all', async () => {
      await expectWireError(rawJson({
        action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', query: '{not json', limit: 100,
      }));
    });

    test('an unknown query operator', async () => {
      await expectWireError(rawJson({
        action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE',
        query: '{"n": {"$frobnicate": 1}}', limit: 100,
      }));
    });

    test('an unknown or missing action', async () => {
      await expectWireError(rawJson({ action: 'database.dropEverything', collectionName: 'items' }));
      await expectWireError(rawJson({ collectionName: 'items' }));
    });

    test('parameters of the wrong type', async () => {
      await expectWireError(rawJson({
        action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', query: '{}', limit: 'ten',
      }));
      await expectWireError(rawJson({
        action: 'database.getDocument', collectionName: 5, queryType: 'WHERE', query: '{}', limit: 100,
      }));
      await expectWireError(rawJson({ action: 'database.insertDocument', collectionName: 'items', data: '{"a":1}' }));
      await expectWireError(rawJson({ action: 'database.insertDocument', collectionName: 'items', data: [{ a: 1 }] }));
      await expectWireError(rawJson({ action: 'database.insertDocument', data: ['{"a":{"$numberInt":"1"}}'] }));
    });

    test('update data whose EJSON number does not parse', async () => {
      await db.collection('items').add({ _id: 'target', n: 1 });
      await expectWireError(rawJson({
        action: 'database.modifyDocument', collectionName: 'items', queryType: 'WHERE', query: '{}',
        data: '{"$inc": {"n": {"$numberInt": "oops"}}}', multi: true, merge: true, upsert: false,
      }));
      assert.deepEqual(await readDoc(db, 'items', 'target'), { _id: 'target', n: 1 });
    });

    test('an insert batch with one malformed document writes nothing', async () => {
      await expectWireError(rawJson({
        action: 'database.insertDocument', collectionName: 'items',
        data: ['{"_id":"ok1","a":{"$numberInt":"1"}}', '{"_id":"bad","a":{"$numberInt":"nope"}}'],
      }));
      assert.equal(await readDoc(db, 'items', 'ok1'), undefined);
    });

    test('an oversized body (60 MB)', async () => {
      const huge = JSON.stringify({
        action: 'database.insertDocument', collectionName: 'items',
        data: [JSON.stringify({ _id: 'huge', s: 'x'.repeat(60 * 1024 * 1024) })],
      });
      await expectWireError(() => postRaw(emu.baseUrl, huge));
      assert.equal(await readDoc(db, 'items', 'huge'), undefined);
    });
  });
});
