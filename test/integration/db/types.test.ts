// BSON types round-trip exactly: int vs double vs long on the wire, Date, serverDate, RegExp,
// Geo points, null, nested arrays, CJK/emoji text, empty containers, booleans.
import { describe, test, beforeAll, afterAll, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { clear, readDoc, wireDoc, rawGetById, SUITE_TIMEOUT, type Db } from './helpers';

describe('types', () => {
  let emu: EmulatorHandle;
  let db: Db;
  let _: Db['command'];

  const wire = async (id: string) => wireDoc(await emu.raw(rawGetById('items', id)));
  const read = (id: string) => readDoc(db, 'items', id);

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

  describe('numbers on the wire', () => {
    test('1 is stored as int32 and 1.5 as double', async () => {
      await db.collection('items').add({ _id: 'n', i: 1, d: 1.5, neg: -7, zero: 0 });
      const w = await wire('n');
      assert.deepEqual(w.i, { $numberInt: '1' });
      assert.deepEqual(w.d, { $numberDouble: '1.5' });
      assert.deepEqual(w.neg, { $numberInt: '-7' });
      assert.deepEqual(w.zero, { $numberInt: '0' });
      assert.deepEqual(await read('n'), { _id: 'n', i: 1, d: 1.5, neg: -7, zero: 0 });
    });

    test('_.inc(1) keeps an int an int; _.inc(0.5) makes it a double', async () => {
      await db.collection('items').add({ _id: 'inc', a: 1, b: 1 });
      await db.collection('items').doc('inc').update({ a: _.inc(1), b: _.inc(0.5) });
      const w = await wire('inc');
      assert.deepEqual(w.a, { $numberInt: '2' });
      assert.deepEqual(w.b, { $numberDouble: '1.5' });
    });

    test('a double that becomes integral stays a double (1.5 + 0.5 = 2.0)', async () => {
      await db.collection('items').add({ _id: 'dd', d: 1.5 });
      await db.collection('items').doc('dd').update({ d: _.inc(0.5) });
      const w = await wire('dd');
      assert.deepEqual(w.d, { $numberDouble: '2.0' });
      assert.equal((await read('dd')).d, 2);
    });

    test('_.mul of ints stays int; int times double is double', async () => {
      await db.collection('items').add({ _id: 'mul', a: 3, b: 3 });
      await db.collection('items').doc('mul').update({ a: _.mul(2), b: _.mul(0.5) });
      const w = await wire('mul');
      assert.deepEqual(w.a, { $numberInt: '6' });
      assert.deepEqual(w.b, { $numberDouble: '1.5' });
    });

    test('integers beyond int32 are stored as int64 and read back exactly', async () => {
      await db.collection('items').add({ _id: 'big', v: 2 ** 40, neg: -(2 ** 40) });
      const w = await wire('big');
      assert.deepEqual(w.v, { $numberLong: '1099511627776' });
      assert.deepEqual(w.neg, { $numberLong: '-1099511627776' });
      assert.deepEqual(await read('big'), { _id: 'big', v: 2 ** 40, neg: -(2 ** 40) });
    });

    test('int32 overflow under _.inc widens to int64 (MongoDB semantics)', async () => {
      await db.collection('items').add({ _id: 'ovf', v: 2147483647 });
      await db.collection('items').doc('ovf').update({ v: _.inc(1) });
      assert.deepEqual((await wire('ovf')).v, { $numberLong: '2147483648' });
      assert.equal((await read('ovf')).v, 2147483648);
    });

    test('int64 + int stays int64', async () => {
      await db.collection('items').add({ _id: 'l', v: 2 ** 40 });
      await db.collection('items').doc('l').update({ v: _.inc(1) });
      assert.deepEqual((await wire('l')).v, { $numberLong: '1099511627777' });
    });

    test('numeric equality across int/long/double in queries', async () => {
      await db.collection('items').add([
        { _id: 'ti', v: 5 },
        { _id: 'td', v: 5.5 },
        { _id: 'tl', v: 2 ** 40 },
      ]);
      const r = await db.collection('items').where({ v: _.gte(5) }).orderBy('v', 'asc').get();
      assert.deepEqual(r.data.map((d: any) => d._id), ['ti', 'td', 'tl']);
      const eq = await db.collection('items').where({ v: 2 ** 40 }).get();
      assert.deepEqual(eq.data.map((d: any) => d._id), ['tl']);
    });
  });

  describe('dates', () => {
    test('a JS Date comes back as a Date with the same milliseconds', async () => {
      const when = new Date('2026-07-01T08:30:15.123Z');
      await db.collection('items').add({ _id: 'dt', when, nested: { list: [when] } });
      const doc = await read('dt');
      assert.ok(doc.when instanceof Date);
      assert.equal(doc.when.getTime(), when.getTime());
      assert.ok(doc.nested.list[0] instanceof Date);
      assert.equal(doc.nested.list[0].getTime(), when.getTime());
      assert.deepEqual((await wire('dt')).when, { $date: { $numberLong: String(when.getTime()) } });
    });

    test('dates compare chronologically in queries and sorting', async () => {
      await db.collection('items').add([
        { _id: 'd1', t: new Date('2026-01-01T00:00:00Z') },
        { _id: 'd2', t: new Date('2026-03-01T00:00:00Z') },
        { _id: 'd3', t: new Date('2025-12-31T23:59:59Z') },
      ]);
      const r = await db.collection('items').where({ t: _.gte(new Date('2026-01-01T00:00:00Z')) }).orderBy('t', 'desc').get();
      assert.deepEqual(r.data.map((d: any) => d._id), ['d2', 'd1']);
    });

    test('db.serverDate() resolves to the server time and comes back as a Date', async () => {
      const before = Date.now();
      await db.collection('items').add({ _id: 'sd', at: db.serverDate(), later: db.serverDate({ offset: 3600000 }) });
      const after = Date.now();
      const doc = await read('sd');
      assert.ok(doc.at instanceof Date, `at should be a Date, got ${JSON.stringify(doc.at)}`);
      assert.ok(doc.later instanceof Date);
      assert.ok(doc.at.getTime() >= before - 5000 && doc.at.getTime() <= after + 5000, 'within a few seconds of now');
      const diff = doc.later.getTime() - doc.at.getTime();
      assert.ok(Math.abs(diff - 3600000) < 1000, `offset applied (diff ${diff})`);
      const w = await wire('sd');
      assert.ok(w.at.$date, 'stored as a BSON date, not as the $tcb_server_date marker');
    });

    test('db.serverDate() in an update and in a query', async () => {
      await db.collection('items').add({ _id: 'su', at: new Date(0) });
      await db.collection('items').doc('su').update({ at: db.serverDate() });
      const doc = await read('su');
      assert.ok(doc.at instanceof Date);
      assert.ok(Math.abs(doc.at.getTime() - Date.now()) < 10_000);
      const r = await db.collection('items').where({ at: _.lte(db.serverDate({ offset: 60_000 })) }).get();
      assert.deepEqual(r.data.map((d: any) => d._id), ['su']);
    });
  });

  describe('other values', () => {
    test('db.RegExp is stored as a BSON regular expression value', async () => {
      await db.collection('items').add({ _id: 're', pattern: db.RegExp({ regexp: '^党员', options: 'i' }) });
      const w = await wire('re');
      assert.deepEqual(w.pattern, { $regularExpression: { pattern: '^党员', options: 'i' } });
      // The SDK's reply formatter turns the BSON regex into a plain {pattern, options} object.
      assert.deepEqual({ ...(await read('re')).pattern }, { pattern: '^党员', options: 'i' });
    });

    test('a Geo Point round-trips as GeoJSON and the SDK gives back a Geo.Point', async () => {
      await db.collection('items').add({ _id: 'geo', loc: new db.Geo.Point(113.3, 23.1) });
      const w = await wire('geo');
      assert.equal(w.loc.type, 'Point');
      assert.deepEqual(w.loc.coordinates, [{ $numberDouble: '113.3' }, { $numberDouble: '23.1' }]);
      const doc = await read('geo');
      assert.ok(doc.loc instanceof db.Geo.Point);
      assert.equal(doc.loc.longitude, 113.3);
      assert.equal(doc.loc.latitude, 23.1);
    });

    test('null, booleans, empty object and array, nested arrays of arrays', async () => {
      const value = {
        _id: 'misc',
        nothing: null,
        yes: true,
        no: false,
        emptyObj: {},
        emptyArr: [],
        grid: [[1, 2], [3, [4, [5]]], []],
        mixed: [1, 'two', { three: 3 }, [4], null, true, 2.5],
        deep: { a: { b: { c: { d: { e: 'deep' } } } } },
      };
      await db.collection('items').add(value);
      assert.deepEqual(await read('misc'), value);
      const w = await wire('misc');
      assert.equal(w.nothing, null);
      assert.equal(w.yes, true);
      assert.deepEqual(w.emptyObj, {});
      assert.deepEqual(w.emptyArr, []);
    });

    test('Chinese and emoji text, also in keys, round-trip exactly', async () => {
      const text = '党员先锋岗 🚩 — “红色园区” 𠮷';
      await db.collection('items').add({ _id: 'zh', text, 名称: '支部', list: ['🚩', '党'] });
      assert.deepEqual(await read('zh'), { _id: 'zh', text, 名称: '支部', list: ['🚩', '党'] });
      const r = await db.collection('items').where({ text }).get();
      assert.equal(r.data.length, 1);
      const r2 = await db.collection('items').where({ 名称: '支部' }).get();
      assert.equal(r2.data.length, 1);
    });

    test('field order of a document is preserved', async () => {
      await db.collection('items').add({ _id: 'ord', z: 1, a: 2, m: { y: 1, b: 2 } });
      const doc = await read('ord');
      assert.deepEqual(Object.keys(doc), ['_id', 'z', 'a', 'm']);
      assert.deepEqual(Object.keys(doc.m), ['y', 'b']);
    });

    test('long strings survive (1 MB)', async () => {
      const big = 'x'.repeat(1024 * 1024);
      await db.collection('items').add({ _id: 'long', big });
      assert.equal((await read('long')).big.length, big.length);
    });
  });
});
