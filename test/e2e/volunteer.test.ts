// 志愿服务 end to end on the real H5 build: the organizer 刘洋 publishes an activity on 新建活动 (the shift's
// date and end time chosen with the pickers); 王芳 (党员) and 陈静 (群众) sign up on the pages, 赵敏 (预备党员)
// lands on the waitlist; 李强 cancels on the page and she is promoted (her 学习 tab's message opens the
// activity); 刘洋 changes the place and the seats (people are told); on the day (the emulator's clock moved)
// he shows the rotating code, the three scan it to sign in and two to sign out; the timer closes 赵敏's
// forgotten sign-out for him to check; he registers a walk-in without a phone by hand and confirms the
// hours with a correction; each volunteer sees the hours on 志愿 and the points on 我的积分, and 支部排行's
// 人均志愿时长 moves. Every new page is saved as a screenshot at 390 px and in 大字模式.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chinaDateString } from '../../shared/time.js';
import { type LocalApp, pageAs, readQr, shot, startLocalApp } from '../support/h5.js';
import { pickOnWheel as pick, shots } from '../support/wheel.js';
import { as } from '../support/park.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

const TITLE = '园区环境整治志愿服务';
const PLACE = '园区中心广场';
const NEW_PLACE = '园区中心广场（北侧入口集合）';
const T = 15_000;

/** 'YYYY-MM-DD' + n days. */
function addDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** The emulator's clock at a China wall time, frozen (the functions' "now"). */
async function clock(wall: string): Promise<void> {
  await app.emu.api('POST', '/_emulator/clock', { set: new Date(`${wall.replace(' ', 'T')}:00+08:00`).toISOString(), freeze: true });
}

const stored = async (collection: string, where: object) => (await app.emu.app().database().collection(collection).where(where).get()).data as any[];

async function volunteerHoursValue(page: Page): Promise<string> {
  await page.locator('.lb-measure--volunteerHoursPerMember').click();
  const mine = page.locator('.lb-row--mine .lb-row__value');
  await mine.waitFor({ timeout: T });
  await page.waitForTimeout(500);
  return (await mine.innerText()).trim();
}

