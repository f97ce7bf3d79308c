/**
 * 三评议 (packages/review): the rater's 待评议 and 评议 form, the secretary's 支部评定, the park admin's 开启和完成情况,
 * and the member's own result. Reached from 首页's to-do list, 我的 and the management entries; the
 * `review` function checks every role again.
 */
import type { GradeCounts } from '@shared/contract/review';
import { REVIEW_GRADE_LABELS, REVIEW_ROLE_LABELS, type ReviewGrade, type ReviewRole } from '@shared/contract/labels';
import type { Tone } from '../../ui';

export const REV = {
  todo: '/packages/review/pages/todo/index',
  /** ?year=&memberId=&name=&role=&grade=&comment= */
  rate: '/packages/review/pages/rate/index',
  /** ?branchId= optional */
  branch: '/packages/review/pages/branch/index',
  park: '/packages/review/pages/park/index',
  mine: '/packages/review/pages/mine/index',
} as const;

export const withQuery = (url: string, params: Record<string, string>) =>
  `${url}?${Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;

const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
export const windowLabel = (r: { from: string; until: string }) => `${monthDay(r.from)}至${monthDay(r.until)}`;

/** The year a review is usually about: last year in January and February, else this year (China time). */
export function reviewYearNow(today: string): string {
  const y = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) <= 2 ? String(y - 1) : String(y);
}

export const GRADE_TONES: Record<ReviewGrade, Tone> = { excellent: 'red', qualified: 'green', basic: 'gold', unqualified: 'gray' };
export const gradeLabel = (g: ReviewGrade) => REVIEW_GRADE_LABELS[g];
/** 评议人身份 as the rater reads it: 以企业领导身份 / 以同事身份 / 以支部身份. */
export const ROLE_AS: Record<ReviewRole, string> = { leader: '企业领导评议', colleague: '职工（同事）评议', branch: '党支部评议' };
export const roleLabel = (r: ReviewRole) => REVIEW_ROLE_LABELS[r];

/** "优秀 1 · 合格 2" (grades with no vote left out); "还没有评议" when none. */
export function countsText(c: GradeCounts): string {
  const parts = (Object.keys(REVIEW_GRADE_LABELS) as ReviewGrade[]).filter((g) => c[g] > 0).map((g) => `${REVIEW_GRADE_LABELS[g]} ${c[g]}`);
  return parts.length ? parts.join(' · ') : '还没有评议';
}
