// Dashboards (issue 19): a branch's year (its secretary, a park admin) or the park's (park admins) at a glance —
// 覆盖率, study completion by month, 三会一课 compliance, volunteer hours by month, 履诺率 (the pledge function's
// rule), points per member, and for the park the branches falling behind. Read through the 台账's loader
// (data.ts), so the dashboard and the exported sheets count the same things.
import type { Dashboard, ledgerContract } from '../../../shared/contract/ledger';
import { chinaDateString } from '../../../shared/time';
import { C, db } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { BranchDoc, ParkDoc, PersonDoc } from '../../_lib/types';
import { branchOfPark, requireManages } from '../../org/actions/helpers';
import { rateOf } from '../../pledge/actions/helpers';
import { type BranchData, loadBranches, loadTopics, periodOf, readAll } from './data';
import { getDoc } from '../../_lib/db';

type H = Handlers<typeof ledgerContract>;
const ORDER = { red: 0, yellow: 1, green: 2 } as const;
/** Below this share of study done (so far this year), a branch is falling behind. */
export const STUDY_BEHIND = 0.6;
/** Below this 履诺率, a branch is falling behind. */
export const PLEDGES_BEHIND = 0.8;
const round = (x: number) => Math.round(x * 100) / 100;
const pct = (x: number) => `${Math.round(x * 100)}%`;

function studyOf(d: BranchData[], months: string[]): Dashboard['study'] {
  return months.map((month) => {
    let done = 0;
    let due = 0;
    for (const b of d) {
      const topics = b.topics.filter((t) => t.month === month);
      for (const p of b.people.filter((x) => x.memberType !== 'none')) {
        for (const t of topics) {
          due++;
          if (b.progress.get(`${t._id}|${p._id}`)?.completedAt) done++;
        }
      }
    }
    return { month, done, due };
  });
}

const hoursOf = (d: BranchData[], months: string[]): Dashboard['hours'] =>
  months.map((month) => ({ month, hours: round(d.reduce((s, b) => s + b.hours.filter((h) => h.month === month).reduce((x, h) => x + h.hours, 0), 0)) }));

const pointsOf = (b: BranchData) => new Map(b.totals.map((t) => [t.ownerId, t.points]));

/** Why a branch falls behind (none: it does not). */
function reasonsOf(b: BranchData, today: string): string[] {
  const out: string[] = [];
  const late = b.compliance.items.filter((i) => i.colour !== 'green');
  if (late.length) out.push(`三会一课：${late.map((i) => `${i.label}${i.colour === 'red' ? '未达标' : '需关注'}`).join('、')}`);
  const study = studyOf([b], [...new Set(b.topics.map((t) => t.month))].filter((m) => m <= today.slice(0, 7)));
  const done = study.reduce((s, x) => s + x.done, 0);
  const due = study.reduce((s, x) => s + x.due, 0);
  if (due && done / due < STUDY_BEHIND) out.push(`学习完成 ${pct(done / due)}`);
  const r = rateOf(b.pledges, today);
  if (r.rate !== null && r.rate < PLEDGES_BEHIND) out.push(`履诺率 ${pct(r.rate)}`);
  return out;
}

/**
 * The park's board is a snapshot (ledger_boards, `<parkId>|<year>`): counting a park of 100 branches reads thousands
 * of documents, so it is counted again only once the last count is older than this; a look within it is one read.
 * The page says when the figures were counted. A branch's board is always counted live (it is small).
 */
export const BOARD_FRESH_MS = 5 * 60_000;

/** ledger_boards: the park's board as last counted. */
interface BoardDoc { _id: string; parkId: string; year: string; board: Dashboard; countedAt: Date }

