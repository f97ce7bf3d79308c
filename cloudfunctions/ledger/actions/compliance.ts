// 三会一课 compliance (shared/compliance.ts) for one branch (its secretary, a park admin) or every branch of the
// park (park admins), worst first. One indexed read of the year's meetings (the branch's, or the park's).
import { type Compliance, compliance, type HeldMeeting } from '../../../shared/compliance';
import type { BranchCompliance, ledgerContract } from '../../../shared/contract/ledger';
import { chinaDateString, chinaFormat } from '../../../shared/time';
import { C, _ } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { BranchDoc, MeetingDoc, PersonDoc } from '../../_lib/types';
import { branchOfPark, requireManages } from '../../org/actions/helpers';
import { readAll } from './data';

type H = Handlers<typeof ledgerContract>;

export const held = (m: MeetingDoc): HeldMeeting => ({ kind: m.kind, date: m.date, groupId: m.groupId ?? null, cancelled: m.cancelled ?? false, attendees: m.attendees, recorded: !!m.record });

export function branchCompliance(b: BranchDoc, year: string, meetings: MeetingDoc[], now: Date): BranchCompliance {
  const c: Compliance = compliance(year, chinaDateString(now), meetings.map(held), { createdMonth: chinaFormat(b.createdAt, 'YYYY-MM'), groups: b.groups ?? [] });
  return { branchId: b._id, name: b.name, year, colour: c.colour, items: c.items };
}

const yearRange = (year: string) => _.gte(`${year}-01-01`).and(_.lte(`${year}-12-31`));
const ORDER = { red: 0, yellow: 1, green: 2 } as const;

/** Every branch of the park with its compliance, worst first (then by name). */
export async function parkCompliance(me: PersonDoc, year: string, now: Date): Promise<BranchCompliance[]> {
  const [branches, meetings] = await Promise.all([
    readAll<BranchDoc>(C.branches, { parkId: me.parkId }, ['name', 'asc']),
    readAll<MeetingDoc>(C.meetings, { parkId: me.parkId, date: yearRange(year) }, ['date', 'asc']),
  ]);
  const byBranch = new Map<string, MeetingDoc[]>();
  for (const m of meetings) byBranch.set(m.branchId, [...(byBranch.get(m.branchId) ?? []), m]);
  return branches
    .map((b) => branchCompliance(b, year, byBranch.get(b._id) ?? [], now))
    .sort((a, b) => ORDER[a.colour] - ORDER[b.colour] || a.name.localeCompare(b.name, 'zh-CN'));
}

export const complianceHandlers: Pick<H, 'compliance.branch' | 'compliance.park'> = {
  'compliance.branch': {
    access: ['secretary', 'parkAdmin'],
    handler: async ({ branchId, year }, { person: me, now }) => {
      const b = await branchOfPark(me, branchId);
      requireManages(me, b._id, '只能查看本支部的台账');
      const meetings = await readAll<MeetingDoc>(C.meetings, { branchId: b._id, date: yearRange(year) }, ['date', 'asc']);
      return branchCompliance(b, year, meetings.filter((m) => m.parkId === me.parkId), now);
    },
  },
  'compliance.park': {
    access: ['parkAdmin'],
    handler: async ({ year }, { person: me, now }) => {
      if (!me.parkAdmin) throw new ActionError('FORBIDDEN');
      return { branches: await parkCompliance(me, year, now) };
    },
  },
};
