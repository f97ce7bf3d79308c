/**
 * The points table (积分规则): what each item is worth and its caps, and the pure rule that decides
 * how many points an award may give. Used by the functions (awardPoints) and shown in the mini-program.
 *
 * No national 党员积分 template exists (FACTS.md §4): parks edit their own table. Every item has caps,
 * because point-farming is the known failure of such systems, and caps are in points.
 */
export const POINT_ITEMS = [
  'topicCompleted',
  'quizPassed',
  'noteWritten',
  'partyDayAttended',
  'partyLectureAttended',
  'volunteerHours',
  'pledgeFulfilled',
  'suggestionAdopted',
] as const;
export type PointItem = (typeof POINT_ITEMS)[number];

export const POINT_ITEM_LABELS: Record<PointItem, string> = {
  topicCompleted: '完成月度专题学习',
  quizPassed: '专题测验合格',
  noteWritten: '撰写学习心得',
  partyDayAttended: '参加主题党日',
  partyLectureAttended: '参加大党课',
  volunteerHours: '志愿服务（每小时）',
  pledgeFulfilled: '承诺事项践诺',
  suggestionAdopted: '意见建议被采纳',
};

export interface PointRule {
  /** Points per unit (per event; per hour for volunteerHours). */
  points: number;
  /** Most points this item may give one person in a China calendar day / month / year; null = no cap. */
  dailyCap: number | null;
  monthlyCap: number | null;
  yearlyCap: number | null;
  enabled: boolean;
}
export type PointsTable = Record<PointItem, PointRule>;

/**
 * Defaults that fit a park (documented in docs/ARCHITECTURE.md): one topic a month, a quarterly 大党课,
 * a monthly 主题党日; volunteering worth 2 points an hour up to a working day's 16 a day.
 */
export const DEFAULT_POINTS_TABLE: PointsTable = {
  topicCompleted: { points: 10, dailyCap: null, monthlyCap: 20, yearlyCap: 240, enabled: true },
  quizPassed: { points: 5, dailyCap: null, monthlyCap: 10, yearlyCap: 120, enabled: true },
  noteWritten: { points: 5, dailyCap: 5, monthlyCap: 10, yearlyCap: 120, enabled: true },
  partyDayAttended: { points: 10, dailyCap: 10, monthlyCap: 10, yearlyCap: 120, enabled: true },
  partyLectureAttended: { points: 10, dailyCap: 10, monthlyCap: 10, yearlyCap: 40, enabled: true },
  volunteerHours: { points: 2, dailyCap: 16, monthlyCap: 60, yearlyCap: 400, enabled: true },
  pledgeFulfilled: { points: 20, dailyCap: null, monthlyCap: 20, yearlyCap: 80, enabled: true },
  suggestionAdopted: { points: 10, dailyCap: null, monthlyCap: 20, yearlyCap: 100, enabled: true },
};

export interface CapUse {
  /** Points this item already gave the person today / this month / this year (China time). */
  day: number;
  month: number;
  year: number;
}

/**
 * How many points an award of `quantity` units gives, after the caps: the full amount, part of it
 * (reaching a cap), or 0 (a cap already reached, or the item switched off).
 */
export function grantedPoints(rule: PointRule, quantity: number, used: CapUse): { points: number; requested: number; capped: boolean; cap: CapReason | null } {
  const requested = rule.enabled ? Math.max(0, Math.round(rule.points * quantity * 100) / 100) : 0;
  const rooms: Array<[Exclude<CapReason, 'off'>, number]> = [
    ['day', rule.dailyCap === null ? Infinity : rule.dailyCap - used.day],
    ['month', rule.monthlyCap === null ? Infinity : rule.monthlyCap - used.month],
    ['year', rule.yearlyCap === null ? Infinity : rule.yearlyCap - used.year],
  ];
  const room = Math.min(...rooms.map(([, r]) => r));
  const points = Math.max(0, Math.min(requested, room));
  const capped = points < requested;
  // The cap that bit: the tightest one (the first of day, month, year when two are equally tight).
  const cap = !rule.enabled ? 'off' : capped ? rooms.find(([, r]) => r === room)![0] : null;
  return { points, requested, capped, cap };
}

