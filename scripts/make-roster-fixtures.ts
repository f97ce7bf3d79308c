// Writes the sample roster files in test/fixtures/roster/ (committed; used by the e2e tests, the
// README and test/integration/org/roster-import.test.ts):
//   roster.xlsx             8 good rows, the way a secretary fills them in (Excel dates and text dates,
//                           phone numbers as numbers and as text, posts, 责任区, a 转正日期 for some full
//                           members and not others), no 党小组 so it fits any branch
//   roster-with-errors.csv  UTF-8 with BOM (what Excel's "CSV UTF-8" writes), twelve rows, eleven of them wrong
// Run: npx tsx scripts/make-roster-fixtures.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROSTER_FIXTURES = path.join(ROOT, 'test/fixtures/roster');

export const HEADER = ['姓名', '手机号', '类别', '入党日期', '转正日期', '党小组', '岗位类型', '岗位名称', '责任区'];

/** The good roster: phones 199 0001 00xx, far from the seeded parks' numbers. */
export const SAMPLE_ROWS: Array<Array<string | number | Date | null>> = [
  ['马建国', 19900010001, '正式党员', new Date(Date.UTC(1988, 6, 1)), new Date(Date.UTC(1989, 6, 1)), null, '党员先锋岗', '安全生产先锋岗', '一号车间'],
  ['杨秀英', '19900010002', '正式党员', '2003-07-01', '2004-07-01', null, '示范岗', '服务窗口示范岗', '综合服务大厅'],
  ['何志强', '199 0001 0003', '预备党员', '2025/12/1', null, null, null, null, null],
  ['罗 丽', '19900010004', '群众', null, null, null, null, null, '物流仓储区'],
  ['高文华', 19900010005, '正式党员', '2012年6月30日', '2013年12月20日', null, '先锋岗', '技术攻关先锋岗', '研发中心'],
  ['郑海燕', '19900010006', '群众', null, null, null, null, null, null],
  ['谢永刚', '19900010007', '正式党员', new Date(Date.UTC(2019, 4, 4)), null, null, null, null, '二号车间'],
  ['韩 梅', '19900010008', '预备党员', '2025-10-15', null, null, null, null, null],
];

/**
 * Rows 3–13 are wrong in one way each (row 2 is fine but shares its phone with row 10);
 * test/integration/org/roster.test.ts names each problem.
 */
export const ERRORS_CSV = [
  HEADER.join(','),
  '宋立新,19900020001,正式党员,2001-07-01,2002-07-01,,,,',
  ',19900020002,正式党员,2001-07-01,,,,,',
  '唐国庆,12345,正式党员,2001-07-01,,,,,',
  '冯晓东,19900020004,党委委员,,,,,,',
  '董丽娟,19900020005,正式党员,,,,,,',
  '萧红,19900020006,群众,2010-01-01,,,,,',
  '程远,19900020007,预备党员,2099-01-01,,,,,',
  '曹阳,19900020008,正式党员,2015-07-01,,,先锋岗,,',
  '袁帅,19900020001,正式党员,2016-07-01,,,,,',
  '邓超,19900020010,正式党员,2017-07-01,,第九党小组,,,',
  '许静,19900020011,正式党员,2023/2/30,,,,,"三号车间,东侧"',
  '蒋欣,19900020012,预备党员,2025-03-01,2026-03-01,,,,',
].join('\r\n') + '\r\n';

export async function rosterXlsx(rows = SAMPLE_ROWS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Fixed metadata so a re-run changes as little as possible.
  wb.created = wb.modified = new Date(Date.UTC(2026, 0, 1));
  wb.creator = 'Redpark';
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  ws.getColumn(4).numFmt = 'yyyy-mm-dd';
  ws.getColumn(5).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  mkdirSync(ROSTER_FIXTURES, { recursive: true });
  writeFileSync(path.join(ROSTER_FIXTURES, 'roster.xlsx'), await rosterXlsx());
  writeFileSync(path.join(ROSTER_FIXTURES, 'roster-with-errors.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ERRORS_CSV, 'utf8')]));
  console.log(`wrote ${ROSTER_FIXTURES}/roster.xlsx and roster-with-errors.csv`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
