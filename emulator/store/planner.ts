// Chooses how to find candidate documents: by _id, through an index (equality prefix, then a
// range, optionally in sort order so a limit can stop early), or by a collection scan. The
// candidates are always re-checked with the full query, so a plan only has to be a superset.
import type { CollMeta, IndexMeta } from './engine.js';
import { encodeComponent, isIndexableScalar } from './keys.js';
import { type Doc, compareValues, isNumeric, isPlainObject, numberValue, typeRank } from './values.js';

export type SortSpec = Array<[string, 1 | -1]>;

/** One field's constraints taken from the query. */
interface Bound {
  v: unknown;
  /** Inclusive ($gte/$lte), or a value the key encoding can't order exactly (huge Long, Decimal128). */
  incl: boolean;
}

interface FieldCons {
  eq?: unknown[];
  lo?: Bound;
  hi?: Bound;
}

export type Plan =
  | { kind: 'ids'; ids: unknown[] }
  | { kind: 'index'; index: IndexMeta; ranges: Array<[Buffer, Buffer | undefined]>; dir: 1 | -1; sorted: boolean }
  | { kind: 'union'; plans: Plan[] }
  | { kind: 'scan' };

const MAX_PREFIXES = 1000;

function fieldConstraints(query: Doc): Map<string, FieldCons> {
  const out = new Map<string, FieldCons>();
  const add = (q: Doc) => {
    for (const [field, cond] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(cond)) {
        for (const sub of cond) if (isPlainObject(sub)) add(sub);
        continue;
      }
      if (field.startsWith('$')) continue;
      const c = out.get(field) ?? {};
      if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
        for (const [op, v] of Object.entries(cond)) {
          if (op === '$eq' && isIndexableScalar(v)) c.eq ??= [v];
          else if (op === '$in' && Array.isArray(v) && v.length && v.every(isIndexableScalar)) c.eq ??= v;
          else if ((op === '$gt' || op === '$gte') && rangeable(v)) c.lo = tighter(c.lo, { v, incl: op === '$gte' || !exact(v) }, 1);
          else if ((op === '$lt' || op === '$lte') && rangeable(v)) c.hi = tighter(c.hi, { v, incl: op === '$lte' || !exact(v) }, -1);
        }
      } else if (isIndexableScalar(cond)) c.eq ??= [cond];
      out.set(field, c);
    }
  };
  add(query);
  return out;
}

function tighter(a: Bound | undefined, b: Bound, dir: 1 | -1): Bound {
  if (!a) return b;
  const c = compareValues(b.v, a.v) * dir;
  return c > 0 || (c === 0 && !b.incl) ? b : a;
}

function exact(v: unknown): boolean {
  const n = numberValue(v);
  return !(isNumeric(v) && (n === undefined || (Number.isInteger(n) && !Number.isSafeInteger(n)) || typeRank(v) !== 3 || isDecimal(v)));
}

function isDecimal(v: unknown): boolean {
  return (v as { _bsontype?: string } | null)?._bsontype === 'Decimal128';
}

function rangeable(v: unknown): boolean {
  const r = typeRank(v);
  return r === 3 || r === 4 || r === 10;
}

function successor(b: Buffer): Buffer | undefined {
  const out = Buffer.from(b);
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i]! < 0xff) {
      out[i]!++;
      return out.subarray(0, i + 1);
    }
  }
  return undefined;
}

/** An encoded component bound; a bare type-rank byte stands for the edge of that type's keys. */
interface KeyBound {
  bytes: Buffer;
  incl: boolean;
}

/**
 * Bytes covering every key whose component lies between lo and hi. Encodings are prefix-free, so
 * "every key starting with X" ends just before successor(X); descending components are bit-inverted.
 */
function componentRange(prefix: Buffer, lo: KeyBound, hi: KeyBound, dir: 1 | -1): [Buffer, Buffer | undefined] {
  const at = (b: KeyBound) => Buffer.concat([prefix, dir === 1 ? b.bytes : Buffer.from(b.bytes.map((x) => ~x & 0xff))]);
  const [first, last] = dir === 1 ? [lo, hi] : [hi, lo];
  const start = first.incl ? at(first) : (successor(at(first)) ?? at(first));
  const end = last.incl ? successor(at(last)) : at(last);
  return [start, end];
}

