// Shared pieces of 三评议: loading the year's review, the window in China days, who rates whom
// (the enterprise's leaders, colleagues in the same enterprise, the branch's committee), the groups a
// member is expected to be rated by, and vote counts. No reply built here ever carries a rater.
import { REVIEW_GRADES, type GradeCounts, type ReviewRole, type Votes } from '../../../shared/contract/review';
import { chinaDateString } from '../../../shared/time';
import { C, _, db, getDoc, readAll } from '../../_lib/db';
import { ActionError } from '../../_lib/dispatcher';
import type { BranchDoc, PersonDoc } from '../../_lib/types';
import type { RatingDoc, ReviewDoc } from '../types';

export const MAX_READ = 1000;
export const MEMBER_TYPES_REVIEWED = ['full', 'probationary'] as const;

export const reviewId = (parkId: string, year: string) => `${parkId}|${year}`;
export const ratingId = (review: string, memberId: string, raterId: string) => `${review}|${memberId}|${raterId}`;
export const decisionId = (review: string, memberId: string) => `${review}|${memberId}`;
export const tallyId = (review: string, branchId: string) => `${review}|${branchId}`;
export const byOf = (p: PersonDoc) => ({ id: p._id, name: p.name });

const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
export const windowText = (r: Pick<ReviewDoc, 'from' | 'until'>) => `${monthDay(r.from)}至${monthDay(r.until)}`;

export function reviewInfo(r: ReviewDoc, now: Date) {
  const today = chinaDateString(now);
  return { year: r.year, from: r.from, until: r.until, open: r.from <= today && today <= r.until, upcoming: today < r.from };
}

export async function reviewOf(parkId: string, year: string): Promise<ReviewDoc | null> {
  const r = await getDoc<ReviewDoc>(C.reviews, reviewId(parkId, year));
  return r && r.parkId === parkId ? r : null;
}

export async function requireReview(parkId: string, year: string): Promise<ReviewDoc> {
  const r = await reviewOf(parkId, year);
  if (!r) throw new ActionError('NOT_FOUND', { message: `${year}年度的三评议还没有开始` });
  return r;
}

/** The review to show now: one whose window is open, else one about to open, else the latest. */
export async function currentReview(parkId: string, now: Date): Promise<ReviewDoc | null> {
  const { data } = await db.collection(C.reviews).where({ parkId }).orderBy('year', 'desc').limit(3).get();
  const reviews = data as ReviewDoc[];
  return reviews.find((r) => reviewInfo(r, now).open) ?? reviews.find((r) => reviewInfo(r, now).upcoming) ?? reviews[0] ?? null;
}

/** Ratings are taken within the window only (China days, both included). */
export function requireWindowOpen(r: ReviewDoc, now: Date): void {
  const info = reviewInfo(r, now);
  if (info.upcoming) throw new ActionError('DEADLINE_PASSED', { message: `三评议还没有开始，评议时间为${windowText(r)}` });
  if (!info.open) throw new ActionError('DEADLINE_PASSED', { message: `三评议已于${monthDay(r.until)}结束，不能再评议` });
}

export type Branches = Map<string, Pick<BranchDoc, '_id' | 'name' | 'enterpriseIds'>>;

export async function branchesOfPark(parkId: string): Promise<Branches> {
  const { data } = await db.collection(C.branches).where({ parkId }).field({ name: true, enterpriseIds: true }).limit(MAX_READ).get();
  return new Map((data as Array<Pick<BranchDoc, '_id' | 'name' | 'enterpriseIds'>>).map((b) => [b._id, b]));
}

type PersonLike = Pick<PersonDoc, '_id' | 'branchId' | 'enterpriseId' | 'secretaryOf'>;

/** Where a person works: as recorded, or the branch's only enterprise (单独组建); null when not known. */
export function enterpriseOf(p: Pick<PersonDoc, 'branchId' | 'enterpriseId'>, branches: Branches): string | null {
  if (p.enterpriseId) return p.enterpriseId;
  const b = branches.get(p.branchId);
  return b && b.enterpriseIds.length === 1 ? b.enterpriseIds[0]! : null;
}

