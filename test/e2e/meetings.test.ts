// Meetings end to end on the real H5 build (real clock, China time): the secretary schedules a monthly
// 主题党日 series on 会议 — date and start / end time chosen on the picker wheels, nothing typed — (with the
// preview of its dates and times), moves one of them, then cancels the first and the ones after it;
// members get inbox messages and see the cancelled meetings with the reason on the 学习 tab; checking in
// to a cancelled meeting is refused with MEETING_CANCELLED. Then a 大党课 today with times (the emulator's
// clock inside its check-in window): 王芳 checks in and is told the points in words; 李强 marks 赵敏
// present by hand with a reason (补记签到) and sees it on 签到情况; each page at 390 px and in 大字模式.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { meetingDates } from '../../shared/schedule.js';
import { chinaDateString } from '../../shared/time.js';
import { type LocalApp, pageAs, shot, startLocalApp } from '../support/h5.js';
import { as } from '../support/park.js';
import { pickOnWheel, shots } from '../support/wheel.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

const TITLE = '重温入党誓词';
const PLACE = '党群服务中心二楼';
const REASON = '与园区安全生产大检查冲突';

/** 'YYYY-MM-DD' + n days. */
function addDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

interface StoredMeeting {
  _id: string;
  date: string;
  seriesId: string | null;
  repeat: string;
  cancelled: boolean;
  cancelReason: string | null;
  startTime?: string | null;
  endTime?: string | null;
}

