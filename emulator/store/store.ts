// The document store: CloudBase database operations with MongoDB semantics over the Engine.
// Every operation is synchronous and runs inside one SQLite transaction, so a request is atomic.
import { findNear, nearDistance } from './geo.js';
import { Query } from './mingo.js';
import { type CollMeta, type CollectionSpec, Engine, type Row, idKey, newId } from './engine.js';
import { DbError, dbError } from './errors.js';
import { type Plan, type SortSpec, plan } from './planner.js';
import { type Projection, project } from './projection.js';
import { UpdateError, applyUpdate, isOperatorUpdate } from './update.js';
import { type Doc, compareValues, isPlainObject, parseEjson, sortKey, stringifyEjson, toPlain } from './values.js';
import { Versions } from './versions.js';

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Projection;
}

/** A transaction's view: its snapshot sequence number and its own buffered writes. */
export interface TxView {
  startSeq: number;
  writes: Map<string, { coll: string; idk: string; doc: Doc | null }>;
}

export class Store {
  readonly engine: Engine;
  readonly versions = new Versions();
  lastPlan = '';

  /** The server's clock (the emulator's controllable clock): serverDate resolves to it. */
  readonly now: () => number;

  constructor(file: string, opts: { synchronous?: 'NORMAL' | 'FULL'; spec?: CollectionSpec[]; now?: () => number } = {}) {
    this.engine = new Engine(file, opts);
    this.now = opts.now ?? Date.now;
    if (opts.spec) this.engine.applySpec(opts.spec);
  }

  close(): void {
    this.engine.close();
  }

  get counters() {
    return this.engine.counters;
  }

  createCollection(name: string): void {
    this.engine.createCollection(name);
  }

  // ---------- reads ----------
  private matcher(query: Doc): (d: Doc) => boolean {
    if (!Object.keys(query).length) return () => true;
    let q: Query;
    try {
      q = new Query(toPlain(query) as Record<string, unknown>);
    } catch (e) {
      throw dbError('INVALID_PARAM', `invalid query: ${(e as Error).message}`);
    }
    return (d) => q.test(toPlain(d) as Record<string, unknown>);
  }

  /** Candidate rows for a plan, de-duplicated, in plan order. */
  private *candidates(meta: CollMeta, p: Plan, seen = new Set<number>()): Generator<Row> {
    switch (p.kind) {
      case 'scan':
        yield* this.engine.scan(meta);
        return;
      case 'ids':
        for (const id of p.ids) {
          const row = this.engine.byId(meta, id);
          if (row && !seen.has(row.rid)) {
            seen.add(row.rid);
            yield row;
          }
        }
        return;
      case 'index':
        for (const [lo, hi] of p.ranges)
          for (const rid of this.engine.indexRange(meta, p.index, lo, hi, p.dir)) {
            if (seen.has(rid)) continue;
            seen.add(rid);
            const row = this.engine.byRid(meta, rid);
            if (row) yield row;
          }
        return;
      case 'union':
        for (const sub of p.plans) yield* this.candidates(meta, sub, seen);
        return;
    }
  }

  /** Matching rows, sorted, skipped and limited. Streams and stops early when the index gives the order. */
  private select(meta: CollMeta, query: Doc, opts: FindOptions, tx?: TxView): Row[] {
    const sort = opts.sort ?? [];
    const skip = opts.skip ?? 0;
    const limit = opts.limit ?? Infinity;
    const p = plan(meta, query, sort);
    this.lastPlan = p.kind === 'index' ? `IXSCAN ${p.index.spec.name}` : p.kind.toUpperCase();
    const test = this.matcher(query);
    // A $nearSphere/$near query returns the nearest first unless the request sorts otherwise (as MongoDB does).
    const near = sort.length ? undefined : findNear(toPlain(query) as Doc);
    if (near) {
      const rows = tx ? this.snapshotRows(meta, p, tx) : [...this.candidates(meta, p)];
      const keyed = rows.filter((r) => test(r.doc)).map((r) => ({ r, d: nearDistance(toPlain(r.doc) as Doc, near.path, near.near) ?? Infinity }));
      return window(keyed.sort((a, b) => a.d - b.d || a.r.rid - b.r.rid).map((x) => x.r), skip, limit);
    }
    if (tx) return window(sortRows(this.snapshotRows(meta, p, tx).filter((r) => test(r.doc)), sort), skip, limit);
    const streamed = p.kind === 'index' && p.sorted;
    if (!sort.length || streamed) {
      const out: Row[] = [];
      let skipped = 0;
      if (limit <= 0) return out;
      for (const row of this.candidates(meta, p)) {
        if (!test(row.doc)) continue;
        if (skipped < skip) {
          skipped++;
          continue;
        }
        out.push(row);
        if (out.length >= limit) break; // stop before reading another document
      }
      return out;
    }
    const all: Row[] = [];
    for (const row of this.candidates(meta, p)) if (test(row.doc)) all.push(row);
    return window(sortRows(all, sort), skip, limit);
  }

