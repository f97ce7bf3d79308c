// Small read helpers of 我的信息: documents by id in bounded chunks, and times as people read them.
import { chinaDateTimeString } from '../../../shared/time';
import { _, db } from '../../_lib/db';

export const when = (d: Date | string | null | undefined): string | null => (d ? chinaDateTimeString(new Date(d)) : null);

/** Documents by _id, 100 ids a query (each answer is bounded by the ids asked for). */
export async function byIds<T extends { _id: string }>(collection: string, ids: string[], fieldsWanted?: Record<string, boolean>): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100);
    let q = db.collection(collection).where({ _id: _.in(chunk) });
    if (fieldsWanted) q = q.field(fieldsWanted) as typeof q;
    const { data } = await q.limit(chunk.length).get();
    for (const d of data as T[]) out.set(d._id, d);
  }
  return out;
}