export const onCommittee = (r: ReviewDoc, p: Pick<PersonDoc, '_id' | 'secretaryOf'>, branchId: string) =>
  p.secretaryOf.includes(branchId) || (r.committees[branchId] ?? []).includes(p._id);

/** How `rater` rates `member` in this review (null: not at all). The committee first, then leaders, then colleagues. */
export function roleOf(r: ReviewDoc, rater: PersonLike, member: PersonLike, branches: Branches): ReviewRole | null {
  if (rater._id === member._id) return null;
  if (onCommittee(r, rater, member.branchId)) return 'branch';
  const ent = enterpriseOf(member, branches);
  if (!ent) return null;
  if ((r.leaders[ent] ?? []).includes(rater._id)) return 'leader';
  return enterpriseOf(rater, branches) === ent ? 'colleague' : null;
}

/**
 * The groups expected to rate a member: the branch when its committee has someone else, the leader
 * when the enterprise has one who is not the member, colleagues when the enterprise is known.
 * `secretaries`: the secretaries of each branch.
 */
export function expectedRoles(r: ReviewDoc, member: PersonLike, branches: Branches, secretaries: Map<string, string[]>): ReviewRole[] {
  const out: ReviewRole[] = [];
  const ent = enterpriseOf(member, branches);
  if (ent && (r.leaders[ent] ?? []).some((id) => id !== member._id)) out.push('leader');
  if (ent) out.push('colleague');
  const committee = new Set([...(secretaries.get(member.branchId) ?? []), ...(r.committees[member.branchId] ?? [])]);
  committee.delete(member._id);
  if (committee.size) out.push('branch');
  return out;
}

/** Secretaries by branch, from people already read. */
export function secretariesByBranch(people: Array<Pick<PersonDoc, '_id' | 'secretaryOf'>>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of people) for (const b of p.secretaryOf ?? []) out.set(b, [...(out.get(b) ?? []), p._id]);
  return out;
}

export const zeroCounts = (): GradeCounts => ({ excellent: 0, qualified: 0, basic: 0, unqualified: 0 });
export const zeroVotes = (): Votes => ({ leader: zeroCounts(), colleague: zeroCounts(), branch: zeroCounts() });

export function votesOf(ratings: Array<Pick<RatingDoc, 'role' | 'grade'>>): Votes {
  const v = zeroVotes();
  for (const x of ratings) v[x.role][x.grade]++;
  return v;
}

export function totalCounts(v: Votes): GradeCounts {
  const out = zeroCounts();
  for (const g of REVIEW_GRADES) out[g] = v.leader[g] + v.colleague[g] + v.branch[g];
  return out;
}

export const PERSON_FIELDS = { name: true, branchId: true, enterpriseId: true, memberType: true, secretaryOf: true, parkId: true } as const;
export type PersonLite = Pick<PersonDoc, '_id' | 'name' | 'branchId' | 'enterpriseId' | 'memberType' | 'secretaryOf' | 'parkId'>;

/** The park's members (full and probationary): the people reviewed. */
export function membersOfPark(parkId: string): Promise<PersonLite[]> {
  return readAll<PersonLite>(C.people, { parkId, memberType: _.in([...MEMBER_TYPES_REVIEWED]) }, PERSON_FIELDS);
}

/** A member of the caller's park (the people reviewed); anyone else is not found. */
export async function memberOfPark(me: PersonDoc, memberId: string): Promise<PersonDoc> {
  const p = await getDoc<PersonDoc>(C.people, memberId);
  if (!p || p.parkId !== me.parkId || p.memberType === 'none') throw new ActionError('NOT_FOUND', { message: '没有找到这位党员' });
  return p;
}

/** The ratings of some members in a review (by member, read in pages). */
export async function ratingsOf(review: string, memberIds: string[]): Promise<RatingDoc[]> {
  const out: RatingDoc[] = [];
  for (let i = 0; i < memberIds.length; i += 100) {
    out.push(...(await readAll<RatingDoc>(C.reviewRatings, { reviewId: review, memberId: _.in(memberIds.slice(i, i + 100)) }, { memberId: true, role: true, grade: true, comment: true, branchId: true })));
  }
  return out;
}
