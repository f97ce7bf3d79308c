// Reminders end to end through the real functions and the emulator's WeChat stand-in, on the emulator's clock:
// each kind fires once for the right people, quota is counted (43101 falls back to the inbox), quiet hours
// delay, digests bundle, a preview equals what is then sent, opting out, permanent and temporary errors.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type TestPark, as } from '../../support/park.js';
import { startSeeded } from '../org/support.js';
import { complete, topicInput } from '../study/support.js';
import { createActivity } from '../volunteer/support.js';
import { chinaClock, fire, grant, inboxOf, outbox, rows } from './support.js';

let emu: EmulatorHandle;
let park: TestPark;
beforeAll(async () => {
  ({ emu, park } = await startSeeded());
  await chinaClock(emu, '2026-11-10 10:00');
}, 60_000);
afterAll(async () => emu?.stop());

const wang = () => as(emu, park, '王芳');
const li = () => as(emu, park, '李强');
const zhao = () => as(emu, park, '赵敏');
const chen = () => as(emu, park, '陈静');
const zhou = () => as(emu, park, '周涛');
const liu = () => as(emu, park, '刘洋');
const clear = () => emu.api('DELETE', '/_emulator/outbox');

describe('reminders', () => {
  let topicId: string;

  test('a topic published: one message for each member it is for with quota, the inbox for all; a second run sends nothing', async () => {
    await clear();
    await grant(emu, wang(), ['TPL_TOPIC_PUBLISHED']);
    const { topic } = await li().ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: park.branches.A, title: '十一月专题：学习党章', deadline: '2026-11-30' }));
    topicId = topic.id;
    await fire(emu);
    const msgs = await outbox(emu);
    assert.deepEqual(msgs.map((m) => [m.touser, m.template_id, m.data.thing1!.value, m.data.time2!.value]), [[wang().openid, 'TPL_TOPIC_PUBLISHED', '十一月专题：学习党章', '2026年11月30日 23:59']]);
    assert.match(msgs[0]!.page!, /packages\/study\/pages\/topic\/index\?topicId=/);
    // Party members of branch A (not 陈静, 群众; 孙丽 unbound gets the inbox item too).
    const raised = await rows(emu, { kind: 'topicPublished', occasion: topicId });
    assert.deepEqual(raised.map((r) => r.personId).sort(), [park.ids.王芳, park.ids.李强, park.ids.赵敏, park.ids.孙丽].sort());
    assert.deepEqual(Object.fromEntries(raised.map((r) => [r.personId, r.status])), {
      [park.ids.王芳]: 'sent', [park.ids.李强]: 'inboxOnly', [park.ids.赵敏]: 'inboxOnly', [park.ids.孙丽]: 'inboxOnly',
    });
    for (const who of ['王芳', '李强', '赵敏', '孙丽'] as const)
      assert.equal((await inboxOf(emu, park.ids[who])).filter((m) => m.topicId === topicId && m.kind === 'reminder').length, 1, who);
    await fire(emu);
    await chinaClock(emu, '2026-11-10 10:30');
    await fire(emu);
    assert.equal((await outbox(emu)).length, 1, 'nothing twice');
    const mine = await wang().ok('remind', 'settings.mine', {});
    assert.equal(mine.quota.TPL_TOPIC_PUBLISHED, 0, 'the send used the one consent');
  });

  test('3 days before the deadline: only those not finished, once', async () => {
    await clear();
    await complete(wang(), topicId);
    await grant(emu, wang(), ['TPL_STUDY_DUE']);
    await grant(emu, zhao(), ['TPL_STUDY_DUE']);
    await chinaClock(emu, '2026-11-27 09:00');
    await fire(emu);
    await fire(emu);
    const msgs = await outbox(emu);
    assert.deepEqual(msgs.map((m) => [m.touser, m.template_id, m.data.thing3!.value]), [[zhao().openid, 'TPL_STUDY_DUE', '还有3天截止，请抓紧完成']]);
    const due = await rows(emu, { kind: 'topicDue' });
    assert.ok(!due.some((r) => r.personId === park.ids.王芳), '王芳 finished: no reminder');
    assert.deepEqual(due.map((r) => r.personId).sort(), [park.ids.李强, park.ids.赵敏, park.ids.孙丽].sort());
  });

  test('the day before a 主题党日, in quiet hours: waits for the morning, then one digest bundles it with another', async () => {
    await clear();
    await chinaClock(emu, '2026-11-27 10:00');
    const { meeting } = await li().ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '重温入党誓词', date: '2026-11-29', startTime: '14:30', endTime: '16:30', place: '三楼会议室' });
    await grant(emu, zhao(), ['TPL_PARTY_DAY', 'TPL_TODO']);
    // 23:00 on the 28th: the meeting is tomorrow, but it is quiet.
    await chinaClock(emu, '2026-11-28 23:00');
    await fire(emu);
    assert.equal((await outbox(emu)).length, 0, 'nothing in quiet hours');
    const waiting = (await rows(emu, { kind: 'meetingTomorrow', personId: park.ids.赵敏 }))[0];
    assert.equal(waiting.status, 'pending');
    assert.equal(new Date(waiting.nextAt).toISOString(), '2026-11-29T00:00:00.000Z', 'waits for 08:00 China time');
    assert.equal((await inboxOf(emu, park.ids.赵敏)).filter((m) => m.meetingId === meeting.id).length, 1, 'the inbox has it at once');
    // A one-tap topic reminder also comes due for her before the morning.
    await chinaClock(emu, '2026-11-29 07:00');
    await li().ok('study', 'topics.remind', { topicId, branchId: park.branches.A });
    await fire(emu);
    assert.equal((await outbox(emu)).length, 0);
    await chinaClock(emu, '2026-11-29 08:00');
    await fire(emu);
    const msgs = await outbox(emu, zhao());
    assert.equal(msgs.length, 1, 'one digest, not two messages');
    assert.equal(msgs[0]!.template_id, 'TPL_TODO');
    assert.equal(msgs[0]!.data.thing1!.value, '2项待办：主题党日、学习');
    assert.equal(msgs[0]!.data.number2!.value, '2');
    assert.equal(msgs[0]!.page, 'pages/study/index');
    const bundled = await rows(emu, { personId: park.ids.赵敏, digest: true });
    assert.deepEqual(bundled.map((r) => r.kind).sort(), ['meetingTomorrow', 'topicNudge']);
  });

  test('quota is counted: two consents, two sends; a wrong count meets 43101 and falls back to the inbox, quota 0', async () => {
    await clear();
    await chinaClock(emu, '2026-11-29 10:00');
    // 陈静 accepted twice on her phone; the app reported it three times (a lost reply retried, say).
    const tpl = 'TPL_STUDY_DUE';
    await grant(emu, chen(), [tpl], 2);
    await chen().ok('remind', 'consent.record', { answers: { [tpl]: 'accept' } });
    assert.equal((await chen().ok('remind', 'settings.mine', {})).quota[tpl], 3);
    const row = (occasion: string) => ({
      _id: `${park.ids.陈静}|topicNudge|${occasion}`, parkId: park.parkId, personId: park.ids.陈静, kind: 'topicNudge', occasion, inboxId: 'x',
      fields: { thing1: '测试专题', time2: '2026年12月1日 23:59', thing3: '请按时完成' }, page: 'pages/study/index', urgent: false,
      nextAt: new Date('2026-11-29T02:00:00Z'), status: 'pending', attempts: 0, createdAt: new Date(), updatedAt: new Date(),
    });
    for (const [occasion, n] of [['quota-1', 1], ['quota-2', 2]] as const) {
      await emu.app().database().collection('reminder_outbox').add(row(occasion));
      await fire(emu);
      assert.equal((await outbox(emu, chen())).length, n);
    }
    assert.equal((await chen().ok('remind', 'settings.mine', {})).quota[tpl], 1, 'our count: one left');
    await emu.app().database().collection('reminder_outbox').add(row('quota-3'));
    await fire(emu);
    assert.equal((await outbox(emu, chen())).length, 2, 'WeChat had no third consent: 43101');
    const third = (await rows(emu, { occasion: 'quota-3' }))[0];
    assert.deepEqual([third.status, third.errcode], ['inboxOnly', 43101]);
    assert.equal((await chen().ok('remind', 'settings.mine', {})).quota[tpl], 0, '43101 sets the count to zero');
  });

  test('preview equals what is then sent; opting out stops the next one (the inbox keeps it)', async () => {
    await clear();
    await chinaClock(emu, '2026-11-30 09:00');
    await grant(emu, zhao(), ['TPL_STUDY_DUE']);
    const preview = await li().ok('study', 'topics.remindPreview', { topicId, branchId: park.branches.A });
    assert.deepEqual([preview.wechat, preview.inboxOnly.sort(), preview.unreachable], [['赵敏'], ['李强'].sort(), ['孙丽']]);
    const r = await li().ok('study', 'topics.remind', { topicId, branchId: park.branches.A });
    assert.deepEqual(r.reached.sort(), preview.toRemind.sort());
    await fire(emu);
    const sentTo = (await outbox(emu)).map((m) => m.touser);
    assert.deepEqual(sentTo, preview.wechat.map((n: string) => as(emu, park, n as '赵敏').openid));

    // 赵敏 turns the one-tap reminders off: tomorrow's does not come, the inbox still has it.
    await clear();
    const s = await zhao().ok('remind', 'settings.set', { kind: 'topicNudge', on: false });
    assert.equal(s.kinds.find((k: any) => k.kind === 'topicNudge').on, false);
    await grant(emu, zhao(), ['TPL_STUDY_DUE']);
    await chinaClock(emu, '2026-12-01 09:00');
    // Reopen the topic so it can be reminded (its deadline passed): a new one, same branch.
    const { topic } = await li().ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: park.branches.A, month: '2026-12', title: '十二月专题', deadline: '2026-12-31' }));
    const p2 = await li().ok('study', 'topics.remindPreview', { topicId: topic.id, branchId: park.branches.A });
    assert.ok(p2.inboxOnly.includes('赵敏') && !p2.wechat.includes('赵敏'), 'the preview knows she opted out');
    await li().ok('study', 'topics.remind', { topicId: topic.id, branchId: park.branches.A });
    await fire(emu);
    assert.ok(!(await outbox(emu, zhao())).some((m) => m.template_id === 'TPL_STUDY_DUE'), 'no one-tap reminder for her');
    const nudge = (await rows(emu, { personId: park.ids.赵敏, kind: 'topicNudge', occasion: `${topic.id}|2026-12-01` }))[0];
    assert.equal(nudge.status, 'optedOut');
    assert.ok((await inboxOf(emu, park.ids.赵敏)).some((m) => m._id === nudge.inboxId));
    await zhao().ok('remind', 'settings.set', { kind: 'topicNudge', on: true });
  });

  test('permanent errors are recorded for the park admin; temporary ones are retried with backoff', async () => {
    await clear();
    await chinaClock(emu, '2026-12-02 09:00');
    await grant(emu, wang(), ['TPL_ACTIVITY_START'], 2);
    await grant(emu, chen(), ['TPL_ACTIVITY_START']);
    const { shifts } = await createActivity(liu(), {
      recruitFrom: '2026-12-02 08:00', recruitUntil: '2026-12-02 10:00', cancelBeforeHours: 1,
      shifts: [{ start: '2026-12-02 12:00', end: '2026-12-02 14:00', capacity: 5, role: null }],
    });
    await wang().ok('volunteer', 'signUp', { shiftId: shifts[0] });
    await chen().ok('volunteer', 'signUp', { shiftId: shifts[0] });
    await emu.api('POST', '/_emulator/wx/send-faults', { errcode: 41030, touser: wang().openid });
    await emu.api('POST', '/_emulator/wx/send-faults', { errcode: -1, touser: chen().openid, times: 1 });
    await chinaClock(emu, '2026-12-02 10:00'); // 2 hours before the shift
    await fire(emu);
    assert.equal((await outbox(emu, wang())).length + (await outbox(emu, chen())).length, 0);
    const [w] = await rows(emu, { kind: 'shiftSoon', personId: park.ids.王芳 });
    const [c] = await rows(emu, { kind: 'shiftSoon', personId: park.ids.陈静 });
    assert.deepEqual([w.status, w.errcode], ['failed', 41030]);
    assert.deepEqual([c.status, c.errcode, c.attempts], ['pending', -1, 1]);
    assert.equal(Math.round((new Date(c.nextAt).getTime() - Date.parse('2026-12-02T02:00:00Z')) / 1000), 120, 'retried in 2 minutes');
    assert.equal((await wang().ok('remind', 'settings.mine', {})).quota.TPL_ACTIVITY_START, 2, 'a failed send spends no quota');
    const errs = await zhou().ok('remind', 'errors.list', {});
    assert.deepEqual(errs.errors.map((e: any) => [e.name, e.kind, e.reason]), [['王芳', '志愿服务开始前两小时', '跳转页面未发布，请先发布小程序']]);
    assert.ok(errs.counts.failed >= 1);
    await chinaClock(emu, '2026-12-02 10:03');
    await fire(emu);
    assert.deepEqual((await outbox(emu, chen())).map((m) => [m.touser, m.data.thing1!.value]), [[chen().openid, '园区环境整治志愿服务']]);
    assert.equal((await outbox(emu, wang())).length, 0);
    // Members cannot read the park admin's list.
    const denied = await wang().call('remind', 'errors.list', {});
    assert.equal(denied.ok, false);
  });

  test('a waitlist promotion and a seat lost on cancel reach the people concerned, urgent ones in quiet hours', async () => {
    await clear();
    await chinaClock(emu, '2026-12-03 09:00');
    await grant(emu, zhao(), ['TPL_ACTIVITY_START'], 2);
    await grant(emu, wang(), ['TPL_ACTIVITY_START']);
    const { id, shifts } = await createActivity(liu(), {
      recruitFrom: '2026-12-03 08:00', recruitUntil: '2026-12-04 08:00', cancelBeforeHours: 1,
      shifts: [{ start: '2026-12-04 09:00', end: '2026-12-04 11:00', capacity: 1, role: null }],
    });
    await wang().ok('volunteer', 'signUp', { shiftId: shifts[0] });
    await zhao().ok('volunteer', 'signUp', { shiftId: shifts[0] }); // waitlist
    await chinaClock(emu, '2026-12-03 22:30'); // quiet, but a promotion is urgent
    await wang().ok('volunteer', 'cancel', { shiftId: shifts[0] });
    await fire(emu);
    const promoted = await outbox(emu, zhao());
    assert.deepEqual(promoted.map((m) => m.data.thing1!.value), ['候补成功：园区环境整治志愿服务']);
    // The organizer cancels: 赵敏 (now holding the seat) loses it; the shift is tomorrow morning, so it goes now.
    await liu().ok('volunteer', 'activities.cancel', { activityId: id, reason: '天气原因' });
    await fire(emu);
    const lost = (await outbox(emu, zhao())).slice(1);
    assert.deepEqual(lost.map((m) => m.data.thing1!.value), ['活动取消：园区环境整治志愿服务']);
    assert.equal((await outbox(emu, wang())).length, 0, '王芳 had cancelled: no seat lost');
  });
});
