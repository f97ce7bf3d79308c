/**
 * 三会一课 compliance (issue 19): for a branch and a year, what 《中国共产党支部工作条例（试行）》 asks against what
 * was held, as red / yellow / green. Pure (the ledger function, its exports and the dashboards use it).
 *
 *   主题党日 monthly · 支委会 monthly · 党小组会 monthly, each 党小组 · 支部党员大会 quarterly ·
 *   党课 quarterly (a 大党课 counts) · 组织生活会 yearly · 民主评议党员 yearly
 *
 * A period is due once it has ended (its last day before `today`, China time), and only from the month the
 * branch was set up. A meeting counts as held when it was not cancelled, its day has come, and someone checked in
 * or its record was entered. Boundaries (docs/ARCHITECTURE.md § 台账):
 *   monthly:   0 missed months → green, 1–2 → yellow, 3 or more → red (党小组会: the group that missed most)
 *   quarterly: 0 missed quarters → green, 1 → yellow, 2 or more → red
 *   yearly:    held → green; not held: green until October ends (not due yet), yellow in November and December,
 *              red once the year is over
 * The branch's colour is its worst item's. An item that does not apply (党小组会 without 党小组) is left out.
 */
import type { MeetingKind } from './contract/study';

export type Colour = 'green' | 'yellow' | 'red';
export const COLOUR_LABELS: Record<Colour, string> = { green: '达标', yellow: '需关注', red: '未达标' };
export type Cadence = 'month' | 'quarter' | 'year';

export interface Requirement {
  key: 'partyDay' | 'committee' | 'groupMeeting' | 'memberAssembly' | 'partyClass' | 'orgLife' | 'democraticReview';
  label: string;
  cadence: Cadence;
  /** The meeting kinds that count for it. */
  kinds: MeetingKind[];
  rule: string;
}

export const REQUIREMENTS: Requirement[] = [
  { key: 'partyDay', label: '主题党日', cadence: 'month', kinds: ['partyDay'], rule: '每月一次' },
  { key: 'committee', label: '支委会', cadence: 'month', kinds: ['committee'], rule: '每月一次' },
  { key: 'groupMeeting', label: '党小组会', cadence: 'month', kinds: ['groupMeeting'], rule: '每个党小组每月一次' },
  { key: 'memberAssembly', label: '支部党员大会', cadence: 'quarter', kinds: ['memberAssembly'], rule: '每季度一次' },
  { key: 'partyClass', label: '党课', cadence: 'quarter', kinds: ['partyClass', 'partyLecture'], rule: '每季度一次' },
  { key: 'orgLife', label: '组织生活会', cadence: 'year', kinds: ['orgLife'], rule: '每年一次' },
  { key: 'democraticReview', label: '民主评议党员', cadence: 'year', kinds: ['democraticReview'], rule: '每年一次' },
];

export interface HeldMeeting {
  kind: MeetingKind;
  /** China day, YYYY-MM-DD. */
  date: string;
  groupId?: string | null;
  cancelled?: boolean;
  attendees: number;
  recorded: boolean;
}

export interface ComplianceItem {
  key: Requirement['key'];
  label: string;
  rule: string;
  colour: Colour;
  /** Periods that have ended (per group for 党小组会: the sum over groups). */
  due: number;
  /** Meetings held this year (all, including the current period's). */
  held: number;
  /** Due periods without one (党小组会: the worst group's). */
  missed: number;
  /** The missed periods' labels ("3月", "第2季度"; 党小组会 "第一党小组 3月"). */
  missedPeriods: string[];
  /** One sentence for people. */
  text: string;
}

export interface Compliance {
  year: string;
  colour: Colour;
  items: ComplianceItem[];
}

const WORST: Colour[] = ['green', 'yellow', 'red'];
const worst = (cs: Colour[]): Colour => cs.reduce<Colour>((a, c) => (WORST.indexOf(c) > WORST.indexOf(a) ? c : a), 'green');

/** The months (1–12) and quarters (1–4) of `year` that ended before `today` and began on or after `fromMonth` (YYYY-MM). */
function duePeriods(year: string, cadence: 'month' | 'quarter', today: string, fromMonth: string): number[] {
  const out: number[] = [];
  const n = cadence === 'month' ? 12 : 4;
  for (let i = 1; i <= n; i++) {
    const lastMonth = cadence === 'month' ? i : i * 3;
    const endKey = `${year}-${String(lastMonth).padStart(2, '0')}`;
    // Ended: the period's last month is before today's month.
    if (endKey >= today.slice(0, 7)) continue;
    // Begun after the branch existed: its last month not before the branch's first.
    if (endKey < fromMonth) continue;
    out.push(i);
  }
  return out;
}

