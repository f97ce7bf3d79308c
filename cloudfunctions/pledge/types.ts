// Stored shapes of the `pledge` function (承诺践诺, 评诺). Dates are Date objects; calendar days 'YYYY-MM-DD' (China).
import type { PledgeKind, PledgeScope, PledgeStatus, PledgeTerm, Rating, RatingCounts } from '../../shared/contract/pledge';

/** pledges: one item, a member's or a branch's (支部承诺). */
export interface PledgeDoc {
  _id: string;
  parkId: string;
  branchId: string;
  scope: PledgeScope;
  /** The member (member items) or the responsible person (branch items), with the name at the time. */
  personId: string;
  personName: string;
  /** Where that person works (rating colleagues of the same enterprise); null when not recorded. */
  enterpriseId: string | null;
  /** Who wrote it (the member, or the branch's secretary). */
  authorId: string;
  /** The year it is pledged for: the due date's year. */
  year: string;
  kind: PledgeKind;
  what: string;
  howSeen: string;
  dueOn: string;
  term: PledgeTerm;
  status: PledgeStatus;
  overdue: boolean;
  overdueAt: Date | null;
  comment: string | null;
  claimNote: string | null;
  unfulfilledReason: string | null;
  withdrawReason: string | null;
  /** The status a withdrawal was asked from (back to it when refused). */
  withdrawFrom: PledgeStatus | null;
  /** Progress notes; `held`: WeChat's check said review, so only the author and the secretary see it. */
  progress: Array<{ at: Date; text: string; by: string; held: boolean }>;
  /** Rating counts (the ratings themselves are in pledge_ratings). */
  ratings: RatingCounts;
  /**
   * false after a change the branch counters and points must follow (a decision, a withdrawal); the handler that
   * made it settles at once, and the pledge timer finishes any that died half-way (settle.ts).
   */
  settled: boolean;
  /** The 'due' counter of the branch is recorded (and not undone by a withdrawal). */
  dueCounted: boolean;
  decidedBy: { id: string; name: string } | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** pledge_ratings: `_id` = sha of (pledge, rater), so one rating per rater and item. Never shown with the rater. */
export interface PledgeRatingDoc {
  _id: string;
  parkId: string;
  pledgeId: string;
  /** The person rated (the pledge's member or responsible person). */
  personId: string;
  branchId: string;
  raterId: string;
  /** How the rater knows the person: 同支部 / 同企业, 党员 / 群众 (for the secretary's breakdown). */
  group: string;
  rating: Rating;
  comment: string | null;
  /** WeChat's check said review: the comment is shown to the secretary only. */
  commentHeld: boolean;
  day: string;
  at: Date;
}

/** pledge_settings: `_id` = parkId. */
export interface PledgeSettingsDoc {
  _id: string;
  minPerYear: number;
  maxPerYear: number;
  ratingFrom: string;
  ratingTo: string;
  ratingDailyLimit: number;
  updatedAt: Date;
  updatedBy: { id: string; name: string };
}