test('an organizer publishes, members and a 群众 sign up, the waitlist moves up, sign-in and out by the code, hours confirmed, points and the leaderboard follow', async () => {
  const errors: string[][] = [];
  const today = chinaDateString(new Date());
  const day = addDays(today, 1);
  const [y, m, d] = day.split('-');

  // 0. Without an id, the detail pages say where to open them from.
  for (const route of ['/packages/volunteer/pages/activity/index', '/packages/organizer/pages/shift/index']) {
    const p = await pageAs(app, '刘洋', route);
    await p.page.locator('.rp-state__title', { hasText: /没有指定/ }).waitFor({ timeout: T });
    errors.push(p.errors);
    await p.page.context().close();
  }

  // 1. 刘洋 (organizer) publishes on 新建活动: title, content, category, place, the shift from the pickers.
  const org = await pageAs(app, '刘洋', '/pages/volunteer/index');
  errors.push(org.errors);
  const o = org.page;
  await o.locator('.vol-organize').click();
  await o.locator('.og-new').waitFor({ timeout: T });
  await shots(o, 'volunteer-organizer-empty');
  await o.locator('.og-new').click();
  await o.locator('.af-title input').waitFor({ timeout: T });
  await o.locator('.af-title input').fill(TITLE);
  await o.locator('.topic-form__block-text textarea').first().fill('清理绿化带垃圾，劝导文明停车。请穿运动鞋，手套和垃圾袋由服务中心准备。');
  await o.locator('.af-category--environment').click();
  await o.locator('.af-place input').fill(PLACE);
  await pick(o, o.locator('.af-shift__date').first(), [`${y}年`, `${m}月`, `${d}日`]);
  await pick(o, o.locator('.af-shift__end').first(), ['11', '30']);
  assert.match(await o.locator('.af-shift__date').first().innerText(), new RegExp(`${Number(m)}月${Number(d)}日`));
  assert.match(await o.locator('.af-shift__end').first().innerText(), /11:30/);
  await o.locator('.af-shift__capacity input').first().fill('3');
  await o.locator('.af-shift__role input').first().fill('清洁');
  await o.locator('.af-cancel-hours input').fill('2');
  // A bad phone is named next to its field by the contract's own message; nothing is sent.
  await o.locator('.af-contact-phone input').fill('123');
  await o.locator('.af-risk textarea').fill('户外活动，注意防晒和来往车辆。');
  await o.locator('.af-insured').click();
  await o.locator('.af-publish').click();
  await o.locator('.rp-field .rp-error-text', { hasText: '请填写手机号或座机号' }).waitFor({ timeout: T });
  assert.equal((await stored('volunteer_activities', { title: TITLE })).length, 0);
  await shots(o, 'volunteer-activity-edit-problem');
  await o.locator('.af-contact-phone input').fill('13800000007');
  await shots(o, 'volunteer-activity-edit');
  await o.locator('.af-publish').click();
  await o.locator('.af-confirm .rp-confirm__ok').click(); // 确认发布
  await o.locator('.af-done').waitFor({ timeout: T });
  const [stored1] = await stored('volunteer_activities', { title: TITLE });
  assert.ok(stored1, 'the activity is stored');
  const activityId = stored1._id as string;
  assert.deepEqual([stored1.status, stored1.scope, stored1.category, stored1.insured, stored1.cancelBeforeHours], ['published', 'park', 'environment', true, 2]);
  const [shift] = await stored('volunteer_shifts', { activityId });
  const shiftId = shift._id as string;
  assert.deepEqual(
    [new Date(shift.start).toISOString(), new Date(shift.end).toISOString(), shift.capacity, shift.role],
    [new Date(`${day}T09:00:00+08:00`).toISOString(), new Date(`${day}T11:30:00+08:00`).toISOString(), 3, '清洁'],
    'the shift as picked: the chosen day, 9:00–11:30',
  );
  await shots(o, 'volunteer-activity-published');

  // 2. 李强 signs up first (through the function); 王芳 (党员) from her 志愿 tab, 陈静 (群众) on the page.
  await as(app.emu, app.park, '李强').ok('volunteer', 'signUp', { shiftId });
  const wang = await pageAs(app, '王芳', '/pages/volunteer/index');
  errors.push(wang.errors);
  const w = wang.page;
  const card = w.locator(`.vol-card[data-activity-id="${activityId}"]`);
  await card.waitFor({ timeout: T });
  assert.match(await card.innerText(), new RegExp(`${TITLE}[\\s\\S]*还剩 2 个名额`));
  assert.match(await w.locator('.vol-mine').innerText(), /您还没有报名/);
  await shots(w, 'volunteer-tab-before');
  await card.click();
  await w.locator('.va-shift__join').waitFor({ timeout: T });
  assert.match(await w.locator('.va-risk').innerText(), /户外活动，注意防晒[\s\S]*已为志愿者购买保险/);
  assert.match(await w.locator('.va-rules').innerText(), /开始前 2 小时[\s\S]*在岗满班次时长的 60% 才计时长/);
  await w.locator('.va-shift__join').click();
  await w.locator('.va-notice--ok', { hasText: '报名成功' }).waitFor({ timeout: T });
  await w.locator('.va-shift .rp-tag', { hasText: '已报名' }).waitFor({ timeout: T });
  await shots(w, 'volunteer-activity-signed-up');

  const chen = await pageAs(app, '陈静', `/packages/volunteer/pages/activity/index?activityId=${activityId}`);
  errors.push(chen.errors);
  await chen.page.locator('.va-shift__join').click();
  await chen.page.locator('.va-notice--ok', { hasText: '报名成功' }).waitFor({ timeout: T });

  // 3. 赵敏 (预备党员): the shift is full, she queues.
  const zhao = await pageAs(app, '赵敏', `/packages/volunteer/pages/activity/index?activityId=${activityId}`);
  errors.push(zhao.errors);
  const z = zhao.page;
  await z.locator('.va-shift__join', { hasText: '排队候补' }).click();
  await z.locator('.va-notice--ok', { hasText: '名额已满，您在候补第 1 位' }).waitFor({ timeout: T });
  await z.locator('.va-shift .rp-tag', { hasText: '候补第 1 位' }).waitFor({ timeout: T });
  await shots(z, 'volunteer-activity-waitlist');

  // 4. 李强 cancels on the page (with the confirmation): 赵敏 gets the seat and a message that opens the activity.
  const li = await pageAs(app, '李强', `/packages/volunteer/pages/activity/index?activityId=${activityId}`);
  errors.push(li.errors);
  await li.page.locator('.va-shift__cancel').click();
  await li.page.locator('.va-shift__confirm .rp-confirm__ok').click();
  await li.page.locator('.va-notice--ok', { hasText: '已取消报名' }).waitFor({ timeout: T });
  assert.equal((await stored('volunteer_registrations', { _id: `${shiftId}|${app.park.ids.赵敏}` }))[0]?.status, 'registered');
  await z.goto(`${app.emu.baseUrl}/#/pages/study/index`);
  const promoted = z.locator('.study-inbox__item--volunteerPromoted');
  await promoted.waitFor({ timeout: T });
  assert.match(await promoted.innerText(), new RegExp(`志愿候补转正[\\s\\S]*候补成功：${TITLE}`));
  await promoted.click();
  await z.locator('.va-shift .rp-tag', { hasText: '已报名' }).waitFor({ timeout: T });

  // 5. 刘洋 changes the place and adds a seat: the three signed up are told.
  await o.goto(`${app.emu.baseUrl}/#/packages/organizer/pages/activities/index`);
  const item = o.locator(`.og-item[data-activity-id="${activityId}"]`);
  await item.waitFor({ timeout: T });
  assert.match(await item.innerText(), /已报 3\/3/);
  await item.locator('.og-item__edit').click();
  await o.locator('.af-told').waitFor({ timeout: T });
  assert.match(await o.locator('.af-told').innerText(), /已报名的人会收到通知/);
  assert.equal(await o.locator('.af-place input').inputValue(), PLACE);
  await o.locator('.af-place input').fill(NEW_PLACE);
  await o.locator('.af-shift__capacity input').first().fill('4');
  await o.locator('.af-save').click();
  await o.locator('.af-confirm .rp-confirm__ok').click();
  await o.locator('.af-done', { hasText: '已通知报名的 3 人' }).waitFor({ timeout: T });
  const changed = await stored('inbox', { personId: app.park.ids.王芳, kind: 'volunteerChanged' });
  assert.equal(changed.length, 1);
  assert.match(changed[0].body, new RegExp(NEW_PLACE.replace(/[()（）]/g, '.')));

  // 6. The day: sign-in opens half an hour before 9:00. 刘洋 shows the code on the shift's page.
  await clock(`${day} 08:50`);
  await o.goto(`${app.emu.baseUrl}/#/packages/organizer/pages/activities/index`);
  await item.locator('.og-shift__open').click();
  await o.locator('.sh-tool--code').click();
  await o.locator('.sh-code__text').waitFor({ timeout: T });
  const code = (await o.locator('.sh-code__text').innerText()).trim();
  assert.match(code, /^RV1\./);
  assert.equal(await readQr(o, '.sh-code .rp-qr'), code, 'the QR on screen is the code');
  await shots(o, 'volunteer-shift-code');

  const scan = async (page: Page, expect: RegExp) => {
    await page.goto(`${app.emu.baseUrl}/#/packages/volunteer/pages/scan/index`);
    await page.locator('.vs-input textarea').fill(code);
    await page.locator('.vs-submit').click();
    await page.locator('.vs-done__message', { hasText: expect }).waitFor({ timeout: T });
  };
  await scan(w, /^签到成功 8:50$/);
  await shots(w, 'volunteer-scan-signed-in');
  await scan(chen.page, /^签到成功 8:50$/);
  await scan(z, /^签到成功 8:50$/);

  // 7. 11:30: 王芳 and 陈静 sign out with the code of the moment; 赵敏 forgets.
  await clock(`${day} 11:30`);
  await o.locator('.sh-tool--code').click(); // 收起
  await o.locator('.sh-tool--code').click(); // a fresh code at the new time
  await o.locator('.sh-code__text').waitFor({ timeout: T });
  const code2 = (await o.locator('.sh-code__text').innerText()).trim();
  const scanOut = async (page: Page) => {
    await page.goto(`${app.emu.baseUrl}/#/packages/volunteer/pages/scan/index`);
    await page.locator('.vs-input textarea').fill(code2);
    await page.locator('.vs-submit').click();
    await page.locator('.vs-done__message', { hasText: '签退成功，计 2.5 小时（待负责人确认）' }).waitFor({ timeout: T });
  };
  await scanOut(w);
  assert.match(await w.locator('.vs-done__note').innerText(), /签到 8:50 · 签退 11:30 · 计 2.5 小时/);
  await shots(w, 'volunteer-scan-signed-out');
  await scanOut(chen.page);

  // 8. 12:05: the timer closes 赵敏's sign-in at the shift's end and flags it; 刘洋 registers 孙丽, who has
  //    no phone (not bound), by hand: found by name, the shift's times from the pickers, a reason.
  await clock(`${day} 12:05`);
  const fired = await app.emu.api('POST', '/_emulator/triggers/run', { function: 'volunteer', trigger: 'tidy' });
  assert.equal(fired.ok, true, JSON.stringify(fired));
  await o.reload();
  await o.locator('.sh-head__review', { hasText: '有 1 人没有扫码签退' }).waitFor({ timeout: T });
  await o.locator(`.sh-row--review[data-person-id="${app.park.ids.赵敏}"]`).waitFor({ timeout: T });
  await shots(o, 'volunteer-shift-roster');
  await o.locator('.sh-tool--mark').click();
  await o.locator('.sh-mark__search input').fill('孙');
  await o.locator('.sh-mark__find').click();
  await o.locator('.sh-mark__found', { hasText: '孙丽' }).click();
  await pick(o, o.locator('.sh-mark__in-time'), ['09', '05']);
  await o.locator('.sh-mark__reason input').fill('没带手机，现场登记');
  await shots(o, 'volunteer-shift-mark');
  await o.locator('.sh-mark__save').click();
  await o.locator('.sh-outcome', { hasText: '已登记 孙丽：签到 9:05 · 签退 11:30 · 计 2 小时' }).waitFor({ timeout: T });
  const sun = (await stored('volunteer_registrations', { _id: `${shiftId}|${app.park.ids.孙丽}` }))[0];
  assert.deepEqual([sun?.status, sun?.manualReason, sun?.signOutBy], ['registered', '没带手机，现场登记', 'organizer']);

  // 9. Before confirming: 支部排行's 人均志愿时长 for 王芳's branch (this month as the functions see it).
  const board = await pageAs(app, '王芳', '/packages/member/pages/leaderboard/index');
  errors.push(board.errors);
  const before = await volunteerHoursValue(board.page);

  // 10. 确认时长: 赵敏's hours corrected (she left at 11:00), with the reason; then the confirmed state.
  await o.locator('.sh-tool--confirm').click();
  const zRow = o.locator(`.sh-confirm__row[data-person-id="${app.park.ids.赵敏}"]`);
  await zRow.locator('.sh-confirm__fix').click();
  await zRow.locator('.sh-confirm__fix-hours input').fill('2');
  await zRow.locator('.sh-confirm__fix-reason input').fill('11:00 提前离开，已核实');
  await shots(o, 'volunteer-shift-confirm');
  await o.locator('.sh-confirm__go').click();
  await o.locator('.sh-confirm__confirm .rp-confirm__ok').click();
  await o.locator('.sh-outcome', { hasText: '已确认：4 人，共 9 小时' }).waitFor({ timeout: T });
  await o.locator('.sh-confirmed').waitFor({ timeout: T });
  await shots(o, 'volunteer-shift-confirmed');
  const regs = await stored('volunteer_registrations', { shiftId });
  const hours = Object.fromEntries(regs.filter((r) => r.status === 'registered').map((r) => [r.name, r.confirmedHours]));
  assert.deepEqual(hours, { 王芳: 2.5, 陈静: 2.5, 赵敏: 2, 孙丽: 2 });

  // 11. Each volunteer sees the hours on 志愿 and the points on 我的积分.
  for (const [who, page, h] of [['王芳', w, '2.5'], ['陈静', chen.page, '2.5'], ['赵敏', z, '2']] as const) {
    await page.goto(`${app.emu.baseUrl}/#/pages/volunteer/index`);
    await page.locator('.vol-hero__value').waitFor({ timeout: T });
    assert.match(await page.locator('.vol-hero__value').innerText(), new RegExp(`^${h.replace('.', '\\.')}\\s*小时`), `${who}'s hours this year`);
    assert.match(await page.locator(`.vol-mine__item[data-activity-id="${activityId}"]`).innerText(), new RegExp(`已确认 ${h.replace('.', '\\.')} 小时`), who);
    if (who === '王芳') await shots(page, 'volunteer-tab-after');
    await page.goto(`${app.emu.baseUrl}/#/packages/member/pages/points/index`);
    await page.locator('.points-month__value').waitFor({ timeout: T });
    assert.equal((await page.locator('.points-month__value').innerText()).trim(), String(Number(h) * 2), `${who}'s points this month`);
    await page.locator('.points-entry__item', { hasText: '志愿服务' }).first().waitFor({ timeout: T });
  }

  // 12. 支部排行: the branch's 人均志愿时长 moved.
  const board2 = await pageAs(app, '王芳', '/packages/member/pages/leaderboard/index');
  errors.push(board2.errors);
  const after = await volunteerHoursValue(board2.page);
  await shot(board2.page, 'volunteer-leaderboard-after');
  assert.notEqual(after, before, `人均志愿时长 ${before} → ${after}`);

  // 13. Someone not bound opens the shared activity: they read it and are led to bind.
  const stranger = await pageAs(app, { openid: 'o_e2e_stranger', name: '新用户' }, `/packages/volunteer/pages/activity/index?activityId=${activityId}`);
  errors.push(stranger.errors);
  await stranger.page.locator('.va-bind__go', { hasText: '绑定身份后报名' }).waitFor({ timeout: T });
  assert.equal(await stranger.page.locator('.va-shift__join').count(), 0);
  await shots(stranger.page, 'volunteer-activity-unbound');
  await stranger.page.goto(`${app.emu.baseUrl}/#/pages/volunteer/index`);
  await stranger.page.locator('.vol-bind').waitFor({ timeout: T });
  await shots(stranger.page, 'volunteer-tab-unbound');

  // 14. The organizer's list: the finished activity, its shift confirmed.
  await o.goto(`${app.emu.baseUrl}/#/packages/organizer/pages/activities/index`);
  await o.locator('.og-group-finished').waitFor({ timeout: T });
  assert.match(await item.innerText(), /时长已确认/);
  await shots(o, 'volunteer-organizer-list');

  assert.deepEqual(errors.flat(), []);
});