test('a secretary schedules a monthly series, moves one, cancels the rest; members are told and cannot check in', async () => {
  const db = app.emu.app().database();
  const today = chinaDateString(new Date());
  const first = addDays(today, 5);
  const dates = meetingDates(first, 'monthly', 3);
  const stored = async () =>
    ((await db.collection('meetings').where({ branchId: app.park.branches.A, title: TITLE }).get()).data as StoredMeeting[]).sort((a, b) => a.date.localeCompare(b.date));

  // 1. 李强 schedules 3 monthly 主题党日 on 会议; the form previews the dates.
  const sec = await pageAs(app, '李强', '/packages/secretary/pages/meetings/index');
  const p = sec.page;
  await p.locator('.meetings-new').waitFor({ timeout: 15_000 });
  await p.locator('.meetings-new').click();
  await p.locator('.meeting-form__title input').fill(TITLE);
  // Nothing typed for a date or a time: the pickers' faces, and their wheels.
  assert.equal(await p.locator('.meeting-form__date taro-input-core').count(), 0, 'the date is not typed');
  assert.equal(await p.locator('.meeting-form__time taro-input-core').count(), 0, 'the times are not typed');
  assert.ok(await p.locator('.meeting-form taro-input-core').count() > 0, 'the form does have typed fields (主题, 地点)');
  const [y, mo, d] = first.split('-');
  await pickOnWheel(p, p.locator('.meeting-form__date'), [`${y}年`, `${mo}月`, `${d}日`]);
  await pickOnWheel(p, p.locator('.meeting-form__time .rp-pick--start'), ['09', '00']);
  await pickOnWheel(p, p.locator('.meeting-form__time .rp-pick--end'), ['11', '30']);
  assert.match(await p.locator('.meeting-form__time').innerText(), /9:00[\s\S]*11:30/);
  await p.locator('.meeting-form__repeat--monthly').click();
  assert.equal(await p.locator('.meeting-form__times input').inputValue(), '12', 'monthly defaults to 12 meetings');
  await p.locator('.meeting-form__times input').fill('3');
  await p.locator('.meeting-form__place input').fill(PLACE);
  const preview = await p.locator('.meeting-form__preview').innerText();
  assert.match(preview, /将安排 3 次：/);
  for (const d of dates) assert.ok(preview.includes(monthDay(d)), `the preview "${preview}" shows ${d}`);
  assert.ok(preview.includes('9:00–11:30'), `the preview "${preview}" shows the times`);
  await shots(p, 'meetings-schedule-preview');
  await p.locator('.meeting-form__submit').click();
  await p.locator('.meeting-created', { hasText: '已安排 3 次主题党日' }).waitFor({ timeout: 15_000 });
  for (const d of dates) await p.locator(`.meetings-item[data-date="${d}"]`).waitFor({ timeout: 15_000 });
  assert.equal(await p.locator('.meetings-item').count(), 3);

  const series = await stored();
  assert.deepEqual(series.map((m) => m.date), dates);
  const seriesId = series[0]!.seriesId;
  assert.ok(seriesId, 'a series has an id');
  assert.ok(series.every((m) => m.seriesId === seriesId && m.repeat === 'monthly' && !m.cancelled));
  assert.ok(series.every((m) => m.startTime === '09:00' && m.endTime === '11:30'), `the times stored: ${JSON.stringify(series)}`);
  assert.match(await p.locator(`.meetings-item[data-date="${dates[0]}"] .meetings-item__when`).innerText(), /9:00–11:30/);
  const [m1, m2, m3] = series as [StoredMeeting, StoredMeeting, StoredMeeting];

  // 2. He moves the second one two days later with 修改: 王芳 gets a meetingChanged message.
  const moved = addDays(m2.date, 2);
  const item2 = p.locator(`.meetings-item[data-meeting-id="${m2._id}"]`);
  await item2.locator('.meetings-item__edit').click();
  assert.equal(await item2.locator('.meeting-edit__title input').inputValue(), TITLE, 'the form is prefilled');
  const [my, mm, md] = moved.split('-');
  await pickOnWheel(p, item2.locator('.meeting-edit__date'), [`${my}年`, `${mm}月`, `${md}日`]);
  await shots(p, 'meetings-edit');
  await item2.locator('.meeting-edit__submit').click();
  await p.locator('.meeting-changed', { hasText: '已通知 4 名党员' }).waitFor({ timeout: 15_000 });
  await p.locator(`.meetings-item[data-date="${moved}"]`).waitFor({ timeout: 15_000 });
  assert.equal((await db.collection('meetings').doc(m2._id).get()).data[0]?.date, moved);
  const changed = (await db.collection('inbox').where({ personId: app.park.ids.王芳, kind: 'meetingChanged' }).get()).data;
  assert.equal(changed.length, 1);
  assert.equal(changed[0]?.meetingId, m2._id);
  assert.ok(String(changed[0]?.body).includes(monthDay(moved)), `the message says the new date: ${String(changed[0]?.body)}`);

  // 3. He cancels the first and the ones after it, with a reason.
  const item1 = p.locator(`.meetings-item[data-meeting-id="${m1._id}"]`);
  await item1.locator('.meetings-item__cancel').click();
  await item1.locator('.meeting-cancel__ok').click(); // no reason yet: refused on the phone
  await item1.locator('.rp-error-text', { hasText: '请填写取消原因' }).waitFor({ timeout: 15_000 });
  await item1.locator('.meeting-cancel__reason input').fill(REASON);
  await item1.locator('.meeting-cancel__following').click();
  await item1.locator('.meeting-cancel__ok').click();
  await p.locator('.meeting-changed', { hasText: '已取消 3 次活动' }).waitFor({ timeout: 15_000 });
  await p.locator('.meetings-item--cancelled').nth(2).waitFor({ timeout: 15_000 });
  assert.equal(await p.locator('.meetings-item--cancelled').count(), 3);
  assert.equal(await p.locator('.meetings-item--cancelled .meetings-item__code').count(), 0, 'no check-in code for a cancelled meeting');
  assert.match(await p.locator(`.meetings-item[data-meeting-id="${m3._id}"] .meetings-item__reason`).innerText(), new RegExp(REASON));
  await shot(p, 'meetings-list-cancelled');
  const after = await stored();
  assert.ok(after.every((m) => m.cancelled && m.cancelReason === REASON), `all cancelled: ${JSON.stringify(after)}`);

  // 4. 王芳 on 学习: the cancellation message and the cancelled meetings with the reason.
  const wang = await pageAs(app, '王芳', '/pages/study/index');
  const w = wang.page;
  await w.locator('.study-meetings').waitFor({ timeout: 15_000 });
  await w.locator('.study-inbox__item--meetingCancelled').waitFor({ timeout: 15_000 });
  assert.match(await w.locator('.study-inbox__item--meetingCancelled').innerText(), new RegExp(`主题党日取消：${TITLE}[\\s\\S]*${REASON}`));
  assert.equal(await w.locator('.study-inbox__item--meetingChanged').count(), 1);
  assert.equal(await w.locator('.study-meeting--cancelled').count(), 3);
  const firstShown = await w.locator(`.study-meeting[data-meeting-id="${m1._id}"]`).innerText();
  assert.match(firstShown, new RegExp(`${monthDay(m1.date)}[\\s\\S]*主题党日[\\s\\S]*已取消[\\s\\S]*${TITLE}[\\s\\S]*${REASON}`));
  await w.locator('.study-meetings').scrollIntoViewIfNeeded();
  await shot(w, 'meetings-study-tab');

  // 5. A 大党课 today, its code taken, then cancelled: checking in with that code is refused.
  const li = as(app.emu, app.park, '李强');
  const { meeting: lecture } = await li.ok('study', 'meetings.create', { branchId: app.park.branches.A, kind: 'partyLecture', title: '学习新党章', date: today, place: PLACE });
  const { code } = await li.ok('study', 'meetings.code', { meetingId: lecture.id });
  await li.ok('study', 'meetings.cancel', { meetingId: lecture.id, reason: '主讲人临时出差' });
  const checkin = await pageAs(app, '王芳', '/packages/study/pages/checkin/index');
  const c = checkin.page;
  await c.locator('.checkin-input textarea').waitFor({ timeout: 15_000 });
  await c.locator('.checkin-input textarea').fill(code);
  await c.locator('.checkin-submit').click();
  const fail = c.locator('.checkin-fail--MEETING_CANCELLED');
  await fail.waitFor({ timeout: 15_000 });
  assert.match(await fail.innerText(), /这次活动已取消：主讲人临时出差/);
  await shot(c, 'meetings-checkin-cancelled');
  const attended = (await db.collection('attendance').where({ meetingId: lecture.id }).get()).data;
  assert.equal(attended.length, 0);

  assert.deepEqual([...sec.errors, ...wang.errors, ...checkin.errors], []);
});

