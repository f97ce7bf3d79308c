// Stored shapes of 三评议 (beside its function; _lib/types.ts holds the shared ones).
import type { ReviewGrade, ReviewRole, Votes } from '../../shared/contract/review';

/** reviews: `<parkId>|<year>`, one per park and year, opened by a park admin. */
export interface ReviewDoc {
  _id: string;
  parkId: string;
  year: string;
  /** The rating window, China days, both included. */
  from: string;
  until: string;
  /** enterpriseId → the enterprise's leaders (person ids). */
  leaders: Record<string, string[]>;
  /** branchId → its committee besides the branch's secretaries (person ids). */
  committees: Record<string, string[]>;
  openedBy: { id: string; name: string };
  openedAt: Date;
  updatedAt: Date;
}

/**
 * review_ratings: `<reviewId>|<memberId>|<raterId>`, one per rater and member (a change replaces it).
 * raterId is stored for uniqueness and the record; no reply to anyone ever carries it.
 */
export interface RatingDoc {
  _id: string;
  parkId: string;
  reviewId: string;
  memberId: string;
  /** The member's branch when rated. */
  branchId: string;
  raterId: string;
  role: ReviewRole;
  grade: ReviewGrade;
  comment: string;
  at: Date;
}

/** review_decisions: `<reviewId>|<memberId>`, the branch's decision with the votes behind it when made. */
export interface DecisionDoc {
  _id: string;
  parkId: string;
  reviewId: string;
  branchId: string;
  memberId: string;
  name: string;
  grade: ReviewGrade;
  note: string;
  votes: Votes;
  by: { id: string; name: string };
  at: Date;
}

/** review_branches: `<reviewId>|<branchId>`, the branch's 优秀 count, kept in the decision's transaction (the one-third rule). */
export interface BranchTallyDoc {
  _id: string;
  parkId: string;
  reviewId: string;
  branchId: string;
  excellent: number;
  decided: number;
  updatedAt: Date;
}
