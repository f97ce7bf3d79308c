// The pledge and 三评议 reminders through the real functions and the emulator's WeChat stand-in, on the emulator's
// clock: 7 days before a pledge item is due (not for items kept or withdrawn, not for someone who turned it off),
// overdue (raised by the pledge timer where it marks the item: fired twice, once), a returned item (with the
// secretary's comment); 三评议 raters with someone still to rate when the window opens and in its last 3 days
// (not those who finished, not for members the branch decided on), each once however often the timer fires.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Actor, type TestPark, as } from '../../support/park.js';
import { itemInput, runTimer } from '../pledge/support.js';
import { YEAR, setup, startReview } from '../review/support.js';
import { chinaClock, fire, grant, inboxOf, outbox, rows } from './support.js';

let emu: EmulatorHandle;
let park: TestPark;
let hejun: string;
let he: Actor;
beforeAll(async () => {
  ({ emu, park, hejun, he } = await startReview());
}, 60_000);
afterAll(async () => emu?.stop());

const who = (n: Parameters<typeof as>[2]) => as(emu, park, n);
const clear = () => emu.api('DELETE', '/_emulator/outbox');
const summary = (msgs: Awaited<ReturnType<typeof outbox>>) => msgs.map((m) => [m.touser, m.template_id, m.data.phrase3?.value ?? m.data.thing1!.value]);