test('a 大党课 today with times: check-in inside its window says the points in words; the secretary marks someone present by hand', async () => {
  const db = app.emu.app().database();
  const today = chinaDateString(new Date());
  // The functions' clock at 14:40 China time today: inside 14:30–16:30's window (14:00–17:30).
  await app.emu.api('POST', '/_emulator/clock', { set: new Date(`${today}T14:40:00+08:00`).toISOString(), freeze: true });
  try {
    const li = as(app.emu, app.park, '李强');
    const { meeting } = await li.ok('study', 'meetings.create', {
      branchId: app.park.branches.A, kind: 'partyLecture', title: '党课：学习新党章', date: today, startTime: '14:30', endTime: '16:30', place: PLACE,
    });
    const { code } = await li.ok('study', 'meetings.code', { meetingId: meeting.id });

    // 王芳 checks in: the page says the points she got, in words.
    const checkin = await pageAs(app, '王芳', '/packages/study/pages/checkin/index');
    const c = checkin.page;
    await c.locator('.checkin-input textarea').waitFor({ timeout: 15_000 });
    await c.locator('.checkin-input textarea').fill(code);
    await c.locator('.checkin-submit').click();
    await c.locator('.checkin-done').waitFor({ timeout: 15_000 });
    const done = await c.locator('.checkin-done').innerText();
    assert.match(done, /时间：14:30–16:30/);
    assert.match(await c.locator('.checkin-done__points').innerText(), /积分：参加大党课 \+10 分/);
    await shots(c, 'meetings-checkin-points');

    // 李强 on 会议 → 签到情况: 赵敏 did not come with her phone; he marks her present, with a reason.
    const sec = await pageAs(app, '李强', '/packages/secretary/pages/meetings/index');
    const p = sec.page;
    const item = p.locator(`.meetings-item[data-meeting-id="${meeting.id}"]`);
    await item.waitFor({ timeout: 15_000 });
    assert.match(await item.locator('.meetings-item__when').innerText(), /（今天） 14:30–16:30/);
    await item.locator('.meetings-item__attendance').click();
    await item.locator('.meeting-attendance__count').waitFor({ timeout: 15_000 });
    await item.locator('.meeting-attendance__absent-person', { hasText: '赵敏' }).click();
    await item.locator('.meeting-mark__ok').click(); // no reason yet: refused on the phone
    await item.locator('.rp-error-text', { hasText: '请填写补记原因' }).waitFor({ timeout: 15_000 });
    await item.locator('.meeting-mark__reason input').fill('手机没电，现场确认到会');
    await shots(p, 'meetings-mark-present');
    await item.locator('.meeting-mark__ok').click();
    await item.locator('.meeting-marked', { hasText: '已为赵敏补记签到。参加大党课 +10 分' }).waitFor({ timeout: 15_000 });
    await item.locator('.meeting-attendance__present', { hasText: '李强补记：手机没电，现场确认到会' }).waitFor({ timeout: 15_000 });
    await item.locator('.meetings-item__when', { hasText: '已签到 2 人' }).waitFor({ timeout: 15_000 }); // the list's count follows
    await shots(p, 'meetings-attendance');
    const a = (await db.collection('attendance').doc(`${meeting.id}|${app.park.ids.赵敏}`).get()).data[0] as { byHand?: { reason: string } };
    assert.equal(a?.byHand?.reason, '手机没电，现场确认到会');
    const audit = (await db.collection('audit_logs').where({ action: 'meetings.markPresent', target: meeting.id }).get()).data;
    assert.equal(audit.length, 1);

    // 王芳's 学习 tab: today's 大党课 with its time and that she has checked in.
    const wang = await pageAs(app, '王芳', '/pages/study/index');
    const w = wang.page;
    const shown = w.locator(`.study-meeting[data-meeting-id="${meeting.id}"]`);
    await shown.waitFor({ timeout: 15_000 });
    assert.match(await shown.innerText(), /（今天） 14:30–16:30[\s\S]*✓ 您已签到/);
    assert.deepEqual([...checkin.errors, ...sec.errors, ...wang.errors], []);
  } finally {
    await app.emu.api('POST', '/_emulator/clock', { set: Date.now(), freeze: false });
  }
});
