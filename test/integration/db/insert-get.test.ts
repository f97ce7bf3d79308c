// Insert (add / batch add / create), unique constraints, and reads (doc get, where, order, skip,
// limit, projection, count) through the real @cloudbase/node-sdk.
import { describe, test, beforeAll, afterAll, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { clear, create, readAll, readDoc, ids, expectCode, SUITE_TIMEOUT, type Db } from './helpers';

describe('insert and get', () => {
  let emu: EmulatorHandle;
  let db: Db;

  beforeAll(async () => {
    emu = await startEmulator();
    db = emu.app().database();
  });
  afterAll(async () => {
    await emu?.stop();
  });
  beforeEach(async () => {
    await clear(db, 'items');
    await clear(db, 'people');
    await clear(db, 'pairs');
  });

  describe('insert', () => {
    test('add() a single document returns a generated string id and stores the document', async () => {
      const res = await db.collection('items').add({ name: 'flag', n: 1, nested: { a: [1, 2] } });
      assert.equal(typeof res.id, 'string');
      assert.ok(res.id!.length > 0);

      const stored = await readDoc(db, 'items', res.id!);
      assert.deepEqual(stored, { _id: res.id, name: 'flag', n: 1, nested: { a: [1, 2] } });
    });

    test('add([...]) inserts a batch and returns every id in order', async () => {
      const res = await db.collection('items').add([{ k: 1 }, { k: 2 }, { k: 3 }]);
      assert.ok(Array.isArray(res.ids));
      assert.equal(res.ids!.length, 3);
      for (const id of res.ids!) assert.equal(typeof id, 'string');
      assert.equal(new Set(res.ids).size, 3, 'generated ids are distinct');

      for (const [i, id] of res.ids!.entries()) {
        const doc = await readDoc(db, 'items', id);
        assert.equal(doc.k, i + 1, 'ids are returned in the order of the input documents');
      }
      assert.equal((await db.collection('items').count()).total, 3);
    });

    test('add() with an explicit _id keeps that id', async () => {
      const res = await db.collection('items').add({ _id: 'my-id', v: 'x' });
      assert.equal(res.id, 'my-id');
      assert.deepEqual(await readDoc(db, 'items', 'my-id'), { _id: 'my-id', v: 'x' });
    });

    test('doc(id).create() inserts under that id', async () => {
      const res = await create(db, 'items', 'created-1', { v: 42 });
      assert.equal(res.id, 'created-1');
      assert.deepEqual(await readDoc(db, 'items', 'created-1'), { _id: 'created-1', v: 42 });
    });

    test('a duplicate _id is rejected with DATABASE_DUPLICATE_WRITE and the original is untouched', async () => {
      await db.collection('items').add({ _id: 'dup', v: 'original' });
      await expectCode(db.collection('items').add({ _id: 'dup', v: 'second' }), 'DATABASE_DUPLICATE_WRITE');
      await expectCode(create(db, 'items', 'dup', { v: 'third' }), 'DATABASE_DUPLICATE_WRITE');

      assert.deepEqual(await readAll(db, 'items'), [{ _id: 'dup', v: 'original' }]);
    });

    test('a unique index (people.email) rejects a second document with the same email', async () => {
      await db.collection('people').add({ _id: 'p1', email: 'a@x.cn', name: 'A' });
      await expectCode(
        db.collection('people').add({ _id: 'p2', email: 'a@x.cn', name: 'B' }),
        'DATABASE_DUPLICATE_WRITE',
      );
      assert.deepEqual(ids(await readAll(db, 'people')), ['p1']);
    });

    test('a sparse unique index allows many documents without the field', async () => {
      await db.collection('people').add({ _id: 'n1', name: 'no email 1' });
      await db.collection('people').add({ _id: 'n2', name: 'no email 2' });
      await db.collection('people').add([{ _id: 'n3' }, { _id: 'n4' }]);
      assert.deepEqual(ids(await readAll(db, 'people')), ['n1', 'n2', 'n3', 'n4']);
    });

    test('a compound unique index (pairs a+b) rejects only the same combination', async () => {
      await db.collection('pairs').add({ _id: 'x1', a: 1, b: 1 });
      await db.collection('pairs').add({ _id: 'x2', a: 1, b: 2 });
      await db.collection('pairs').add({ _id: 'x3', a: 2, b: 1 });
      await expectCode(db.collection('pairs').add({ _id: 'x4', a: 1, b: 1 }), 'DATABASE_DUPLICATE_WRITE');
      assert.deepEqual(ids(await readAll(db, 'pairs')), ['x1', 'x2', 'x3']);
    });

    test('a non-sparse compound unique index treats missing fields as null (second doc without a,b is a duplicate)', async () => {
      await db.collection('pairs').add({ _id: 'm1', other: 1 });
      await expectCode(db.collection('pairs').add({ _id: 'm2', other: 2 }), 'DATABASE_DUPLICATE_WRITE');
      assert.deepEqual(ids(await readAll(db, 'pairs')), ['m1']);
    });

    test('a batch containing one duplicate _id writes nothing at all', async () => {
      await db.collection('items').add({ _id: 'exists', v: 0 });
      await expectCode(
        db.collection('items').add([
          { _id: 'b1', v: 1 },
          { _id: 'exists', v: 2 },
          { _id: 'b3', v: 3 },
        ]),
        'DATABASE_DUPLICATE_WRITE',
      );
      assert.deepEqual(await readAll(db, 'items'), [{ _id: 'exists', v: 0 }]);
    });

    test('a batch violating a unique index within itself writes nothing', async () => {
      await expectCode(
        db.collection('people').add([
          { _id: 'u1', email: 'same@x.cn' },
          { _id: 'u2', email: 'other@x.cn' },
          { _id: 'u3', email: 'same@x.cn' },
        ]),
        'DATABASE_DUPLICATE_WRITE',
      );
      assert.deepEqual(await readAll(db, 'people'), []);
    });

    test('an update that would break a unique index is rejected and leaves the document unchanged', async () => {
      await db.collection('people').add([
        { _id: 'e1', email: 'one@x.cn' },
        { _id: 'e2', email: 'two@x.cn' },
      ]);
      await expectCode(db.collection('people').doc('e2').update({ email: 'one@x.cn' }), 'DATABASE_DUPLICATE_WRITE');
      assert.deepEqual(await readDoc(db, 'people', 'e2'), { _id: 'e2', email: 'two@x.cn' });

      await db.collection('pairs').add({ _id: 'q', a: 1, b: 1 });
      await db.collection('pairs').add({ _id: 'r', a: 1, b: 2 });
      await expectCode(db.collection('pairs').doc('r').update({ b: 1 }), 'DATABASE_DUPLICATE_WRITE');
      assert.deepEqual(await readDoc(db, 'pairs', 'r'), { _id: 'r', a: 1, b: 2 });
    });
  });

  describe('get', () => {
    test('doc(id).get() of a missing id returns data: []', async () => {
      const res = await db.collection('items').doc('nope').get();
      assert.deepEqual(res.data, []);
    });

    test('where() returns matching documents with _id', async () => {
      await db.collection('items').add([
        { _id: 'a', color: 'red' },
        { _id: 'b', color: 'blue' },
        { _id: 'c', color: 'red' },
      ]);
      const res = await db.collection('items').where({ color: 'red' }).get();
      assert.deepEqual(ids(res.data), ['a', 'c']);
      for (const d of res.data) assert.equal(d.color, 'red');
    });

    test('get() without where() returns the whole collection', async () => {
      await db.collection('items').add([{ _id: 'a' }, { _id: 'b' }]);
      const res = await db.collection('items').get();
      assert.deepEqual(ids(res.data), ['a', 'b']);
    });

    test('orderBy over several keys, asc and desc', async () => {
      await db.collection('items').add([
        { _id: '1', g: 'b', n: 1 },
        { _id: '2', g: 'a', n: 1 },
        { _id: '3', g: 'b', n: 3 },
        { _id: '4', g: 'a', n: 2 },
        { _id: '5', g: 'c', n: 0 },
      ]);
      const res = await db.collection('items').orderBy('g', 'asc').orderBy('n', 'desc').get();
      assert.deepEqual(
        res.data.map((d: any) => d._id),
        ['4', '2', '3', '1', '5'],
      );

      const desc = await db.collection('items').where({}).orderBy('n', 'desc').orderBy('g', 'asc').get();
      assert.deepEqual(
        desc.data.map((d: any) => d._id),
        ['3', '4', '2', '1', '5'],
      );
    });

    test('orderBy on a nested field and mixed types puts missing/null first ascending (MongoDB order)', async () => {
      await db.collection('items').add([
        { _id: 'x', a: { b: 2 } },
        { _id: 'y', a: { b: 1 } },
        { _id: 'z' },
      ]);
      const res = await db.collection('items').orderBy('a.b', 'asc').get();
      assert.deepEqual(res.data.map((d: any) => d._id), ['z', 'y', 'x']);
    });

    test('orderBy across mixed types follows the BSON order: null < numbers < strings < objects < booleans < dates', async () => {
      await db.collection('items').add([
        { _id: 's1', v: 'b' },
        { _id: 's2', v: 2 },
        { _id: 's3', v: null },
        { _id: 's4', v: { x: 1 } },
        { _id: 's5', v: true },
        { _id: 's6', v: new Date(0) },
        { _id: 's7', v: 1.5 },
        { _id: 's8', v: 'a' },
        { _id: 's9' },
      ]);
      const asc = await db.collection('items').orderBy('v', 'asc').orderBy('_id', 'asc').get();
      assert.deepEqual(asc.data.map((d: any) => d._id), ['s3', 's9', 's7', 's2', 's8', 's1', 's4', 's5', 's6']);
      const desc = await db.collection('items').orderBy('v', 'desc').orderBy('_id', 'asc').get();
      assert.deepEqual(desc.data.map((d: any) => d._id), ['s6', 's5', 's4', 's1', 's8', 's2', 's7', 's3', 's9']);

      // Comparisons only match values of the same type bracket.
      const _ = db.command;
      assert.deepEqual(ids((await db.collection('items').where({ v: _.gt(1) }).get()).data), ['s2', 's7']);
      assert.deepEqual(ids((await db.collection('items').where({ v: _.gte('a') }).get()).data), ['s1', 's8']);
    });

    test('skip and limit page through an ordered result', async () => {
      await db.collection('items').add(Array.from({ length: 10 }, (_, i) => ({ _id: `s${i}`, n: i })));
      const page = await db.collection('items').orderBy('n', 'asc').skip(3).limit(4).get();
      assert.deepEqual(page.data.map((d: any) => d.n), [3, 4, 5, 6]);

      const tail = await db.collection('items').orderBy('n', 'asc').skip(8).limit(4).get();
      assert.deepEqual(tail.data.map((d: any) => d.n), [8, 9]);

      const beyond = await db.collection('items').orderBy('n', 'asc').skip(50).get();
      assert.deepEqual(beyond.data, []);
    });

    test('field() includes only the listed fields plus _id', async () => {
      await db.collection('items').add({ _id: 'f', a: 1, b: 2, c: { d: 3, e: 4 } });
      const res = await db.collection('items').where({ _id: 'f' }).field({ a: true, 'c.d': true }).get();
      assert.deepEqual(res.data, [{ _id: 'f', a: 1, c: { d: 3 } }]);
    });

    test('field() with false excludes fields; _id can be excluded', async () => {
      await db.collection('items').add({ _id: 'f', a: 1, b: 2, c: { d: 3, e: 4 } });
      const ex = await db.collection('items').where({ _id: 'f' }).field({ b: false, 'c.e': false }).get();
      assert.deepEqual(ex.data, [{ _id: 'f', a: 1, c: { d: 3 } }]);

      const noId = await db.collection('items').where({ _id: 'f' }).field({ _id: false, a: true }).get();
      assert.deepEqual(noId.data, [{ a: 1 }]);
    });

    test('field() with a dot path into an array of objects projects each element', async () => {
      await db.collection('items').add({ _id: 'arr', items: [{ k: 'x', v: 1 }, { k: 'y', v: 2 }], other: 1 });
      const res = await db.collection('items').where({ _id: 'arr' }).field({ 'items.k': true }).get();
      assert.deepEqual(res.data, [{ _id: 'arr', items: [{ k: 'x' }, { k: 'y' }] }]);
    });

    test('doc(id).field() projects a single document', async () => {
      await db.collection('items').add({ _id: 'g', a: 1, b: 2 });
      const res = await db.collection('items').doc('g').field({ b: true }).get();
      assert.deepEqual(res.data, [{ _id: 'g', b: 2 }]);
    });

    test('count() counts all or matching documents', async () => {
      await db.collection('items').add([{ t: 'x' }, { t: 'x' }, { t: 'y' }]);
      assert.equal((await db.collection('items').count()).total, 3);
      assert.equal((await db.collection('items').where({ t: 'x' }).count()).total, 2);
      assert.equal((await db.collection('items').where({ t: 'zzz' }).count()).total, 0);
    });
  });
});
