// A person's volunteer record: every confirmed shift (信用时数) and approved make-up (补录时数), kept
// apart, totals per China year and overall, the star level with the progress to the next; the park's
// settings; and the organizer's to-do list (finished shifts in the 10-working-day recording window,
// make-ups to approve, corrections, certificate requests).
import { type VolunteerSettings, DEFAULT_STARS } from '../../../shared/contract/volunteer-record';
import { chinaDateString, iso } from '../../../shared/time';
import { addWorkingDays, workingDaysLeft } from '../../../shared/workdays';
import { audit } from '../../_lib/audit';
import { C, _, db, getDoc, readAll } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { BranchDoc, PersonDoc } from '../../_lib/types';
import { personOfPark } from '../../org/actions/helpers';
import type { volunteerContract } from '../../../shared/contract/volunteer';
import type { ActivityDoc, CertificateDoc, CorrectionDoc, MakeupDoc, RegistrationDoc, SettingsDoc, ShiftDoc } from '../types';
import { certificateView, managesIssuer } from './certificates';
import { MAX_READ, byOf, managesActivity } from './helpers';

type H = Handlers<typeof volunteerContract>;
export const RECORDING_WINDOW_WORKING_DAYS = 10;

export function defaultSettings(parkName: string): VolunteerSettings {
  return {
    stars: [...DEFAULT_STARS], hoursCounted: 'both',
    federation: { name: `${parkName}志愿服务联合会`, personInCharge: '待填写', handler: '待填写', contactPhone: '0000-0000000' },
    holidays: [], workdays: [],
  };
}

export async function loadSettings(parkId: string): Promise<{ settings: VolunteerSettings; updatedAt: Date | null }> {
  const doc = await getDoc<SettingsDoc>(C.volunteerSettings, parkId);
  if (doc) {
    const { _id, updatedAt, updatedBy: _u, ...settings } = doc;
    return { settings, updatedAt };
  }
  const park = await getDoc<{ name: string }>(C.parks, parkId);
  return { settings: defaultSettings(park?.name ?? ''), updatedAt: null };
}

/** The last China day a shift's hours may be confirmed (10 working days after the day it ended). */
export const lastRecordingDay = (s: Pick<ShiftDoc, 'end'>, cal: VolunteerSettings) => addWorkingDays(chinaDateString(new Date(s.end)), RECORDING_WINDOW_WORKING_DAYS, cal);

// ---- the record ----

export interface Entry {
  id: string;
  kind: 'credit' | 'makeup';
  activityId: string;
  shiftId: string | null;
  title: string;
  summary: string;
  date: string;
  place: string;
  hours: number;
  organizer: string;
  personInCharge: string;
  correctionOpen: boolean;
  /** The activity's scope: which organizing body recorded it. */
  scope: 'park' | 'branch';
  branchId: string | null;
}

const summaryOf = (a: ActivityDoc) => a.content.map((b) => b.text).join(' ').replace(/\s+/g, ' ').trim().slice(0, 60);

/** Every confirmed shift (hours > 0) and approved make-up of a person, newest first. */
export async function recordEntries(person: Pick<PersonDoc, '_id' | 'parkId'>, settings: VolunteerSettings): Promise<Entry[]> {
  const [regs, makeups, open] = await Promise.all([
    readAll<RegistrationDoc>(C.volunteerRegistrations, { personId: person._id, confirmedHours: _.gt(0) }, { _id: true, activityId: true, shiftId: true, shiftStart: true, confirmedHours: true }),
    readAll<MakeupDoc>(C.volunteerMakeups, { personId: person._id, status: 'approved' }, { _id: true, activityId: true, date: true, countedHours: true }),
    readAll<CorrectionDoc>(C.volunteerCorrections, { personId: person._id, status: 'open' }, { _id: true, recordId: true }),
  ]);
  const ids = [...new Set([...regs.map((r) => r.activityId), ...makeups.map((m) => m.activityId)])];
  const activities = new Map<string, ActivityDoc>();
  for (let i = 0; i < ids.length; i += MAX_READ) {
    const { data } = await db.collection(C.volunteerActivities).where({ _id: _.in(ids.slice(i, i + MAX_READ)) }).limit(MAX_READ).get();
    for (const a of data as ActivityDoc[]) activities.set(a._id, a);
  }
  const branchIds = [...new Set([...activities.values()].flatMap((a) => (a.branchId ? [a.branchId] : [])))];
  const branches = new Map<string, BranchDoc>();
  if (branchIds.length) for (const b of (await db.collection(C.branches).where({ _id: _.in(branchIds) }).limit(MAX_READ).get()).data as BranchDoc[]) branches.set(b._id, b);
  const questioned = new Set(open.map((c) => c.recordId));
  const body = (a: ActivityDoc) => (a.scope === 'park' ? { organizer: settings.federation.name, personInCharge: settings.federation.personInCharge } : { organizer: branches.get(a.branchId!)?.name ?? '', personInCharge: a.createdBy.name });
  const entries: Entry[] = [];
  for (const r of regs) {
    const a = activities.get(r.activityId);
    if (!a) continue;
    entries.push({ id: r._id, kind: 'credit', activityId: a._id, shiftId: r.shiftId, title: a.title, summary: summaryOf(a), date: chinaDateString(new Date(r.shiftStart)), place: a.place, hours: r.confirmedHours!, ...body(a), correctionOpen: questioned.has(r._id), scope: a.scope, branchId: a.branchId });
  }
  for (const m of makeups) {
    const a = activities.get(m.activityId);
    if (!a || !m.countedHours) continue;
    entries.push({ id: m._id, kind: 'makeup', activityId: a._id, shiftId: null, title: a.title, summary: summaryOf(a), date: m.date, place: a.place, hours: m.countedHours, ...body(a), correctionOpen: questioned.has(m._id), scope: a.scope, branchId: a.branchId });
  }
  return entries.sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : 0));
}

