// org roster.import: csv and xlsx rosters into a branch, every bad row reported with its column and
// reason, all-or-nothing writes, dry runs and files that are not rosters at all.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type EmulatorHandle, ROOT } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { csvText, gbkBytes, utf8Base64, xlsxBase64 } from './roster-files.js';
import { OTHER, auditOf, refused, snapshot, startSeeded } from './support.js';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test/fixtures/roster', name)).toString('base64');

describe('org roster.import', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const li = () => as(emu, park, '李强'); // secretary of A
  const zhou = () => as(emu, park, '周涛'); // park admin
  const peopleOf = async (branchId: string) => {
    const { data } = await emu.app().database().collection('people').where({ branchId }).limit(1000).get();
    return data as any[];
  };

  beforeAll(async () => ({ emu, park } = await startSeeded()));
  afterAll(() => emu?.stop());

  test('xlsx fixture: a dry run checks and writes nothing; the real run creates all 8 with posts and 责任区, audited', async () => {
    const input = { branchId: park.branches.B, fileName: '党员名册.xlsx', contentBase64: fixture('roster.xlsx') };
    const before = await snapshot(emu);
    assert.deepEqual(await zhou().ok('org', 'roster.import', { ...input, dryRun: true }), { rows: 8, created: 0, problems: [] });
    assert.equal(await snapshot(emu), before, 'a dry run wrote something');

    assert.deepEqual(await zhou().ok('org', 'roster.import', input), { rows: 8, created: 8, problems: [] });
    const people = await peopleOf(park.branches.B);
    const byName = Object.fromEntries(people.map((p) => [p.name, p]));
    assert.equal(people.length, 3 + 8);
    assert.deepEqual(
      ['parkId', 'branchId', 'phone', 'memberType', 'joinedPartyOn', 'posts', 'responsibilityArea', 'groupId', 'secretaryOf', 'organizer', 'parkAdmin', 'openid'].map((k) => byName.马建国[k]),
      [park.parkId, park.branches.B, '19900010001', 'full', '1988-07-01', [{ kind: 'pioneer', title: '安全生产先锋岗' }], '一号车间', null, [], false, false, undefined],
    );
    assert.deepEqual(byName.杨秀英.posts, [{ kind: 'model', title: '服务窗口示范岗' }]);
    assert.deepEqual([byName.何志强.phone, byName.何志强.memberType, byName.何志强.joinedPartyOn], ['19900010003', 'probationary', '2025-12-01']);
    assert.deepEqual([byName.罗丽.memberType, byName.罗丽.joinedPartyOn, byName.罗丽.responsibilityArea], ['none', null, '物流仓储区']); // "罗 丽" padded
    assert.equal(byName.高文华.joinedPartyOn, '2012-06-30');
    assert.equal(byName.谢永刚.joinedPartyOn, '2019-05-04');
    // 转正日期: an Excel date, a text date, 年月日; empty for a full member without one and for the others.
    assert.deepEqual(['马建国', '杨秀英', '高文华', '谢永刚', '何志强', '罗丽'].map((n) => byName[n].fullMemberOn), ['1989-07-01', '2004-07-01', '2013-12-20', null, null, null]);
    const [entry] = await auditOf(emu, park.parkId, 'roster.import');
    assert.deepEqual({ actor: entry.actor, target: entry.target, detail: entry.detail }, {
      actor: { id: park.ids.周涛, name: '周涛' }, target: park.branches.B, detail: { fileName: '党员名册.xlsx', count: 8, branchName: '园区联合党支部' },
    });
  });

  test('csv (UTF-8 with BOM, and GBK) by the branch secretary: Party groups by name, audited', async () => {
    const rows = [
      ['吴晓明', '19900030001', '正式党员', '2008-07-01', '第一党小组', '先锋岗', '设备维护先锋岗', '三号车间'],
      ['周小红', '19900030002', '群众', null, '第一党小组', null, null, null],
    ];
    const r = await li().ok('org', 'roster.import', { branchId: park.branches.A, fileName: 'a.csv', contentBase64: utf8Base64(csvText(rows), true) });
    assert.deepEqual(r, { rows: 2, created: 2, problems: [] });
    const byName = Object.fromEntries((await peopleOf(park.branches.A)).map((p) => [p.name, p]));
    assert.deepEqual([byName.吴晓明.groupId, byName.吴晓明.posts, byName.吴晓明.responsibilityArea], ['g-a1', [{ kind: 'pioneer', title: '设备维护先锋岗' }], '三号车间']);
    assert.deepEqual([byName.周小红.groupId, byName.周小红.memberType], ['g-a1', 'none']);
    const gbk = gbkBytes(csvText([['黄大年', '19900030003', '预备党员', '2026-01-05', null, null, null, '仓库']])).toString('base64');
    assert.equal((await li().ok('org', 'roster.import', { branchId: park.branches.A, fileName: 'gbk.csv', contentBase64: gbk })).created, 1);
    assert.equal((await peopleOf(park.branches.A)).find((p) => p.name === '黄大年')?.responsibilityArea, '仓库');
    const [entry] = await auditOf(emu, park.parkId, 'roster.import');
    assert.deepEqual([entry.actor.name, entry.detail.count, entry.detail.fileName], ['李强', 1, 'gbk.csv']);
  });

  test('the error fixture: ROSTER_INVALID names every bad row with column and reason, and nothing is written', async () => {
    const e = await refused(emu, li(), 'roster.import', { branchId: park.branches.A, fileName: 'roster-with-errors.csv', contentBase64: fixture('roster-with-errors.csv') }, 'ROSTER_INVALID', /12 处问题/);
    const detail = e.detail as { rows: number; created: number; problems: Array<{ row: number; column: string; message: string }> };
    assert.deepEqual([detail.rows, detail.created], [12, 0]);
    assert.deepEqual(detail.problems.map((p) => [p.row, p.column]), [
      [2, '手机号'], [3, '姓名'], [4, '手机号'], [5, '类别'], [6, '入党日期'], [7, '入党日期'], [8, '入党日期'], [9, '岗位名称'], [10, '手机号'], [11, '党小组'], [12, '入党日期'],
      [13, '转正日期'],
    ]);
    const msg = (row: number) => detail.problems.find((p) => p.row === row)!.message;
    assert.match(msg(2), /第 10 行重复/);
    assert.match(msg(5), /“党委委员”不是可用的类别/);
    assert.match(msg(6), /党员请填写入党日期/);
    assert.match(msg(7), /群众不填入党日期/);
    assert.match(msg(8), /不能晚于今天/);
    assert.match(msg(11), /本支部没有“第九党小组”（现有：第一党小组）/);
    assert.match(msg(12), /没有 2023 年 2 月 30 日这一天/);
    assert.match(msg(13), /预备党员还没有转正/);
    // A dry run reports the same problems.
    const dry = await refused(emu, li(), 'roster.import', { branchId: park.branches.A, fileName: 'x.csv', contentBase64: fixture('roster-with-errors.csv'), dryRun: true }, 'ROSTER_INVALID');
    assert.deepEqual((dry.detail as typeof detail).problems, detail.problems);
  });

  test('转正日期 (or 转正时间): only full members, not before 入党日期, not in the future; each bad cell named', async () => {
    const header = ['姓名', '手机号', '类别', '入党日期', '转正时间', '岗位类型', '岗位名称'];
    const rows = [
      ['转正好', '19900080001', '正式党员', '2010-07-01', '2011/7/1', null, null],
      ['转正未填', '19900080002', '正式党员', '2010-07-01', null, null, null], // older rosters: allowed
      ['早转正', '19900080003', '正式党员', '2010-07-01', '2010-06-30', null, null],
      ['未来转正', '19900080004', '正式党员', '2010-07-01', '2099-07-01', null, null],
      ['预备转正', '19900080005', '预备党员', '2026-01-05', '2026-02-01', null, null],
      ['群众转正', '19900080006', '群众', null, '2015-07-01', null, null],
      ['乱写转正', '19900080007', '正式党员', '2010-07-01', '去年七月', null, null],
      ['两处错', '19900080008', '群众', '2010-07-01', '2011-07-01', '先锋岗', '某岗'],
    ];
    const before = await snapshot(emu);
    const e = await refused(emu, li(), 'roster.import', { branchId: park.branches.A, fileName: 'z.csv', contentBase64: utf8Base64(csvText(rows, header)) }, 'ROSTER_INVALID');
    const problems = (e.detail as any).problems as Array<{ row: number; column: string; message: string }>;
    assert.deepEqual(problems.map((p) => [p.row, p.column]), [
      [4, '转正日期'], [5, '转正日期'], [6, '转正日期'], [7, '转正日期'], [8, '转正日期'], [9, '入党日期'], [9, '转正日期'], [9, '岗位类型'],
    ]);
    const msgs = problems.map((p) => p.message);
    assert.match(msgs[0]!, /转正日期不能早于入党日期/);
    assert.match(msgs[1]!, /转正日期不能晚于今天/);
    assert.match(msgs[2]!, /预备党员还没有转正/);
    assert.match(msgs[3]!, /群众没有转正日期/);
    assert.match(msgs[4]!, /日期看不懂/);
    assert.equal(await snapshot(emu), before, 'nothing written');

    const good = utf8Base64(csvText(rows.slice(0, 2), header));
    assert.equal((await li().ok('org', 'roster.import', { branchId: park.branches.A, fileName: 'z.csv', contentBase64: good })).created, 2);
    const byName = Object.fromEntries((await peopleOf(park.branches.A)).map((p) => [p.name, p]));
    assert.deepEqual([byName.转正好.fullMemberOn, byName.转正未填.fullMemberOn], ['2011-07-01', null]);
    const listed = (await li().ok('org', 'people.list', { branchId: park.branches.A, search: '转正' })).people;
    assert.deepEqual(listed.map((p: any) => [p.name, p.fullMemberOn]).sort(), [['转正好', '2011-07-01'], ['转正未填', null]]);
  });

  test('one good row among bad ones in xlsx: still nothing written; problems sorted by row then column', async () => {
    const content = await xlsxBase64([
      ['好人', '19900040001', '正式党员', '2001-07-01', null, null, null, null],
      ['坏', '1990004000', '群众', '2001-07-01', null, '示范岗', '某岗', null],
    ], { title: '新能源公司党支部党员名册' });
    const e = await refused(emu, li(), 'roster.import', { branchId: park.branches.A, fileName: 'r.xlsx', contentBase64: content }, 'ROSTER_INVALID');
    assert.deepEqual((e.detail as any).problems.map((p: any) => [p.row, p.column]), [[4, '姓名'], [4, '手机号'], [4, '入党日期'], [4, '岗位类型']]);
  });

  test('phones already in the park: same branch names the person, another branch does not', async () => {
    const content = utf8Base64(csvText([
      ['王芳二', '13800000001', '正式党员', '2001-07-01', null, null, null, null], // 王芳, branch A
      ['张伟二', '13800000006', '正式党员', '2001-07-01', null, null, null, null], // 张伟, branch B
      ['新同志', '19900050001', '正式党员', '2001-07-01', null, null, null, null],
    ]));
    const e = await refused(emu, li(), 'roster.import', { branchId: park.branches.A, fileName: 'p.csv', contentBase64: content }, 'ROSTER_INVALID');
    const problems = (e.detail as any).problems;
    assert.deepEqual(problems.map((p: any) => [p.row, p.column]), [[2, '手机号'], [3, '手机号']]);
    assert.match(problems[0].message, /已在本支部名册中（王芳）/);
    assert.match(problems[1].message, /园区其他支部/);
    assert.doesNotMatch(problems[1].message, /张伟/);
    // Another park's phone is no clash: phones are unique per park.
    const theirs = utf8Base64(csvText([['冯丽', OTHER.member.phone, '正式党员', '2001-07-01', null, null, null, null]]));
    assert.equal((await li().ok('org', 'roster.import', { branchId: park.branches.A, fileName: 'o.csv', contentBase64: theirs, dryRun: true })).rows, 1);
  });

  test('files that are not rosters: clear errors, nothing written', async () => {
    const A = park.branches.A;
    const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const fileCases: Array<[string, string, string, RegExp]> = [
      ['a PNG named .csv', 'photo.csv', b64(png), /文件内容无法识别/],
      ['a PDF named .xlsx', 'r.xlsx', b64('%PDF-1.4 not a workbook'), /文件打不开/],
      ['a broken zip named .xlsx', 'r.xlsx', b64(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)])), /文件打不开/],
      ['an old .xls', 'r.xlsx', b64(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])), /另存为/],
      ['only a BOM', 'e.csv', b64(Buffer.from([0xef, 0xbb, 0xbf])), /没有内容/],
      ['a header and no one', 'h.csv', utf8Base64(csvText([])), /只有表头/],
      ['no header row', 'n.csv', utf8Base64('王芳,13800000001,正式党员\r\n'), /没有找到表头/],
    ];
    for (const [why, fileName, contentBase64, message] of fileCases) {
      const e = await refused(emu, li(), 'roster.import', { branchId: A, fileName, contentBase64 }, 'ROSTER_INVALID');
      assert.match((e.detail as any).problems[0].message, message, why);
    }
    const wrongHeaders = await refused(emu, li(), 'roster.import', { branchId: A, fileName: 'w.csv', contentBase64: utf8Base64('姓名,电邮,备注\r\n王五,a@b.c,\r\n') }, 'ROSTER_INVALID');
    assert.deepEqual((wrongHeaders.detail as any).problems.map((p: any) => p.column), ['手机号', '类别']);
    const tooMany = Array.from({ length: 501 }, (_, i) => [`人员${i}`, `1990006${String(i).padStart(4, '0')}`, '群众', null, null, null, null, null]);
    const many = await refused(emu, li(), 'roster.import', { branchId: A, fileName: 'm.csv', contentBase64: utf8Base64(csvText(tooMany)) }, 'ROSTER_INVALID');
    assert.match((many.detail as any).problems[0].message, /一次最多导入 500 人/);

    const inputCases: Array<[string, unknown, string]> = [
      ['oversized content', { branchId: A, fileName: 'big.csv', contentBase64: 'A'.repeat(350_004) }, 'contentBase64'],
      ['an empty file', { branchId: A, fileName: 'e.csv', contentBase64: '' }, 'contentBase64'],
      ['not base64', { branchId: A, fileName: 'e.csv', contentBase64: '!!!!' }, 'contentBase64'],
      ['a .txt file', { branchId: A, fileName: 'names.txt', contentBase64: utf8Base64('x') }, 'fileName'],
      ['dryRun not a boolean', { branchId: A, fileName: 'a.csv', contentBase64: utf8Base64('x'), dryRun: 'yes' }, 'dryRun'],
    ];
    for (const [why, input, field] of inputCases) {
      const e = await refused(emu, li(), 'roster.import', input, 'INVALID_INPUT');
      assert.ok(e.fields?.[field]?.length, `${why}: ${JSON.stringify(e)}`);
    }
  });

  test('who may import: another branch’s secretary and another park’s admin are refused', async () => {
    const content = utf8Base64(csvText([['路人甲', '19900070001', '群众', null, null, null, null, null]]));
    await refused(emu, as(emu, park, '张伟'), 'roster.import', { branchId: park.branches.A, fileName: 'a.csv', contentBase64: content }, 'FORBIDDEN', /本支部/);
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'roster.import', { branchId: park.branches.A, fileName: 'a.csv', contentBase64: content }, 'NOT_FOUND');
    await refused(emu, as(emu, park, '王芳'), 'roster.import', { branchId: park.branches.A, fileName: 'a.csv', contentBase64: content }, 'FORBIDDEN');
  });
});
