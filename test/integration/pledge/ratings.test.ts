// 评诺 (issue 17): colleagues rate fulfilled items in the park's rating window; one rating per rater and item, never
// their own; a rater's daily limit; the item's and the member's satisfaction; the secretary's breakdown. Anonymity:
// nothing the rated person can call ever names or identifies a rater.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { approvedItem, chinaClock, doc, refusedBy, startPledges } from './support.js';

const refused = refusedBy('pledge');

describe('评诺: ratings', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let item: string;
  let second: string;
  const wang = () => as(emu, park, '王芳');
  const li = () => as(emu, park, '李强');
  const zhao = () => as(emu, park, '赵敏');
  const chen = () => as(emu, park, '陈静');
  const zhang = () => as(emu, park, '张伟');
  const zhou = () => as(emu, park, '周涛');

  beforeAll(async () => {
    ({ emu, park } = await startPledges());
    item = await approvedItem(wang(), li(), '2026-11-30');
    second = await approvedItem(wang(), li(), '2026-11-30');
    await chinaClock(emu, '2026-11-20 10:00');
    for (const id of [item, second]) {
      await wang().ok('pledge', 'claim', { pledgeId: id, note: '已完成' });
      await li().ok('pledge', 'confirm', { pledgeId: id, fulfilled: true });
    }
  });
  afterAll(() => emu?.stop());

  test('only in the rating window (default December, China time)', async () => {
    await chinaClock(emu, '2026-11-30 23:59');
    await refused(emu, chen(), 'rate', { pledgeId: item, rating: 'satisfied' }, 'CONFLICT', /12月1日至12月31日/);
    const l = await chen().ok('pledge', 'rate.list', {});
    assert.deepEqual([l.open, l.items], [false, []]);
    await chinaClock(emu, '2026-12-01 00:00');
    const open = await chen().ok('pledge', 'rate.list', {});
    assert.equal(open.open, true);
    assert.deepEqual(open.items.map((p: any) => p.id).sort(), [item, second].sort());
    assert.ok(open.items.every((p: any) => p.can.rate));
  });

  test('colleagues rate once each, never their own; others of the park may not', async () => {
    const r = await chen().ok('pledge', 'rate', { pledgeId: item, rating: 'satisfied', comment: '带新人很耐心' });
    assert.deepEqual([r.pledge.ratings, r.pledge.myRating, r.pledge.can.rate], [{ satisfied: 1, basic: 0, unsatisfied: 0 }, 'satisfied', false]);
    await refused(emu, chen(), 'rate', { pledgeId: item, rating: 'unsatisfied' }, 'CONFLICT', /已经评价过/);
    // Two taps at once: one rating.
    const both = await Promise.all([zhao().call('pledge', 'rate', { pledgeId: item, rating: 'basic' }), zhao().call('pledge', 'rate', { pledgeId: item, rating: 'basic' })]);
    assert.equal(both.filter((x) => x.ok).length, 1);
    await li().ok('pledge', 'rate', { pledgeId: item, rating: 'unsatisfied', comment: '记录还可以更详细' });
    await refused(emu, wang(), 'rate', { pledgeId: item, rating: 'satisfied' }, 'FORBIDDEN', /自己/);
    await refused(emu, zhang(), 'rate', { pledgeId: item, rating: 'satisfied' }, 'FORBIDDEN', /同事/); // another branch and enterprise
    await refused(emu, chen(), 'rate', { pledgeId: second, rating: 'great' }, 'INVALID_INPUT');
    await refused(emu, chen(), 'rate', { pledgeId: second, rating: 'satisfied', comment: '【测试违规词】' }, 'CONTENT_RISKY');
    const stored = await doc(emu, 'pledges', item);
    assert.deepEqual(stored.ratings, { satisfied: 1, basic: 1, unsatisfied: 1 });
    const n = (await emu.app().database().collection('pledge_ratings').where({ pledgeId: item }).count()).total;
    assert.equal(n, 3);
  });

  test('the same enterprise counts as colleagues across branches', async () => {
    const db = emu.app().database();
    await db.collection('people').doc(park.ids.王芳).update({ enterpriseId: 'ent-2' });
    await db.collection('people').doc(park.ids.周涛).update({ enterpriseId: 'ent-2' });
    const third = await approvedItem(wang(), li(), '2026-12-31');
    await wang().ok('pledge', 'claim', { pledgeId: third, note: '完成' });
    await li().ok('pledge', 'confirm', { pledgeId: third, fulfilled: true });
    const r = await zhou().ok('pledge', 'rate', { pledgeId: third, rating: 'satisfied' });
    assert.equal(r.pledge.ratings.satisfied, 1);
    const breakdown = (await li().ok('pledge', 'get', { pledgeId: third })).breakdown;
    assert.deepEqual(breakdown.byGroup, [{ group: '同企业党员', counts: { satisfied: 1, basic: 0, unsatisfied: 0 } }]);
  });

  test('a rater’s daily limit (the park’s setting); the next China day it is fresh', async () => {
    await zhou().ok('pledge', 'settings.update', { settings: { minPerYear: 2, maxPerYear: 5, ratingFrom: '12-01', ratingTo: '12-31', ratingDailyLimit: 1 } });
    await chen().ok('pledge', 'rate', { pledgeId: second, rating: 'basic' }).catch(() => undefined);
    // 陈静 rated `item` today already: the limit of 1 is reached.
    const fresh = await approvedItem(zhao(), li(), '2026-12-31');
    await zhao().ok('pledge', 'claim', { pledgeId: fresh, note: '完成' });
    await li().ok('pledge', 'confirm', { pledgeId: fresh, fulfilled: true });
    await refused(emu, chen(), 'rate', { pledgeId: fresh, rating: 'satisfied' }, 'RATE_LIMITED', /每天最多评价 1 项/);
    assert.equal((await chen().ok('pledge', 'rate.list', {})).leftToday, 0);
    await chinaClock(emu, '2026-12-02 00:01');
    await chen().ok('pledge', 'rate', { pledgeId: fresh, rating: 'satisfied' });
  });

  test('satisfaction: the item’s and the member’s; the secretary sees the breakdown, never who', async () => {
    const mine = await wang().ok('pledge', 'get', { pledgeId: item });
    assert.deepEqual([mine.pledge.ratings, mine.pledge.satisfaction, mine.breakdown], [{ satisfied: 1, basic: 1, unsatisfied: 1 }, 0.6667, null]);
    const sec = await li().ok('pledge', 'get', { pledgeId: item });
    assert.deepEqual(sec.breakdown.counts, { satisfied: 1, basic: 1, unsatisfied: 1 });
    assert.deepEqual(sec.breakdown.byGroup.map((g: any) => g.group).sort(), ['同支部党员', '同支部群众'].sort());
    assert.deepEqual(sec.breakdown.comments.map((c: any) => c.text).sort(), ['带新人很耐心', '记录还可以更详细'].sort());
    const m = await wang().ok('pledge', 'mine', {});
    assert.ok(m.satisfaction > 0 && m.satisfaction <= 1);
  });

  test('anonymity: nothing the rated member can read names or identifies a rater', async () => {
    const raters = ['陈静', '赵敏', '周涛'] as const; // 李强 rated too, but he is her secretary and named as such elsewhere
    const ids = raters.flatMap((n) => [park.ids[n], park.openids[n]!, park.ids.李强, park.openids.李强!]);
    // Her own records: no rater's name, id or WeChat id.
    const own = [
      await wang().ok('pledge', 'mine', {}),
      await wang().ok('pledge', 'get', { pledgeId: item }),
      await wang().ok('user', 'card', {}),
      await wang().ok('user', 'myData', {}),
      await wang().ok('study', 'inbox.list', {}),
    ];
    for (const o of own) {
      const text = JSON.stringify(o);
      for (const s of [...raters, ...ids]) assert.ok(!text.includes(s), `${s} in ${text.slice(0, 200)}`);
    }
    // The boards and the rating list name people as pledgers (赵敏 has an item), never as raters: no rater ids anywhere.
    for (const o of [await wang().ok('pledge', 'board', { branchId: park.branches.A }), await wang().ok('pledge', 'board', {}), await wang().ok('pledge', 'rate.list', {})]) {
      const text = JSON.stringify(o);
      for (const s of ids) assert.ok(!text.includes(s), `${s} in ${text.slice(0, 200)}`);
      assert.ok(!text.includes('raterId') && !text.includes('group'), 'no rater fields');
    }
    const viewed = (await wang().ok('pledge', 'get', { pledgeId: item })).pledge;
    assert.deepEqual(Object.keys(viewed.ratings).sort(), ['basic', 'satisfied', 'unsatisfied']);
    assert.equal(JSON.stringify(viewed).includes('带新人很耐心'), false, 'comments go to the secretary, not to the rated');
  });
});