const add = (a: number, b: number) => Math.round((a + b) * 100) / 100;

export function totalsOf(entries: Entry[]) {
  const byYear = new Map<string, { credit: number; makeup: number }>();
  const overall = { credit: 0, makeup: 0 };
  for (const e of entries) {
    const y = byYear.get(e.date.slice(0, 4)) ?? { credit: 0, makeup: 0 };
    y[e.kind] = add(y[e.kind], e.hours);
    byYear.set(e.date.slice(0, 4), y);
    overall[e.kind] = add(overall[e.kind], e.hours);
  }
  return { byYear: [...byYear.entries()].sort((a, b) => (a[0] < b[0] ? 1 : -1)).map(([year, t]) => ({ year, ...t })), overall };
}

/** Stars from the hours the park counts: the highest threshold reached, and the next one. */
export function starsOf(overall: { credit: number; makeup: number }, settings: VolunteerSettings) {
  const hours = settings.hoursCounted === 'both' ? add(overall.credit, overall.makeup) : overall.credit;
  const stars = settings.stars.filter((t) => hours >= t).length;
  return { stars, hours, next: stars < 5 ? settings.stars[stars]! : null };
}

/** The star level on the 亮身份 card: null for someone with no volunteer hours yet. */
export async function volunteerStarsOf(person: Pick<PersonDoc, '_id' | 'parkId'>): Promise<number | null> {
  const { settings } = await loadSettings(person.parkId);
  const entries = await recordEntries(person, settings);
  return entries.length ? starsOf(totalsOf(entries).overall, settings).stars : null;
}

export const makeupView = (m: MakeupDoc, viewer: PersonDoc) => ({
  id: m._id, activityId: m.activityId, title: m.title, personId: m.personId, name: m.name, hours: m.hours, reason: m.reason, evidence: m.evidence,
  status: m.status, enteredBy: m.enteredBy.name, decidedBy: m.decidedBy?.name ?? null, decisionNote: m.decisionNote, at: iso(m.enteredAt),
  mayDecide: m.status === 'pending' && m.enteredBy.id !== viewer._id && managesActivity(viewer, m),
});

export const correctionView = (c: CorrectionDoc) => ({
  id: c._id, recordId: c.recordId, kind: c.kind, title: c.title, personId: c.personId, name: c.name, hoursBefore: c.hoursBefore, hoursAsked: c.hoursAsked,
  reason: c.reason, status: c.status, hoursAfter: c.hoursAfter, answer: c.answer, at: iso(c.at), decidedAt: iso(c.decidedAt),
});

async function recordOf(person: PersonDoc, viewer: PersonDoc) {
  const { settings } = await loadSettings(person.parkId);
  const entries = await recordEntries(person, settings);
  const { byYear, overall } = totalsOf(entries);
  const [pending, corrections] = await Promise.all([
    db.collection(C.volunteerMakeups).where({ personId: person._id, status: 'pending' }).limit(MAX_READ).get(),
    db.collection(C.volunteerCorrections).where({ personId: person._id }).orderBy('at', 'desc').limit(100).get(),
  ]);
  return {
    name: person.name,
    entries: entries.map(({ scope: _s, branchId: _b, ...e }) => e),
    byYear, overall, stars: starsOf(overall, settings), hoursCounted: settings.hoursCounted,
    pendingMakeups: (pending.data as MakeupDoc[]).map((m) => makeupView(m, viewer)),
    corrections: (corrections.data as CorrectionDoc[]).map(correctionView),
  };
}

