// Stored shapes of the volunteer domain (beside its function; _lib/types.ts holds the shared ones).
import type { Block } from '../../shared/contract';
import type { AUDIENCES, HoursRule, VOLUNTEER_CATEGORIES } from '../../shared/contract/volunteer';
import type { VolunteerSettings } from '../../shared/contract/volunteer-record';

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
  /** How many times an accepted correction changed the confirmed hours (names the re-award). */
  corrections?: number;
  createdAt: Date;
  updatedAt: Date;
}

/** volunteer_settings: one per park (`_id` = parkId); none = the defaults. */
export interface SettingsDoc extends VolunteerSettings {
  _id: string;
  updatedAt: Date;
  updatedBy: { id: string; name: string };
}

/** volunteer_makeups: hours entered after the fact, with a reason and evidence; a second person decides. */
export interface MakeupDoc {
  _id: string;
  parkId: string;
  activityId: string;
  title: string;
  /** The activity's scope and branch: who may decide. */
  scope: 'park' | 'branch';
  branchId: string | null;
  personId: string;
  personBranchId: string;
  name: string;
  hours: number;
  /** China day of the activity (for the record and the year's totals). */
  date: string;
  reason: string;
  evidence: string;
  status: 'pending' | 'approved' | 'rejected';
  enteredBy: { id: string; name: string };
  enteredAt: Date;
  decidedBy: { id: string; name: string } | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  /** Hours now counted (a correction may change them); null until approved. */
  countedHours: number | null;
  /** Accepted corrections so far. */
  corrections?: number;
}

/** volunteer_corrections: a volunteer questions a record; the organizer accepts or answers. */
export interface CorrectionDoc {
  _id: string;
  parkId: string;
  kind: 'credit' | 'makeup';
  /** The registration or the make-up. */
  recordId: string;
  activityId: string;
  title: string;
  scope: 'park' | 'branch';
  branchId: string | null;
  personId: string;
  name: string;
  hoursBefore: number;
  hoursAsked: number | null;
  reason: string;
  status: 'open' | 'accepted' | 'answered';
  hoursAfter: number | null;
  answer: string | null;
  at: Date;
  decidedAt: Date | null;
  decidedBy: { id: string; name: string } | null;
  /** For an accepted correction: the how-many-th of its record (names the re-award's points source). */
  seq?: number;
}

/** volunteer_ratings: `<shiftId>|<personId>|org` (the organizer rates the volunteer) or `|vol` (the volunteer rates the activity). */
export interface RatingDoc {
  _id: string;
  parkId: string;
  activityId: string;
  shiftId: string;
  personId: string;
  name: string;
  by: 'org' | 'vol';
  stars: number;
  comment: string;
  raterId: string;
  at: Date;
}

/** volunteer_certificates: 志愿服务证明, asked for by the volunteer, issued by the organizing body. */
export interface CertificateDoc {
  _id: string;
  parkId: string;
  personId: string;
  name: string;
  issuerKind: 'park' | 'branch';
  issuerBranchId: string | null;
  period: { kind: 'year'; year: string } | { kind: 'all' };
  status: 'requested' | 'issued' | 'declined' | 'revoked';
  /** Set when issued, never before (the unique index is sparse: absent, not null). */
  number?: string;
  /** Filled at issue: what it states. */
  issuer: { name: string; personInCharge: string; handler: string; contactPhone: string } | null;
  hours: { credit: number; makeup: number } | null;
  hoursCounted: 'both' | 'credit';
  activities: Array<{ title: string; date: string; hours: number; kind: 'credit' | 'makeup'; recordId: string }>;
  requestedAt: Date;
  issuedAt: Date | null;
  issuedBy: { id: string; name: string } | null;
  note: string | null;
  revokedReason: string | null;
}
