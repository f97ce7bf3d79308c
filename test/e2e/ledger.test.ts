// 台账 end to end on the real H5 build (issue 19, real clock, China time): 李强 has a 支委会 today (scheduled through the
// function); on 会议 he opens 填写会议记录, writes the chair, recorder, agenda, minutes and decisions, marks 王芳 present
// and 孙丽 on leave with her reason (出差), saves; then on 台账 he sees the year's 达标情况, exports this quarter's
// 台账 and the browser downloads the file, which exceljs reads back: the 支委会's row with its minutes and the
// absence. 周涛 opens 园区管理 · 台账: every branch's colour. Each page at 390 px and in 大字模式.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { periodLabel } from '../../shared/periods.js';
import { chinaDateString } from '../../shared/time.js';
import { type LocalApp, pageAs, startLocalApp } from '../support/h5.js';
import { as } from '../support/park.js';
import { shots } from '../support/wheel.js';
import { recordsOf } from '../integration/ledger/support.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

const T = 15_000;

test('a secretary records a 支委会 with an absence and minutes, exports the quarter and the file downloads', async () => {
  const today = chinaDateString(new Date());
  const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  const li = as(app.emu, app.park, '李强');
  const { meeting } = await li.ok('study', 'meetings.create', { branchId: app.park.branches.A, kind: 'committee', title: '本月支委会', date: today, place: '二楼会议室' });

  // 1. 会议 → 填写会议记录.
  const sec = await pageAs(app, '李强', '/packages/secretary/pages/meetings/index');
  const p = sec.page;
  const item = p.locator(`.meetings-item[data-meeting-id="${meeting.id}"]`);
  await item.waitFor({ timeout: T });
  assert.match(await item.innerText(), /支委会/);
  await item.locator('.meetings-item__record').click();
  await p.locator('.record-form__chair input').waitFor({ timeout: T });
  await p.locator('.record-form__chair input').fill('李强');
  await p.locator('.record-form__recorder input').fill('王芳');
  await p.locator('.record-form__agenda textarea').fill('一、传达上级精神\n二、研究发展党员工作');
  await p.locator('.record-form__minutes textarea').fill('李强传达了园区党委会议精神，支委逐项讨论了赵敏的培养考察情况。');
  await p.locator('.record-form__decisions textarea').fill('继续培养考察赵敏，下月提交党员大会讨论');
  await p.locator('.record-person[data-person="王芳"] .record-person__mark--present').click();
  await p.locator('.record-person[data-person="孙丽"] .record-person__mark--leave').click();
  await p.locator('.record-person[data-person="孙丽"] .record-person__reason input').fill('出差');
  await shots(p, 'ledger-record-form');
  await p.locator('.record-form__submit').click();
  await p.locator('.record-saved').waitFor({ timeout: T });
  await shots(p, 'ledger-record-saved');
  const stored = (await app.emu.app().database().collection('meetings').doc(meeting.id).get()).data[0];
  assert.equal(stored.record.minutes, '李强传达了园区党委会议精神，支委逐项讨论了赵敏的培养考察情况。');
  assert.deepEqual(stored.record.absences.map((a: any) => [a.name, a.leave, a.reason]), [['孙丽', true, '出差']]);
  assert.equal(stored.record.late, false);

  // 2. 台账: 达标情况, then the quarter's export downloads.
  await p.goto(`${app.emu.baseUrl}/#/packages/secretary/pages/ledger/index`);
  await p.locator('.ledger-compliance__row').first().waitFor({ timeout: T });
  assert.match(await p.locator('.ledger-compliance').innerText(), /支委会[\s\S]*主题党日|主题党日[\s\S]*支委会/);
  await shots(p, 'ledger-branch');
  await p.locator(`.ledger-export__period--${quarter}`).click();
  const [download] = await Promise.all([p.waitForEvent('download', { timeout: 30_000 }), p.locator('.ledger-export__go').click()]);
  assert.equal(download.suggestedFilename(), `新能源公司党支部-${periodLabel(quarter)}-台账.xlsx`);
  const file = await download.path();
  assert.ok(file, 'the file downloaded');
  await p.locator('.ledger-export__done', { hasText: '已下载' }).waitFor({ timeout: T });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file!);
  const row = recordsOf(wb.getWorksheet('三会一课记录本')!).find((r) => r['主题'] === '本月支委会')!;
  assert.equal(row['会议记录'], '李强传达了园区党委会议精神，支委逐项讨论了赵敏的培养考察情况。');
  assert.equal(row['缺席人员及原因'], '孙丽（请假：出差）');
  assert.match(row['记录情况']!, /^当天记录/);
  await shots(p, 'ledger-exported');
  assert.deepEqual(sec.errors, []);

  // 3. 周涛: 园区管理 · 台账, every branch with its colour.
  const zhou = await pageAs(app, '周涛', '/packages/secretary/pages/ledger/index?scope=park');
  const z = zhou.page;
  await z.locator('.ledger-branch').nth(1).waitFor({ timeout: T });
  assert.match(await z.locator('.ledger-branch').first().innerText(), /党支部[\s\S]*(达标|需关注|未达标)/);
  await shots(z, 'ledger-park');
  assert.deepEqual(zhou.errors, []);
}, 180_000);