describe('pledge reminders', () => {
  let a: string; // 王芳, due 2026-03-10, approved: reminded 7 days before and when overdue
  let b: string; // 赵敏, due 2026-03-10, approved, but she turned 承诺到期前七天 off
  let c: string; // 赵敏, due 2026-03-09, kept (fulfilled): nothing
  let d: string; // 王芳, due 2026-03-08, withdrawn: nothing

  test('7 days before the due date: approved items only, once, the person who turned it off gets the inbox only', async () => {
    await chinaClock(emu, '2026-02-20 10:00');
    const wang = who('王芳');
    const zhao = who('赵敏');
    const li = who('李强');
    const approved = async (m: Actor, dueOn: string) => {
      const { pledge } = await m.ok('pledge', 'create', itemInput(dueOn));
      await li.ok('pledge', 'review.decide', { pledgeId: pledge.id, decision: 'approve' });
      return pledge.id as string;
    };
    a = await approved(wang, '2026-03-10');
    b = await approved(zhao, '2026-03-10');
    c = await approved(zhao, '2026-03-09');
    d = await approved(wang, '2026-03-08');
    await zhao.ok('pledge', 'claim', { pledgeId: c, note: '已完成，见车间质检记录' });
    await li.ok('pledge', 'confirm', { pledgeId: c, fulfilled: true });
    await wang.ok('pledge', 'withdraw.request', { pledgeId: d, reason: '岗位调整，这项工作不再由我负责' });
    await li.ok('pledge', 'withdraw.decide', { pledgeId: d, approve: true });
    await grant(emu, wang, ['TPL_PLEDGE_DUE'], 5);
    await grant(emu, zhao, ['TPL_PLEDGE_DUE'], 3);
    await zhao.ok('remind', 'settings.set', { kind: 'pledgeDueSoon', on: false });

    // 03-02: 03-10 is 8 days away, 03-09 and 03-08 are not reminded (kept, withdrawn).
    await clear();
    await chinaClock(emu, '2026-03-02 09:00');
    await fire(emu);
    assert.deepEqual(await rows(emu, { kind: 'pledgeDueSoon' }), [], 'nothing yet: kept and withdrawn items are out, 03-10 is 8 days away');
    // 03-03: 7 days before; fired twice, and again later that day and the next day.
    await chinaClock(emu, '2026-03-03 09:00');
    await fire(emu);
    await fire(emu);
    await chinaClock(emu, '2026-03-04 09:00');
    await fire(emu);
    const msgs = await outbox(emu);
    assert.deepEqual(summary(msgs), [[wang.openid, 'TPL_PLEDGE_DUE', '即将到期']]);
    assert.equal(msgs[0]!.data.date2!.value, '2026年3月10日');
    assert.equal(msgs[0]!.page, 'packages/pledge/pages/mine/index');
    const raised = await rows(emu, { kind: 'pledgeDueSoon' });
    assert.deepEqual(Object.fromEntries(raised.map((r) => [r.personId, [r.occasion, r.status]])), {
      [park.ids.王芳]: [`${a}|2026-03-10`, 'sent'],
      [park.ids.赵敏]: [`${b}|2026-03-10`, 'optedOut'],
    });
    assert.equal((await inboxOf(emu, park.ids.赵敏)).filter((m) => m.title.startsWith('承诺快到期')).length, 1, 'the inbox keeps it');
  });

  test('overdue: raised by the pledge timer where it marks the item; fired twice, once; not for items kept or withdrawn', async () => {
    await clear();
    await chinaClock(emu, '2026-03-11 10:00');
    await runTimer(emu);
    await runTimer(emu);
    await fire(emu);
    await fire(emu);
    await runTimer(emu);
    await fire(emu);
    // 赵敏 turned off only the 7-day reminder: the overdue one reaches her.
    assert.deepEqual(summary(await outbox(emu)).sort(), [[who('王芳').openid, 'TPL_PLEDGE_DUE', '已逾期'], [who('赵敏').openid, 'TPL_PLEDGE_DUE', '已逾期']].sort());
    const raised = await rows(emu, { kind: 'pledgeOverdue' });
    assert.deepEqual(raised.map((r) => r.occasion).sort(), [`${a}|2026-03-10`, `${b}|2026-03-10`].sort());
    // One inbox message each (the pledge function's own, which the reminder names).
    for (const [name, id] of [['王芳', a], ['赵敏', b]] as const) {
      const msgs = (await inboxOf(emu, park.ids[name])).filter((m) => m.kind === 'pledgeOverdue');
      assert.deepEqual(msgs.map((m) => m._id), [`pledge|${id}|overdue`]);
      assert.equal(raised.find((r) => r.personId === park.ids[name])!.inboxId, `pledge|${id}|overdue`);
    }
    assert.ok(!raised.some((r) => r.occasion.startsWith(c) || r.occasion.startsWith(d)));
  });

  test('a returned item: the member gets the secretary\'s comment; each return once', async () => {
    await clear();
    const wang = who('王芳');
    const { pledge } = await wang.ok('pledge', 'create', itemInput('2026-06-30'));
    await who('李强').ok('pledge', 'review.decide', { pledgeId: pledge.id, decision: 'return', comment: '太笼统，请写明学什么、学多少' });
    await fire(emu);
    await fire(emu);
    const msgs = await outbox(emu);
    assert.deepEqual(summary(msgs), [[wang.openid, 'TPL_PLEDGE_DUE', '退回修改']]);
    assert.equal(msgs[0]!.data.thing4!.value, '修改意见：太笼统，请写明学什么、学多少');
    // Rewritten and returned again: a second return is a second reminder.
    await wang.ok('pledge', 'update', { pledgeId: pledge.id, ...itemInput('2026-06-30') });
    await chinaClock(emu, '2026-03-11 11:00');
    await who('李强').ok('pledge', 'review.decide', { pledgeId: pledge.id, decision: 'return', comment: '请补充怎样看得出做到了' });
    await fire(emu);
    assert.equal((await rows(emu, { kind: 'pledgeReturned' })).length, 2);
    assert.deepEqual((await outbox(emu)).map((m) => m.data.thing4!.value), ['修改意见：太笼统，请写明学什么、学多少', '修改意见：请补充怎样看得出做到了']);
  });
});

