// 承诺践诺 (issue 17), the whole cycle in China time: writing items within the park's yearly limit, approval and
// return (with the inbox message), the content check, the board and the card, progress, claim and confirmation
// with points exactly once, overdue by the timer (fired twice: once), 履诺率 for a year and a quarter with
// withdrawals, the leaderboard's 承诺践诺率 from the branch counters, branch pledges with a responsible person.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { approvedItem, assertError, chinaClock, doc, itemInput, refusedBy, runTimer, startPledges } from './support.js';

const refused = refusedBy('pledge');

describe('pledges: the cycle, the timer, the rates', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const wang = () => as(emu, park, '王芳');
  const zhao = () => as(emu, park, '赵敏');
  const li = () => as(emu, park, '李强');
  const chen = () => as(emu, park, '陈静');
  const zhang = () => as(emu, park, '张伟');
  const zhou = () => as(emu, park, '周涛');
  const db = () => emu.app().database();
  const inbox = async (personId: string, kind: string) => (await db().collection('inbox').where({ personId, kind }).get()).data as any[];
  const branchTotal = async (period: string) => (await doc(emu, 'points_totals', `B|${park.branches.A}|${period}`)) ?? {};

  beforeAll(async () => {
    ({ emu, park } = await startPledges());
  });
  afterAll(() => emu?.stop());

  let a: string; // 王芳, due 2026-03-31: fulfilled
  let b: string; // 王芳, due 2026-06-30: returned, rewritten, approved, overdue, not fulfilled
  let d: string; // 赵敏, due 2026-03-31: overdue, withdrawn

  test('a member writes items; the secretary returns one with a comment (inbox) and approves the rewrite', async () => {
    const { pledge } = await wang().ok('pledge', 'create', itemInput('2026-03-31'));
    a = pledge.id;
    assert.deepEqual([pledge.status, pledge.personName, pledge.branchName, pledge.year, pledge.can.edit, pledge.can.claim], ['submitted', '王芳', '新能源公司党支部', '2026', true, false]);
    b = (await wang().ok('pledge', 'create', itemInput('2026-06-30', { kind: 'study', what: '好好学习' + '天天向上' }))).pledge.id;
    const queue = await li().ok('pledge', 'review.list', { branchId: park.branches.A });
    assert.deepEqual(queue.toApprove.map((p: any) => p.id).sort(), [a, b].sort());
    assert.equal(queue.toApprove[0].can.review, true);

    // Returning needs a comment.
    await refused(emu, li(), 'review.decide', { pledgeId: b, decision: 'return' }, 'INVALID_INPUT', /修改意见/);
    const r = await li().ok('pledge', 'review.decide', { pledgeId: b, decision: 'return', comment: '太笼统，请写明学什么、学多少' });
    assert.deepEqual([r.pledge.status, r.pledge.comment], ['returned', '太笼统，请写明学什么、学多少']);
    const msgs = await inbox(park.ids.王芳, 'pledgeReturned');
    assert.equal(msgs.length, 1);
    assert.match(msgs[0].body, /太笼统/);
    // Not on the board while returned; other people cannot open it.
    await refused(emu, chen(), 'get', { pledgeId: b }, 'NOT_FOUND');
    // The member rewrites it; it waits again; the secretary approves both.
    const u = await wang().ok('pledge', 'update', { pledgeId: b, ...itemInput('2026-06-30', { kind: 'study', what: '每月读一本党史书籍并写读书笔记' }) });
    assert.equal(u.pledge.status, 'submitted');
    await li().ok('pledge', 'review.decide', { pledgeId: a, decision: 'approve' });
    await li().ok('pledge', 'review.decide', { pledgeId: b, decision: 'approve' });
    await refused(emu, wang(), 'update', { pledgeId: b, ...itemInput('2026-06-30') }, 'CONFLICT');
    const audits = (await db().collection('audit_logs').where({ target: b }).get()).data.map((e: any) => e.action).sort();
    assert.deepEqual(audits, ['pledge.approve', 'pledge.return']);
    d = await approvedItem(zhao(), li(), '2026-03-31');
  });

  test('limits, dates, roles and the content check: refused calls write nothing', async () => {
    // Two more yearly items (4 in all with the park's default of 5), then a fifth, then the sixth is refused.
    await wang().ok('pledge', 'create', itemInput('2026-10-31'));
    await wang().ok('pledge', 'create', itemInput('2026-11-30'));
    await wang().ok('pledge', 'create', itemInput('2026-12-31'));
    const e = await refused(emu, wang(), 'create', itemInput('2026-12-31'), 'INVALID_INPUT', /最多 5 项/);
    assert.ok(e.fields?.term);
    // 即时承诺 do not count against the yearly limit.
    await wang().ok('pledge', 'create', itemInput('2026-02-15', { term: 'immediate', kind: 'service', what: '疫情值守期间每天负责园区东门测温登记' }));
    const now = { term: 'immediate' };
    await refused(emu, wang(), 'create', itemInput('2026-01-04', now), 'INVALID_INPUT', /早于今天/);
    await refused(emu, wang(), 'create', itemInput('2026-02-30', now), 'INVALID_INPUT');
    await refused(emu, wang(), 'create', itemInput('2026-12-01', { ...now, what: '带头' }), 'INVALID_INPUT', /至少 6 个字/);
    await refused(emu, wang(), 'create', { ...itemInput('2026-12-01', now), status: 'approved' }, 'INVALID_INPUT');
    await refused(emu, wang(), 'create', itemInput('2026-12-01', { ...now, what: '我承诺帮大家代开发票，价格优惠' }), 'CONTENT_RISKY');
    await refused(emu, chen(), 'create', itemInput('2026-12-01'), 'FORBIDDEN'); // 群众 do not pledge
    await refused(emu, wang(), 'review.decide', { pledgeId: d, decision: 'approve' }, 'FORBIDDEN');
    await refused(emu, zhang(), 'review.list', { branchId: park.branches.A }, 'FORBIDDEN'); // another branch's secretary
  });

  test('the board (branch and park) and the card show the approved items', async () => {
    const board = await chen().ok('pledge', 'board', { branchId: park.branches.A });
    assert.equal(board.title, '新能源公司党支部公开承诺');
    assert.ok(board.items.some((p: any) => p.id === a) && board.items.some((p: any) => p.id === d));
    assert.ok(board.items.every((p: any) => ['approved', 'claimed', 'fulfilled', 'unfulfilled', 'withdrawing'].includes(p.status)));
    assert.ok(board.items.every((p: any) => p.comment === null), 'the secretary’s comments are not public');
    const parkBoard = await zhang().ok('pledge', 'board', {});
    assert.equal(parkBoard.scope, 'park');
    assert.deepEqual(parkBoard.branches.map((x: any) => x.name), ['新能源公司党支部', '园区联合党支部'].sort((x, y) => x.localeCompare(y, 'zh')));
    const card = await wang().ok('user', 'card', {});
    assert.equal(card.pledge.content, (await doc(emu, 'pledges', a)).what);
    assert.equal(card.pledge.dueOn, '2026-03-31');
  });

  test('progress, claim, confirmation: fulfilled, points once, the card moves on', async () => {
    await chinaClock(emu, '2026-03-20 09:00');
    const p1 = await wang().ok('pledge', 'progress.add', { pledgeId: a, text: '一季度质检零差错，两名新员工已能独立上岗' });
    assert.equal(p1.pledge.progress.length, 1);
    await refused(emu, chen(), 'progress.add', { pledgeId: a, text: '代写' }, 'NOT_FOUND');
    await refused(emu, li(), 'confirm', { pledgeId: a, fulfilled: true }, 'CONFLICT'); // not claimed yet
    const c = await wang().ok('pledge', 'claim', { pledgeId: a, note: '已完成，见车间质检记录' });
    assert.equal(c.pledge.status, 'claimed');
    const [r1, r2] = await Promise.all([li().call('pledge', 'confirm', { pledgeId: a, fulfilled: true }), li().call('pledge', 'confirm', { pledgeId: a, fulfilled: true })]);
    const oks = [r1, r2].filter((r) => r.ok);
    assert.equal(oks.length, 1, 'a double tap confirms once');
    assert.equal((oks[0] as any).data.points, '承诺事项践诺 +20 分');
    await runTimer(emu);
    const ledger = (await db().collection('points_ledger').where({ personId: park.ids.王芳, item: 'pledgeFulfilled' }).get()).data;
    assert.equal(ledger.length, 1);
    assert.equal((await doc(emu, 'points_totals', `P|${park.ids.王芳}|2026`)).byItem.pledgeFulfilled, 20);
    const card = await wang().ok('user', 'card', {});
    assert.equal(card.pledge.dueOn, '2026-06-30', 'the next item in progress');
  });

  test('the timer marks items overdue the day after the due date in China time; fired twice: once', async () => {
    await chinaClock(emu, '2026-03-31 23:59');
    await runTimer(emu);
    assert.equal((await doc(emu, 'pledges', d)).overdue, false, 'the due date itself is not overdue');
    await chinaClock(emu, '2026-04-01 00:10');
    await Promise.all([runTimer(emu), runTimer(emu)]);
    await runTimer(emu);
    const stored = await doc(emu, 'pledges', d);
    assert.deepEqual([stored.overdue, stored.status, stored.dueCounted, stored.settled], [true, 'approved', true, true]);
    const msgs = await inbox(park.ids.赵敏, 'pledgeOverdue');
    assert.equal(msgs.length, 1);
    assert.match(msgs[0].body, /已过践诺期限（2026-03-31）/);
    // Due counters by the due date's periods, once each: 王芳's fulfilled item and 赵敏's overdue one.
    const q1 = await branchTotal('2026-Q1');
    assert.deepEqual([q1.pledgesDue, q1.pledgesFulfilled], [2, 1]);
    const rates = await wang().ok('pledge', 'rates', { year: '2026', quarter: 1 });
    assert.deepEqual([rates.mine, rates.branch], [{ fulfilled: 1, due: 1, rate: 1 }, { fulfilled: 1, due: 2, rate: 0.5 }]);
    const lb = await chen().ok('score', 'leaderboard', { measure: 'pledgeRate', periodKind: 'quarter', period: '2026-Q1' });
    const rowA = [...lb.ranked, ...lb.unranked].find((r: any) => r.branch.id === park.branches.A);
    assert.equal(rowA.value, 0.5);
    // The spoofed timer from a client reaches the router, not the job.
    const spoof = (await emu.appAs(park.openids.王芳!).callFunction({ name: 'pledge', data: { Type: 'Timer' } })).result as any;
    assert.equal(spoof.ok, false);
  });

  test('a withdrawal with the secretary’s approval takes the item out of the rate (and the counters)', async () => {
    await refused(emu, zhao(), 'withdraw.request', { pledgeId: d, reason: '' }, 'INVALID_INPUT');
    const w = await zhao().ok('pledge', 'withdraw.request', { pledgeId: d, reason: '调岗到外地项目部，无法继续履行' });
    assert.equal(w.pledge.status, 'withdrawing');
    // Still due while the withdrawal waits.
    assert.equal((await wang().ok('pledge', 'rates', { year: '2026', quarter: 1 })).branch.due, 2);
    const ok = await li().ok('pledge', 'withdraw.decide', { pledgeId: d, approve: true });
    assert.equal(ok.pledge.status, 'withdrawn');
    await runTimer(emu);
    assert.deepEqual((await wang().ok('pledge', 'rates', { year: '2026', quarter: 1 })).branch, { fulfilled: 1, due: 1, rate: 1 });
    const q1 = await branchTotal('2026-Q1');
    assert.deepEqual([q1.pledgesDue, q1.pledgesFulfilled], [1, 1]);
    const y = await branchTotal('2026');
    assert.deepEqual([y.pledgesDue, y.pledgesFulfilled], [1, 1]);
    await refused(emu, zhao(), 'claim', { pledgeId: d, note: '完成了' }, 'CONFLICT');
  });

  test('not fulfilled with the member’s reason; a refused withdrawal goes back; the year’s rate', async () => {
    await chinaClock(emu, '2026-07-01 08:00');
    await runTimer(emu);
    assert.equal((await doc(emu, 'pledges', b)).overdue, true);
    await wang().ok('pledge', 'withdraw.request', { pledgeId: b, reason: '想撤回' });
    const back = await li().ok('pledge', 'withdraw.decide', { pledgeId: b, approve: false, comment: '已到期，请说明情况' });
    assert.equal(back.pledge.status, 'approved');
    await refused(emu, li(), 'confirm', { pledgeId: b, fulfilled: false }, 'INVALID_INPUT', /原因/);
    const r = await li().ok('pledge', 'confirm', { pledgeId: b, fulfilled: false, reason: '上半年项目加班，读书计划没有完成' });
    assert.deepEqual([r.pledge.status, r.pledge.unfulfilledReason, r.points], ['unfulfilled', '上半年项目加班，读书计划没有完成', null]);
    const mine = await wang().ok('pledge', 'mine', {});
    assert.deepEqual(mine.rate, { fulfilled: 1, due: 2, rate: 0.5 }, 'a (fulfilled), b (not); items never approved are not due');
    const y = await branchTotal('2026');
    assert.deepEqual([y.pledgesDue, y.pledgesFulfilled], [2, 1]);
    expect(mine.items.length).toBe(6); // a, b, three more yearly, one 即时
  });

  test('a branch pledge with its responsible person: on the board at once, no points to anyone', async () => {
    await refused(emu, li(), 'branch.create', { branchId: park.branches.A, responsibleId: park.ids.周涛, ...itemInput('2026-12-31') }, 'INVALID_INPUT', /责任人/);
    await refused(emu, zhang(), 'branch.create', { branchId: park.branches.A, responsibleId: park.ids.王芳, ...itemInput('2026-12-31') }, 'FORBIDDEN');
    const { pledge } = await li().ok('pledge', 'branch.create', { branchId: park.branches.A, responsibleId: park.ids.王芳, ...itemInput('2026-09-30', { kind: 'service', what: '支部每季度组织一次进社区志愿服务' }) });
    assert.deepEqual([pledge.scope, pledge.status, pledge.personName], ['branch', 'approved', '王芳']);
    await wang().ok('pledge', 'claim', { pledgeId: pledge.id, note: '三个季度的活动都已完成' });
    const c = await li().ok('pledge', 'confirm', { pledgeId: pledge.id, fulfilled: true });
    assert.equal(c.points, null);
    assert.equal((await db().collection('points_ledger').where({ item: 'pledgeFulfilled' }).get()).data.length, 1);
    const y = await branchTotal('2026');
    assert.deepEqual([y.pledgesDue, y.pledgesFulfilled], [3, 2]);
    // Members' own rates leave branch items out; the branch's includes them.
    const rates = await wang().ok('pledge', 'rates', { year: '2026' });
    assert.deepEqual([rates.mine.due, rates.branch.due, rates.branch.fulfilled], [2, 3, 2]);
    assert.equal((await auditOfAction('pledge.branch.create')).length, 1);
    assert.ok(zhou());
  });

  const auditOfAction = async (action: string) => (await db().collection('audit_logs').where({ parkId: park.parkId, action }).get()).data;
  void assertError;
});