const MANAGERS = ['organizer', 'secretary', 'parkAdmin'] as const;

export const recordHandlers: Pick<H, 'settings.get' | 'settings.update' | 'record.mine' | 'record.of' | 'todo'> = {
  'settings.get': {
    access: 'bound',
    handler: async (_input, { person: me }) => {
      const { settings, updatedAt } = await loadSettings(me.parkId);
      return { settings, updatedAt: iso(updatedAt) };
    },
  },

  'settings.update': {
    access: ['parkAdmin'],
    handler: async (settings, { person: me, now }) => {
      const doc: Omit<SettingsDoc, '_id'> = { ...settings, holidays: [...new Set(settings.holidays)].sort(), workdays: [...new Set(settings.workdays)].sort(), updatedAt: now, updatedBy: byOf(me) };
      await db.collection(C.volunteerSettings).doc(me.parkId).set(doc);
      await audit(me, 'volunteer.settings.update', me.parkId, { stars: settings.stars, hoursCounted: settings.hoursCounted, federation: settings.federation.name }, now);
      const { updatedAt: _u, updatedBy: _b, ...stored } = doc;
      return { settings: stored, updatedAt: now.toISOString() };
    },
  },

  'record.mine': { access: 'bound', handler: async (_input, { person: me }) => recordOf(me, me) },

  'record.of': {
    access: MANAGERS,
    handler: async ({ personId }, { person: me }) => {
      const person = await personOfPark(me, personId);
      // The person's secretary and park admins; organizers of the park (who record park-wide activities).
      const allowed = me.parkAdmin || me.organizer || me.secretaryOf.includes(person.branchId);
      if (!allowed) throw new ActionError('FORBIDDEN', { message: '只能查看本支部人员的志愿记录' });
      return recordOf(person, me);
    },
  },

  todo: {
    access: MANAGERS,
    handler: async (_input, { person: me, now }) => {
      const { settings } = await loadSettings(me.parkId);
      const today = chinaDateString(now);
      // Activities of the last two months that I manage, finished shifts not yet confirmed.
      const since = new Date(now.getTime() - 62 * 86_400_000);
      const { data } = await db.collection(C.volunteerActivities).where({ parkId: me.parkId, status: 'published', startsAt: _.gt(since) }).limit(MAX_READ).get();
      const mine = (data as ActivityDoc[]).filter((a) => managesActivity(me, a));
      const shiftsToConfirm = [];
      for (const a of mine) {
        const { data: shifts } = await db.collection(C.volunteerShifts).where({ activityId: a._id }).limit(100).get();
        for (const s of shifts as ShiftDoc[]) {
          if (s.confirmedAt || new Date(s.end).getTime() > now.getTime() || s.taken === 0) continue;
          const lastDay = lastRecordingDay(s, settings);
          shiftsToConfirm.push({ shiftId: s._id, activityId: a._id, title: a.title, start: iso(s.start), end: iso(s.end), lastDay, daysLeft: workingDaysLeft(today, lastDay, settings) });
        }
      }
      const [makeups, corrections, requests] = await Promise.all([
        db.collection(C.volunteerMakeups).where({ parkId: me.parkId, status: 'pending' }).orderBy('enteredAt', 'asc').limit(MAX_READ).get(),
        db.collection(C.volunteerCorrections).where({ parkId: me.parkId, status: 'open' }).orderBy('at', 'asc').limit(MAX_READ).get(),
        db.collection(C.volunteerCertificates).where({ parkId: me.parkId, status: 'requested' }).orderBy('requestedAt', 'asc').limit(MAX_READ).get(),
      ]);
      return {
        shiftsToConfirm: shiftsToConfirm.sort((x, y) => x.daysLeft - y.daysLeft),
        makeupsToDecide: (makeups.data as MakeupDoc[]).filter((m) => managesActivity(me, m) && m.enteredBy.id !== me._id).map((m) => makeupView(m, me)),
        corrections: (corrections.data as CorrectionDoc[]).filter((c) => managesActivity(me, { parkId: c.parkId, scope: c.scope, branchId: c.branchId })).map(correctionView),
        certificateRequests: (requests.data as CertificateDoc[]).filter((c) => managesIssuer(me, c)).map((c) => certificateView(c, settings)),
      };
    },
  },
};