describe('三评议 reminders', () => {
  /** Who has someone still to rate (the rater's own to-do, as 待评议 shows it), among bound people. */
  const pending = async (): Promise<Map<string, number>> => {
    const out = new Map<string, number>();
    const bound = [...(Object.keys(park.openids) as Array<keyof typeof park.openids>).map((n) => [park.ids[n], who(n)] as const), [hejun, he] as const];
    for (const [id, actor] of bound) {
      const { items } = await actor.ok('review', 'rate.todo', {});
      const n = items.filter((i: any) => i.grade === null && !i.decided).length;
      if (n) out.set(id, n);
    }
    return out;
  };

  // A jump of the emulator's clock fires the timers due at the new time (as the platform would have), so what
  // should happen before a reminder is done before the jump.
  test('the window opens: every rater with someone to rate, once, with how many; not one who opted out', async () => {
    await chinaClock(emu, '2026-11-20 10:00');
    await who('周涛').ok('review', 'park.open', setup(park, hejun));
    await fire(emu);
    assert.deepEqual(await rows(emu, { kind: 'reviewToRate' }), [], 'not before the window');
    await who('陈静').ok('remind', 'settings.set', { kind: 'reviewToRate', on: false });
    for (const n of ['李强', '陈静', '张伟'] as const) await grant(emu, who(n), ['TPL_TODO'], 2);
    await grant(emu, he, ['TPL_TODO'], 2);
    await clear();
    // 07:00 on the first day is quiet: raised, sent at 08:00.
    await chinaClock(emu, '2026-12-01 07:00');
    await fire(emu);
    await fire(emu);
    assert.deepEqual(await outbox(emu), []);
    const expected = await pending();
    assert.ok(expected.has(park.ids.赵敏) && expected.has(park.ids.李强) && expected.has(hejun), JSON.stringify([...expected]));
    const raised = await rows(emu, { kind: 'reviewToRate' });
    const byPerson = new Map(raised.map((r) => [r.personId, r]));
    for (const [id, n] of expected) assert.equal(byPerson.get(id)?.fields.number2, String(n), id);
    // 孙丽 (unbound) rates too: her reminder waits in the inbox; nobody else is reminded.
    assert.deepEqual([...byPerson.keys()].sort(), [...expected.keys(), park.ids.孙丽].sort());
    await chinaClock(emu, '2026-12-01 08:10');
    await fire(emu);
    await chinaClock(emu, '2026-12-05 10:00');
    await fire(emu);
    const msgs = await outbox(emu);
    assert.deepEqual(msgs.map((m) => m.touser).sort(), [who('李强').openid, who('张伟').openid, he.openid].sort(), 'once each; 陈静 opted out; the rest have no consent');
    assert.equal(msgs[0]!.template_id, 'TPL_TODO');
    assert.equal(msgs[0]!.data.thing1!.value, '2026年度三评议待评议');
    assert.equal(msgs[0]!.data.thing3!.value, '请在2026年12月31日前完成评议');
    assert.equal(msgs[0]!.page, 'packages/review/pages/todo/index');
    assert.equal(byPerson.get(park.ids.陈静)?.status, 'optedOut');
  });

  test('3 days before it closes: those still to rate again, once, counting neither what they rated nor members decided on', async () => {
    await clear();
    // 赵敏 and 何军 finish; the branch decides on 王芳; 李强 rates nobody.
    for (const actor of [who('赵敏'), he]) for (const i of (await actor.ok('review', 'rate.todo', {})).items) if (i.grade === null && !i.decided) await actor.ok('review', 'rate.submit', { year: YEAR, memberId: i.memberId, grade: 'qualified' });
    await who('李强').ok('review', 'branch.decide', { year: YEAR, memberId: park.ids.王芳, grade: 'qualified', note: '继续保持' });
    const occasion = `${park.parkId}|${YEAR}|closing|2026-12-31`;
    await chinaClock(emu, '2026-12-28 10:00');
    await fire(emu);
    assert.equal((await rows(emu, { kind: 'reviewToRate', occasion })).length, 0, '12-28 is not yet the last 3 days');
    await chinaClock(emu, '2026-12-29 10:00');
    await fire(emu);
    await fire(emu);
    await chinaClock(emu, '2026-12-31 10:00');
    await fire(emu);
    const closing = await rows(emu, { kind: 'reviewToRate', occasion });
    const expected = await pending();
    assert.ok(!expected.has(hejun) && !expected.has(park.ids.赵敏) && expected.has(park.ids.李强), JSON.stringify([...expected]));
    assert.deepEqual(closing.map((r) => r.personId).sort(), [...expected.keys(), park.ids.孙丽].sort());
    for (const r of closing) if (expected.has(r.personId)) assert.equal(r.fields.number2, String(expected.get(r.personId)), r.personId);
    const open = (await rows(emu, { kind: 'reviewToRate' })).find((r) => r.personId === park.ids.李强 && r.occasion.includes('|open|'));
    assert.equal(Number(closing.find((r) => r.personId === park.ids.李强)!.fields.number2), Number(open.fields.number2) - 1, '王芳 decided: one fewer');
    assert.deepEqual((await outbox(emu)).map((m) => m.touser).sort(), [who('李强').openid, who('张伟').openid].sort());
    const before = (await rows(emu, { kind: 'reviewToRate' })).length;
    await chinaClock(emu, '2027-01-01 10:00');
    await fire(emu);
    assert.equal((await rows(emu, { kind: 'reviewToRate' })).length, before, 'nothing after the window');
  });
});
