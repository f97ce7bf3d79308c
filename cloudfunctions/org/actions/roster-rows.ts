// Turning a roster grid into people, naming every bad cell. Pure: the database checks (phones
// already on the park's roster) are done by the caller with the phones this returns.
//
// Messages are for the secretary who made the spreadsheet: say what is wrong and how to fix it.
import type { Post, RosterProblem, RosterRow } from '../../../shared/contract';
import { rosterRow } from '../../../shared/contract/org';
import { type RuleProblem, partyRules } from './person-rules';
import type { Cell, GridRow } from './roster-file';

export const MAX_ROSTER_ROWS = 500;

/** The columns, in report order. */
export const COLUMNS = ['姓名', '手机号', '类别', '入党日期', '转正日期', '党小组', '岗位类型', '岗位名称', '责任区'] as const;
export type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['姓名', '手机号', '类别'];

/** Other headings people use for the same column. */
const ALIASES: Record<string, Column> = {
  手机: '手机号', 手机号码: '手机号', 联系电话: '手机号', 电话: '手机号',
  人员类别: '类别', 身份: '类别', 政治面貌: '类别',
  入党时间: '入党日期',
  转正时间: '转正日期',
  所在党小组: '党小组',
  岗位: '岗位名称',
};

const MEMBER_TYPES: Record<string, RosterRow['memberType']> = {
  正式党员: 'full', 中共党员: 'full', 党员: 'full',
  预备党员: 'probationary', 中共预备党员: 'probationary',
  群众: 'none', 入党积极分子: 'none', 积极分子: 'none', 发展对象: 'none', 共青团员: 'none', 团员: 'none',
};
const POST_KINDS: Record<string, Post['kind']> = { 先锋岗: 'pioneer', 党员先锋岗: 'pioneer', 示范岗: 'model', 党员示范岗: 'model' };

export interface ParsedPerson extends RosterRow {
  row: number;
  groupId: string | null;
}

export interface RosterCheck {
  /** Data rows (non-empty rows after the header). */
  rows: number;
  /** The rows that passed (all of them only when there are no problems). */
  people: ParsedPerson[];
  problems: RosterProblem[];
}

export function text(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).replace(/[\u00a0\u3000]/g, ' ').trim();
}

function headerKey(c: Cell | undefined): Column | null {
  // "姓名*", "手机号（必填）", " 类 别 " all mean the column.
  const t = text(c).replace(/\s+/g, '').replace(/[*＊]/g, '').replace(/[（(][^）)]*[）)]$/, '');
  if ((COLUMNS as readonly string[]).includes(t)) return t as Column;
  return ALIASES[t] ?? null;
}

/** One problem for the whole file, reported at row 1. */
export const fileProblem = (message: string): RosterProblem => ({ row: 1, column: '文件', message });

export function checkRoster(grid: GridRow[], groups: Array<{ id: string; name: string }>, today: string): RosterCheck {
  // The header is the first row naming 姓名 (a title row above it is allowed).
  if (!grid.length) return { rows: 0, people: [], problems: [fileProblem('文件里没有内容')] };
  const headerAt = grid.slice(0, 10).findIndex((r) => r.cells.some((c) => headerKey(c) === '姓名'));
  if (headerAt < 0) {
    return { rows: 0, people: [], problems: [{ row: 1, column: '表头', message: '没有找到表头：第一行应是“姓名、手机号、类别……”这些列名' }] };
  }
  const header = grid[headerAt]!;
  const col = new Map<Column, number>();
  header.cells.forEach((c, i) => {
    const k = headerKey(c);
    if (k && !col.has(k)) col.set(k, i);
  });
  const missing = REQUIRED.filter((k) => !col.has(k));
  if (missing.length) {
    return { rows: 0, people: [], problems: missing.map((k) => ({ row: header.row, column: k, message: `缺少“${k}”这一列，请在表头加上` })) };
  }
  const data = grid.slice(headerAt + 1);
  if (!data.length) return { rows: 0, people: [], problems: [fileProblem('文件里只有表头，没有人员')] };
  if (data.length > MAX_ROSTER_ROWS) {
    return { rows: data.length, people: [], problems: [fileProblem(`一次最多导入 ${MAX_ROSTER_ROWS} 人，这个文件有 ${data.length} 行，请分成几个文件导入`)] };
  }

  const problems: RosterProblem[] = [];
  const people: ParsedPerson[] = [];
  for (const r of data) {
    const got = checkRow(r, col, groups, today);
    problems.push(...got.problems);
    if (got.person) people.push(got.person);
  }
  problems.push(...duplicatePhones(data.map((r) => ({ row: r.row, phone: phoneOf(r.cells[col.get('手机号')!]).phone }))));
  sortProblems(problems);
  return { rows: data.length, people, problems };
}

