// SQLite storage (better-sqlite3, WAL): one document table and one index-entry table per
// collection. Documents are canonical EJSON text; index entries are order-preserving byte keys.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { DbError, dbError } from './errors.js';
import { type IndexSpec, indexKeys } from './keys.js';
import { type Doc, parseEjson, stringifyEjson } from './values.js';

export interface Counters {
  docsExamined: number;
  docsReturned: number;
  /** Documents inserted, replaced or removed, by collection (a request that fails is rolled back and not counted). */
  written: Record<string, number>;
}

export const newCounters = (): Counters => ({ docsExamined: 0, docsReturned: 0, written: {} });

export interface IndexMeta {
  no: number;
  spec: IndexSpec;
  multikey: boolean;
}

export interface Row {
  rid: number;
  id: string;
  doc: Doc;
  text: string;
}

export interface CollMeta {
  name: string;
  tid: number;
  indexes: IndexMeta[];
  stmt: {
    byRid: Database.Statement;
    byId: Database.Statement;
    all: Database.Statement;
    count: Database.Statement;
    insert: Database.Statement;
    update: Database.Statement;
    del: Database.Statement;
    keyIns: Database.Statement;
    keyDel: Database.Statement;
  };
  /** Index range statements by bounds and direction, prepared on first use (preparing is most of a small range's cost). */
  ranges: Map<string, Database.Statement>;
}

export interface CollectionSpec {
  name: string;
  indexes?: IndexSpec[];
}

/** The storage key of an `_id`: strings as themselves, anything else as tagged EJSON. */
export function idKey(id: unknown): string {
  return typeof id === 'string' ? id : '\u0000' + stringifyEjson({ id });
}

export function newId(): string {
  return randomBytes(16).toString('hex');
}

export class Engine {
  readonly db: Database.Database;
  private readonly colls = new Map<string, CollMeta>();
  counters: Counters = newCounters();

