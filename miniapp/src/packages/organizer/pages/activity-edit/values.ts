// 新建活动 / 修改活动: the form's values and how they map to and from the volunteer contract
// (activities.create, activities.get for an activity being changed, activities.update), and the contract's
// problems per field. Dates and times are China wall times as the pickers give them ("2026-12-05",
// "09:00"). A shift ends on its start day, or on the next when its end time is not after its start (a
// night shift). Pure functions; the form lives in index.tsx.
import type { ActionInput, ActionOutput } from '@shared/contract';
import { contract } from '@shared/contract';
import { DEFAULT_HOURS_RULE, type HoursRule, VOLUNTEER_CATEGORIES } from '@shared/contract/volunteer';
import { chinaClock, chinaDateTimeString } from '@shared/time';
import { type BlockDraft, newKey } from '../../../secretary/pages/topic-new/values';
import type { OrganizerArea } from '../../common/area';

export type Activity = ActionOutput<'volunteer', 'activities.get'>['activity'];
export type Category = (typeof VOLUNTEER_CATEGORIES)[number];
export type CreateInput = ActionInput<'volunteer', 'activities.create'>;
export type UpdateInput = ActionInput<'volunteer', 'activities.update'>;

export interface ShiftDraft {
  key: number;
  /** A stored shift (editing): its id, and the seats taken (its capacity cannot go below). */
  id?: string;
  taken: number;
  date: string;
  start: string;
  end: string;
  capacity: string;
  role: string;
}

export interface Values {
  title: string;
  blocks: BlockDraft[];
  category: Category;
  place: string;
  audience: 'all' | 'members';
  scope: 'park' | 'branch';
  branchId: string;
  recruitFromDate: string;
  recruitFromTime: string;
  /** Until the organizer picks a time, recruiting closes when the first shift starts. */
  recruitUntilAuto: boolean;
  recruitUntilDate: string;
  recruitUntilTime: string;
  cancelBeforeHours: string;
  contactName: string;
  contactPhone: string;
  riskNotice: string;
  insured: boolean;
  minPresence: number;
  roundTo: HoursRule['roundTo'];
  shifts: ShiftDraft[];
}

/** "2026-12-05" + n days. */
export function addDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** Now in China as the pickers show it: ["2026-11-30", "15:05"] (minutes down to a multiple of 5). */
export function nowParts(now: Date): [string, string] {
  const c = chinaClock(now);
  return [c.format('YYYY-MM-DD'), `${c.format('HH')}:${String(Math.floor(c.minute() / 5) * 5).padStart(2, '0')}`];
}

export const newShift = (date: string, start = '09:00', end = '11:00', capacity = '10'): ShiftDraft => ({ key: newKey(), taken: 0, date, start, end, capacity, role: '' });

export function initial(area: OrganizerArea, now: Date): Values {
  const [today, time] = nowParts(now);
  return {
    title: '',
    blocks: [{ key: newKey(), kind: 'paragraph', text: '', url: '' }],
    category: 'community',
    place: '',
    audience: 'all',
    scope: area.park ? 'park' : 'branch',
    branchId: area.branches[0]?.id ?? '',
    recruitFromDate: today,
    recruitFromTime: time,
    recruitUntilAuto: true,
    recruitUntilDate: '',
    recruitUntilTime: '',
    cancelBeforeHours: '24',
    contactName: area.me.name,
    contactPhone: '',
    riskNotice: '',
    insured: false,
    minPresence: DEFAULT_HOURS_RULE.minPresence,
    roundTo: DEFAULT_HOURS_RULE.roundTo,
    shifts: [newShift(addDays(today, 7))],
  };
}

/** A shift's start and end as "YYYY-MM-DD HH:mm" (an end not after the start is on the next day). */
export function shiftSpan(s: Pick<ShiftDraft, 'date' | 'start' | 'end'>): { start: string; end: string } {
  const overnight = s.end <= s.start;
  return { start: `${s.date} ${s.start}`, end: `${overnight ? addDays(s.date, 1) : s.date} ${s.end}` };
}

export const isOvernight = (s: Pick<ShiftDraft, 'start' | 'end'>) => s.end <= s.start;

/** The first shift's start ("YYYY-MM-DD HH:mm"), or '' without shifts. */
export function firstStart(v: Values): string {
  return v.shifts.map((s) => shiftSpan(s).start).sort()[0] ?? '';
}

/** When recruiting closes, as sent. */
export function recruitUntil(v: Values): string {
  return v.recruitUntilAuto ? firstStart(v) : `${v.recruitUntilDate} ${v.recruitUntilTime}`;
}

