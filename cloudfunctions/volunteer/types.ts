// Stored shapes of the volunteer domain (beside its function; _lib/types.ts holds the shared ones).
import type { Block } from '../../shared/contract';
import type { AUDIENCES, HoursRule, VOLUNTEER_CATEGORIES } from '../../shared/contract/volunteer';

/** volunteer_activities: what an organizer publishes. Times are instants; the stage is computed from them. */
export interface ActivityDoc {
  _id: string;
  parkId: string;
  /** park: the federation's (organizers); branch: one branch's (its secretary or a park admin). */
  scope: 'park' | 'branch';
  branchId: string | null;
  title: string;
  content: Block[];
  category: (typeof VOLUNTEER_CATEGORIES)[number];
  place: string;
  audience: (typeof AUDIENCES)[number];
  recruitFrom: Date;
  recruitUntil: Date;
  cancelBeforeHours: number;
  contact: { name: string; phone: string };
  riskNotice: string;
  insured: boolean;
  hoursRule: HoursRule;
  /** The shifts' ids in order; the shifts are documents of their own (a sign-up storm on one touches only it). */
  shiftIds: string[];
  /** First shift's start and last shift's end: the stage and the lists read these. */
  startsAt: Date;
  endsAt: Date;
  status: 'draft' | 'published' | 'cancelled';
  cancelReason: string | null;
  /** Set while a cancellation is telling people (the timer finishes one that died half-way). */
  cancelPending?: boolean;
  createdBy: { id: string; name: string };
  createdAt: Date;
  editedAt: Date | null;
}

/**
 * volunteer_shifts: one 班次 and its seats. `holders` are the registrations that have a seat and
 * `waiters` the waitlist in arrival order. A sign-up claims a seat with one guarded update
 * (`taken < capacity`, the waitlist empty, not already holding), so a storm can never overbook and
 * nobody jumps the line; a cancellation hands the seat to the first waiter in a transaction.
 */
export interface ShiftDoc {
  _id: string;
  activityId: string;
  parkId: string;
  start: Date;
  end: Date;
  capacity: number;
  role: string | null;
  taken: number;
  holders: string[];
  waiters: string[];
  /** Set when the organizer confirmed the hours (points then follow). */
  confirmedAt: Date | null;
  confirmedBy: { id: string; name: string } | null;
}

/** volunteer_registrations: `<shiftId>|<personId>`, so one person has one registration per shift whatever the taps. */
export interface RegistrationDoc {
  _id: string;
  activityId: string;
  shiftId: string;
  parkId: string;
  branchId: string;
  personId: string;
  name: string;
  /** The shift's times, copied so "my sign-ups" and the sign-out timer read registrations alone. */
  shiftStart: Date;
  shiftEnd: Date;
  status: 'registered' | 'waitlist' | 'cancelled';
  signedInAt: Date | null;
  signedOutAt: Date | null;
  signOutBy: 'self' | 'organizer' | 'timer' | null;
  /** Signed in and not out yet: the timer closes these after the shift (indexed with shiftEnd). */
  signedInOpen: boolean;
  /** Why the organizer marked the times by hand. */
  manualReason: string | null;
  /** The organizer's confirmation: the hours that count (points follow), and a correction's reason. */
  confirmedHours: number | null;
  correctionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}
