// The 台账 sheets, drawn with exceljs, ready to print: a title row naming the branch (or the park) and the period,
// a line saying who exported it and when, a header row repeated on every printed page and frozen on screen,
// borders, column widths, wrapped long text, A4 with page numbers. Chinese throughout. SHEET_BUILDERS is the
// sheet registry (one entry per LEDGER_SHEETS item).
import type ExcelJS from 'exceljs';
import { MEMBER_TYPE_LABELS, POST_KIND_LABELS } from '../../../shared/contract/common';
import { LEDGER_SHEET_LABELS, type LedgerSheet } from '../../../shared/contract/ledger';
import { MEETING_KIND_LABELS } from '../../../shared/contract/study';
import { POINT_ITEMS, POINT_ITEM_LABELS } from '../../../shared/points';
import { chinaFormat } from '../../../shared/time';
import { maskPhone } from '../../org/actions/helpers';
import type { AttendanceDoc, MeetingDoc, PersonDoc } from '../../_lib/types';
import { COLOUR_LABELS } from '../../../shared/compliance';
import { PLEDGE_KIND_LABELS, PLEDGE_STATUS_LABELS, PLEDGE_TERM_LABELS } from '../../../shared/contract/pledge';
import { REVIEW_GRADE_LABELS, REVIEW_ROLES, REVIEW_ROLE_LABELS } from '../../../shared/contract/review';
import type { BranchData, Period } from './data';

type Value = string | number | null;
interface Col { header: string; width: number; wrap?: boolean; number?: boolean }

export interface SheetContext {
  /** "新能源公司党支部" or the park's name for a park-wide workbook. */
  owner: string;
  period: Period;
  /** Park-wide workbook: every branch in each sheet, with a 支部 column. */
  parkWide: boolean;
  exportedBy: string;
  now: Date;
  /** Whether the caller may see this person's full phone (and asked to). */
  fullPhone: (p: PersonDoc) => boolean;
  /** The day compliance is counted to ("2026年11月10日"). */
  complianceAsOf: string;
}

const FONT = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const HEADER_ROW = 3;

/**
 * A sheet's content before it is drawn: what a step of a large export stores between calls (plain JSON) and the last
 * step joins, branch chunk after branch chunk, into the one workbook.
 */
export interface SheetSpec {
  name: string;
  /** The title row: owner, period, sheet. */
  title: string;
  cols: Col[];
  rows: Value[][];
  /** The last column's fill (ARGB) per row, where a row has one (the compliance colours). */
  fills?: Array<string | null>;
  landscape: boolean;
  /** The line shown when there are no rows. */
  empty: string;
}

/** One sheet's content: title (owner, period, sheet name), columns, rows. */
function sheet(name: string, ctx: SheetContext, cols: Col[], rows: Value[][], landscape: boolean, empty = '本期没有记录', fills?: Array<string | null>): SheetSpec {
  return { name, title: `${ctx.owner}　${ctx.period.label}　${name}`, cols, rows, landscape, empty, ...(fills ? { fills } : {}) };
}

/** Several chunks' specs of one sheet as one: rows in the chunks' order (the title, columns and empty line are the same). */
export function joinSpecs(parts: SheetSpec[]): SheetSpec {
  const first = parts[0]!;
  const fills = first.fills ? parts.flatMap((x) => x.fills ?? x.rows.map(() => null)) : undefined;
  return { ...first, rows: parts.flatMap((x) => x.rows), ...(fills ? { fills } : {}) };
}

/**
 * Draws one printable sheet: title, subtitle, header, rows (or a line saying there is nothing). Each row is committed
 * as soon as it is drawn, so with exceljs's streaming WorkbookWriter a sheet of 40,000 rows is written as it goes
 * (on an in-memory Workbook commit() does nothing).
 */