function fields(v: Values) {
  return {
    title: v.title.trim(),
    content: v.blocks.map((b) => {
      const needsUrl = b.kind === 'image' || b.kind === 'link';
      return needsUrl ? { kind: b.kind, text: b.text.trim(), url: b.url.trim() } : { kind: b.kind, text: b.text.trim() };
    }),
    category: v.category,
    place: v.place.trim(),
    audience: v.audience,
    recruitFrom: `${v.recruitFromDate} ${v.recruitFromTime}`,
    recruitUntil: recruitUntil(v),
    cancelBeforeHours: v.cancelBeforeHours === '' ? -1 : Number(v.cancelBeforeHours),
    contact: { name: v.contactName.trim(), phone: v.contactPhone.trim() },
    riskNotice: v.riskNotice.trim(),
    insured: v.insured,
    hoursRule: { minPresence: v.minPresence, roundTo: v.roundTo },
  };
}

const shiftOut = (s: ShiftDraft) => ({ ...shiftSpan(s), capacity: Number(s.capacity) || 0, role: s.role.trim() || null });

export function toCreate(v: Values, publish: boolean): CreateInput {
  return {
    scope: v.scope,
    ...(v.scope === 'branch' ? { branchId: v.branchId } : {}),
    ...fields(v),
    shifts: v.shifts.map(shiftOut),
    publish,
  };
}

export function toUpdate(v: Values, activityId: string): UpdateInput {
  return { activityId, ...fields(v), shifts: v.shifts.map((s) => ({ ...shiftOut(s), ...(s.id ? { id: s.id } : {}) })) };
}

const split = (iso: string): [string, string] => {
  const t = chinaDateTimeString(new Date(iso));
  return [t.slice(0, 10), t.slice(11)];
};

/** The form filled with an activity as stored (修改活动). */
export function fromActivity(a: Activity): Values {
  const [fromDate, fromTime] = split(a.recruitFrom);
  const [untilDate, untilTime] = split(a.recruitUntil);
  return {
    title: a.title,
    blocks: a.content.map((b) => ({ key: newKey(), kind: b.kind, text: b.text, url: b.url ?? '' })),
    category: a.category,
    place: a.place,
    audience: a.audience,
    scope: a.scope,
    branchId: a.branch?.id ?? '',
    recruitFromDate: fromDate,
    recruitFromTime: fromTime,
    recruitUntilAuto: false,
    recruitUntilDate: untilDate,
    recruitUntilTime: untilTime,
    cancelBeforeHours: String(a.cancelBeforeHours),
    contactName: a.contact.name,
    contactPhone: a.contact.phone,
    riskNotice: a.riskNotice,
    insured: a.insured,
    minPresence: a.hoursRule.minPresence,
    roundTo: a.hoursRule.roundTo,
    shifts: a.shifts.map((s) => {
      const [date, start] = split(s.start);
      const [, end] = split(s.end);
      return { key: newKey(), id: s.id, taken: s.taken, date, start, end, capacity: String(s.capacity), role: s.role ?? '' };
    }),
  };
}

/**
 * The contract's problems with the input, by field: "title", "recruitUntil", "shifts.0.end",
 * "contact.phone", "content.2.url" … (the first message of each). Empty: valid.
 */
export function problems(input: CreateInput | UpdateInput, editing: boolean): Record<string, string> {
  const schema = editing ? contract.volunteer['activities.update'].input : contract.volunteer['activities.create'].input;
  const r = (schema as { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } }).safeParse(input);
  const out: Record<string, string> = {};
  if (r.success) return out;
  for (const issue of r.error?.issues ?? []) {
    const key = issue.path.map(String).join('.');
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** The first problem under `prefix` ("shifts.0" → the first problem of that shift). */
export function problemUnder(p: Record<string, string>, prefix: string): string | null {
  if (p[prefix]) return p[prefix]!;
  const k = Object.keys(p).find((x) => x.startsWith(`${prefix}.`));
  return k ? p[k]! : null;
}

/** Presence shares the form offers (the contract allows 10%–100%). */
export const PRESENCE_CHOICES = [0.5, 0.6, 0.8, 1] as const;
export const ROUND_CHOICES: Array<{ value: HoursRule['roundTo']; label: string }> = [
  { value: 0.25, label: '0.25 小时' },
  { value: 0.5, label: '0.5 小时' },
  { value: 1, label: '整小时' },
];
