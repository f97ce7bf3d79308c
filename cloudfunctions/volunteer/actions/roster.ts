// The organizer's roster of a shift (signed up, the waitlist in order, who came, hours, no-shows) and
// confirming its hours: corrections per person with a reason, audited; confirmed hours go through the
// points engine (`volunteerHours`, exactly once per shift and person) and into the branch's volunteer
// hours behind the leaderboard. Confirming again after a call died finishes the points and changes nothing.
import type { volunteerContract } from '../../../shared/contract/volunteer';
import { audit } from '../../_lib/audit';
import { C, _, db, getDoc } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { awardPoints } from '../../_lib/points';
import type { BranchDoc, PersonDoc } from '../../_lib/types';
import { chinaDateString, iso, monthDayLabel } from '../../../shared/time';
import { shiftHours } from '../../../shared/volunteer';
import { lastRecordingDay, loadSettings } from './record';
import type { ActivityDoc, RegistrationDoc, ShiftDoc } from '../types';
import { branchNames } from '../../org/actions/helpers';
import { MAX_READ, byOf, hoursOf, managedShift, notOpenReason, registrationId, shiftView, stageOf } from './helpers';

type H = Handlers<typeof volunteerContract>;
const MANAGERS = ['organizer', 'secretary', 'parkAdmin'] as const;

export function rosterRowOf(r: RegistrationDoc, s: ShiftDoc, a: ActivityDoc, person: Pick<PersonDoc, 'name'> & { branchName?: string }) {
  const pos = r.status === 'waitlist' ? s.waiters.indexOf(r._id) + 1 : 0;
  return {
    personId: r.personId, name: person.name ?? r.name, branchName: person.branchName ?? '', status: r.status, waitPosition: pos > 0 ? pos : null,
    signedInAt: iso(r.signedInAt), signedOutAt: iso(r.signedOutAt), signOutBy: r.signOutBy, manualReason: r.manualReason,
    ...hoursOf(r, s, a), confirmedHours: r.confirmedHours,
  };
}

async function shiftRegistrations(shiftId: string): Promise<RegistrationDoc[]> {
  const { data } = await db.collection(C.volunteerRegistrations).where({ shiftId, status: _.in(['registered', 'waitlist']) }).limit(MAX_READ).get();
  return data as RegistrationDoc[];
}

async function rows(s: ShiftDoc, a: ActivityDoc, regs: RegistrationDoc[]) {
  const branchIds = [...new Set(regs.map((r) => r.branchId))];
  const { data } = branchIds.length ? await db.collection(C.branches).where({ _id: _.in(branchIds) }).field({ name: true }).limit(MAX_READ).get() : { data: [] };
  const names = new Map((data as BranchDoc[]).map((b) => [b._id, b.name]));
  // Seat holders first in the order they got their seat, then the waitlist in order.
  const order = new Map([...s.holders, ...s.waiters].map((id, i) => [id, i]));
  return regs
    .sort((x, y) => (order.get(x._id) ?? 1e9) - (order.get(y._id) ?? 1e9))
    .map((r) => rosterRowOf(r, s, a, { name: r.name, branchName: names.get(r.branchId) ?? '' }));
}

const summaryOf = async (a: ActivityDoc, s: ShiftDoc, now: Date) => ({
  id: a._id, title: a.title, category: a.category, place: a.place, stage: stageOf(a, now), scope: a.scope, audience: a.audience,
  branch: a.branchId ? { id: a.branchId, name: (await branchNames(a.parkId, [a.branchId])).get(a.branchId) ?? '' } : null,
  recruitUntil: iso(a.recruitUntil), shifts: [shiftView(s)], mine: [],
});

/** Names starting with `prefix`, as an index range (as org's people.list searches). */
const namePrefix = (prefix: string) => _.gte(prefix).and(_.lt(`${prefix}\uffff`));
const FIND_LIMIT = 20;

