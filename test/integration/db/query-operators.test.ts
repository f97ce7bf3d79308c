// Query operators (db.command), nested fields, arrays, regular expressions and logic,
// with MongoDB semantics (null matches missing, $ne/$nin/$not match missing fields, ...).
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { clear, ids, SUITE_TIMEOUT, type Db } from './helpers';

const DOCS = [
  {
    _id: 'q1', n: 1, s: 'apple', tags: ['red', 'fruit'], a: { b: { c: 1 } },
    items: [{ k: 'x', v: 1 }, { k: 'y', v: 5 }], scores: [3, 8], grid: [[1, 2], [3]],
  },
  { _id: 'q2', n: 2, s: 'Banana', tags: ['yellow', 'fruit'], a: { b: { c: 2 } }, items: [{ k: 'x', v: 7 }], scores: [5] },
  { _id: 'q3', n: 3, s: 'cherry', tags: ['red'], a: { b: { c: 3 } }, items: [], scores: [] },
  { _id: 'q4', n: 10, s: 'date', tags: [], a: { b: {} } },
  { _id: 'q5', n: null, s: 'elder' },
  { _id: 'q6', n: 2.5, s: 'fig', tags: ['fruit', 'red'] },
  { _id: 'q7', s: 'grape\n党员先锋岗 🚩' },
];