const periodOf = (date: string, cadence: 'month' | 'quarter') => (cadence === 'month' ? Number(date.slice(5, 7)) : Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1);
const periodName = (i: number, cadence: 'month' | 'quarter') => (cadence === 'month' ? `${i}月` : `第${i}季度`);

export function isHeld(m: HeldMeeting, today: string): boolean {
  return !m.cancelled && m.date <= today && (m.attendees > 0 || m.recorded);
}

/**
 * A branch's compliance for `year` as of `today` (YYYY-MM-DD, China). `createdMonth`: the month the branch was
 * set up (YYYY-MM); `groups`: its 党小组.
 */
export function compliance(year: string, today: string, meetings: HeldMeeting[], branch: { createdMonth: string; groups: Array<{ id: string; name: string }> }): Compliance {
  const held = meetings.filter((m) => m.date.startsWith(`${year}-`) && isHeld(m, today));
  const fromMonth = branch.createdMonth > `${year}-01` ? branch.createdMonth : `${year}-01`;
  const items: ComplianceItem[] = [];
  for (const r of REQUIREMENTS) {
    const mine = held.filter((m) => r.kinds.includes(m.kind));
    if (r.cadence === 'year') {
      const yearOver = today > `${year}-12-31`;
      const existed = branch.createdMonth <= `${year}-12`;
      const colour: Colour = mine.length || !existed ? 'green' : yearOver ? 'red' : today >= `${year}-11-01` ? 'yellow' : 'green';
      const text = mine.length ? `已召开 ${mine.length} 次` : !existed ? '支部当年未成立' : yearOver ? '全年未召开' : today >= `${year}-11-01` ? '尚未召开，年底前须召开' : '尚未召开（年内召开即可）';
      items.push({ key: r.key, label: r.label, rule: r.rule, colour, due: yearOver && existed ? 1 : 0, held: mine.length, missed: yearOver && existed && !mine.length ? 1 : 0, missedPeriods: yearOver && existed && !mine.length ? [`${year}年`] : [], text });
      continue;
    }
    const due = duePeriods(year, r.cadence, today, fromMonth);
    const limits = r.cadence === 'month' ? { yellow: 1, red: 3 } : { yellow: 1, red: 2 };
    const colourOf = (missed: number): Colour => (missed >= limits.red ? 'red' : missed >= limits.yellow ? 'yellow' : 'green');
    if (r.key === 'groupMeeting') {
      if (!branch.groups.length) continue; // no 党小组: does not apply
      let worstMissed = 0;
      const missedPeriods: string[] = [];
      for (const g of branch.groups) {
        const done = new Set(mine.filter((m) => m.groupId === g.id).map((m) => periodOf(m.date, 'month')));
        const missed = due.filter((i) => !done.has(i));
        worstMissed = Math.max(worstMissed, missed.length);
        missedPeriods.push(...missed.map((i) => `${g.name} ${periodName(i, 'month')}`));
      }
      const colour = colourOf(worstMissed);
      items.push({
        key: r.key, label: r.label, rule: r.rule, colour, due: due.length * branch.groups.length, held: mine.length, missed: worstMissed, missedPeriods,
        text: worstMissed ? `${missedPeriods.slice(0, 6).join('、')}${missedPeriods.length > 6 ? ` 等 ${missedPeriods.length} 次` : ''}未召开` : due.length ? '每个党小组按月召开' : '尚无到期的月份',
      });
      continue;
    }
    const done = new Set(mine.map((m) => periodOf(m.date, r.cadence as 'month' | 'quarter')));
    const missed = due.filter((i) => !done.has(i));
    const names = missed.map((i) => periodName(i, r.cadence as 'month' | 'quarter'));
    items.push({
      key: r.key, label: r.label, rule: r.rule, colour: colourOf(missed.length), due: due.length, held: mine.length, missed: missed.length, missedPeriods: names,
      text: missed.length ? `${names.join('、')}未召开` : due.length ? `已到期的 ${due.length} 个${r.cadence === 'month' ? '月' : '季度'}都已召开` : '尚无到期的' + (r.cadence === 'month' ? '月份' : '季度'),
    });
  }
  return { year, colour: worst(items.map((i) => i.colour)), items };
}
