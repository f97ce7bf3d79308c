// Index use, observed through the emulator's counters (/_emulator/stats): an indexed query examines
// only the documents it returns; an unindexed one examines the whole collection.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { clear, ids, SUITE_TIMEOUT, type Db } from './helpers';

const N = 500;
const CITIES = ['X', 'Y', 'Z', 'W', 'V'];
const people = Array.from({ length: N }, (_v, i) => ({
  _id: `p${String(i).padStart(3, '0')}`,
  name: `person ${i}`,
  age: i % 50,
  city: CITIES[i % 5]!,
  tags: [`t${i % 7}`, `u${i % 11}`],
  address: { zip: `z${i % 25}`, street: `street ${i}` },
}));

describe('indexes', () => {
  let emu: EmulatorHandle;
  let db: Db;
  let _: Db['command'];

  /** Run a query and return its documents and the counters it produced. */
  async function measure(run: () => Promise<{ data: any[] }>) {
    await emu.resetStats();
    const zero = await emu.stats();
    assert.equal(zero.docsExamined, 0, 'resetStats zeroes docsExamined');
    assert.equal(zero.docsReturned, 0, 'resetStats zeroes docsReturned');
    const res = await run();
    const stats = await emu.stats();
    return { data: res.data, stats };
  }

  beforeAll(async () => {
    emu = await startEmulator();
    db = emu.app().database();
    _ = db.command;
    await clear(db, 'people');
    for (let i = 0; i < N; i += 100) await db.collection('people').add(people.slice(i, i + 100));
  });
  afterAll(async () => {
    await emu?.stop();
  });

  test('the fixture has 500 people', async () => {
    assert.equal((await db.collection('people').count()).total, N);
  });

  test('equality on an indexed field examines only the matching documents', async () => {
    const expected = people.filter((p) => p.age === 30).map((p) => p._id);
    const { data, stats } = await measure(() => db.collection('people').where({ age: 30 }).get());
    assert.deepEqual(ids(data), expected);
    assert.equal(stats.docsReturned, expected.length);
    assert.equal(stats.docsExamined, expected.length, `examined ${stats.docsExamined} for ${expected.length} matches`);
    assert.ok(stats.requests >= 1);
  });

  test('a query on an unindexed field examines every document', async () => {
    const { data, stats } = await measure(() => db.collection('people').where({ name: 'person 7' }).get());
    assert.deepEqual(ids(data), ['p007']);
    assert.equal(stats.docsReturned, 1);
    assert.equal(stats.docsExamined, N);
  });

  test('a range on an indexed field examines only the range', async () => {
    const expected = people.filter((p) => p.age >= 45).map((p) => p._id);
    const { data, stats } = await measure(() => db.collection('people').where({ age: _.gte(45) }).limit(1000).get());
    assert.deepEqual(ids(data), expected);
    assert.equal(stats.docsExamined, expected.length);
  });

  test('a strict range ($gt / $lt) on an indexed field does not examine the boundary value', async () => {
    const gt = people.filter((p) => p.age > 45).map((p) => p._id);
    const r1 = await measure(() => db.collection('people').where({ age: _.gt(45) }).limit(1000).get());
    assert.deepEqual(ids(r1.data), gt);
    assert.equal(r1.stats.docsExamined, gt.length, `$gt 45 examined ${r1.stats.docsExamined} for ${gt.length}`);

    const lt = people.filter((p) => p.age < 3).map((p) => p._id);
    const r2 = await measure(() => db.collection('people').where({ age: _.lt(3) }).limit(1000).get());
    assert.deepEqual(ids(r2.data), lt);
    assert.equal(r2.stats.docsExamined, lt.length, `$lt 3 examined ${r2.stats.docsExamined} for ${lt.length}`);
  });

  test('an indexed equality with a limit examines only limit documents', async () => {
    const { data, stats } = await measure(() => db.collection('people').where({ age: 3 }).limit(2).get());
    assert.equal(data.length, 2);
    assert.equal(stats.docsExamined, 2);
  });

  test('compound index: city equality plus age range', async () => {
    const expected = people.filter((p) => p.city === 'X' && p.age > 30).map((p) => p._id);
    assert.ok(expected.length > 0);
    const { data, stats } = await measure(() =>
      db.collection('people').where({ city: 'X', age: _.gt(30) }).get(),
    );
    assert.deepEqual(ids(data), expected);
    assert.equal(stats.docsExamined, expected.length);
  });

  test('a nested indexed field (address.zip), by dot path and by nested object', async () => {
    const expected = people.filter((p) => p.address.zip === 'z3').map((p) => p._id);
    const dotted = await measure(() => db.collection('people').where({ 'address.zip': 'z3' }).get());
    assert.deepEqual(ids(dotted.data), expected);
    assert.equal(dotted.stats.docsExamined, expected.length);

    const nested = await measure(() => db.collection('people').where({ address: { zip: 'z3' } }).get());
    assert.deepEqual(ids(nested.data), expected);
    assert.equal(nested.stats.docsExamined, expected.length);
  });

  test('a multikey index (tags) finds array elements and examines each match once', async () => {
    const expected = people.filter((p) => p.tags.includes('t3')).map((p) => p._id);
    const { data, stats } = await measure(() => db.collection('people').where({ tags: 't3' }).get());
    assert.deepEqual(ids(data), expected);
    assert.equal(stats.docsExamined, expected.length);

    const both = people.filter((p) => p.tags.includes('t3') || p.tags.includes('u4')).map((p) => p._id);
    const res = await measure(() => db.collection('people').where({ tags: _.in(['t3', 'u4']) }).limit(1000).get());
    assert.deepEqual(ids(res.data), both);
    assert.equal(res.stats.docsExamined, both.length, 'a document matching two keys is examined once');
  });

  test('orderBy on an indexed field with a limit reads only the first documents', async () => {
    const { data, stats } = await measure(() => db.collection('people').orderBy('age', 'desc').limit(5).get());
    assert.equal(data.length, 5);
    for (const d of data) assert.equal(d.age, 49);
    assert.equal(stats.docsReturned, 5);
    assert.equal(stats.docsExamined, 5);
  });

  test('count() on an indexed equality does not scan the collection', async () => {
    await emu.resetStats();
    const { total } = await db.collection('people').where({ age: 7 }).count();
    const stats = await emu.stats();
    assert.equal(total, 10);
    assert.ok(stats.docsExamined <= 10, `examined ${stats.docsExamined}`);
  });

  test('index results agree with a full scan after updates and deletes', async () => {
    await db.collection('people').doc('p030').update({ age: 99, tags: ['moved'] });
    try {
      const byAge = await db.collection('people').where({ age: 30 }).get();
      assert.ok(!ids(byAge.data).includes('p030'), 'the old index entry is gone');
      const moved = await db.collection('people').where({ age: 99 }).get();
      assert.deepEqual(ids(moved.data), ['p030']);
      const byTag = await db.collection('people').where({ tags: 'moved' }).get();
      assert.deepEqual(ids(byTag.data), ['p030']);
      const oldTag = await db.collection('people').where({ tags: 't2' }).limit(1000).get();
      assert.ok(!ids(oldTag.data).includes('p030'));
    } finally {
      const { _id, ...rest } = people[30]!;
      await db.collection('people').doc(_id).set(rest);
    }
  });
});