  constructor(file: string, opts: { synchronous?: 'NORMAL' | 'FULL' } = {}) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, tid INTEGER UNIQUE NOT NULL);
      CREATE TABLE IF NOT EXISTS _indexes (tid INTEGER NOT NULL, no INTEGER NOT NULL, spec TEXT NOT NULL,
        multikey INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (tid, no));`);
    const rows = this.db.prepare('SELECT name, tid FROM _collections').all() as { name: string; tid: number }[];
    for (const r of rows) this.colls.set(r.name, this.open(r.name, r.tid));
  }

  close(): void {
    this.db.close();
  }

  /** Run `fn` in one SQLite transaction: everything or nothing. */
  atomic<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  collectionNames(): string[] {
    return [...this.colls.keys()].sort();
  }

  has(name: string): boolean {
    return this.colls.has(name);
  }

  coll(name: string): CollMeta {
    const c = this.colls.get(name);
    if (!c) throw dbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`);
    return c;
  }

  createCollection(name: string, indexes: IndexSpec[] = []): CollMeta {
    if (this.colls.has(name)) throw dbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection already exists: ${name}`);
    return this.atomic(() => {
      const { next } = this.db.prepare('SELECT COALESCE(MAX(tid), 0) + 1 AS next FROM _collections').get() as { next: number };
      this.db.exec(`
        CREATE TABLE d${next} (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL);
        CREATE TABLE x${next} (no INTEGER NOT NULL, key BLOB NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (no, key, rid)) WITHOUT ROWID;`);
      this.db.prepare('INSERT INTO _collections (name, tid) VALUES (?, ?)').run(name, next);
      const meta = this.open(name, next);
      this.colls.set(name, meta);
      for (const spec of indexes) this.addIndex(meta, spec);
      return meta;
    });
  }

  /** Make the declared collections and their indexes exist exactly as the spec says. */
  applySpec(spec: CollectionSpec[]): void {
    this.atomic(() => {
      for (const c of spec) {
        const meta = this.colls.get(c.name) ?? this.createCollection(c.name);
        const wanted = c.indexes ?? [];
        for (const idx of [...meta.indexes]) {
          const w = wanted.find((x) => x.name === idx.spec.name);
          if (!w || JSON.stringify(normalize(w)) !== JSON.stringify(normalize(idx.spec))) this.dropIndex(meta, idx);
        }
        for (const w of wanted) if (!meta.indexes.some((i) => i.spec.name === w.name)) this.addIndex(meta, w);
      }
    });
  }

  private open(name: string, tid: number): CollMeta {
    const p = (sql: string) => this.db.prepare(sql);
    const idx = p('SELECT no, spec, multikey FROM _indexes WHERE tid = ? ORDER BY no').all(tid) as {
      no: number;
      spec: string;
      multikey: number;
    }[];
    return {
      name,
      tid,
      indexes: idx.map((r) => ({ no: r.no, spec: JSON.parse(r.spec) as IndexSpec, multikey: !!r.multikey })),
      stmt: {
        byRid: p(`SELECT rid, id, doc FROM d${tid} WHERE rid = ?`),
        byId: p(`SELECT rid, id, doc FROM d${tid} WHERE id = ?`),
        all: p(`SELECT rid, id, doc FROM d${tid} ORDER BY rid`),
        count: p(`SELECT COUNT(*) AS n FROM d${tid}`).pluck(),
        insert: p(`INSERT INTO d${tid} (id, doc) VALUES (?, ?)`),
        update: p(`UPDATE d${tid} SET doc = ? WHERE rid = ?`),
        del: p(`DELETE FROM d${tid} WHERE rid = ?`),
        keyIns: p(`INSERT INTO x${tid} (no, key, rid) VALUES (?, ?, ?)`),
        keyDel: p(`DELETE FROM x${tid} WHERE no = ? AND key = ? AND rid = ?`),
      },
      ranges: new Map(),
    };
  }

  private addIndex(meta: CollMeta, spec: IndexSpec): void {
    const no = meta.indexes.reduce((m, i) => Math.max(m, i.no), 0) + 1;
    if (spec.unique) this.db.exec(`CREATE UNIQUE INDEX x${meta.tid}_u${no} ON x${meta.tid} (key) WHERE no = ${no}`);
    this.db.prepare('INSERT INTO _indexes (tid, no, spec) VALUES (?, ?, ?)').run(meta.tid, no, JSON.stringify(spec));
    const idx: IndexMeta = { no, spec, multikey: false };
    meta.indexes.push(idx);
    for (const row of meta.stmt.all.iterate() as Iterable<{ rid: number; id: string; doc: string }>) {
      this.writeKeys(meta, idx, row.rid, [], indexKeys(parseEjson(row.doc), spec));
    }
  }

  private dropIndex(meta: CollMeta, idx: IndexMeta): void {
    this.db.exec(`DROP INDEX IF EXISTS x${meta.tid}_u${idx.no}`);
    this.db.prepare(`DELETE FROM x${meta.tid} WHERE no = ?`).run(idx.no);
    this.db.prepare('DELETE FROM _indexes WHERE tid = ? AND no = ?').run(meta.tid, idx.no);
    meta.indexes.splice(meta.indexes.indexOf(idx), 1);
  }

  // ---- reads (each parsed document counts as examined) ----
  private toRow(r: { rid: number; id: string; doc: string } | undefined): Row | undefined {
    if (!r) return undefined;
    this.counters.docsExamined++;
    return { rid: r.rid, id: r.id, text: r.doc, doc: parseEjson(r.doc) as Doc };
  }

  byRid(meta: CollMeta, rid: number): Row | undefined {
    return this.toRow(meta.stmt.byRid.get(rid) as never);
  }

  byId(meta: CollMeta, id: unknown): Row | undefined {
    return this.byIdKey(meta, idKey(id));
  }

  byIdKey(meta: CollMeta, idk: string): Row | undefined {
    return this.toRow(meta.stmt.byId.get(idk) as never);
  }

  *scan(meta: CollMeta): Generator<Row> {
    for (const r of meta.stmt.all.iterate() as Iterable<{ rid: number; id: string; doc: string }>) yield this.toRow(r)!;
  }

  count(meta: CollMeta): number {
    return meta.stmt.count.get() as number;
  }

  /** Row ids of index entries with lo <= key < hi, in key order (or reverse). */
  *indexRange(meta: CollMeta, idx: IndexMeta, lo: Buffer, hi: Buffer | undefined, dir: 1 | -1): Generator<number> {
    const order = dir === 1 ? 'ASC' : 'DESC';
    const name = `${hi ? 'lohi' : 'lo'}${order}`;
    let stmt = meta.ranges.get(name);
    // A range still being iterated (a nested read of the same shape) cannot be reused: prepare another for it.
    if (!stmt || stmt.busy) {
      const sql = hi
        ? `SELECT rid FROM x${meta.tid} WHERE no = ? AND key >= ? AND key < ? ORDER BY key ${order}, rid ${order}`
        : `SELECT rid FROM x${meta.tid} WHERE no = ? AND key >= ? ORDER BY key ${order}, rid ${order}`;
      const fresh = this.db.prepare(sql).pluck();
      if (!stmt) meta.ranges.set(name, fresh);
      stmt = fresh;
    }
    yield* (hi ? stmt.iterate(idx.no, lo, hi) : stmt.iterate(idx.no, lo)) as Iterable<number>;
  }

  // ---- writes (callers wrap them in atomic()) ----
  insert(meta: CollMeta, doc: Doc): Row {
    if (doc._id === undefined) doc = { _id: newId(), ...doc };
    const text = stringifyEjson(doc);
    let rid: number;
    try {
      rid = Number(meta.stmt.insert.run(idKey(doc._id), text).lastInsertRowid);
    } catch (e) {
      throw mapConstraint(e, `duplicate _id ${JSON.stringify(String(doc._id))}`);
    }
    for (const idx of meta.indexes) this.writeKeys(meta, idx, rid, [], indexKeys(doc, idx.spec));
    this.wrote(meta);
    return { rid, id: idKey(doc._id), doc, text };
  }

  /** `text`: the document as stringifyEjson gives it, when the caller has it already. */
  replace(meta: CollMeta, row: Row, doc: Doc, text = stringifyEjson(doc)): Row {
    meta.stmt.update.run(text, row.rid);
    for (const idx of meta.indexes) this.writeKeys(meta, idx, row.rid, indexKeys(row.doc, idx.spec).keys, indexKeys(doc, idx.spec));
    this.wrote(meta);
    return { ...row, doc, text };
  }

  remove(meta: CollMeta, row: Row): void {
    meta.stmt.del.run(row.rid);
    for (const idx of meta.indexes) this.writeKeys(meta, idx, row.rid, indexKeys(row.doc, idx.spec).keys, { keys: [], multikey: false });
    this.wrote(meta);
  }

  private wrote(meta: CollMeta): void {
    this.counters.written[meta.name] = (this.counters.written[meta.name] ?? 0) + 1;
  }

  private writeKeys(meta: CollMeta, idx: IndexMeta, rid: number, old: Buffer[], next: { keys: Buffer[]; multikey: boolean }): void {
    // The usual update: one key, unchanged (an indexed field not touched) — nothing to write.
    if (old.length === 1 && next.keys.length === 1 && old[0]!.equals(next.keys[0]!) && (!next.multikey || idx.multikey)) return;
    const oldSet = new Set(old.map((k) => k.toString('hex')));
    const newSet = new Set(next.keys.map((k) => k.toString('hex')));
    for (const k of old) if (!newSet.has(k.toString('hex'))) meta.stmt.keyDel.run(idx.no, k, rid);
    for (const k of next.keys) {
      if (oldSet.has(k.toString('hex'))) continue;
      try {
        meta.stmt.keyIns.run(idx.no, k, rid);
      } catch (e) {
        throw mapConstraint(e, `duplicate key for unique index ${idx.spec.name}`);
      }
    }
    if (next.multikey && !idx.multikey) {
      idx.multikey = true;
      this.db.prepare('UPDATE _indexes SET multikey = 1 WHERE tid = ? AND no = ?').run(meta.tid, idx.no);
    }
  }
}

function mapConstraint(e: unknown, message: string): Error {
  const code = (e as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_CONSTRAINT')) return new DbError('DATABASE_DUPLICATE_WRITE', `E11000 ${message}`);
  return e as Error;
}

function normalize(s: IndexSpec): unknown {
  return { keys: s.keys, unique: !!s.unique, sparse: !!s.sparse };
}
