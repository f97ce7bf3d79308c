// A screenshot of every page of the app (test-results/screenshots/page-*.png, and page-*-large.png in
// 大字模式), each opened as a person who may use it, on the real H5 build: no page may throw, show the
// generic failure message, stay on a spinner, be wider than the phone or cut a short heading mid-word
// (test/support/page-checks.ts). The page list comes from the weapp build's app.json, so a new page cannot be missed.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/emulator.js';
import { type LocalApp, pageAs, startLocalApp } from '../support/h5.js';
import { settle, shotsBothSizes, stateProblems } from '../support/page-checks.js';
import { as, type Persona } from '../support/park.js';
import { chinaPeriods } from '../../shared/periods.js';
import { chinaDateString } from '../../shared/time.js';

let app: LocalApp;
let topicId = '';
let activityId = '';
let shiftId = '';
beforeAll(async () => {
  app = await startLocalApp();
  // A study topic for the pages that show one (opened from lists with ?topicId=).
  const month = chinaPeriods(new Date()).month;
  const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const { topic } = await as(app.emu, app.park, '李强').ok('study', 'topics.create', {
    scope: 'branch', branchId: app.park.branches.A, month, title: '本月专题', deadline: `${month}-${lastDay}`,
    materials: [{ kind: 'paragraph', text: '学习材料' }], noteMinLength: 10,
    quiz: { questions: [{ text: '题目', kind: 'single', choices: ['甲', '乙'], answer: [0] }], passMark: 1, maxAttempts: 2 },
  });
  topicId = topic.id;
  // A volunteer activity next week for its pages (opened from lists with ?activityId= / ?shiftId=), with a sign-up.
  const now = new Date();
  const day = chinaDateString(new Date(now.getTime() + 7 * 86_400_000));
  const { activity } = await as(app.emu, app.park, '刘洋').ok('volunteer', 'activities.create', {
    scope: 'park', title: '园区环境整治志愿服务', category: 'environment', place: '园区中心广场', audience: 'all',
    content: [{ kind: 'paragraph', text: '清理绿化带垃圾，劝导文明停车。' }],
    recruitFrom: `${chinaDateString(now)} 00:00`, recruitUntil: `${day} 08:00`, cancelBeforeHours: 24,
    contact: { name: '刘洋', phone: '13800000007' }, riskNotice: '户外活动，注意防晒。', insured: true, hoursRule: { minPresence: 0.6, roundTo: 0.5 },
    shifts: [{ start: `${day} 09:00`, end: `${day} 11:00`, capacity: 5, role: '清洁' }], publish: true,
  });
  activityId = activity.id;
  shiftId = activity.shifts[0].id;
  await as(app.emu, app.park, '王芳').ok('volunteer', 'signUp', { shiftId });
});
afterAll(async () => {
  await app?.stop();
});

interface AppJson { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> }

function allPages(): string[] {
  // The weapp build (made first by npm test) lists every page; persona exists only in the H5 build.
  const json = JSON.parse(readFileSync(path.join(ROOT, 'dist/weapp/app.json'), 'utf8')) as AppJson;
  const subs = (json.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`));
  return [...json.pages, ...subs, 'pages/persona/index'];
}

/** Who opens a page: the area's own role, else a member. */
function visitor(page: string): Persona {
  if (page.startsWith('packages/secretary/')) return '李强';
  if (page.startsWith('packages/admin/')) return '周涛';
  if (page.startsWith('packages/organizer/')) return '刘洋';
  if (page === 'packages/review/pages/branch/index') return '李强';
  if (page === 'packages/review/pages/park/index') return '周涛';
  if (page === 'packages/pledge/pages/review/index') return '李强';
  if (page === 'packages/pledge/pages/branch/index') return '李强';
  if (page === 'packages/dashboard/pages/index/index') return '李强';
  return '王芳';
}

/** Pages opened from a list get the item they show in their query (as 名册 opens 修改人员信息). */
function query(page: string): string {
  const topic = `?topicId=${topicId}&branchId=${app.park.branches.A}`;
  if (/^packages\/(study|secretary)\/pages\/(topic|quiz|progress|notes)\/index$/.test(page)) return topic;
  if (page === 'packages/secretary/pages/person/index') return `?personId=${app.park.ids.王芳}&branchId=${app.park.branches.A}&name=${encodeURIComponent('王芳')}`;
  if (page === 'packages/volunteer/pages/activity/index') return `?activityId=${activityId}`;
  if (page === 'packages/organizer/pages/shift/index') return `?shiftId=${shiftId}&activityId=${activityId}`;
  return '';
}

test('every page renders for a person who may use it, and is saved as a screenshot', async () => {
  const pages = allPages();
  const layout: string[] = [];
  assert.ok(pages.length >= 8, `pages: ${pages.join(', ')}`);
  for (const route of pages) {
    const who = visitor(route);
    const { page, errors } = await pageAs(app, who, `/${route}${query(route)}`);
    await settle(page);
    assert.deepEqual(await stateProblems(page), [], `${route} as ${who}`);
    // Normal and 大字模式: nothing wider than the phone, no heading cut mid-word.
    layout.push(...(await shotsBothSizes(page, `page-${route.replace(/\/index$/, '').replace(/\//g, '-')}`)));
    assert.deepEqual(errors, [], `${route} as ${who}: page errors`);
    await page.context().close();
  }
  assert.deepEqual(layout, []);
});