interface Candidate {
  plan: Plan;
  score: number;
}

function planIndex(idx: IndexMeta, cons: Map<string, FieldCons>, sort: SortSpec): Candidate | undefined {
  const fields = Object.keys(idx.spec.keys);
  const dirs = fields.map((f) => idx.spec.keys[f]!);
  let prefixes: Buffer[] = [Buffer.alloc(0)];
  let k = 0;
  for (; k < fields.length; k++) {
    const c = cons.get(fields[k]!);
    if (!c?.eq) break;
    if (idx.spec.sparse && c.eq.some((v) => v === null)) break;
    const next: Buffer[] = [];
    for (const p of prefixes) for (const v of c.eq) next.push(Buffer.concat([p, encodeComponent(v, dirs[k]!)]));
    if (next.length > MAX_PREFIXES) break;
    prefixes = next;
  }
  const rc = k < fields.length ? cons.get(fields[k]!) : undefined;
  let hasRange = false;
  let ranges: Array<[Buffer, Buffer | undefined]>;
  if (rc && (rc.lo !== undefined || rc.hi !== undefined)) {
    hasRange = true;
    const rank = typeRank((rc.lo ?? rc.hi)!.v);
    const edge: KeyBound = { bytes: Buffer.from([rank]), incl: true };
    const lo: KeyBound = rc.lo ? { bytes: encodeComponent(rc.lo.v, 1), incl: rc.lo.incl } : edge;
    // A multikey field may satisfy each bound with a different element: keep only one bound.
    const useHi = rc.hi !== undefined && typeRank(rc.hi.v) === rank && !(idx.multikey && rc.lo !== undefined);
    const hi: KeyBound = useHi ? { bytes: encodeComponent(rc.hi!.v, 1), incl: rc.hi!.incl } : edge;
    ranges = prefixes.map((p) => componentRange(p, lo, hi, dirs[k]!));
  } else {
    ranges = prefixes.map((p) => (p.length ? [p, successor(p)] : [p, undefined]));
  }
  // Can the index deliver the sort order? Sort fields must follow the equality prefix.
  let sorted = false;
  let scanDir: 1 | -1 = 1;
  if (sort.length && !idx.multikey && prefixes.length === 1) {
    const rest = fields.slice(k);
    const restDirs = dirs.slice(k);
    if (sort.length <= rest.length && sort.every(([f], i) => f === rest[i])) {
      const same = sort.every(([, d], i) => d === restDirs[i]);
      const reversed = sort.every(([, d], i) => d === -restDirs[i]!);
      if (same || reversed) {
        sorted = true;
        scanDir = same ? 1 : -1;
      }
    }
  }
  if (k === 0 && !hasRange) {
    // Unfiltered: only worth it to stream a sort, and only if every document is in the index.
    if (!sorted || idx.spec.sparse) return undefined;
  }
  const score = k * 4 + (hasRange ? 2 : 0) + (sorted ? 1 : 0);
  return { plan: { kind: 'index', index: idx, ranges, dir: scanDir, sorted }, score };
}

export function plan(meta: CollMeta, query: Doc, sort: SortSpec = []): Plan {
  const cons = fieldConstraints(query);
  const id = cons.get('_id');
  if (id?.eq) return { kind: 'ids', ids: id.eq };
  let best: Candidate | undefined;
  for (const idx of meta.indexes) {
    const c = planIndex(idx, cons, sort);
    if (c && (!best || c.score > best.score)) best = c;
  }
  if (best) return best.plan;
  // A top-level $or is indexable when every branch is.
  if (Array.isArray(query.$or) && query.$or.length) {
    const plans = query.$or.map((b) => (isPlainObject(b) ? plan(meta, b) : ({ kind: 'scan' } as Plan)));
    if (plans.every((p) => p.kind !== 'scan')) return { kind: 'union', plans };
  }
  return { kind: 'scan' };
}

export function describePlan(p: Plan): string {
  switch (p.kind) {
    case 'ids':
      return `IDHACK(${p.ids.length})`;
    case 'index':
      return `IXSCAN(${p.index.spec.name}${p.sorted ? ', sorted' : ''})`;
    case 'union':
      return `OR(${p.plans.map(describePlan).join(', ')})`;
    case 'scan':
      return 'COLLSCAN';
  }
}
