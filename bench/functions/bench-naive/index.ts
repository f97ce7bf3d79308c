// Bench-only function (npm run bench:leaderboard): the NAIVE design the points engine is compared
// with, on the same data. No totals: "my rank + top 20 branches" aggregates points_ledger for the
// month (with its best index, parkId+month+branchId, which the bench adds) and counts members from
// people; an award is one ledger insert and nothing else (its reads are the aggregations).
//   { action: 'rank' }                      as the calling member (WX_OPENID)
//   { action: 'award', entry: {...} }       the ledger document to insert (the bench builds it)
import tcb from '@cloudbase/node-sdk';
import { chinaPeriods } from '../../../shared/periods';

// Aggregating a month of a 1M-entry ledger takes seconds: more than the SDK's default request timeout.
const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV, timeout: 110_000 });
const db = app.database();
const _ = db.command;
const $ = db.command.aggregate;
const MEMBER_TYPES = ['full', 'probationary'];
const MIN_RANKED = 3;
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);

interface Row {
  _id: string;
  points: number;
}

export async function main(event: { action: string; entry?: Record<string, unknown> }, context: unknown) {
  if (event.action === 'award') {
    const entry = { ...event.entry!, at: new Date(event.entry!.at as string) } as unknown as Record<string, unknown> & { _id: string };
    const r = await db.collection('points_ledger').add(entry);
    return { id: (r as { id?: string }).id ?? entry._id };
  }
  const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
  const { data } = await db.collection('people').where({ openid: ctx.WX_OPENID }).limit(1).get();
  const me = data[0] as { _id: string; parkId: string; branchId: string } | undefined;
  if (!me) return { error: 'NOT_BOUND' };
  const { month } = chinaPeriods(new Date());
  const { parkId, branchId } = me;
  const [byBranch, members, inMyBranch, myMembers] = await Promise.all([
    db.collection('points_ledger').aggregate().match({ parkId, month }).group({ _id: '$branchId', points: $.sum('$points') }).limit(10_000).end(),
    db.collection('people').aggregate().match({ parkId, memberType: _.in(MEMBER_TYPES) }).group({ _id: '$branchId', points: $.sum(1) }).limit(10_000).end(),
    db.collection('points_ledger').aggregate().match({ parkId, month, branchId }).group({ _id: '$personId', points: $.sum('$points') }).limit(10_000).end(),
    db.collection('people').where({ branchId, memberType: _.in(MEMBER_TYPES) }).count(),
  ]);
  const points = new Map((byBranch.data as Row[]).map((r) => [r._id, r.points]));
  const ranked = (members.data as Row[])
    .filter((r) => r.points >= MIN_RANKED)
    .map((r) => ({ branchId: r._id, members: r.points, value: ratio(points.get(r._id) ?? 0, r.points) ?? 0 }))
    .sort((a, b) => b.value - a.value || (a.branchId < b.branchId ? -1 : 1))
    .slice(0, 20);
  const names = await db.collection('branches').where({ _id: _.in(ranked.map((r) => r.branchId)) }).limit(20).get();
  const nameOf = new Map((names.data as Array<{ _id: string; name: string }>).map((b) => [b._id, b.name]));
  const mine = (inMyBranch.data as Row[]).find((r) => r._id === me._id)?.points ?? 0;
  const rank = 1 + (inMyBranch.data as Row[]).filter((r) => r.points > mine).length;
  return {
    month,
    myPoints: mine,
    branchRank: { rank, of: (myMembers as { total: number }).total },
    top: ranked.map((r) => ({ ...r, name: nameOf.get(r.branchId) ?? '' })),
  };
}
