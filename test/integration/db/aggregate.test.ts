// Aggregation pipelines through collection.aggregate()...end().
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { clear, readAll, SUITE_TIMEOUT, type Db } from './helpers';

const CUSTOMERS = [
  { _id: 'c1', name: 'Ann', city: 'SZ' },
  { _id: 'c2', name: 'Bob', city: 'GZ' },
  { _id: 'c3', name: 'Cat', city: 'SZ' },
];
const ORDERS = [
  { _id: 'o1', customer: 'c1', amount: 10, items: ['a', 'b'], day: 1 },
  { _id: 'o2', customer: 'c1', amount: 20, items: ['b'], day: 2 },
  { _id: 'o3', customer: 'c2', amount: 5, items: [], day: 3 },
  { _id: 'o4', customer: 'c3', amount: 7.5, items: ['a', 'c', 'a'], day: 4 },
];

describe('aggregate', () => {
  let emu: EmulatorHandle;
  let db: Db;
  let _: Db['command'];
  let $: Db['command']['aggregate'];

  const orders = () => db.collection('orders').aggregate();

  beforeAll(async () => {
    emu = await startEmulator();
    db = emu.app().database();
    _ = db.command;
    $ = db.command.aggregate;
    await clear(db, 'orders');
    await clear(db, 'customers');
    await db.collection('customers').add(CUSTOMERS);
    await db.collection('orders').add(ORDERS);
  });
  afterAll(async () => {
    await emu?.stop();
  });

  test('$match filters documents', async () => {
    const res = await orders().match({ amount: _.gte(10) }).end();
    assert.deepEqual(
      (res.data as any[]).map((d) => d._id).sort(),
      ['o1', 'o2'],
    );
  });

  test('$match with nested logic and $sort', async () => {
    const res = await orders()
      .match(_.or([{ customer: 'c2' }, { amount: _.gt(15) }]))
      .sort({ amount: -1 })
      .end();
    assert.deepEqual((res.data as any[]).map((d) => d._id), ['o2', 'o3']);
  });

  test('$project includes fields (and _id by default) or excludes _id', async () => {
    const res = await orders().match({ _id: 'o1' }).project({ amount: 1 }).end();
    assert.deepEqual(res.data, [{ _id: 'o1', amount: 10 }]);
    const noId = await orders().match({ _id: 'o1' }).project({ _id: 0, customer: 1, day: 1 }).end();
    assert.deepEqual(noId.data, [{ customer: 'c1', day: 1 }]);
  });

  test('$project with expressions', async () => {
    const res = await orders()
      .match({ _id: 'o4' })
      .project({ _id: 0, double: $.multiply(['$amount', 2]), n: $.size('$items') })
      .end();
    assert.deepEqual(res.data, [{ double: 15, n: 3 }]);
  });

  test('$addFields adds computed fields and keeps the rest', async () => {
    const res = await orders().match({ _id: 'o2' }).addFields({ plusOne: $.add(['$amount', 1]), tag: 'x' }).end();
    assert.deepEqual(res.data, [{ ...ORDERS[1], plusOne: 21, tag: 'x' }]);
  });

  test('$group with $sum $avg $min $max $push $first $last', async () => {
    const res = await orders()
      .sort({ day: 1 })
      .group({
        _id: '$customer',
        total: $.sum('$amount'),
        count: $.sum(1),
        avg: $.avg('$amount'),
        min: $.min('$amount'),
        max: $.max('$amount'),
        amounts: $.push('$amount'),
        first: $.first('$day'),
        last: $.last('$day'),
      })
      .sort({ _id: 1 })
      .end();
    assert.deepEqual(res.data, [
      { _id: 'c1', total: 30, count: 2, avg: 15, min: 10, max: 20, amounts: [10, 20], first: 1, last: 2 },
      { _id: 'c2', total: 5, count: 1, avg: 5, min: 5, max: 5, amounts: [5], first: 3, last: 3 },
      { _id: 'c3', total: 7.5, count: 1, avg: 7.5, min: 7.5, max: 7.5, amounts: [7.5], first: 4, last: 4 },
    ]);
  });

  test('$group by a compound key with an expression, then $sort on two keys', async () => {
    const res = await orders()
      .group({ _id: { customer: '$customer', big: $.gte(['$amount', 10]) }, n: $.sum(1) })
      .sort({ '_id.big': -1, '_id.customer': 1 })
      .end();
    assert.deepEqual(res.data, [
      { _id: { customer: 'c1', big: true }, n: 2 },
      { _id: { customer: 'c2', big: false }, n: 1 },
      { _id: { customer: 'c3', big: false }, n: 1 },
    ]);
  });

  test('$group with _id null and $addToSet', async () => {
    const res = await orders().group({ _id: null, customers: $.addToSet('$customer'), total: $.sum('$amount') }).end();
    assert.equal(res.data.length, 1);
    const row = res.data[0] as any;
    assert.equal(row._id, null);
    assert.equal(row.total, 42.5);
    assert.deepEqual([...row.customers].sort(), ['c1', 'c2', 'c3']);
  });

  test('$sort, $skip, $limit', async () => {
    const res = await orders().sort({ amount: 1 }).skip(1).limit(2).project({ amount: 1 }).end();
    assert.deepEqual(res.data, [
      { _id: 'o4', amount: 7.5 },
      { _id: 'o1', amount: 10 },
    ]);
  });

  test('$unwind emits one document per array element and drops empty arrays', async () => {
    const res = await orders().unwind('$items').project({ items: 1 }).end();
    const pairs = (res.data as any[]).map((d) => `${d._id}:${d.items}`).sort();
    assert.deepEqual(pairs, ['o1:a', 'o1:b', 'o2:b', 'o4:a', 'o4:a', 'o4:c']);
  });

  test('$unwind then $group counts items', async () => {
    const res = await orders()
      .unwind('$items')
      .group({ _id: '$items', n: $.sum(1) })
      .sort({ n: -1, _id: 1 })
      .end();
    assert.deepEqual(res.data, [
      { _id: 'a', n: 3 },
      { _id: 'b', n: 2 },
      { _id: 'c', n: 1 },
    ]);
  });

  test('$lookup joins orders to customers', async () => {
    const res = await orders()
      .lookup({ from: 'customers', localField: 'customer', foreignField: '_id', as: 'cust' })
      .sort({ _id: 1 })
      .end();
    const rows = res.data as any[];
    assert.equal(rows.length, 4);
    assert.deepEqual(rows[0].cust, [CUSTOMERS[0]]);
    assert.deepEqual(rows[2].cust, [CUSTOMERS[1]]);
    assert.deepEqual(rows[3].cust, [CUSTOMERS[2]]);
    assert.equal(rows[0].amount, 10, 'the order fields are kept');
  });

  test('$lookup then $unwind and $group by customer city', async () => {
    const res = await orders()
      .lookup({ from: 'customers', localField: 'customer', foreignField: '_id', as: 'cust' })
      .unwind('$cust')
      .group({ _id: '$cust.city', total: $.sum('$amount') })
      .sort({ _id: 1 })
      .end();
    assert.deepEqual(res.data, [
      { _id: 'GZ', total: 5 },
      { _id: 'SZ', total: 37.5 },
    ]);
  });

  test('$count', async () => {
    const res = await orders().match({ amount: _.lt(15) }).count('n').end();
    assert.deepEqual(res.data, [{ n: 3 }]);
  });

  test('$sample size n returns n distinct documents of the collection', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await orders().sample({ size: 2 }).end();
      const got = (res.data as any[]).map((d) => d._id);
      assert.equal(got.length, 2);
      assert.equal(new Set(got).size, 2, 'distinct documents');
      for (const id of got) assert.ok(['o1', 'o2', 'o3', 'o4'].includes(id));
      const full = (res.data as any[]).find((d) => d._id === got[0]);
      assert.deepEqual(full, ORDERS.find((o) => o._id === got[0]), 'whole documents are returned');
    }
    const more = await orders().sample({ size: 10 }).end();
    assert.equal(more.data.length, 4, 'a sample larger than the collection returns every document once');
  });

  test('aggregate does not modify the collection', async () => {
    assert.deepEqual(await readAll(db, 'orders'), ORDERS);
  });
});
