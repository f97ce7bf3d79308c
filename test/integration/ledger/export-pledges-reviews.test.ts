// 台账's 承诺践诺 and 三评议 sheets read back with exceljs. Pledges made through the `pledge` function (王芳's item
// approved in January with a progress note, claimed, confirmed and rated in December by 陈静 and 李强; 赵敏's still
// waiting for approval, so not in the 台账); 三评议 through the `review` function (opened by 周涛, 王芳 rated by
// every group and decided 合格 by 李强, 赵敏 rated by one group only). The 三评议 sheet shows the branch's decision
// and each member's completion, never who rated; before the year's review is opened the sheet says so.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type ExcelJS from 'exceljs';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { approvedItem, chinaClock, itemInput, startPledges } from '../pledge/support.js';
import { addPerson } from '../org/support.js';
import { readBack, recordsOf, rowsOf } from './support.js';

describe('ledger: 承诺践诺 and 三评议 sheets', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let hejun: string;
  const who = (n: '王芳' | '李强' | '赵敏' | '陈静' | '周涛') => as(emu, park, n);
  const A = () => park.branches.A;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    ({ emu, park } = await startPledges()); // 2026-01-05 10:00 China time
    hejun = await addPerson(emu, park.parkId, A(), { name: '何军', openid: 'o_ledger_hejun', boundAt: new Date(), enterpriseId: 'ent-1' });
    await emu.app().database().collection('branches').doc(A()).update({ memberCount: 5 });
    // Before the review: the year's 三评议 sheet says it has not been held.
    const before = await who('李强').ok('ledger', 'export.create', { branchId: A(), period: '2026', sheets: ['reviews'] });
    const none = (await readBack(before.files[0].url)).getWorksheet('三评议结果')!;
    assert.equal(String(none.getCell('A4').value), '2026年度的三评议尚未开展');

    const item = await approvedItem(who('王芳'), who('李强'), '2026-11-30', { what: '全年质检零差错', howSeen: '车间质检记录' });
    await who('王芳').ok('pledge', 'progress.add', { pledgeId: item, text: '上半年质检零差错' });
    await who('赵敏').ok('pledge', 'create', itemInput('2026-12-20', { what: '带好两名新员工' }));
    await chinaClock(emu, '2026-11-20 10:00');
    await who('王芳').ok('pledge', 'claim', { pledgeId: item, note: '已完成' });
    await who('李强').ok('pledge', 'confirm', { pledgeId: item, fulfilled: true });
    await chinaClock(emu, '2026-12-10 10:00');
    await who('陈静').ok('pledge', 'rate', { pledgeId: item, rating: 'satisfied' });
    await who('李强').ok('pledge', 'rate', { pledgeId: item, rating: 'unsatisfied' });

    await who('周涛').ok('review', 'park.open', {
      year: '2026', from: '2026-12-01', until: '2026-12-31',
      leaders: [{ enterpriseId: 'ent-1', personIds: [park.ids.陈静] }], committees: [{ branchId: A(), personIds: [hejun] }],
    });
    await who('李强').ok('review', 'rate.submit', { year: '2026', memberId: park.ids.王芳, grade: 'qualified' });
    await who('陈静').ok('review', 'rate.submit', { year: '2026', memberId: park.ids.王芳, grade: 'excellent' });
    await who('赵敏').ok('review', 'rate.submit', { year: '2026', memberId: park.ids.王芳, grade: 'qualified' });
    await who('陈静').ok('review', 'rate.submit', { year: '2026', memberId: park.ids.赵敏, grade: 'qualified' });
    await who('李强').ok('review', 'branch.decide', { year: '2026', memberId: park.ids.王芳, grade: 'qualified', note: '继续保持' });

    const r = await who('李强').ok('ledger', 'export.create', { branchId: A(), period: '2026-Q4' });
    assert.deepEqual(r.sheets.slice(-2), ['承诺践诺', '三评议结果']);
    wb = await readBack(r.files[0].url);
  });
  afterAll(() => emu?.stop());

  test('承诺践诺: the public items due in the period, with progress, state and 评诺 counts; not those awaiting approval', () => {
    const ws = wb.getWorksheet('承诺践诺')!;
    assert.match(String(ws.getCell('A1').value), /^新能源公司党支部　2026年第4季度　承诺践诺$/);
    assert.equal(ws.pageSetup.orientation, 'landscape');
    assert.equal(ws.getCell('A4').border?.top?.style, 'thin');
    const rows = recordsOf(ws);
    assert.deepEqual(rows.map((x) => [x['承诺人（责任人）'], x['承诺类型'], x['类别'], x['承诺内容'], x['体现方式'], x['完成时限'], x['状态'], x['满意'], x['基本满意'], x['不满意']]), [
      ['王芳', '年度承诺', '工作', '全年质检零差错', '车间质检记录', '2026-11-30', '已践诺', '1', '0', '1'],
    ]);
    assert.equal(rows[0]!['践诺进展'], '1月5日：上半年质检零差错');
  });

  test('三评议结果: the branch decision and each member’s completion, never who rated', () => {
    const ws = wb.getWorksheet('三评议结果')!;
    assert.match(String(ws.getCell('A1').value), /^新能源公司党支部　2026年度　三评议结果$/);
    const [head] = rowsOf(ws);
    assert.deepEqual(head, ['姓名', '类别', '评议情况', '评定等次', '说明', '评定人', '评定日期']);
    const rows = Object.fromEntries(recordsOf(ws).map((x) => [x['姓名'], x]));
    assert.deepEqual(Object.keys(rows).sort(), ['何军', '孙丽', '李强', '王芳', '赵敏'].sort(), 'the branch’s Party members; 陈静 (群众) is not reviewed');
    assert.deepEqual([rows.王芳!['评议情况'], rows.王芳!['评定等次'], rows.王芳!['说明'], rows.王芳!['评定人'], rows.王芳!['评定日期']], ['已完成', '合格', '继续保持', '李强', '2026-12-10']);
    assert.deepEqual([rows.赵敏!['评议情况'], rows.赵敏!['评定等次']], ['待企业职工评议、党支部评议', '未评定']);
    assert.equal(rows.孙丽!['评议情况'], '未开始');
    // The raters of 王芳 were 李强 (who also decided, so named as 评定人), 陈静 and 赵敏: 陈静 is named nowhere.
    const text = rowsOf(ws).flat().join('|');
    assert.ok(!text.includes('陈静'), 'a rater is named');
    assert.ok(!text.includes('优秀'), 'a single rating shows through');
  });

  test('the park admin’s workbook has both sheets with a 支部 column', async () => {
    const r = await who('周涛').ok('ledger', 'export.create', { period: '2026', sheets: ['pledges', 'reviews'] });
    const book = await readBack(r.files[0].url);
    const pledges = recordsOf(book.getWorksheet('承诺践诺')!);
    assert.deepEqual(pledges.map((x) => [x['支部'], x['承诺人（责任人）']]), [['新能源公司党支部', '王芳']]);
    const reviews = recordsOf(book.getWorksheet('三评议结果')!);
    assert.deepEqual([...new Set(reviews.map((x) => x['支部']))].sort(), ['园区联合党支部', '新能源公司党支部'].sort());
    assert.equal(reviews.find((x) => x['姓名'] === '王芳')!['评定等次'], '合格');
  });
});