describe('query operators', () => {
  let emu: EmulatorHandle;
  let db: Db;
  let _: Db['command'];

  /** ids of the documents matching a where() condition */
  const find = async (query: object): Promise<string[]> => {
    const res = await db.collection('items').where(query).get();
    return ids(res.data);
  };

  beforeAll(async () => {
    emu = await startEmulator();
    db = emu.app().database();
    _ = db.command;
    await clear(db, 'items');
    await db.collection('items').add(DOCS);
  });
  afterAll(async () => {
    await emu?.stop();
  });

  test('the fixture is stored as inserted (reads below do not modify it)', async () => {
    const res = await db.collection('items').orderBy('_id', 'asc').get();
    assert.deepEqual(res.data, DOCS);
  });

  describe('comparison', () => {
    test('plain equality and _.eq', async () => {
      assert.deepEqual(await find({ n: 2 }), ['q2']);
      assert.deepEqual(await find({ n: _.eq(2) }), ['q2']);
      assert.deepEqual(await find({ s: 'fig' }), ['q6']);
    });

    test('int and double compare numerically (2 == 2.0, 2.5 between 2 and 3)', async () => {
      assert.deepEqual(await find({ n: _.gt(2).and(_.lt(3)) }), ['q6']);
      assert.deepEqual(await find({ n: 2.5 }), ['q6']);
    });

    test('_.neq matches documents where the field is missing or null too', async () => {
      assert.deepEqual(await find({ n: _.neq(2) }), ['q1', 'q3', 'q4', 'q5', 'q6', 'q7']);
    });

    test('_.gt / _.gte / _.lt / _.lte never match null or missing', async () => {
      assert.deepEqual(await find({ n: _.gt(2) }), ['q3', 'q4', 'q6']);
      assert.deepEqual(await find({ n: _.gte(2) }), ['q2', 'q3', 'q4', 'q6']);
      assert.deepEqual(await find({ n: _.lt(3) }), ['q1', 'q2', 'q6']);
      assert.deepEqual(await find({ n: _.lte(3) }), ['q1', 'q2', 'q3', 'q6']);
    });

    test('string comparison is lexicographic by code point', async () => {
      // 'B' (66) < 'a' (97)
      assert.deepEqual(await find({ s: _.lt('b') }), ['q1', 'q2']);
    });

    test('_.in / _.nin (nin matches missing fields; in [null] matches null and missing)', async () => {
      assert.deepEqual(await find({ n: _.in([1, 10]) }), ['q1', 'q4']);
      assert.deepEqual(await find({ n: _.nin([1, 2]) }), ['q3', 'q4', 'q5', 'q6', 'q7']);
      assert.deepEqual(await find({ n: _.in([null]) }), ['q5', 'q7']);
      assert.deepEqual(await find({ _id: _.in(['q1', 'q3', 'nope']) }), ['q1', 'q3']);
    });

    test('equality with null matches null and missing', async () => {
      assert.deepEqual(await find({ n: null }), ['q5', 'q7']);
    });

    test('_.exists', async () => {
      assert.deepEqual(await find({ n: _.exists(true) }), ['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
      assert.deepEqual(await find({ n: _.exists(false) }), ['q7']);
      assert.deepEqual(await find({ 'a.b.c': _.exists(true) }), ['q1', 'q2', 'q3']);
    });

    test('_.mod', async () => {
      assert.deepEqual(await find({ n: (_.mod as any)(3, 1) }), ['q1', 'q4']);
    });

    test('_.mod never matches null or a missing field', async () => {
      // n: null (q5) and no n (q7) must not match even though null % 2 == 0 in JavaScript.
      const got = await find({ n: (_.mod as any)(2, 0) });
      assert.ok(!got.includes('q5') && !got.includes('q7'), `got ${got}`);
    });

    test('_.mod truncates a double field value toward zero (2.5 -> 2)', async () => {
      assert.deepEqual(await find({ n: (_.mod as any)(2, 0) }), ['q2', 'q4', 'q6']);
    });
  });

  describe('nested fields', () => {
    test('dot path string keys', async () => {
      assert.deepEqual(await find({ 'a.b.c': _.gt(1) }), ['q2', 'q3']);
      assert.deepEqual(await find({ 'a.b.c': 1 }), ['q1']);
    });

    test('nested object form is flattened to dot paths', async () => {
      assert.deepEqual(await find({ a: { b: { c: _.gt(1) } } }), ['q2', 'q3']);
      assert.deepEqual(await find({ a: { b: { c: 1 } } }), ['q1']);
    });

    test('_.eq on an object matches the whole embedded document exactly', async () => {
      assert.deepEqual(await find({ a: _.eq({ b: { c: 1 } }) }), ['q1']);
      assert.deepEqual(await find({ a: _.eq({ b: {} }) }), ['q4']);
    });

    test('dot path into an array of objects matches any element', async () => {
      assert.deepEqual(await find({ 'items.k': 'y' }), ['q1']);
      assert.deepEqual(await find({ 'items.v': _.gt(6) }), ['q2']);
    });
  });

  describe('arrays', () => {
    test('a scalar matches an array field that contains it', async () => {
      assert.deepEqual(await find({ tags: 'red' }), ['q1', 'q3', 'q6']);
      assert.deepEqual(await find({ scores: _.gt(7) }), ['q1']);
    });

    test('an array value matches the whole array exactly (order matters)', async () => {
      assert.deepEqual(await find({ tags: ['red', 'fruit'] }), ['q1']);
      assert.deepEqual(await find({ tags: ['fruit', 'red'] }), ['q6']);
      assert.deepEqual(await find({ tags: _.eq([]) }), ['q4']);
    });

    test('an array of arrays matches an inner array as an element', async () => {
      assert.deepEqual(await find({ grid: [3] }), ['q1']);
      assert.deepEqual(await find({ grid: [[1, 2], [3]] }), ['q1']);
    });

    test('_.neq and _.nin on an array field mean "no element equals"', async () => {
      assert.deepEqual(await find({ tags: _.neq('red') }), ['q2', 'q4', 'q5', 'q7']);
      assert.deepEqual(await find({ tags: _.nin(['red', 'yellow']) }), ['q4', 'q5', 'q7']);
    });

    test('numeric positions in dot paths address array elements', async () => {
      assert.deepEqual(await find({ 'items.0.k': 'x' }), ['q1', 'q2']);
      assert.deepEqual(await find({ 'items.1': _.exists(true) }), ['q1']);
      assert.deepEqual(await find({ 'tags.0': 'red' }), ['q1', 'q3']);
    });

    test('_.all requires every value, in any order', async () => {
      assert.deepEqual(await find({ tags: _.all(['red', 'fruit']) }), ['q1', 'q6']);
      assert.deepEqual(await find({ tags: _.all(['yellow']) }), ['q2']);
    });

    test('_.size', async () => {
      assert.deepEqual(await find({ tags: _.size(2) }), ['q1', 'q2', 'q6']);
      assert.deepEqual(await find({ tags: _.size(0) }), ['q4']);
    });

    test('_.elemMatch on an array of objects requires one element to satisfy every condition', async () => {
      assert.deepEqual(await find({ items: _.elemMatch({ k: 'x', v: _.gt(5) }) }), ['q2']);
      assert.deepEqual(await find({ items: _.elemMatch({ k: 'y', v: _.lt(3) }) }), []);
      // Without elemMatch, conditions may be met by different elements.
      assert.deepEqual(await find({ 'items.k': 'y', 'items.v': _.lt(3) }), ['q1']);
    });

    test('_.elemMatch on an array of scalars', async () => {
      assert.deepEqual(await find({ scores: _.elemMatch(_.gt(6)) }), ['q1']);
      assert.deepEqual(await find({ scores: _.elemMatch(_.gte(5)) }), ['q1', 'q2']);
    });
  });

  describe('regular expressions', () => {
    test('db.RegExp with options i', async () => {
      assert.deepEqual(await find({ s: db.RegExp({ regexp: '^b', options: 'i' }) }), ['q2']);
      assert.deepEqual(await find({ s: db.RegExp({ regexp: 'an' }) }), ['q2']);
    });

    test('native RegExp literals', async () => {
      assert.deepEqual(await find({ s: /^b/ }), []);
      assert.deepEqual(await find({ s: /^[a-c]/ }), ['q1', 'q3']);
      assert.deepEqual(await find({ s: /^B/i }), ['q2']);
    });

    test('regular expressions inside _.in', async () => {
      assert.deepEqual(await find({ s: _.in([/^ap/, 'date']) }), ['q1', 'q4']);
    });

    test('regex matches elements of arrays and CJK text; multiline option m', async () => {
      assert.deepEqual(await find({ tags: /^yel/ }), ['q2']);
      assert.deepEqual(await find({ s: /先锋/ }), ['q7']);
      assert.deepEqual(await find({ s: /^党员/m }), ['q7']);
      assert.deepEqual(await find({ s: /^党员/ }), []);
    });
  });

  describe('logic', () => {
    test('_.and at top level', async () => {
      assert.deepEqual(await find(_.and([{ n: _.gt(1) }, { tags: 'red' }])), ['q3', 'q6']);
    });

    test('_.or at top level', async () => {
      assert.deepEqual(await find(_.or([{ n: 1 }, { s: 'fig' }])), ['q1', 'q6']);
    });

    test('_.nor at top level', async () => {
      assert.deepEqual(await find(_.nor([{ n: _.gt(2) }, { tags: 'fruit' }])), ['q5', 'q7']);
    });

    test('field-level .and() and .or() chains', async () => {
      assert.deepEqual(await find({ n: _.gt(1).and(_.lt(10)) }), ['q2', 'q3', 'q6']);
      assert.deepEqual(await find({ n: _.lt(2).or(_.gt(5)) }), ['q1', 'q4']);
    });

    test('nested logic: _.or of an _.and and a plain condition', async () => {
      assert.deepEqual(
        await find(_.or([_.and([{ n: _.gt(1) }, { n: _.lt(3) }]), { s: 'date' }])),
        ['q2', 'q4', 'q6'],
      );
    });

    test('_.not at field level also matches missing and null', async () => {
      assert.deepEqual(await find({ n: _.not(_.gt(2)) }), ['q1', 'q2', 'q5', 'q7']);
    });

    test('several fields in one where() are ANDed, and combine with logic operators', async () => {
      assert.deepEqual(await find({ tags: 'fruit', n: _.lt(2) }), ['q1']);
      assert.deepEqual(await find({ tags: 'red', n: _.lt(2).or(_.gt(2.9)) }), ['q1', 'q3']);
    });

    test('count() applies the same query', async () => {
      assert.equal((await db.collection('items').where({ tags: 'red' }).count()).total, 3);
      assert.equal((await db.collection('items').where(_.or([{ n: null }, { n: 1 }])).count()).total, 3);
    });
  });
});
