// Daily use, persona by persona, on the real H5 build at 390 px: each persona (member, probationary member,
// 群众, secretary, volunteer organizer, park admin, a WeChat user not bound yet) opens 首页 and its to-do list,
// then every tab through the tab bar. Nothing may show an error state, be wider than the phone, cut a short
// heading mid-word, or show English or an id; every page is saved at normal size and in 大字模式
// (test-results/screenshots/persona-*.png). The to-dos are the persona's own, a tap opens the task, and the
// unread count is on the 学习 tab's badge.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chinaPeriods, lastDayOfMonth } from '../../shared/periods.js';
import { chinaDateString } from '../../shared/time.js';
import { type LocalApp, pageAs, startLocalApp } from '../support/h5.js';
import { latinIn, settle, shotsBothSizes, stateProblems, visibleText } from '../support/page-checks.js';
import { as, type Persona } from '../support/park.js';

const T = 15_000;
let app: LocalApp;

beforeAll(async () => {
  app = await startLocalApp();
  const now = new Date();
  const today = chinaDateString(now);
  const month = chinaPeriods(now).month;
  const li = as(app.emu, app.park, '李强');
  // This month's park-wide topic (its deadline the month's last day), branch A's 主题党日 today, a reminder.
  await as(app.emu, app.park, '周涛').ok('study', 'topics.create', {
    scope: 'park', month, title: '学习党章', deadline: lastDayOfMonth(month),
    materials: [{ kind: 'paragraph', text: '学习材料' }], noteMinLength: 10,
    quiz: { questions: [{ text: '题目', kind: 'single', choices: ['甲', '乙'], answer: [0] }], passMark: 1, maxAttempts: 2 },
  }).then(async ({ topic }) => {
    await li.ok('study', 'meetings.create', { branchId: app.park.branches.A, kind: 'partyDay', title: '主题党日', date: today, place: '三楼会议室' });
    await li.ok('study', 'topics.remind', { topicId: topic.id, branchId: app.park.branches.A });
  });
  // A volunteer activity next week: 王芳 and 陈静 have seats.
  const day = chinaDateString(new Date(now.getTime() + 7 * 86_400_000));
  const { activity } = await as(app.emu, app.park, '刘洋').ok('volunteer', 'activities.create', {
    scope: 'park', title: '园区环境整治', category: 'environment', place: '园区中心广场', audience: 'all',
    content: [{ kind: 'paragraph', text: '清理绿化带垃圾。' }],
    recruitFrom: `${today} 00:00`, recruitUntil: `${day} 08:00`, cancelBeforeHours: 24,
    contact: { name: '刘洋', phone: '13800000007' }, riskNotice: '户外活动，注意防晒。', insured: true, hoursRule: { minPresence: 0.6, roundTo: 0.5 },
    shifts: [{ start: `${day} 09:00`, end: `${day} 11:00`, capacity: 5, role: '清洁' }], publish: true,
  });
  for (const who of ['王芳', '陈静'] as const) await as(app.emu, app.park, who).ok('volunteer', 'signUp', { shiftId: activity.shifts[0].id });
});
afterAll(async () => {
  await app?.stop();
});

const TABS = [
  { label: '首页', name: 'home' },
  { label: '学习', name: 'study' },
  { label: '志愿', name: 'volunteer' },
  { label: '我的', name: 'mine' },
] as const;

/** Everything wrong with the page as it stands (state, English or ids, layout at both sizes). */
async function pageProblems(page: Page, name: string): Promise<string[]> {
  await settle(page);
  const out = (await stateProblems(page)).map((p) => `${name}: ${p}`);
  const latin = latinIn(await visibleText(page));
  if (latin.length) out.push(`${name}: English or ids shown: ${latin.join(' ')}`);
  return [...out, ...(await shotsBothSizes(page, name))];
}