export const rosterHandlers: Pick<H, 'shifts.roster' | 'shifts.confirm' | 'shifts.findPeople'> = {
  'shifts.findPeople': {
    access: MANAGERS,
    handler: async ({ shiftId, name }, { person: me }) => {
      const { shift, activity: a } = await managedShift(me, shiftId);
      const where: Record<string, unknown> = { parkId: me.parkId, name: namePrefix(name) };
      if (a.scope === 'branch') where.branchId = a.branchId;
      if (a.audience === 'members') where.memberType = _.in(['full', 'probationary']);
      const { data } = await db.collection(C.people).where(where).orderBy('name', 'asc').limit(FIND_LIMIT).get();
      const found = (data as PersonDoc[]).filter((p) => notOpenReason(a, p) === null);
      const names = await branchNames(me.parkId, found.map((p) => p.branchId));
      const held = new Set([...shift.holders, ...shift.waiters]);
      return {
        people: found.map((p) => ({ personId: p._id, name: p.name, branchName: names.get(p.branchId) ?? '', onRoster: held.has(registrationId(shift._id, p._id)) })),
      };
    },
  },

  'shifts.roster': {
    access: MANAGERS,
    handler: async ({ shiftId }, { person: me, now }) => {
      const { shift, activity: a } = await managedShift(me, shiftId);
      const list = await rows(shift, a, await shiftRegistrations(shift._id));
      return { activity: await summaryOf(a, shift, now), shift: shiftView(shift), rows: list, needsReview: list.filter((r) => r.signOutBy === 'timer' && r.confirmedHours === null).length };
    },
  },

  'shifts.confirm': {
    access: MANAGERS,
    handler: async ({ shiftId, corrections }, { person: me, now }) => {
      const { shift, activity: a } = await managedShift(me, shiftId);
      if (now.getTime() < new Date(shift.end).getTime()) throw new ActionError('CONFLICT', { message: '班次结束后才能确认时长' });
      // 记录办法 Art. 11: within 10 working days of the activity; after that, only make-up hours (with a second approver).
      if (!shift.confirmedAt) {
        const lastDay = lastRecordingDay(shift, (await loadSettings(me.parkId)).settings);
        if (chinaDateString(now) > lastDay) throw new ActionError('CONFLICT', { message: `已超过 10 个工作日的记录期限（${monthDayLabel(lastDay)}），请改为补录时长` });
      }
      const regs = (await shiftRegistrations(shift._id)).filter((r) => r.status === 'registered');
      const max = shiftHours(new Date(shift.start), new Date(shift.end));
      const fix = new Map(corrections.map((c) => [c.personId, c]));
      for (const c of corrections) {
        if (!regs.some((r) => r.personId === c.personId)) throw new ActionError('INVALID_INPUT', { message: '修改的人不在这个班次的名单里', fields: { corrections: ['名单里没有这个人'] } });
        if (c.hours > max) throw new ActionError('INVALID_INPUT', { message: `时长不能超过班次的 ${max} 小时`, fields: { corrections: [`最多 ${max} 小时`] } });
      }
      const already = shift.confirmedAt !== null;
      if (already && corrections.length) throw new ActionError('CONFLICT', { message: '这个班次的时长已确认，不能再修改' });
      if (!already) {
        for (const r of regs) {
          // A sign-in still open is closed at the shift's end (what the timer would do).
          const closed = r.signedInAt && !r.signedOutAt ? { signedOutAt: new Date(shift.end), signOutBy: 'timer' as const, signedInOpen: false } : {};
          const merged = { ...r, ...closed };
          const computed = hoursOf(merged, shift, a).hours ?? 0;
          const c = fix.get(r.personId);
          await db.collection(C.volunteerRegistrations).doc(r._id).update({
            ...closed, confirmedHours: c ? c.hours : computed, correctionReason: c ? c.reason : null, updatedAt: now,
          });
          Object.assign(r, closed, { confirmedHours: c ? c.hours : computed, correctionReason: c?.reason ?? null });
        }
        const res = await db.collection(C.volunteerShifts).where({ _id: shift._id, confirmedAt: null }).update({ confirmedAt: now, confirmedBy: _.set(byOf(me)) }); // _.set: a plain object would be flattened into dot paths under the null
        if (res.updated === 1) {
          await audit(me, 'volunteer.shifts.confirm', shift._id, {
            activity: a.title, people: regs.length, hours: regs.reduce((n, r) => n + (r.confirmedHours ?? 0), 0),
            corrections: corrections.map((c) => ({ personId: c.personId, hours: c.hours, reason: c.reason })),
          }, now);
        }
      }
      const confirmed = regs;
      // Points exactly once per shift and person (a replay of this call awards nothing twice).
      for (const r of confirmed) {
        const hours = r.confirmedHours ?? 0;
        if (hours <= 0) continue;
        await awardPoints({
          parkId: a.parkId, personId: r.personId, branchId: r.branchId, item: 'volunteerHours', sourceId: `volunteer-shift:${shift._id}`, quantity: hours,
          note: a.title, counters: { volunteerHours: hours }, at: new Date(shift.start), by: me._id,
        });
      }
      const after = (await getDoc<ShiftDoc>(C.volunteerShifts, shift._id))!;
      const list = await rows(after, a, await shiftRegistrations(shift._id));
      return { rows: list, confirmed: confirmed.length, hours: confirmed.reduce((n, r) => n + (r.confirmedHours ?? 0), 0) };
    },
  },
};
