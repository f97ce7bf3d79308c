// Ledger entries as people see them, and one page of a person's ledger (newest first) with each
// award's reversal found by its deterministic id: 3 indexed reads, however long the ledger.
import type { LedgerEntry } from '../../../shared/contract/score';
import { iso } from '../../../shared/time';
import { C, _, db } from '../../_lib/db';
import { reversalId } from '../../_lib/points';
import type { LedgerDoc } from '../../_lib/types';

export function toEntry(d: LedgerDoc, reversedBy: string | null): LedgerEntry {
  return {
    id: d._id, item: d.item, kind: d.kind, points: d.points, requested: d.requested, capped: d.capped, cap: d.cap ?? null, note: d.note,
    reason: d.reason ?? null, reverses: d.reverses ?? null, reversedBy, at: iso(d.at), day: d.day,
  };
}

export async function ledgerPage(personId: string, { offset, limit, year }: { offset: number; limit: number; year?: string }) {
  const q = db.collection(C.pointsLedger).where(year ? { personId, year } : { personId });
  const [{ data }, { total }] = await Promise.all([
    q.orderBy('at', 'desc').skip(offset).limit(limit).get(),
    q.count() as Promise<{ total: number }>,
  ]);
  const docs = data as LedgerDoc[];
  const awards = docs.filter((d) => d.kind === 'award').map((d) => reversalId(d._id));
  const reversed = new Set<string>();
  if (awards.length) {
    const { data: revs } = await db.collection(C.pointsLedger).where({ _id: _.in(awards) }).field({ reverses: true }).limit(awards.length).get();
    for (const r of revs as Array<{ reverses: string }>) reversed.add(r.reverses);
  }
  return { entries: docs.map((d) => toEntry(d, reversed.has(d._id) ? reversalId(d._id) : null)), total };
}