export function sortProblems(p: RosterProblem[]): void {
  const order = (c: string) => (COLUMNS as readonly string[]).indexOf(c);
  p.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
}

function duplicatePhones(rows: Array<{ row: number; phone: string | null }>): RosterProblem[] {
  const byPhone = new Map<string, number[]>();
  for (const r of rows) if (r.phone) byPhone.set(r.phone, [...(byPhone.get(r.phone) ?? []), r.row]);
  const out: RosterProblem[] = [];
  for (const at of byPhone.values()) {
    if (at.length < 2) continue;
    for (const row of at) {
      const others = at.filter((x) => x !== row).map((x) => `第 ${x} 行`).join('、');
      out.push({ row, column: '手机号', message: `手机号与${others}重复` });
    }
  }
  return out;
}

/** A phone number as typed: spaces, dashes and a +86 prefix are fine; a number in scientific notation is not. */
function phoneOf(c: Cell | undefined): { phone: string | null; message?: string } {
  if (typeof c === 'number') {
    if (!Number.isInteger(c)) return { phone: null, message: '手机号应为 11 位数字' };
    c = String(c);
  }
  const t = text(c);
  if (!t) return { phone: null, message: '请填写手机号' };
  if (/^\d(\.\d+)?e\+?\d+$/i.test(t)) return { phone: null, message: '手机号被 Excel 变成了科学计数法（如 1.38E+10），请把这一列设为“文本”后重新填写' };
  let p = t.replace(/[\s\-()（）]/g, '');
  if (/^(\+?86)1\d{10}$/.test(p)) p = p.replace(/^\+?86/, '');
  if (!/^1[3-9]\d{9}$/.test(p)) return { phone: null, message: '手机号应为 11 位数字' };
  return { phone: p };
}

/** 2024-07-01, 2024/7/1, 2024.7.1, 2024年7月1日, 20240701, an Excel date, or an Excel day number. */
export function dateOf(c: Cell | undefined): { date: string | null; message?: string } {
  const ymd = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (c instanceof Date) return { date: ymd(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate()) };
  if (typeof c === 'number') {
    if (c >= 19000101 && c <= 29991231 && Number.isInteger(c)) c = String(c);
    else if (c > 0 && c < 2958466) {
      // Excel's day count (1900 system): day 1 = 1900-01-01, with its fictional 1900-02-29 folded in.
      const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(c) * 86_400_000);
      return { date: ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) };
    } else return { date: null, message: '日期看不懂，请写成 2024-07-01 这样' };
  }
  const t = text(c).replace(/\s+/g, ' ');
  if (!t) return { date: null };
  let m = /^(\d{4}) ?[-/.年] ?(\d{1,2}) ?[-/.月] ?(\d{1,2}) ?日?(?: \d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t);
  m ??= /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) {
    if (/^\d{4} ?[-/.年] ?\d{1,2} ?月?$/.test(t)) return { date: null, message: '请写完整日期（年月日），例如 2024-07-01' };
    return { date: null, message: '日期看不懂，请写成 2024-07-01 这样' };
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = ymd(y, mo, d);
  if (new Date(Date.UTC(y, mo - 1, d)).toISOString().slice(0, 10) !== date) return { date: null, message: `没有 ${y} 年 ${mo} 月 ${d} 日这一天，请核对` };
  return { date };
}