export function drawSheet(wb: ExcelJS.Workbook, ctx: Pick<SheetContext, 'exportedBy' | 'now'>, spec: SheetSpec): void {
  const { cols, rows, fills } = spec;
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9, orientation: spec.landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      horizontalCentered: true, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  ws.columns = cols.map((c) => ({ width: c.width }));
  const last = cols.length;
  ws.mergeCells(1, 1, 1, last);
  ws.mergeCells(2, 1, 2, last);
  const title = ws.getRow(1);
  title.getCell(1).value = spec.title;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 32;
  title.commit();
  const sub = ws.getRow(2);
  sub.getCell(1).value = `导出：${ctx.exportedBy}　${chinaFormat(ctx.now, 'YYYY年M月D日 HH:mm')}`;
  sub.font = { name: FONT, size: 10 };
  sub.alignment = { horizontal: 'right', vertical: 'middle' };
  sub.commit();
  const head = ws.getRow(HEADER_ROW);
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  head.font = { name: FONT, size: 11, bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  head.height = 24;
  head.commit();
  if (!rows.length) {
    ws.mergeCells(HEADER_ROW + 1, 1, HEADER_ROW + 1, last);
    const r = ws.getRow(HEADER_ROW + 1);
    r.getCell(1).value = spec.empty;
    r.font = { name: FONT, size: 11 };
    r.alignment = { horizontal: 'center' };
    for (let i = 1; i <= last; i++) r.getCell(i).border = BORDER;
    r.commit();
    ws.commit?.();
    return;
  }
  // One style object per column, shared by its cells: exceljs turns a style into its id once per object (a WeakMap),
  // so 40,000 rows cost 40,000 lookups, not 40,000 style serialisations (a park's year: 11 s → a few).
  const font = { name: FONT, size: 10.5 };
  const styles: Array<Partial<ExcelJS.Style>> = cols.map((c) => ({ font, border: BORDER, alignment: { vertical: 'top', wrapText: !!c.wrap, horizontal: c.number ? 'right' : 'left' } }));
  const filled = new Map<string, Partial<ExcelJS.Style>>();
  const fillOf = (argb: string) => filled.get(argb) ?? filled.set(argb, { ...styles[last - 1], fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } }).get(argb)!;
  rows.forEach((values, n) => {
    const r = ws.getRow(HEADER_ROW + 1 + n);
    const fill = fills?.[n];
    values.forEach((v, i) => {
      const cell = r.getCell(i + 1);
      cell.value = v ?? '';
      cell.style = fill && i === last - 1 ? fillOf(fill) : styles[i]!;
    });
    r.commit();
  });
  ws.commit?.();
}

const branchCol: Col = { header: '支部', width: 22, wrap: true };
const withBranch = (ctx: SheetContext, cols: Col[]): Col[] => (ctx.parkWide ? [branchCol, ...cols] : cols);
const rowOf = (ctx: SheetContext, d: BranchData, values: Value[]): Value[] => (ctx.parkWide ? [d.branch.name, ...values] : values);
const partyMembers = (d: BranchData) => d.people.filter((p) => p.memberType !== 'none');
const monthName = (m: string) => `${Number(m.slice(5, 7))}月`;

/** Who a meeting expects: a 党小组会 its group's Party members; a 支委会 those its record names; else the branch's Party members. */
function expectedOf(d: BranchData, m: MeetingDoc): PersonDoc[] {
  const members = partyMembers(d);
  if (m.kind === 'groupMeeting' && m.groupId) return members.filter((p) => p.groupId === m.groupId);
  if (m.kind === 'committee') {
    const named = new Set([...(d.attendance.get(m._id) ?? []).map((a) => a.personId), ...(m.record?.absences ?? []).map((a) => a.personId)]);
    return members.filter((p) => named.has(p._id));
  }
  return members;
}

const timeOf = (m: MeetingDoc) => (m.startTime && m.endTime ? `${m.startTime}–${m.endTime}` : '全天');
export function recordState(m: MeetingDoc): string {
  if (m.cancelled) return `已取消${m.cancelReason ? `：${m.cancelReason}` : ''}`;
  if (!m.record) return '未填写记录';
  const when = chinaFormat(m.record.enteredAt, 'YYYY年M月D日 HH:mm');
  const source = m.backfilled ? '会后补记的会议' : m.record.late ? '补记' : '当天记录';
  return `${source}（${when} 由${m.record.enteredBy.name}录入）`;
}
const howCame = (a: AttendanceDoc) => (a.fromRecord ? '会议记录' : a.byHand ? '补记签到' : '扫码签到');

type Builder = (ctx: SheetContext, data: BranchData[]) => SheetSpec;

const FILLS = { green: 'FFC6EFCE', yellow: 'FFFFEB9C', red: 'FFFFC7CE' } as const;