  /** Rows as the transaction's snapshot sees them, overlaid with its own writes. */
  private snapshotRows(meta: CollMeta, p: Plan, tx: TxView): Row[] {
    const out = new Map<string, Row>();
    const view = (idk: string, current: Row | undefined) => {
      const own = tx.writes.get(Versions.key(meta.name, idk));
      if (own) return own.doc ? { rid: current?.rid ?? 0, id: idk, doc: own.doc, text: '' } : undefined;
      const text = this.versions.snapshotText(meta.name, idk, tx.startSeq, current?.text ?? null);
      if (text === null) return undefined;
      if (current && text === current.text) return current;
      return { rid: current?.rid ?? 0, id: idk, doc: parseEjson(text) as Doc, text };
    };
    for (const row of this.candidates(meta, p)) {
      const r = view(row.id, row);
      if (r) out.set(row.id, r);
    }
    const extra = new Set<string>(this.versions.changedIds(meta.name));
    for (const w of tx.writes.values()) if (w.coll === meta.name) extra.add(w.idk);
    for (const idk of extra) {
      if (out.has(idk)) continue;
      const r = view(idk, this.engine.byIdKey(meta, idk));
      if (r) out.set(idk, r);
    }
    return [...out.values()].sort((a, b) => a.rid - b.rid);
  }

  find(coll: string, query: Doc, opts: FindOptions = {}, tx?: TxView): Doc[] {
    const meta = this.engine.coll(coll);
    const rows = this.select(meta, query, opts, tx);
    this.counters.docsReturned += rows.length;
    return rows.map((r) => project(r.doc, opts.projection));
  }

  /** One document by _id as a transaction sees it (own writes, else its snapshot). */
  getInTx(coll: string, id: unknown, tx: TxView): Doc | null {
    const meta = this.engine.coll(coll);
    const idk = idKey(id);
    const own = tx.writes.get(Versions.key(coll, idk));
    if (own) return own.doc;
    const row = this.engine.byIdKey(meta, idk);
    const text = this.versions.snapshotText(coll, idk, tx.startSeq, row?.text ?? null);
    if (text === null) return null;
    this.counters.docsReturned++;
    return row && text === row.text ? row.doc : (parseEjson(text) as Doc);
  }

  count(coll: string, query: Doc): number {
    const meta = this.engine.coll(coll);
    if (!Object.keys(query).length) return this.engine.count(meta);
    return this.select(meta, query, {}).length;
  }

  // ---------- writes ----------
  private write<T>(fn: () => T): T {
    try {
      return this.engine.atomic(fn);
    } catch (e) {
      if (e instanceof UpdateError) throw dbError('DATABASE_REQUEST_FAILED', e.message);
      throw e;
    }
  }

  private insertRow(meta: CollMeta, doc: Doc): Row {
    const row = this.engine.insert(meta, doc);
    this.versions.record(meta.name, row.id, null);
    return row;
  }

  private replaceRow(meta: CollMeta, row: Row, doc: Doc, text?: string): Row {
    const next = this.engine.replace(meta, row, doc, text);
    this.versions.record(meta.name, row.id, row.text);
    return next;
  }

  private removeRow(meta: CollMeta, row: Row): void {
    this.engine.remove(meta, row);
    this.versions.record(meta.name, row.id, row.text);
  }

  /** Insert all documents or none. */
  insert(coll: string, docs: Doc[]): unknown[] {
    const meta = this.engine.coll(coll);
    return this.write(() => docs.map((d) => this.insertRow(meta, d._id === undefined ? { _id: newId(), ...d } : d).doc._id));
  }

