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
  describe('4. field names starting with $ are refused', () => {
    test('add({ $_key }) answers DATABASE_REQUEST_FAILED and stores nothing', async () => {
      await expectCode(db.collection('items').add({ $_key: 1 }), 'DATABASE_REQUEST_FAILED');
      await expectCode(db.collection('items').add({ ok: 1, inner: { $bad: 1 } }), 'DATABASE_REQUEST_FAILED');
      await expectCode(db.collection('items').add([{ _id: 'fine', a: 1 }, { $_key: 2 }]), 'DATABASE_REQUEST_FAILED');
      assert.deepEqual(await readAll(db, 'items'), []);
    });

    test('doc().set with a $-field and add inside a transaction are refused too', async () => {
      await db.collection('items').add({ _id: 'k', a: 1 });
      await expectCode(db.collection('items').doc('k').set({ $_key: 1 }), 'DATABASE_REQUEST_FAILED');
      const tx = await db.startTransaction();
      await expectCode(tx.collection('items').add({ $_key: 1 }), 'DATABASE_REQUEST_FAILED');
      await tx.rollback().catch(() => undefined);
      assert.deepEqual(await readAll(db, 'items'), [{ _id: 'k', a: 1 }]);
    });

    test('field names with $ elsewhere than the start are kept', async () => {
      await db.collection('items').add({ _id: 'd', a$b: 1, list: [{ c$: 2 }] });
      assert.deepEqual(await readDoc(db, 'items', 'd'), { _id: 'd', a$b: 1, list: [{ c$: 2 }] });
    });
  });

  describe('8. a finished transaction and conflicts use CloudBase\'s codes and words', () => {
    const NOT_EXIST =
      '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';
    const CONFLICT =
      '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';

    test('a write with a committed transaction answers DATABASE_TRANSACTION_FAIL, TransactionNotExist', async () => {
      const tx = await db.startTransaction();
      await tx.commit();
      const e = await expectCode(tx.collection('items').doc('1').set({ category: 'Node.js' }), 'DATABASE_TRANSACTION_FAIL');
      assert.equal(e.message, NOT_EXIST);
      assert.deepEqual(await readAll(db, 'items'), []);
    });

    test('a read with an aborted transaction answers the same', async () => {
      const tx = await db.startTransaction();
      await tx.rollback();
      const e = await expectCode(tx.collection('items').doc('1').get(), 'DATABASE_TRANSACTION_FAIL');
      assert.equal(e.message, NOT_EXIST);
    });

    test('a conflict answers DATABASE_TRANSACTION_CONFLICT with CloudBase\'s message', async () => {
      await db.collection('items').add({ _id: '1', category: 'Web' });
      const tx = await db.startTransaction();
      assert.equal((await tx.collection('items').doc('1').get()).data.category, 'Web');
      await db.collection('items').doc('1').set({ category: 'outside' });
      const e = await expectCode(tx.collection('items').doc('1').update({ category: 'inside' }), 'DATABASE_TRANSACTION_CONFLICT');
      assert.equal(e.message, CONFLICT);
      assert.equal((await readDoc(db, 'items', '1')).category, 'outside');
    });
  });
  describe('7. a transaction\'s snapshot is taken at its first operation', () => {
    test('a write committed between startTransaction and the first read is visible to that read', async () => {
      await db.collection('items').add({ _id: '1', category: 'Web' });
      const tx = await db.startTransaction();
      await db.collection('items').doc('1').set({ category: 'before the first read' });
      await db.collection('items').add({ _id: '2', category: 'new' });
      assert.equal((await tx.collection('items').doc('1').get()).data.category, 'before the first read');
      assert.equal((await tx.collection('items').doc('2').get()).data.category, 'new');
      // From the first read on, the snapshot holds: a later outside write is not seen, and writing it conflicts.
      await db.collection('items').doc('1').set({ category: 'after the first read' });
      assert.equal((await tx.collection('items').doc('1').get()).data.category, 'before the first read');
      await expectCode(tx.collection('items').doc('1').update({ category: 'tx' }), 'DATABASE_TRANSACTION_CONFLICT');
    });

    test('a first write (not a read) takes the snapshot too: an earlier outside write is no conflict', async () => {
      await db.collection('items').add({ _id: '1', n: 1 });
      const tx = await db.startTransaction();
      await db.collection('items').doc('1').update({ n: 2 });
      assert.equal((await tx.collection('items').doc('1').update({ n: _.inc(10) })).updated, 1);
      await tx.commit();
      assert.equal((await readDoc(db, 'items', '1')).n, 12);
    });

    test('where().get() inside the transaction reads the same snapshot', async () => {
      const tx = await db.startTransaction();
      await db.collection('items').add({ _id: 'w', g: 1 });
      assert.deepEqual((await tx.collection('items').where({ g: 1 }).get()).data.map((d: any) => d._id), ['w']);
      await db.collection('items').add({ _id: 'w2', g: 1 });
      assert.deepEqual((await tx.collection('items').where({ g: 1 }).get()).data.map((d: any) => d._id), ['w']);
      await tx.rollback();
    });
  });
  describe('1. a batch insert is limited by the request\'s size, not by a count', () => {
    const batch = (n: number, prefix: string) => Array.from({ length: n }, (_v, i) => ({ _id: `${prefix}${String(i).padStart(4, '0')}`, i }));

    test('add() of 1,001 documents inserts them all', async () => {
      const res: any = await db.collection('items').add(batch(1001, 'b'));
      assert.equal(res.ids.length, 1001);
      assert.equal((await db.collection('items').count()).total, 1001);
    });

    test('inside a transaction too', async () => {
      const tx = await db.startTransaction();
      await tx.collection('items').add(batch(1001, 't'));
      await tx.commit();
      assert.equal((await db.collection('items').count()).total, 1001);
    });

    test('a batch larger than the request limit is REQUEST_TOO_LARGE and inserts nothing', async () => {
      const big = 'x'.repeat(1024 * 1024);
      const docs = Array.from({ length: 17 }, (_v, i) => ({ _id: `big${i}`, big }));
      await expectCode(db.collection('items').add(docs), 'REQUEST_TOO_LARGE');
      assert.equal((await db.collection('items').count()).total, 0);
    });
  });
  describe('5. a numeric _id comes back as the number', () => {
    const ID = 1796012581097;

    test('add() returns the number, outside and inside a transaction', async () => {
      const res: any = await db.collection('items').add({ _id: ID, a: 1 });
      assert.equal(res.id, ID);
      const many: any = await db.collection('items').add([{ _id: 7, a: 2 }, { _id: 2.5, a: 3 }]);
      assert.deepEqual(many.ids, [7, 2.5]);
      const tx = await db.startTransaction();
      const inTx: any = await tx.collection('items').add({ _id: ID + 1, a: 4 });
      assert.equal(inTx.id, ID + 1);
      await tx.commit();
      const got = await db.collection('items').where({ _id: _.in([ID, ID + 1]) }).get();
      assert.deepEqual(got.data.map((d: any) => Number(d._id)).sort(), [ID, ID + 1]);
    });

    test('doc(number).set upserting answers the number as upsertedId', async () => {
      const res: any = await db.collection('items').doc(ID as any).set({ a: 1 });
      assert.equal(res.upsertedId, ID);
    });
  });

  describe('6. an ObjectId outside _id comes back as its hex string', () => {
    const HEX = '5f1d7a9b2c3e4d5f6a7b8c9d';

    test('get, doc().get, a transaction read and updateAndReturn return the string', async () => {
      const raw = await emu.raw({
        action: 'database.insertDocument', collectionName: 'items',
        data: [JSON.stringify({ _id: 'o', ref: { $oid: HEX }, refs: [{ $oid: HEX }], inner: { ref: { $oid: HEX } } })],
      });
      assert.ok(!raw.code, JSON.stringify(raw));
      const expected = { _id: 'o', ref: HEX, refs: [HEX], inner: { ref: HEX } };
      assert.deepEqual((await db.collection('items').where({ _id: 'o' }).get()).data, [expected]);
      assert.deepEqual(await readDoc(db, 'items', 'o'), expected);
      const tx = await db.startTransaction();
      assert.deepEqual((await tx.collection('items').doc('o').get()).data, expected);
      await tx.rollback();
      const r = await db.collection('items').where({ _id: 'o' }).updateAndReturn({ n: 1 });
      assert.deepEqual(r.doc, { ...expected, n: 1 });
    });

    test('the stored value stays an ObjectId: a query by ObjectId finds it', async () => {
      await emu.raw({ action: 'database.insertDocument', collectionName: 'items', data: [JSON.stringify({ _id: 'p', ref: { $oid: HEX } })] });
      const raw = await emu.raw({ action: 'database.calculateDocument', collectionName: 'items', query: JSON.stringify({ ref: { $oid: HEX } }) });
      assert.equal(raw.data.total, 1);
    });
  });
  describe('9. $elemMatch with a field condition matches embedded documents only', () => {
    test('arrays of numbers do not match { v: exists } or { v: > 0 }; arrays of documents do', async () => {
      await db.collection('items').add([
        { _id: 'nums', t: [1, 2, 3] },
        { _id: 'docs', t: [{ v: 1 }, { w: 2 }] },
        { _id: 'mixed', t: [5, { w: 1 }] },
        { _id: 'scalar', t: 4 },
      ]);
      const ids = async (q: any) => (await db.collection('items').where(q).get()).data.map((d: any) => d._id).sort();
      assert.deepEqual(await ids({ t: _.elemMatch({ v: _.exists(true) }) }), ['docs']);
      assert.deepEqual(await ids({ t: _.elemMatch({ v: _.gt(0) }) }), ['docs']);
      assert.deepEqual(await ids({ t: _.elemMatch({ w: _.gte(1) }) }), ['docs', 'mixed']);
      // An operator-only condition applies to the elements themselves, scalars included.
      assert.deepEqual(await ids({ t: _.elemMatch(_.gt(2)) }), ['mixed', 'nums']);
    });
  });

  describe('13. $substr / $substrBytes with a negative length read to the end', () => {
    test('aggregation project with length -1', async () => {
      await db.collection('items').add({ _id: 's', s: 'abcdef' });
      const $ = db.command.aggregate;
      const res = await db.collection('items').aggregate()
        .project({ a: $.substr(['$s', 2, -1]), b: $.substrBytes(['$s', 1, -1]), c: $.substrBytes(['$s', 1, 2]) })
        .end();
      assert.deepEqual(res.data, [{ _id: 's', a: 'cdef', b: 'bcdef', c: 'bc' }]);
    });
  });

  describe('14. $week counts weeks starting on Sunday', () => {
    test('2019-05-14 is week 19; a Saturday before the first Sunday is week 0', async () => {
      await db.collection('items').add([
        { _id: 'a', d: new Date('2019-05-14T00:00:00Z') },
        { _id: 'b', d: new Date('2022-01-01T20:00:00Z') },
        { _id: 'c', d: new Date('2022-01-02T00:00:00Z') },
      ]);
      const $ = db.command.aggregate;
      const res = await db.collection('items').aggregate()
        .project({ _id: 1, w: $.week('$d'), cn: $.week({ date: '$d', timezone: 'Asia/Shanghai' }) })
        .sort({ _id: 1 })
        .end();
      assert.deepEqual(res.data, [
        { _id: 'a', w: 19, cn: 19 },
        { _id: 'b', w: 0, cn: 1 },
        { _id: 'c', w: 1, cn: 1 },
      ]);
    });
  });

  describe('12. $indexOfCP in aggregation', () => {
    test('code-point index, with start and end, -1 when absent, null for a missing string', async () => {
      await db.collection('items').add([{ _id: 'a', s: '红色园区cafe' }, { _id: 'b' }]);
      const $ = db.command.aggregate;
      const res = await db.collection('items').aggregate()
        .project({ i: $.indexOfCP(['$s', 'cafe']), j: $.indexOfCP(['$s', '园区', 3]), k: $.indexOfCP(['$s', '色', 0, 1]), n: $.indexOfCP(['$s', 'x']) })
        .sort({ _id: 1 })
        .end();
      assert.deepEqual(res.data, [
        { _id: 'a', i: 4, j: -1, k: -1, n: -1 },
        { _id: 'b', i: null, j: null, k: null, n: null },
      ]);
    });
  });
  describe('11. projection $slice cuts arrays', () => {
    beforeEach(async () => {
      await db.collection('items').add([
        { _id: 'a', tags: ['t1', 't2', 't3', 't4'], n: 1, inner: { list: [1, 2, 3] } },
        { _id: 'b', tags: 'not an array', n: 2 },
      ]);
    });
    const get = async (proj: any) => (await db.collection('items').orderBy('_id', 'asc').field(proj).get()).data;

    test('alone, it keeps every other field', async () => {
      assert.deepEqual(await get({ tags: _.project.slice(1) }), [
        { _id: 'a', tags: ['t1'], n: 1, inner: { list: [1, 2, 3] } },
        { _id: 'b', tags: 'not an array', n: 2 },
      ]);
    });

    test('negative counts take the last elements; [skip, n] skips first', async () => {
      assert.deepEqual((await get({ tags: _.project.slice(-2) }))[0].tags, ['t3', 't4']);
      assert.deepEqual((await get({ tags: _.project.slice([1, 2]) }))[0].tags, ['t2', 't3']);
      assert.deepEqual((await get({ tags: _.project.slice([-3, 2]) }))[0].tags, ['t2', 't3']);
      assert.deepEqual((await get({ 'inner.list': _.project.slice(-1) }))[0].inner, { list: [3] });
    });

    test('with inclusions, only those fields and the sliced one come back', async () => {
      assert.deepEqual(await get({ n: true, tags: _.project.slice(2) }), [
        { _id: 'a', n: 1, tags: ['t1', 't2'] },
        { _id: 'b', n: 2, tags: 'not an array' },
      ]);
    });
  });
  describe('10. _.jsonSchema in queries', () => {
    beforeEach(async () => {
      await db.collection('items').add([
        { _id: 'a', x: 1, name: 'ab' },
        { _id: 'b', y: 2, name: 'abc' },
        { _id: 'c', x: 'str', name: 'a' },
      ]);
    });
    const ids = async (q: any) => (await db.collection('items').where(q).get()).data.map((d: any) => d._id).sort();

    test('required, properties with bsonType and lengths', async () => {
      assert.deepEqual(await ids(_.jsonSchema({ required: ['x'] })), ['a', 'c']);
      assert.deepEqual(await ids(_.jsonSchema({ required: ['x'], properties: { x: { bsonType: 'int' } } })), ['a']);
      assert.deepEqual(await ids(_.jsonSchema({ properties: { name: { bsonType: 'string', minLength: 2, maxLength: 3 } } })), ['a', 'b']);
      assert.deepEqual(await ids(_.jsonSchema({ properties: { x: { enum: [1, 'str'] } }, additionalProperties: true })), ['a', 'b', 'c']);
    });

    test('inside $nor, and combined with other conditions', async () => {
      assert.deepEqual(await ids(_.nor([_.jsonSchema({ required: ['x'] })])), ['b']);
      assert.deepEqual(await ids(_.and([_.jsonSchema({ required: ['x'] }), { name: 'a' }])), ['c']);
      assert.equal((await db.collection('items').where(_.jsonSchema({ required: ['y'] })).count()).total, 1);
    });

    test('an unsupported keyword is refused', async () => {
      await expectCode(db.collection('items').where(_.jsonSchema({ $ref: '#/x' } as any)).get(), 'INVALID_PARAM');
    });
  });
  describe('15. geo queries: points and polygons, 2dsphere semantics, metres', () => {
    // Around 116.4°E 39.9°N one thousandth of a degree of longitude is about 85.4 m.
    beforeEach(async () => {
      const G = db.Geo as any; // the SDK's typings name Point only
      await db.collection('items').add([
        { _id: 'A', kind: 'place', loc: new G.Point(116.4, 39.9) },
        { _id: 'B', kind: 'place', loc: new G.Point(116.401, 39.9) },
        { _id: 'C', kind: 'other', loc: new G.Point(116.41, 39.9) },
        { _id: 'D', kind: 'place', loc: new G.Point(116.5, 39.9) },
        {
          _id: 'P', kind: 'place',
          loc: new G.Polygon([new G.LineString([new G.Point(116.404, 39.899), new G.Point(116.406, 39.899), new G.Point(116.406, 39.901), new G.Point(116.404, 39.901), new G.Point(116.404, 39.899)])]),
        },
        { _id: 'none', kind: 'place' },
      ]);
    });
    const ids = async (q: any) => (await db.collection('items').where(q).get()).data.map((d: any) => d._id);
    const here = () => new db.Geo.Point(116.4, 39.9);

    test('geoNear returns the nearest first, within max and min distance in metres', async () => {
      assert.deepEqual(await ids({ loc: _.geoNear({ geometry: here(), maxDistance: 1000 }) }), ['A', 'B', 'P', 'C']);
      assert.deepEqual(await ids({ loc: _.geoNear({ geometry: here(), maxDistance: 1000, minDistance: 100 }) }), ['P', 'C']);
      assert.deepEqual(await ids({ loc: _.geoNear({ geometry: here(), maxDistance: 84 }) }), ['A']);
      assert.deepEqual(await ids({ loc: _.geoNear({ geometry: here(), maxDistance: 86 }) }), ['A', 'B']);
      assert.deepEqual(await ids({ kind: 'place', loc: _.geoNear({ geometry: here() }) }), ['A', 'B', 'P', 'D']);
      // An explicit order wins over distance; skip and limit page the nearest-first list.
      const sorted = await db.collection('items').where({ loc: _.geoNear({ geometry: here(), maxDistance: 1000 }) }).orderBy('_id', 'desc').get();
      assert.deepEqual(sorted.data.map((d: any) => d._id), ['P', 'C', 'B', 'A']);
      const page = await db.collection('items').where({ loc: _.geoNear({ geometry: here() }) }).skip(1).limit(2).get();
      assert.deepEqual(page.data.map((d: any) => d._id), ['B', 'P']);
    });

    test('geoWithin a polygon: points inside, and a polygon wholly inside', async () => {
      const G = db.Geo as any; // the SDK's typings name Point only
      const area = new G.Polygon([new G.LineString([new G.Point(116.399, 39.898), new G.Point(116.407, 39.898), new G.Point(116.407, 39.902), new G.Point(116.399, 39.902), new G.Point(116.399, 39.898)])]);
      assert.deepEqual((await ids({ loc: _.geoWithin({ geometry: area }) })).sort(), ['A', 'B', 'P']);
      const narrow = new G.Polygon([new G.LineString([new G.Point(116.399, 39.898), new G.Point(116.405, 39.898), new G.Point(116.405, 39.902), new G.Point(116.399, 39.902), new G.Point(116.399, 39.898)])]);
      assert.deepEqual((await ids({ loc: _.geoWithin({ geometry: narrow }) })).sort(), ['A', 'B']);
      const both = new G.MultiPolygon([narrow, new G.Polygon([new G.LineString([new G.Point(116.49, 39.89), new G.Point(116.51, 39.89), new G.Point(116.51, 39.91), new G.Point(116.49, 39.89)])])]);
      assert.deepEqual((await ids({ loc: _.geoWithin({ geometry: both }) })).sort(), ['A', 'B', 'D']);
    });

    test('geoWithin a centerSphere (radius in radians of the earth)', async () => {
      const radians = (m: number) => m / 6378100;
      assert.deepEqual((await ids({ loc: _.geoWithin({ centerSphere: [here(), radians(500)] }) })).sort(), ['A', 'B']);
      assert.deepEqual((await ids({ loc: _.geoWithin({ centerSphere: [[116.4, 39.9], radians(1000)] }) })).sort(), ['A', 'B', 'C', 'P']);
    });

    test('geoIntersects: a polygon crossing the stored polygon, a point inside it', async () => {
      const G = db.Geo as any; // the SDK's typings name Point only
      const crossing = new G.Polygon([new G.LineString([new G.Point(116.405, 39.8), new G.Point(116.407, 39.8), new G.Point(116.407, 39.95), new G.Point(116.405, 39.95), new G.Point(116.405, 39.8)])]);
      assert.deepEqual(await ids({ loc: _.geoIntersects({ geometry: crossing }) }), ['P']);
      assert.deepEqual(await ids({ loc: _.geoIntersects({ geometry: new G.Point(116.405, 39.9) }) }), ['P']);
    });

    test('the aggregation stage geoNear adds the distance in metres, nearest first', async () => {
      const res = await db.collection('items').aggregate()
        .geoNear({ near: here(), spherical: true, distanceField: 'distance', maxDistance: 1000, query: { kind: 'place' }, key: 'loc' })
        .project({ _id: 1, distance: 1 })
        .end();
      const list = res.data as { _id: string; distance: number }[];
      assert.deepEqual(list.map((d) => d._id), ['A', 'B', 'P']);
      assert.equal(list[0]!.distance, 0);
      assert.ok(Math.abs(list[1]!.distance - 85.4) < 0.5, `B is ${list[1]!.distance} m away`);
      assert.ok(Math.abs(list[2]!.distance - 341.6) < 1, `P is ${list[2]!.distance} m away`);
    });
  });
});