export const dashboardHandlers: Pick<H, 'dashboard.get'> = {
  'dashboard.get': {
    access: ['secretary', 'parkAdmin'],
    handler: async ({ branchId, year }, { person: me, now }) => {
      if (branchId !== undefined) {
        const b = await branchOfPark(me, branchId);
        requireManages(me, b._id, '只能查看本支部的数据');
        return count(me, [b], year, now);
      }
      if (!me.parkAdmin) throw new ActionError('FORBIDDEN', { message: '全园区的数据只有园区党委管理员可以查看，请选择本支部' });
      const id = `${me.parkId}|${year}`;
      const last = await getDoc<BoardDoc>(C.ledgerBoards, id);
      const age = last ? now.getTime() - Date.parse(last.board.countedAt ?? '') : NaN;
      // (Instances' clocks differ a little: a count a few seconds "ahead" is still fresh.)
      if (last && age > -60_000 && age < BOARD_FRESH_MS) return last.board;
      const branches = (await readAll<BranchDoc>(C.branches, { parkId: me.parkId })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
      const board = { ...(await count(me, branches, year, now, true)), countedAt: now.toISOString() };
      const doc: Omit<BoardDoc, '_id'> = { parkId: me.parkId, year, board, countedAt: now };
      await db.collection(C.ledgerBoards).doc(id).set(doc);
      return board;
    },
  },
};

/** A board counted now: one branch's, or (park) every branch's. */
async function count(me: PersonDoc, branches: BranchDoc[], year: string, now: Date, park = false): Promise<Dashboard> {
  const today = chinaDateString(now);
  const period = periodOf(year);
  // The year so far (or all of it, once over).
  const months = period.months.filter((m) => m <= today.slice(0, 7));
  const topics = await loadTopics(me.parkId, period);
  const yearEnd = new Date(`${year}-12-31T23:59:59.999+08:00`);
  const data = await loadBranches(me.parkId, branches, period, topics, yearEnd < now ? yearEnd : now, ['pledges', 'study', 'volunteer', 'points']);
  const [enterprises, parkDoc] = await Promise.all([
    park ? db.collection(C.enterprises).where({ parkId: me.parkId }).count().then((r) => (r as { total: number }).total) : Promise.resolve(branches[0]!.enterpriseIds.length),
    getDoc<ParkDoc>(C.parks, me.parkId),
  ]);
  const covered = new Set(branches.flatMap((b) => b.enterpriseIds)).size;
  const people = data.flatMap((b) => b.people);
  const counts = { green: 0, yellow: 0, red: 0 };
  for (const b of data) counts[b.compliance.colour]++;
  const worst = data.map((b) => b.compliance.colour).sort((a, b) => ORDER[a] - ORDER[b])[0] ?? 'green';
  const members = (b: BranchData) => b.people.filter((p: PersonDoc) => p.memberType !== 'none');
  const points = park
    ? data.filter((b) => members(b).length).map((b) => {
        const by = pointsOf(b);
        return { name: b.branch.name, points: round(members(b).reduce((s, p) => s + (by.get(p._id) ?? 0), 0) / members(b).length) };
      }).sort((a, b) => b.points - a.points)
    : members(data[0]!).map((p) => ({ name: p.name, points: round(pointsOf(data[0]!).get(p._id) ?? 0) })).sort((a, b) => b.points - a.points || a.name.localeCompare(b.name, 'zh-CN'));
  const behind = park
    ? data.map((b) => ({ branchId: b.branch._id, name: b.branch.name, colour: b.compliance.colour, reasons: reasonsOf(b, today) }))
        .filter((b) => b.reasons.length)
        .sort((a, b) => ORDER[a.colour] - ORDER[b.colour] || b.reasons.length - a.reasons.length || a.name.localeCompare(b.name, 'zh-CN'))
    : [];
  return {
    scope: park ? 'park' : 'branch',
    name: park ? parkDoc?.name ?? '园区' : branches[0]!.name,
    year,
    coverage: { covered: park ? covered : enterprises, total: enterprises, rate: enterprises ? round(covered / enterprises) : null },
    bound: { bound: people.filter((p) => !!p.boundAt).length, people: people.length },
    study: studyOf(data, months),
    compliance: { colour: worst, items: park ? [] : data[0]!.compliance.items.map((i) => ({ label: i.label, colour: i.colour, text: i.text })), branches: counts },
    hours: hoursOf(data, months),
    pledges: rateOf(data.flatMap((b) => b.pledges), today),
    points,
    behind,
  };
}