/** Each sheet's content for a set of branches (a chunk's, in a large export). */
export const SHEET_BUILDERS: Record<LedgerSheet, Builder> = {
  compliance: (ctx, data) => {
    const cols = withBranch(ctx, [
      { header: '项目', width: 14 }, { header: '要求', width: 16 }, { header: '已召开（次）', width: 12, number: true },
      { header: '未召开', width: 36, wrap: true }, { header: '情况', width: 10 },
    ]);
    const rows: Value[][] = [];
    const fills: string[] = [];
    for (const d of data) {
      for (const i of d.compliance.items) {
        rows.push(rowOf(ctx, d, [i.label, i.rule, i.held, i.text, COLOUR_LABELS[i.colour]]));
        fills.push(FILLS[i.colour]);
      }
    }
    return sheet(LEDGER_SHEET_LABELS.compliance, { ...ctx, period: { ...ctx.period, label: `${ctx.period.key.slice(0, 4)}年（截至${ctx.complianceAsOf}）` } }, cols, rows, false, undefined, fills);
  },

  meetings: (ctx, data) => {
    const cols = withBranch(ctx, [
      { header: '日期', width: 12 }, { header: '时间', width: 12 }, { header: '类别', width: 13 }, { header: '主题', width: 24, wrap: true },
      { header: '地点', width: 16, wrap: true }, { header: '主持人', width: 9 }, { header: '记录人', width: 9 }, { header: '应到', width: 6, number: true },
      { header: '实到', width: 6, number: true }, { header: '缺席人员及原因', width: 22, wrap: true }, { header: '议程', width: 28, wrap: true },
      { header: '会议记录', width: 48, wrap: true }, { header: '决议', width: 28, wrap: true }, { header: '照片', width: 6, number: true },
      { header: '记录情况', width: 22, wrap: true },
    ]);
    const rows = data.flatMap((d) => d.meetings.map((m) => {
      const came = d.attendance.get(m._id) ?? [];
      const absences = (m.record?.absences ?? []).map((a) => `${a.name}（${a.leave ? '请假：' : ''}${a.reason}）`).join('；');
      return rowOf(ctx, d, [
        m.date, timeOf(m), MEETING_KIND_LABELS[m.kind], m.title, m.place, m.record?.chair ?? '', m.record?.recorder ?? '',
        m.cancelled ? null : expectedOf(d, m).length, m.cancelled ? null : came.length, absences, m.record?.agenda ?? '', m.record?.minutes ?? '',
        m.record?.decisions ?? '', d.photos.get(m._id) ?? 0, recordState(m),
      ]);
    }));
    return sheet(LEDGER_SHEET_LABELS.meetings, ctx, cols, rows, true);
  },

  attendance: (ctx, data) => {
    const cols = withBranch(ctx, [
      { header: '日期', width: 12 }, { header: '类别', width: 13 }, { header: '会议', width: 26, wrap: true }, { header: '姓名', width: 10 },
      { header: '出席情况', width: 10 }, { header: '方式', width: 11 }, { header: '说明', width: 28, wrap: true },
    ]);
    const rows: Value[][] = [];
    for (const d of data) {
      for (const m of d.meetings.filter((x) => !x.cancelled)) {
        const came = d.attendance.get(m._id) ?? [];
        const cameIds = new Set(came.map((a) => a.personId));
        const why = new Map((m.record?.absences ?? []).map((a) => [a.personId, a]));
        for (const a of came) rows.push(rowOf(ctx, d, [m.date, MEETING_KIND_LABELS[m.kind], m.title, a.name, '出席', howCame(a), a.byHand && !a.fromRecord ? a.byHand.reason : '']));
        for (const a of m.record?.absences ?? []) rows.push(rowOf(ctx, d, [m.date, MEETING_KIND_LABELS[m.kind], m.title, a.name, a.leave ? '请假' : '缺席', '', a.reason]));
        for (const p of expectedOf(d, m)) {
          if (!cameIds.has(p._id) && !why.has(p._id)) rows.push(rowOf(ctx, d, [m.date, MEETING_KIND_LABELS[m.kind], m.title, p.name, '缺席', '', '未签到']));
        }
      }
    }
    return sheet(LEDGER_SHEET_LABELS.attendance, ctx, cols, rows, false);
  },

  study: (ctx, data) => {
    const months = ctx.period.months;
    const cols = withBranch(ctx, [
      { header: '姓名', width: 10 }, { header: '类别', width: 10 },
      ...months.map((m) => ({ header: monthName(m), width: 9 })),
      { header: '完成/应学', width: 10 },
    ]);
    const rows: Value[][] = [];
    for (const d of data) {
      for (const p of partyMembers(d)) {
        let done = 0;
        let due = 0;
        const cells = months.map((month) => {
          const topics = d.topics.filter((t) => t.month === month);
          if (!topics.length) return '—';
          const finished = topics.filter((t) => d.progress.get(`${t._id}|${p._id}`)?.completedAt).length;
          done += finished;
          due += topics.length;
          return finished === topics.length ? '已完成' : finished ? `${finished}/${topics.length}` : '未完成';
        });
        rows.push(rowOf(ctx, d, [p.name, MEMBER_TYPE_LABELS[p.memberType], ...cells, `${done}/${due}`]));
      }
    }
    return sheet(LEDGER_SHEET_LABELS.study, ctx, cols, rows, months.length > 3);
  },

  volunteer: (ctx, data) => {
    const months = ctx.period.months;
    const cols = withBranch(ctx, [
      { header: '姓名', width: 10 }, { header: '类别', width: 10 },
      ...months.map((m) => ({ header: monthName(m), width: 8, number: true })),
      { header: '合计（小时）', width: 12, number: true }, { header: '其中补录', width: 10, number: true },
    ]);
    const rows: Value[][] = [];
    for (const d of data) {
      const byPerson = new Map<string, { name: string; months: Map<string, number>; makeup: number }>();
      for (const h of d.hours) {
        const e = byPerson.get(h.personId) ?? { name: h.name, months: new Map(), makeup: 0 };
        e.months.set(h.month, (e.months.get(h.month) ?? 0) + h.hours);
        if (h.kind === 'makeup') e.makeup += h.hours;
        byPerson.set(h.personId, e);
      }
      const typeOf = new Map(d.people.map((p) => [p._id, MEMBER_TYPE_LABELS[p.memberType]]));
      const sorted = [...byPerson.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name, 'zh-CN'));
      for (const [id, e] of sorted) {
        const total = [...e.months.values()].reduce((s, x) => s + x, 0);
        rows.push(rowOf(ctx, d, [e.name, typeOf.get(id) ?? '已离开本支部', ...months.map((m) => round(e.months.get(m) ?? 0)), round(total), round(e.makeup)]));
      }
    }
    return sheet(LEDGER_SHEET_LABELS.volunteer, ctx, cols, rows, months.length > 6);
  },

  points: (ctx, data) => {
    const items = POINT_ITEMS.filter((i) => i !== 'pledgeFulfilled' && i !== 'suggestionAdopted');
    const cols = withBranch(ctx, [
      { header: '姓名', width: 10 }, { header: '类别', width: 10 },
      ...items.map((i) => ({ header: POINT_ITEM_LABELS[i], width: 11, number: true, wrap: true })),
      { header: '其他', width: 8, number: true }, { header: '合计', width: 9, number: true },
    ]);
    const rows: Value[][] = [];
    for (const d of data) {
      const totals = new Map(d.totals.map((t) => [t.ownerId, t]));
      for (const p of d.people) {
        const t = totals.get(p._id);
        if (!t && p.memberType === 'none') continue;
        const by = t?.byItem ?? {};
        const shown = items.reduce((s, i) => s + (by[i] ?? 0), 0);
        const total = t?.points ?? 0;
        rows.push(rowOf(ctx, d, [p.name, MEMBER_TYPE_LABELS[p.memberType], ...items.map((i) => round(by[i] ?? 0)), round(total - shown), round(total)]));
      }
    }
    return sheet(LEDGER_SHEET_LABELS.points, ctx, cols, rows, true);
  },

  roster: (ctx, data) => {
    const cols = withBranch(ctx, [
      { header: '序号', width: 6, number: true }, { header: '姓名', width: 10 }, { header: '类别', width: 10 }, { header: '手机号', width: 14 },
      { header: '入党日期', width: 12 }, { header: '转正日期', width: 12 }, { header: '党小组', width: 12 }, { header: '岗位', width: 18, wrap: true },
      { header: '责任区', width: 14, wrap: true },
    ]);
    const rows: Value[][] = [];
    for (const d of data) {
      const groups = new Map(d.branch.groups.map((g) => [g.id, g.name]));
      d.people.forEach((p, i) => {
        rows.push(rowOf(ctx, d, [
          i + 1, p.name, MEMBER_TYPE_LABELS[p.memberType], ctx.fullPhone(p) ? p.phone : maskPhone(p.phone), p.joinedPartyOn ?? '', p.fullMemberOn ?? '',
          p.groupId ? groups.get(p.groupId) ?? '' : '', (p.posts ?? []).map((x) => `${POST_KIND_LABELS[x.kind]}：${x.title}`).join('；'), p.responsibilityArea ?? '',
        ]));
      });
    }
    return sheet(LEDGER_SHEET_LABELS.roster, ctx, cols, rows, true);
  },

  pledges: (ctx, data) => {
    const cols = withBranch(ctx, [
      { header: '承诺人（责任人）', width: 12, wrap: true }, { header: '承诺类型', width: 12 }, { header: '类别', width: 6 },
      { header: '承诺内容', width: 30, wrap: true }, { header: '体现方式', width: 18, wrap: true }, { header: '完成时限', width: 12 },
      { header: '践诺进展', width: 34, wrap: true }, { header: '状态', width: 12, wrap: true },
      { header: '满意', width: 6, number: true }, { header: '基本满意', width: 8, number: true }, { header: '不满意', width: 7, number: true },
    ]);
    const rows = data.flatMap((d) => d.pledges.map((p) => rowOf(ctx, d, [
      p.personName, p.scope === 'branch' ? `支部承诺·${PLEDGE_TERM_LABELS[p.term]}` : PLEDGE_TERM_LABELS[p.term], PLEDGE_KIND_LABELS[p.kind],
      p.what, p.howSeen, p.dueOn,
      // Notes WeChat's check held back are shown to their author and the secretary only, not printed.
      p.progress.filter((x) => !x.held).map((x) => `${chinaFormat(x.at, 'M月D日')}：${x.text}`).join('\n'),
      `${PLEDGE_STATUS_LABELS[p.status]}${p.overdue && (p.status === 'approved' || p.status === 'claimed') ? '（已逾期）' : ''}`,
      p.ratings.satisfied, p.ratings.basic, p.ratings.unsatisfied,
    ])));
    return sheet(LEDGER_SHEET_LABELS.pledges, ctx, cols, rows, true);
  },

  reviews: (ctx, data) => {
    const year = ctx.period.key.slice(0, 4);
    const cols = withBranch(ctx, [
      { header: '姓名', width: 10 }, { header: '类别', width: 10 }, { header: '评议情况', width: 30, wrap: true },
      { header: '评定等次', width: 10 }, { header: '说明', width: 30, wrap: true }, { header: '评定人', width: 10 }, { header: '评定日期', width: 12 },
    ]);
    // Who was rated by which group, as counts of groups: never who rated.
    const progress = (m: NonNullable<BranchData['review']>['members'][number]) => {
      if (!m.expected.length) return m.rated.size ? '已评议' : '没有评议人，请园区党委检查评议设置';
      const missing = REVIEW_ROLES.filter((r) => m.expected.includes(r) && !m.rated.has(r));
      if (!missing.length) return '已完成';
      if (!m.rated.size) return '未开始';
      return `待${missing.map((r) => REVIEW_ROLE_LABELS[r]).join('、')}`;
    };
    const rows = data.flatMap((d) => (d.review?.members ?? []).map((m) => rowOf(ctx, d, [
      m.name, m.memberType ? MEMBER_TYPE_LABELS[m.memberType] : '已离开本支部', progress(m),
      m.decision ? REVIEW_GRADE_LABELS[m.decision.grade] : '未评定', m.decision?.note ?? '', m.decision?.by.name ?? '',
      m.decision ? chinaFormat(m.decision.at, 'YYYY-MM-DD') : '',
    ])));
    const opened = data.some((d) => d.review);
    return sheet(LEDGER_SHEET_LABELS.reviews, { ...ctx, period: { ...ctx.period, label: `${year}年度` } }, cols, rows, false, opened ? '没有需要评议的党员' : `${year}年度的三评议尚未开展`);
  },
};

const round = (x: number) => Math.round(x * 100) / 100;
