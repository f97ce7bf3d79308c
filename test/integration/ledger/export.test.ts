// 台账 exports read back with exceljs: a seeded branch A (a 支委会 entered afterwards with an absence and its minutes,
// a 主题党日 checked in, a topic completed, volunteer hours, points) exported by its secretary for the quarter — every
// sheet's cells, the print setup (title, frozen header, borders, A4, page numbers), phones masked unless asked for
// (and then only for those the screens show), the audit entry; the park admin's one workbook and one file per
// branch; compliance colours at their boundaries; who may not export (nothing written).
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type ExcelJS from 'exceljs';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { auditOf } from '../org/support.js';
import { OTHER, complete, refusedBy, startStudy, topicInput } from '../study/support.js';
import { readBack, recordsOf } from './support.js';

const refused = refusedBy('ledger');

describe('ledger: exports', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const li = () => as(emu, park, '李强');
  const zhou = () => as(emu, park, '周涛');
  const A = () => park.branches.A;
  const db = () => emu.app().database();
  let wb: ExcelJS.Workbook;
  let committeeId: string;

  beforeAll(async () => {
    ({ emu, park } = await startStudy()); // 2026-11-10 10:00 China time
    // Branch A set up long ago (for compliance); its 主题党日 this morning, checked in by 王芳 and 赵敏.
    await db().collection('branches').doc(A()).update({ createdAt: new Date('2020-01-01T00:00:00Z') });
    const { meeting } = await li().ok('study', 'meetings.create', { branchId: A(), kind: 'partyDay', title: '十一月主题党日', date: '2026-11-10', startTime: '09:30', endTime: '11:30', place: '党员活动室' });
    const { code } = await li().ok('study', 'meetings.code', { meetingId: meeting.id });
    await as(emu, park, '王芳').ok('study', 'meetings.checkIn', { code });
    await as(emu, park, '赵敏').ok('study', 'meetings.checkIn', { code });
    // A 支委会 in October entered afterwards, 孙丽 on leave.
    ({ meeting: { id: committeeId } } = await li().ok('study', 'meetings.backfill', {
      branchId: A(), kind: 'committee', title: '十月支委会', date: '2026-10-15', startTime: '14:00', endTime: '15:00', place: '二楼会议室',
      chair: '李强', recorder: '王芳', agenda: '研究发展党员', minutes: '会议研究了赵敏转正前的培养考察情况。', decisions: '继续培养考察',
      present: [park.ids.李强, park.ids.王芳], absences: [{ personId: park.ids.孙丽, leave: true, reason: '出差' }],
    }));
    // The month's topic, completed by 王芳.
    const { topic } = await zhou().ok('study', 'topics.create', topicInput());
    await complete(as(emu, park, '王芳'), topic.id);
    // Volunteer hours: a confirmed shift in October (3.5 h) for 王芳, straight in the database.
    await db().collection('volunteer_registrations').add({
      _id: 'shift-x|w', activityId: 'act-x', shiftId: 'shift-x', parkId: park.parkId, branchId: A(), personId: park.ids.王芳, name: '王芳',
      shiftStart: new Date('2026-10-20T01:00:00Z'), shiftEnd: new Date('2026-10-20T04:30:00Z'), status: 'registered', signedInAt: null, signedOutAt: null,
      signOutBy: null, signedInOpen: false, manualReason: null, confirmedHours: 3.5, correctionReason: null, createdAt: new Date(), updatedAt: new Date(),
    });
    const r = await li().ok('ledger', 'export.create', { branchId: A(), period: '2026-Q4' });
    assert.equal(r.files.length, 1);
    assert.equal(r.files[0].name, '新能源公司党支部-2026年第4季度-台账.xlsx');
    wb = await readBack(r.files[0].url);
  });
  afterAll(() => emu?.stop());

  test('every sheet, printable: title with branch and period, header frozen and repeated, borders, A4, page numbers', () => {
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['三会一课达标情况', '三会一课记录本', '会议考勤', '学习记录', '志愿服务时长', '积分台账', '党员花名册', '承诺践诺', '三评议结果']);
    for (const ws of wb.worksheets) {
      assert.match(String(ws.getCell('A1').value), /新能源公司党支部/, ws.name);
      assert.equal(ws.views[0]?.state, 'frozen');
      assert.equal((ws.views[0] as any).ySplit, 3);
      assert.equal(ws.pageSetup.paperSize, 9, 'A4');
      assert.equal(ws.pageSetup.printTitlesRow, '3:3');
      assert.match(String(ws.headerFooter.oddFooter), /第 &P 页，共 &N 页/);
      assert.equal(ws.getCell('A4').border?.top?.style, 'thin');
      assert.ok((ws.getColumn(1).width ?? 0) >= 6);
    }
    assert.match(String(wb.getWorksheet('三会一课记录本')!.getCell('A1').value), /2026年第4季度/);
  });

  test('the record book and attendance: the 支委会 with its minutes, absence and 补记; the 主题党日 with its check-ins', () => {
    const book = recordsOf(wb.getWorksheet('三会一课记录本')!);
    const committee = book.find((r) => r['类别'] === '支委会')!;
    assert.deepEqual([committee['日期'], committee['时间'], committee['主持人'], committee['记录人'], committee['实到']], ['2026-10-15', '14:00–15:00', '李强', '王芳', '2']);
    assert.equal(committee['缺席人员及原因'], '孙丽（请假：出差）');
    assert.equal(committee['会议记录'], '会议研究了赵敏转正前的培养考察情况。');
    assert.equal(committee['决议'], '继续培养考察');
    assert.match(committee['记录情况']!, /^会后补记的会议（2026年11月10日 10:0\d 由李强录入）$/);
    const day = book.find((r) => r['类别'] === '主题党日')!;
    assert.deepEqual([day['应到'], day['实到'], day['记录情况']], ['4', '2', '未填写记录']);
    const att = recordsOf(wb.getWorksheet('会议考勤')!);
    const of = (title: string) => att.filter((r) => r['会议'] === title).map((r) => [r['姓名'], r['出席情况'], r['方式'], r['说明']]);
    assert.deepEqual(of('十月支委会').sort(), [['李强', '出席', '会议记录', ''], ['王芳', '出席', '会议记录', ''], ['孙丽', '请假', '', '出差']].sort());
    assert.deepEqual(of('十一月主题党日').sort(), [['孙丽', '缺席', '', '未签到'], ['李强', '缺席', '', '未签到'], ['王芳', '出席', '扫码签到', ''], ['赵敏', '出席', '扫码签到', '']].sort());
  });

  test('study per member and month, volunteer hours, points, the roster with phones masked', () => {
    const study = recordsOf(wb.getWorksheet('学习记录')!);
    const wang = study.find((r) => r['姓名'] === '王芳')!;
    assert.deepEqual([wang['10月'], wang['11月'], wang['12月'], wang['完成/应学']], ['—', '已完成', '—', '1/1']);
    assert.equal(study.find((r) => r['姓名'] === '赵敏')!['11月'], '未完成');
    assert.ok(!study.some((r) => r['姓名'] === '陈静'), 'masses do not study');
    const hours = recordsOf(wb.getWorksheet('志愿服务时长')!);
    assert.deepEqual(hours.map((r) => [r['姓名'], r['10月'], r['11月'], r['合计（小时）']]), [['王芳', '3.5', '0', '3.5']]);
    const points = recordsOf(wb.getWorksheet('积分台账')!);
    const wp = points.find((r) => r['姓名'] === '王芳')!;
    assert.equal(wp['参加主题党日'], '10');
    assert.ok(Number(wp['合计']) >= 10);
    const roster = recordsOf(wb.getWorksheet('党员花名册')!);
    assert.deepEqual(roster.map((r) => r['手机号']).sort(), ['138****0001', '138****0002', '138****0003', '138****0004', '138****0005']);
    assert.equal(roster.find((r) => r['姓名'] === '王芳')!['党小组'], '第一党小组');
  });

  test('audited: who, which branch and period, which sheets; full phones only when asked, for those the screens show', async () => {
    const [entry] = await auditOf(emu, park.parkId, 'ledger.export');
    assert.equal(entry.actor.name, '李强');
    assert.equal(entry.target, A());
    assert.equal(entry.detail.period, '2026年第4季度');
    assert.equal(entry.detail.fullPhones, false);
    assert.deepEqual(entry.detail.sheets, ['三会一课达标情况', '三会一课记录本', '会议考勤', '学习记录', '志愿服务时长', '积分台账', '党员花名册', '承诺践诺', '三评议结果']);
    const full = await li().ok('ledger', 'export.create', { branchId: A(), period: '2026-11', sheets: ['roster'], fullPhones: true });
    const roster = recordsOf((await readBack(full.files[0].url)).getWorksheet('党员花名册')!);
    assert.equal(roster.find((r) => r['姓名'] === '王芳')!['手机号'], '13800000001');
    // (The clock is frozen: entries share their time, so found by what they hold.)
    assert.equal((await auditOf(emu, park.parkId, 'ledger.export')).find((e) => e.detail.period === '2026年11月')!.detail.fullPhones, true);
  });

  test('compliance colours at the boundaries, coloured in the sheet', async () => {
    // As of 10 November: January–October due. 支委会 every month but September (1 missed: yellow); 主题党日 to
    // July only (3 missed: red); 党员大会 Q1–Q3 (green); 党课 Q1 only (2 missed: red); 组织生活会 held (green);
    // 民主评议 not yet, in November (yellow).
    const add = (kind: string, date: string) => ({ _id: `c-${kind}-${date}`, parkId: park.parkId, branchId: park.branches.B, kind, title: kind, date, place: '会议室', attendees: 2, createdBy: { id: 'x', name: '张伟' }, createdAt: new Date() });
    const months = (ms: number[]) => ms.map((m) => `2026-${String(m).padStart(2, '0')}-10`);
    await db().collection('branches').doc(park.branches.B).update({ createdAt: new Date('2020-01-01T00:00:00Z') });
    await db().collection('meetings').add([
      ...months([1, 2, 3, 4, 5, 6, 7, 8, 10]).map((d) => add('committee', d)), ...months([1, 2, 3, 4, 5, 6, 7]).map((d) => add('partyDay', d)),
      ...['2026-02-01', '2026-05-01', '2026-08-01'].map((d) => add('memberAssembly', d)), add('partyClass', '2026-03-01'), add('orgLife', '2026-06-30'),
    ]);
    const c = await as(emu, park, '张伟').ok('ledger', 'compliance.branch', { branchId: park.branches.B, year: '2026' });
    const colour = Object.fromEntries(c.items.map((i: any) => [i.key, i.colour]));
    assert.deepEqual(colour, { partyDay: 'red', committee: 'yellow', memberAssembly: 'green', partyClass: 'red', orgLife: 'green', democraticReview: 'yellow' });
    assert.equal(c.colour, 'red');
    const r = await as(emu, park, '张伟').ok('ledger', 'export.create', { branchId: park.branches.B, period: '2026', sheets: ['compliance'] });
    const ws = (await readBack(r.files[0].url)).getWorksheet('三会一课达标情况')!;
    const fills = recordsOf(ws).map((row, n) => [row['项目'], row['情况'], (ws.getRow(4 + n).getCell(5).fill as any).fgColor.argb]);
    assert.deepEqual(fills, [
      ['主题党日', '未达标', 'FFFFC7CE'], ['支委会', '需关注', 'FFFFEB9C'], ['支部党员大会', '达标', 'FFC6EFCE'], ['党课', '未达标', 'FFFFC7CE'],
      ['组织生活会', '达标', 'FFC6EFCE'], ['民主评议党员', '需关注', 'FFFFEB9C'],
    ]);
    const parkView = await zhou().ok('ledger', 'compliance.park', { year: '2026' });
    assert.deepEqual(parkView.branches.map((b: any) => [b.name, b.colour]), [['新能源公司党支部', 'red'], ['园区联合党支部', 'red']], 'worst first, then in pinyin order');
  });

  test('the park admin: one workbook with every branch, or one file per branch', async () => {
    const one = await zhou().ok('ledger', 'export.create', { period: '2026-Q4', sheets: ['meetings', 'roster'] });
    assert.equal(one.files.length, 1);
    assert.equal(one.files[0].name, '测试工业园区-2026年第4季度-台账.xlsx');
    const book = await readBack(one.files[0].url);
    assert.match(String(book.getWorksheet('党员花名册')!.getCell('A1').value), /^测试工业园区　2026年第4季度　党员花名册$/);
    const roster = recordsOf(book.getWorksheet('党员花名册')!);
    assert.deepEqual([...new Set(roster.map((r) => r['支部']))], ['新能源公司党支部', '园区联合党支部']);
    assert.ok(roster.every((r) => /^1\d\d\*\*\*\*\d{4}$/.test(r['手机号']!)), 'masked unless asked');
    const split = await zhou().ok('ledger', 'export.create', { period: '2026-Q4', split: 'perBranch', sheets: ['meetings'] });
    assert.deepEqual(split.files.map((f: any) => f.name).sort(), ['园区联合党支部-2026年第4季度-台账.xlsx', '新能源公司党支部-2026年第4季度-台账.xlsx'].sort());
    const entry = (await auditOf(emu, park.parkId, 'ledger.export')).find((e) => e.detail.split === 'perBranch');
    assert.deepEqual([entry.detail.owner, entry.detail.files, entry.detail.split], ['全园区', 2, 'perBranch']);
  });

  test('refused, writing nothing: another branch, the whole park as a secretary, a member, another park', async () => {
    await refused(emu, as(emu, park, '张伟'), 'export.create', { branchId: A(), period: '2026-Q4' }, 'FORBIDDEN', /本支部/);
    await refused(emu, li(), 'export.create', { period: '2026-Q4' }, 'FORBIDDEN', /园区党委管理员/);
    await refused(emu, as(emu, park, '王芳'), 'export.create', { branchId: A(), period: '2026-Q4' }, 'FORBIDDEN');
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'export.create', { branchId: A(), period: '2026-Q4' }, 'NOT_FOUND');
    await refused(emu, li(), 'export.create', { branchId: A(), period: '2026-13' }, 'INVALID_INPUT');
    await refused(emu, as(emu, park, '张伟'), 'compliance.branch', { branchId: A(), year: '2026' }, 'FORBIDDEN');
    await refused(emu, li(), 'compliance.park', { year: '2026' }, 'FORBIDDEN');
    void committeeId;
  });
});