/** Why an award gave less than its rule: a day / month / year cap already reached, or the item switched off. */
export type CapReason = 'day' | 'month' | 'year' | 'off';
const CAP_PERIOD: Record<Exclude<CapReason, 'off'>, string> = { day: '今天', month: '本月', year: '今年' };

/** Half a point is possible (volunteer hours): "2.5", "10". */
const pts = (n: number) => String(Math.round(n * 100) / 100);

/**
 * What an award did, in words for the member: "参加主题党日 +10 分"; "本月「参加主题党日」积分已记满（应得
 * 10 分），这次不加分"; "撰写学习心得 +3 分（本月该项积分已记满，应得 5 分）"; "「参加大党课」目前不计积分".
 * `period` names the cap's period when the award counts in another one than now (e.g. "10月").
 */
export function pointsOutcomeText(item: PointItem, r: { points: number; requested: number; cap: CapReason | null }, period?: string): string {
  const label = POINT_ITEM_LABELS[item];
  if (r.cap === 'off') return `「${label}」目前不计积分`;
  if (r.cap === null) return `${label} +${pts(r.points)} 分`;
  const when = period ?? CAP_PERIOD[r.cap];
  if (r.points <= 0) return `${when}「${label}」积分已记满（应得 ${pts(r.requested)} 分），这次不加分`;
  return `${label} +${pts(r.points)} 分（${when}该项积分已记满，应得 ${pts(r.requested)} 分）`;
}

/** What branches are ranked by. */
export const MEASURES = ['pointsPerMember', 'studyRate', 'volunteerHoursPerMember', 'pledgeRate'] as const;
export type Measure = (typeof MEASURES)[number];
/**
 * The measures people are offered (leaderboard, the flag's measure): those whose feature exists. 承诺践诺率 is fed by
 * the pledge function (pledgesDue / pledgesFulfilled in the branch totals, by the items' due dates).
 */
export const SHOWN_MEASURES: readonly Measure[] = ['pointsPerMember', 'studyRate', 'volunteerHoursPerMember', 'pledgeRate'];
export const MEASURE_LABELS: Record<Measure, string> = {
  pointsPerMember: '人均积分',
  studyRate: '学习完成率',
  volunteerHoursPerMember: '人均志愿时长',
  pledgeRate: '承诺践诺率',
};

/** Counters kept per branch and period next to the points (fed by study, volunteering and pledges). */
export interface BranchCounters {
  points: number;
  /** Topic completions / topic assignments (one per member per topic published to them). */
  topicsCompleted: number;
  topicsAssigned: number;
  volunteerHours: number;
  pledgesFulfilled: number;
  pledgesDue: number;
}

/** A branch's value for a measure, or null when there is nothing to measure yet (no members, no topics…). */
export function measureValue(measure: Measure, c: BranchCounters, members: number): number | null {
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);
  switch (measure) {
    case 'pointsPerMember':
      return ratio(c.points, members);
    case 'studyRate':
      return ratio(c.topicsCompleted, c.topicsAssigned);
    case 'volunteerHoursPerMember':
      return ratio(c.volunteerHours, members);
    case 'pledgeRate':
      return ratio(c.pledgesFulfilled, c.pledgesDue);
  }
}

/** Default smallest branch that is ranked (支部工作条例: a branch has at least 3 full members). */
export const DEFAULT_MIN_RANKED_MEMBERS = 3;

/**
 * Standard competition ranking ("1224"): equal values share a rank, the next rank skips. Input must be
 * sorted best first; ties are then listed by name so the order is stable.
 */
export function competitionRanks(values: number[]): number[] {
  return values.map((v, i) => (i > 0 && values[i - 1] === v ? -1 : i + 1)).reduce<number[]>((out, r, i) => {
    out.push(r === -1 ? out[i - 1]! : r);
    return out;
  }, []);
}