  /**
   * Update (operators), replace (`replace`: whole document) or upsert matching documents.
   * `updated` counts the documents matched, as CloudBase answers (also when the new content equals the old);
   * a document whose content did not change is not rewritten.
   */
  update(
    coll: string,
    query: Doc,
    data: Doc,
    opts: { multi: boolean; upsert: boolean; replace: boolean },
  ): { updated: number; matched: number; upsertedId?: unknown; doc?: Doc } {
    const meta = this.engine.coll(coll);
    if (opts.replace && isOperatorUpdate(data)) throw dbError('INVALID_PARAM', 'a replacement document cannot contain update operators');
    return this.write(() => {
      const rows = this.select(meta, query, { limit: opts.multi ? Infinity : 1 });
      let last: Doc | undefined;
      for (const row of rows) {
        const next = opts.replace ? replacement(row.doc, data) : applyUpdate(row.doc, data);
        last = next;
        const text = stringifyEjson(next);
        if (text === row.text) continue;
        this.replaceRow(meta, row, next, text);
      }
      if (rows.length || !opts.upsert) return { updated: rows.length, matched: rows.length, doc: last };
      const base = opts.replace ? { ...equalityFields(query), ...data } : applyUpdate(equalityFields(query), data, { inserting: true });
      const doc = base._id === undefined ? { _id: newId(), ...base } : base;
      this.insertRow(meta, doc);
      return { updated: 0, matched: 0, upsertedId: doc._id, doc };
    });
  }

  remove(coll: string, query: Doc, multi: boolean): number {
    const meta = this.engine.coll(coll);
    return this.write(() => {
      const rows = this.select(meta, query, { limit: multi ? Infinity : 1 });
      for (const row of rows) this.removeRow(meta, row);
      return rows.length;
    });
  }

  /** Apply a transaction's buffered writes; the caller has checked for conflicts. */
  applyWrites(writes: Iterable<{ coll: string; idk: string; doc: Doc | null }>): void {
    this.write(() => {
      for (const w of writes) {
        const meta = this.engine.coll(w.coll);
        const row = this.engine.byIdKey(meta, w.idk);
        if (!w.doc) {
          if (row) this.removeRow(meta, row);
        } else if (row) this.replaceRow(meta, row, w.doc);
        else this.insertRow(meta, w.doc);
      }
    });
  }

  currentText(coll: string, idk: string): string | null {
    return this.engine.byIdKey(this.engine.coll(coll), idk)?.text ?? null;
  }

  /** Plain documents for aggregation, narrowed by a leading $match when an index helps. */
  aggregateSource(coll: string, leadingMatch: Doc | undefined): Doc[] {
    const meta = this.engine.coll(coll);
    const rows = leadingMatch ? this.select(meta, leadingMatch, {}) : [...this.engine.scan(meta)];
    return rows.map((r) => toPlain(r.doc) as Doc);
  }

  allPlain(coll: string): Doc[] {
    return [...this.engine.scan(this.engine.coll(coll))].map((r) => toPlain(r.doc) as Doc);
  }
}

function replacement(old: Doc, data: Doc): Doc {
  if ('_id' in data && compareValues(data._id, old._id) !== 0)
    throw new DbError('DATABASE_REQUEST_FAILED', "Performing an update on the path '_id' would modify the immutable field '_id'");
  const { _id: _ignored, ...rest } = data;
  return { _id: old._id, ...rest };
}

/** Fields a query fixes by equality: the seed of an upserted document. */
function equalityFields(query: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$')) continue;
    if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
      if ('$eq' in v) setPath(out, k, v.$eq);
      continue;
    }
    setPath(out, k, v);
  }
  return out;
}

function setPath(doc: Doc, path: string, v: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Doc;
  }
  cur[parts[parts.length - 1]!] = v;
}

function sortRows(rows: Row[], sort: SortSpec): Row[] {
  if (!sort.length) return rows;
  const keyed = rows.map((r) => ({ r, k: sort.map(([f, d]) => sortKey(r.doc, f, d)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < sort.length; i++) {
      const c = compareValues(a.k[i], b.k[i]);
      if (c) return c * sort[i]![1];
    }
    return a.r.rid - b.r.rid;
  });
  return keyed.map((x) => x.r);
}

function window<T>(rows: T[], skip: number, limit: number): T[] {
  return rows.slice(skip, limit === Infinity ? undefined : skip + limit);
}