/** Chinese names are often padded for alignment ("王  芳"); spaces inside a Chinese name are never real. */
function nameOf(c: Cell | undefined): string {
  const t = text(c);
  return /^[\u4e00-\u9fff·\s]+$/.test(t) ? t.replace(/\s+/g, '') : t.replace(/\s+/g, ' ');
}

function checkRow(r: GridRow, col: Map<Column, number>, groups: Array<{ id: string; name: string }>, today: string) {
  const problems: RosterProblem[] = [];
  const bad = (column: Column, message: string) => problems.push({ row: r.row, column, message });
  const cell = (k: Column) => (col.has(k) ? r.cells[col.get(k)!] : null);

  const name = nameOf(cell('姓名'));
  if (!name) bad('姓名', '请填写姓名');

  const phone = phoneOf(cell('手机号'));
  if (phone.message) bad('手机号', phone.message);

  const typeText = text(cell('类别')).replace(/\s+/g, '');
  const memberType = MEMBER_TYPES[typeText];
  if (!typeText) bad('类别', '请填写类别：正式党员、预备党员或群众');
  else if (!memberType) bad('类别', `“${typeText}”不是可用的类别，请填 正式党员、预备党员 或 群众`);

  const joined = dateOf(cell('入党日期'));
  const fullOn = dateOf(cell('转正日期')); // an optional column: older rosters have no 转正日期
  const kindText = text(cell('岗位类型')).replace(/\s+/g, '');
  const kind = POST_KINDS[kindText];
  const rules = partyRules({ memberType, joinedPartyOn: joined.date, fullMemberOn: fullOn.date, hasPost: Boolean(kind) }, today);
  const rule = (field: RuleProblem['field']) => rules.find((p) => p.field === field)?.message;
  if (joined.message) bad('入党日期', joined.message);
  else if (rule('joinedPartyOn')) bad('入党日期', rule('joinedPartyOn')!);
  if (fullOn.message) bad('转正日期', fullOn.message);
  else if (rule('fullMemberOn')) bad('转正日期', rule('fullMemberOn')!);

  const groupName = text(cell('党小组')) || null;
  const group = groupName ? groups.find((g) => g.name === groupName) : undefined;
  if (groupName && !group) {
    const known = groups.length ? `现有：${groups.map((g) => g.name).join('、')}` : '本支部还没有设党小组，可以先留空';
    bad('党小组', `本支部没有“${groupName}”（${known}）`);
  }

  const title = text(cell('岗位名称'));
  if (kindText && !kind) bad('岗位类型', `“${kindText}”不是可用的岗位类型，请填 先锋岗 或 示范岗`);
  else if (kind && !title) bad('岗位名称', '填了岗位类型，请同时填写岗位名称');
  else if (!kindText && title) bad('岗位类型', '填了岗位名称，请同时填写岗位类型（先锋岗或示范岗）');
  else if (rule('posts')) bad('岗位类型', rule('posts')!);

  const area = text(cell('责任区')) || null;

  // The contract's own rules (lengths, date validity) — reported only where we haven't already.
  const candidate = {
    name,
    phone: phone.phone ?? '13000000000',
    memberType: memberType ?? 'none',
    joinedPartyOn: joined.date,
    fullMemberOn: fullOn.date,
    groupName,
    post: kind && title ? { kind, title } : null,
    responsibilityArea: area,
  };
  const parsed = rosterRow.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = columnOfPath(issue.path);
      if (problems.some((p) => p.column === column)) continue;
      bad(column, /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '填写有误');
    }
  }
  if (problems.length || !parsed.success) return { problems };
  return { problems, person: { ...parsed.data, row: r.row, groupId: group?.id ?? null } satisfies ParsedPerson };
}

function columnOfPath(path: PropertyKey[]): Column {
  const [field, sub] = path;
  const map: Record<string, Column> = {
    name: '姓名', phone: '手机号', memberType: '类别', joinedPartyOn: '入党日期', fullMemberOn: '转正日期', groupName: '党小组', responsibilityArea: '责任区',
  };
  if (field === 'post') return sub === 'kind' ? '岗位类型' : '岗位名称';
  return map[String(field)] ?? '姓名';
}
