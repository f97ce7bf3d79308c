// The weapp build (dist/weapp) in WeChat DevTools' simulator, driven by miniprogram-automator, against
// a real emulator with the test park: binding, the card and 亮码 (decoded from a screenshot, verified
// by someone else through a mocked camera), the 学习 tab through a topic and its quiz, meeting check-in
// with mockWxMethod('scanCode', …), a secretary's roster, and the 志愿 tab. The app's cloud calls reach
// the emulator through the automator's own channel, as the person each test chooses (support.ts).
//
// Where WeChat DevTools is missing (this Linux machine: it exists for macOS and Windows only) every
// test here is reported as SKIPPED with the reason, never as passed. README.md says how to run it.
import { afterAll, beforeAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { chinaPeriods } from '../../shared/periods.js';
import { chinaDateString, chinaDateTimeString } from '../../shared/time.js';
import { as } from '../support/park.js';
import {
  DEVTOOLS,
  ROUTES,
  type Weapp,
  find,
  findAll,
  mockScan,
  open,
  pageText,
  readQr,
  startWeapp,
  tap,
  texts,
  typeInto,
  waitFor,
  waitForElement,
  waitForPage,
  weappTest,
} from './support.js';

let app: Weapp;
beforeAll(async () => {
  if (DEVTOOLS.mode !== 'none') app = await startWeapp();
});
afterAll(async () => {
  await app?.stop();
});

/** 孙丽 is on the roster but not bound: this is the WeChat account she binds. */
const SUNLI = 'o_auto_sunli';

const db = () => app.emu.app().database();
const docOf = async (collection: string, id: string) => (await db().collection(collection).doc(id).get()).data[0] as Record<string, any> | undefined;

/** The last day of `month` ('2026-11' → '2026-11-30'). */
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

weappTest('binding: an unbound WeChat user binds with the invite code from her secretary, and 我的 shows her card', async () => {
  const { invites } = await as(app.emu, app.park, '李强').ok('org', 'invites.create', { personIds: [app.park.ids.孙丽] });
  const code = invites[0].code as string;
  app.actAs({ openid: SUNLI });

  let page = await open(app.mp, ROUTES.mine);
  await waitForElement(page, '.rp-state__title', '还没有绑定身份');
  await tap(page, 'button', '绑定身份');
  page = await waitForPage(app.mp, ROUTES.bind);

  // A wrong code: the function's message is shown, nothing is bound.
  await typeInto(page, '.bind__input', 'ZZZZ2222');
  await tap(page, 'button', '绑定');
  await waitForElement(page, '.bind__error', '邀请码不正确，请核对后再输入');
  assert.equal((await docOf('people', app.park.ids.孙丽))?.openid, undefined);

  // People type codes with spaces and in lower case.
  await typeInto(page, '.bind__input', `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
  await waitForElement(page, '.bind__count', /已输入\s*8\s*\/\s*8\s*位/);
  await tap(page, 'button', '绑定');
  await waitForElement(page, '.bind__ok', '绑定成功');
  assert.equal((await docOf('people', app.park.ids.孙丽))?.openid, SUNLI, 'the roster entry now carries her WeChat openid');

  // The page goes on to 我的 by itself; the tab reloads (markStale) and shows the card.
  page = await waitForPage(app.mp, ROUTES.mine);
  await waitForElement(page, '.rp-card');
  const card = (await texts(page, '.rp-card text')).join('\n');
  for (const text of ['孙丽', '正式党员', '新能源公司党支部', '测试工业园区', '党龄']) assert.ok(card.includes(text), `the card shows ${text}:\n${card}`);

  // Every call went through the bridge as her WeChat account: first refused, then bound.
  const binds = app.bridge.replies('user', 'bind');
  assert.deepEqual(binds.map((c) => [c.openid, (c.reply as { ok: boolean }).ok]), [[SUNLI, false], [SUNLI, true]]);
  assert.deepEqual(app.takeErrors(), []);
});

weappTest('亮码: the QR code on screen is the code the function issued; 陈静 scans it with the camera (mocked) and sees the public card; an altered code is refused', async () => {
  app.actAs('王芳');
  const page = await open(app.mp, ROUTES.cardShow);
  await waitForElement(page, '.rp-card-head__name', '王芳');
  await waitForElement(page, '.show__countdown', /二维码 \d+ 秒后刷新/);
  const scanned = await readQr(app.mp, page, '.show__qr');
  assert.ok(scanned, 'a QR code is readable on the screenshot of 亮码');
  const issued = app.bridge.replies('user', 'cardCode').map((c) => (c.reply as { ok: boolean; data?: { code: string } }).data?.code);
  assert.ok(issued.includes(scanned), `the QR code encodes a code user.cardCode issued to 王芳 (${issued.length} issued)`);

  app.actAs('陈静');
  const verify = await open(app.mp, ROUTES.verify);
  try {
    await mockScan(app.mp, scanned);
    await tap(verify, 'button', '扫一扫');
    await waitForElement(verify, '.verify__ok-title', '✔ 已验证');
    const shown = (await texts(verify, '.verify__ok-wrap text')).join('\n');
    for (const text of ['王芳', '正式党员', '新能源公司党支部', '党员先锋岗 · 质检先锋岗', '二号车间']) assert.ok(shown.includes(text), `the verified card shows ${text}:\n${shown}`);
    assert.ok(!shown.includes('13800000001') && !shown.includes('2010-07-01'), 'no phone, no exact 入党日期');
    const verified = app.bridge.replies('user', 'verifyCard').at(-1);
    assert.deepEqual([verified?.openid, verified?.input], [app.park.openids.陈静, { code: scanned }], 'verified as 陈静, with the scanned text');

    // One character changed: not ours.
    const forged = scanned.slice(0, -2) + (scanned.at(-2) === 'A' ? 'B' : 'A') + scanned.slice(-1); // by the character it replaces
    await mockScan(app.mp, forged);
    await tap(verify, 'button', '再扫一个');
    await waitForElement(verify, '.verify__fail-title', '未通过验证');
    await waitForElement(verify, '.verify__fail .rp-error-text', /这不是有效的身份码/);
  } finally {
    await app.mp.restoreWxMethod('scanCode');
  }
  assert.deepEqual(app.takeErrors(), []);
});

weappTest('学习: a member opens this month\'s topic from the 学习 tab, reads, writes her note, fails then passes the quiz, and the tab shows it done', async () => {
  const month = chinaPeriods(new Date()).month;
  const TITLE = '学习贯彻党的二十届四中全会精神';
  const PARAGRAPH = '全会强调，要坚持以人民为中心的发展思想，推动高质量发展。';
  const { topic } = await as(app.emu, app.park, '李强').ok('study', 'topics.create', {
    scope: 'branch', branchId: app.park.branches.A, month, title: TITLE, deadline: lastDay(month),
    materials: [{ kind: 'heading', text: '全会精神' }, { kind: 'paragraph', text: PARAGRAPH }],
    noteMinLength: 20,
    quiz: { questions: [{ text: '推动高质量发展要坚持什么发展思想？', kind: 'single', choices: ['以人民为中心', '以速度为中心'], answer: [0] }], passMark: 1, maxAttempts: 2 },
  });
  app.actAs('王芳');

  let page = await open(app.mp, ROUTES.study);
  await waitForElement(page, '.study-topic__title', TITLE);
  await tap(page, '.study-topic__open', '开始学习');
  page = await waitForPage(app.mp, ROUTES.studyTopic);
  assert.equal(page.query.topicId, topic.id);
  await waitForElement(page, '.topic-block--paragraph', PARAGRAPH);

  await tap(page, '.topic-read');
  await waitForElement(page, '.topic-read-done');
  await typeInto(page, '.topic-note', '通过本月专题学习，我更加深刻地理解了高质量发展的要求，要在岗位上当好先锋。');
  await tap(page, '.topic-note-submit');
  await waitForElement(page, '.topic-note-status', '心得已提交，谢谢您的分享！');

  await tap(page, '.topic-quiz-open');
  page = await waitForPage(app.mp, ROUTES.studyQuiz);
  const choices = () =>
    waitFor('the two choices', async () => {
      const o = await findAll(page, '.quiz-option');
      return o.length === 2 ? o : null;
    });
  const choose = async (index: number) => {
    await (await choices())[index]!.tap();
    await waitFor(`choice ${index} selected`, async () => (await (await choices())[index]!.attribute('class')).includes('quiz-option--on'));
  };
  // The wrong choice first: not passed, one attempt left.
  await choose(1);
  await tap(page, '.quiz-submit');
  await waitForElement(page, '.quiz-result__title', '还没合格');
  await tap(page, '.quiz-retry');
  // A fresh sheet: no result, nothing chosen.
  await waitFor('the quiz to start again', async () => (await find(page, '.quiz-result')) === null && (await find(page, '.quiz-option--on')) === null);
  await choose(0);
  await tap(page, '.quiz-submit');
  await waitForElement(page, '.quiz-result__title', '✓ 合格');
  await waitForElement(page, '.quiz-result__points', /积分：.*分/);

  const progress = await docOf('topic_progress', `${topic.id}|${app.park.ids.王芳}`);
  assert.ok(progress?.completedAt, `王芳 completed the topic: ${JSON.stringify(progress)}`);
  assert.equal(app.bridge.replies('study', 'quiz.submit').filter((c) => c.openid === app.park.openids.王芳).length, 2, 'two attempts, both hers');

  page = await open(app.mp, ROUTES.study);
  await waitForElement(page, '.study-topic__done', '✓ 本专题已完成');
  assert.deepEqual(app.takeErrors(), []);
});

weappTest('会议签到: a member scans the secretary\'s check-in code (mockWxMethod scanCode) and is checked in once; a member of another branch is refused', async () => {
  const li = as(app.emu, app.park, '李强');
  const MEETING = '本月主题党日：学习新党章';
  const { meeting } = await li.ok('study', 'meetings.create', {
    branchId: app.park.branches.A, kind: 'partyDay', title: MEETING, date: chinaDateString(new Date()), place: '三楼会议室',
  });
  // A code lives a minute: take a fresh one for every scan.
  const freshCode = async () => (await li.ok('study', 'meetings.code', { meetingId: meeting.id })).code as string;
  app.actAs('王芳');

  let page = await open(app.mp, ROUTES.study);
  await waitForElement(page, '.study-meeting__title', MEETING);
  await tap(page, '.study-links__checkin');
  page = await waitForPage(app.mp, ROUTES.studyCheckin);
  try {
    await mockScan(app.mp, await freshCode());
    await tap(page, '.checkin-submit', '扫码签到');
    await waitForElement(page, '.checkin-done__title', '✓ 签到成功');
    await waitForElement(page, '.checkin-done__meeting', MEETING);
    assert.ok(await docOf('attendance', `${meeting.id}|${app.park.ids.王芳}`), 'her attendance is stored');

    await mockScan(app.mp, await freshCode());
    await tap(page, '.checkin-submit', '再扫一次');
    await waitForElement(page, '.checkin-done__title', '✓ 您已经签过到了');

    // 张伟 belongs to the other branch.
    app.actAs('张伟');
    page = await open(app.mp, ROUTES.studyCheckin);
    await mockScan(app.mp, await freshCode());
    await tap(page, '.checkin-submit', '扫码签到');
    await waitForElement(page, '.checkin-fail__title', '没有签上');
    await waitForElement(page, '.checkin-fail .rp-error-text', /其他支部的活动/);
    assert.equal(await docOf('attendance', `${meeting.id}|${app.park.ids.张伟}`), undefined, 'nothing stored for him');
  } finally {
    await app.mp.restoreWxMethod('scanCode');
  }
  assert.deepEqual(app.takeErrors(), []);
});

weappTest('名册: the secretary sees his branch with full phones and finds a person by name; a member is kept out', async () => {
  app.actAs('李强');
  let page = await open(app.mp, ROUTES.secretaryRoster);
  const names = await waitFor('the five people of 新能源公司党支部', async () => {
    const n = await texts(page, '.roster-person .rp-item__name');
    return n.length === 5 ? n : null;
  });
  assert.deepEqual([...names].sort(), ['孙丽', '李强', '王芳', '赵敏', '陈静'].sort());
  const shown = await pageText(page);
  assert.ok(shown.includes('手机：13800000001'), 'the own secretary sees whole phone numbers');
  // Bound or not, as the roster says (孙丽 binds in the first test).
  const { data: people } = await db().collection('people').where({ branchId: app.park.branches.A }).get();
  const bound = people.filter((p: { openid?: string }) => p.openid).length;
  assert.equal((await texts(page, '.roster-person .rp-tag--green')).length, bound);
  assert.equal((await texts(page, '.roster-person .rp-tag--gold')).length, people.length - bound);

  await typeInto(page, '.roster__input', '王');
  await tap(page, '.roster__go');
  await waitForElement(page, '.roster__searching text', '姓名含“王”的人');
  await waitFor('only 王芳 listed', async () => {
    const n = await texts(page, '.roster-person .rp-item__name');
    return n.length === 1 && n[0] === '王芳';
  });
  const lists = app.bridge.replies('org', 'people.list');
  assert.deepEqual(lists.at(-1)?.input, { branchId: app.park.branches.A, offset: 0, limit: 20, search: '王' });
  assert.ok(lists.every((c) => c.openid === app.park.openids.李强));

  app.actAs('王芳');
  page = await open(app.mp, ROUTES.secretaryRoster);
  await waitForElement(page, '.rp-state__text', '支部管理只对支部书记开放');
  assert.equal(await find(page, '.roster-person'), null);
  assert.deepEqual(app.takeErrors(), []);
});

weappTest('志愿: 王芳 signs up from the tab (one tap, the reply shown), the tab lists her sign-up, and she signs in by scanning the organizer\'s code (camera mocked)', async () => {
  // The federation's activity, published by 刘洋 through the function: a shift starting within the half hour, so sign-in is open.
  const soon = new Date(Math.ceil((Date.now() + 20 * 60_000) / 300_000) * 300_000);
  const start = chinaDateTimeString(soon);
  const end = chinaDateTimeString(new Date(soon.getTime() + 2 * 3_600_000));
  const title = '园区文明交通引导';
  const { activity } = await as(app.emu, app.park, '刘洋').ok('volunteer', 'activities.create', {
    scope: 'park', title, category: 'civility', place: '园区北门', audience: 'all', content: [{ kind: 'paragraph', text: '引导行人走斑马线。' }],
    recruitFrom: chinaDateTimeString(new Date(Date.now() - 3_600_000)), recruitUntil: start, cancelBeforeHours: 0,
    contact: { name: '刘洋', phone: '13800000007' }, riskNotice: '注意来往车辆。', insured: true, hoursRule: { minPresence: 0.6, roundTo: 0.5 },
    shifts: [{ start, end, capacity: 5, role: '引导' }], publish: true,
  });
  const shiftId = activity.shifts[0].id as string;

  app.actAs('王芳');
  let page = await open(app.mp, ROUTES.volunteer);
  await waitForElement(page, '.vol-hero__label', '今年志愿时长');
  await waitForElement(page, '.vol-mine__empty');
  await tap(page, '.vol-card__title', title);
  page = await waitForPage(app.mp, ROUTES.volunteerActivity);
  await waitForElement(page, '.va-head__title', title);
  await tap(page, 'button', '报名这个班次');
  await waitForElement(page, '.va-notice', '报名成功');
  const reg = await docOf('volunteer_registrations', `${shiftId}|${app.park.ids.王芳}`);
  assert.equal(reg?.status, 'registered');
  const signUps = app.bridge.replies('volunteer', 'signUp');
  assert.deepEqual(signUps.map((c) => [c.openid, c.input]), [[app.park.openids.王芳, { shiftId }]], 'one tap, one call, as 王芳');

  // Back on the tab (it reloads when shown again): the sign-up with its state.
  page = await open(app.mp, ROUTES.volunteer);
  await waitForElement(page, '.vol-mine__title', title);
  await waitForElement(page, '.vol-state', '已报名');

  // On site: the organizer's rotating code, read by the (mocked) camera.
  const { code } = await as(app.emu, app.park, '刘洋').ok('volunteer', 'shifts.code', { shiftId });
  try {
    await mockScan(app.mp, code);
    await tap(page, 'button', '扫码签到 / 签退');
    page = await waitForPage(app.mp, ROUTES.volunteerScan);
    await tap(page, 'button', '扫码签到 / 签退');
    await waitForElement(page, '.vs-done__message', /^签到成功 \d{1,2}:\d{2}$/);
  } finally {
    await app.mp.restoreWxMethod('scanCode');
  }
  assert.ok((await docOf('volunteer_registrations', `${shiftId}|${app.park.ids.王芳}`))?.signedInAt, 'signed in by server time');
  assert.deepEqual(app.takeErrors(), []);
});