/** Open every tab through the tab bar, checking each; the 首页 text is returned for the persona's own checks. */
async function walkTabs(who: Persona | { openid: string; name: string }, tag: string): Promise<{ page: Page; home: string; study: string; problems: string[] }> {
  const { page, errors } = await pageAs(app, who);
  const problems: string[] = [];
  const texts: Record<string, string> = {};
  for (const tab of TABS) {
    if (tab.name !== 'home') await page.locator('.weui-tabbar__item', { hasText: tab.label }).click();
    await page.waitForTimeout(300);
    problems.push(...(await pageProblems(page, `persona-${tag}-${tab.name}`)));
    texts[tab.name] = await visibleText(page);
  }
  problems.push(...errors.map((e) => `page error: ${e}`));
  await page.locator('.weui-tabbar__item', { hasText: '首页' }).click();
  await settle(page);
  return { page, home: texts.home!, study: texts.study!, problems };
}

const includesAll = (text: string, parts: string[]) => parts.filter((p) => !text.includes(p));

test('党员 (王芳): today\'s 主题党日 with 签到, the topic\'s steps left, the reminder on the badge, her shift; two taps to each', async () => {
  const { page, home, problems } = await walkTabs('王芳', 'member');
  assert.deepEqual(problems, []);
  assert.deepEqual(includesAll(home, ['今天要做', '今天主题党日：主题党日', '签到', '本月专题：学习党章', '还差：阅读材料、写心得、小测验', '1 条新消息', '志愿服务：园区环境整治', '已报名']), []);
  assert.equal((await page.locator('.weui-tabbar__item', { hasText: '学习' }).locator('.weui-badge').innerText()).trim(), '1');
  // Tap the topic: its page opens with the materials (the second tap is the task itself).
  await page.locator('.todo-item--topic').first().click();
  await page.getByText('学习材料').first().waitFor({ timeout: T });
  await page.goBack();
  await page.locator('.todo-item--meeting').first().click();
  await page.locator('.rp-page:visible', { hasText: '签到' }).first().waitFor({ timeout: T });
  await page.context().close();
});

test('预备党员 (赵敏): the topic to study and the reminder', async () => {
  const { page, home, problems } = await walkTabs('赵敏', 'probationary');
  assert.deepEqual(problems, []);
  assert.deepEqual(includesAll(home, ['本月专题：学习党章', '1 条新消息', '今天主题党日']), []);
  await page.context().close();
});

test('群众 (陈静): her own shift on 首页; 学习 explains and leads to volunteering instead of an error', async () => {
  const { page, home, study, problems } = await walkTabs('陈静', 'masses');
  assert.deepEqual(problems, []);
  assert.deepEqual(includesAll(home, ['志愿服务：园区环境整治']), []);
  assert.ok(!home.includes('本月专题'), home);
  assert.deepEqual(includesAll(study, ['职工群众', '去看志愿活动']), []);
  await page.context().close();
});

test('支部书记 (李强): the branch\'s completion, today\'s meeting to show the code for', async () => {
  const { page, home, problems } = await walkTabs('李强', 'secretary');
  assert.deepEqual(problems, []);
  assert.deepEqual(includesAll(home, ['要处理的工作', '学习完成 0/4 人', '今天主题党日：主题党日', '签到码']), []);
  await page.locator('.todo-item--branch').first().click();
  await page.locator('.rp-page:visible', { hasText: '未完成' }).first().waitFor({ timeout: T });
  await page.context().close();
});

test('志愿服务组织者 (刘洋, 群众): 学习 explains; 首页 without study', async () => {
  const { page, home, study, problems } = await walkTabs('刘洋', 'organizer');
  assert.deepEqual(problems, []);
  assert.ok(!home.includes('本月专题'), home);
  assert.deepEqual(includesAll(study, ['职工群众', '去看志愿活动']), []);
  await page.context().close();
});

test('园区党委 (周涛): the park\'s month', async () => {
  const { page, home, problems } = await walkTabs('周涛', 'admin');
  assert.deepEqual(problems, []);
  assert.deepEqual(includesAll(home, ['学习完成率', '全园区专题：学习党章']), []);
  await page.context().close();
});

test('未绑定的微信用户: 首页 and 学习 lead to 绑定身份, no error anywhere', async () => {
  const { page, home, study, problems } = await walkTabs({ openid: 'o_persona_new', name: '新用户' }, 'unbound');
  assert.deepEqual(problems, []);
  assert.deepEqual(includesAll(home, ['绑定身份']), []);
  assert.deepEqual(includesAll(study, ['绑定身份']), []);
  await page.context().close();
});
