// Aggregation pipelines through mingo. A leading $match is planned like a query (indexes apply).
// As on CloudBase, a pipeline without $limit returns at most 20 documents, and at most 10,000 with one.
import { Aggregator } from './mingo.js';
import { dbError } from './errors.js';
import type { Store } from './store.js';
import { type Doc, fromPlain, isPlainObject, toPlain } from './values.js';

export const AGGREGATE_DEFAULT_LIMIT = 20;
export const AGGREGATE_MAX_LIMIT = 10_000;

export function aggregate(store: Store, coll: string, pipeline: Doc[]): Doc[] {
  for (const stage of pipeline) {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1 || !Object.keys(stage)[0]!.startsWith('$'))
      throw dbError('INVALID_PARAM', 'each aggregation stage must be an object with one $-key');
  }
  const first = pipeline[0];
  const leadingMatch = first && '$match' in first && isPlainObject(first.$match) ? (first.$match as Doc) : undefined;
  const source = store.aggregateSource(coll, leadingMatch);
  const hasLimit = pipeline.some((s) => '$limit' in s);
  const plain = pipeline.map((s) => toPlain(s) as Record<string, unknown>);
  let out: Doc[];
  try {
    const agg = new Aggregator(plain, { collectionResolver: (name: string) => store.allPlain(name) });
    out = agg.run(source) as Doc[];
  } catch (e) {
    if ((e as { code?: string }).code) throw e;
    throw dbError('INVALID_PARAM', `aggregation failed: ${(e as Error).message}`);
  }
  const cap = hasLimit ? AGGREGATE_MAX_LIMIT : AGGREGATE_DEFAULT_LIMIT;
  store.counters.docsReturned += Math.min(out.length, cap);
  return out.slice(0, cap).map((d) => fromPlain(d) as Doc);
}
