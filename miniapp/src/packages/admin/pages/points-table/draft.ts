/**
 * The points table as the editor holds it: numbers as the text typed (so nothing typed is lost or
 * rounded), a cap as null for 不限. Conversion back checks each number with a message that names the
 * item, before the contract's own check (validate()).
 */
import { POINT_ITEMS, POINT_ITEM_LABELS, type PointItem, type PointRule, type PointsTable } from '@shared/points';

export const CAPS = ['dailyCap', 'monthlyCap', 'yearlyCap'] as const;
export type CapKey = (typeof CAPS)[number];
export const CAP_LABELS: Record<CapKey, string> = { dailyCap: '每天最多', monthlyCap: '每月最多', yearlyCap: '每年最多' };
export const CAP_CLASS: Record<CapKey, string> = { dailyCap: 'daily', monthlyCap: 'monthly', yearlyCap: 'yearly' };

export interface DraftRule {
  enabled: boolean;
  points: string;
  dailyCap: string | null;
  monthlyCap: string | null;
  yearlyCap: string | null;
}
export type Draft = Record<PointItem, DraftRule>;

const text = (n: number) => String(n);

export function toDraft(t: PointsTable): Draft {
  return Object.fromEntries(
    POINT_ITEMS.map((k) => {
      const r = t[k];
      return [k, { enabled: r.enabled, points: text(r.points), dailyCap: r.dailyCap === null ? null : text(r.dailyCap), monthlyCap: r.monthlyCap === null ? null : text(r.monthlyCap), yearlyCap: r.yearlyCap === null ? null : text(r.yearlyCap) }];
    }),
  ) as Draft;
}

export const sameRule = (a: DraftRule, b: DraftRule) =>
  a.enabled === b.enabled && a.points.trim() === b.points.trim() && CAPS.every((c) => (a[c] === null ? b[c] === null : b[c] !== null && a[c]!.trim() === b[c]!.trim()));

/** The items whose rule differs between two drafts. */
export const changedItems = (a: Draft, b: Draft) => POINT_ITEMS.filter((k) => !sameRule(a[k], b[k]));

const NUMBER = /^\d+(\.\d{1,2})?$/;

/** The table, or the first problem in words. */
export function fromDraft(d: Draft): { table: PointsTable; problem: null } | { table: null; problem: string } {
  const out: Partial<Record<PointItem, PointRule>> = {};
  for (const k of POINT_ITEMS) {
    const r = d[k];
    const name = `“${POINT_ITEM_LABELS[k]}”`;
    const p = r.points.trim();
    if (!p) return { table: null, problem: `请填写${name}的分值` };
    if (!NUMBER.test(p)) return { table: null, problem: `${name}的分值请填数字（最多两位小数）` };
    if (Number(p) > 1000) return { table: null, problem: `${name}的分值最多 1000` };
    const rule: PointRule = { points: Number(p), dailyCap: null, monthlyCap: null, yearlyCap: null, enabled: r.enabled };
    for (const c of CAPS) {
      const v = r[c];
      if (v === null) continue;
      const s = v.trim();
      if (!s) return { table: null, problem: `请填写${name}的${CAP_LABELS[c]}分数，或选“不限”` };
      if (!NUMBER.test(s)) return { table: null, problem: `${name}的${CAP_LABELS[c]}请填数字` };
      if (Number(s) > 100_000) return { table: null, problem: `${name}的${CAP_LABELS[c]}最多 100000` };
      rule[c] = Number(s);
    }
    out[k] = rule;
  }
  return { table: out as PointsTable, problem: null };
}

/** "开启 · 每次 10 分 · 每天最多 不限 · 每月最多 20 分 · 每年最多 240 分". */
export function ruleText(r: DraftRule, item: PointItem): string {
  const unit = item === 'volunteerHours' ? '每小时' : '每次';
  return [r.enabled ? '开启' : '关闭', `${unit} ${r.points || '（空）'} 分`, ...CAPS.map((c) => `${CAP_LABELS[c]} ${r[c] === null ? '不限' : `${r[c] || '（空）'} 分`}`)].join(' · ');
}

/** Soft warnings (saving is still allowed). */
export function ruleWarning(r: DraftRule): string | null {
  if (!r.enabled) return null;
  if (CAPS.every((c) => r[c] === null)) return '没有任何上限，容易被“刷分”，建议至少设一个上限';
  const p = Number(r.points);
  const small = CAPS.find((c) => r[c] !== null && r[c]!.trim() !== '' && Number(r[c]) < p);
  if (small && p > 0) return `${CAP_LABELS[small]}的分数比一次的分值还小，每次都只能得到一部分`;
  return null;
}
