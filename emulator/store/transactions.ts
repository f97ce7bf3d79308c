// Transactions with snapshot reads and first-writer-wins conflicts, as on CloudBase (MongoDB):
// writes are buffered and applied atomically on commit; a document written by someone else
// since the snapshot, or pending in another transaction, is a DATABASE_TRANSACTION_CONFLICT.
import { randomBytes } from 'node:crypto';
import { idKey } from './engine.js';
import { DbError, dbError } from './errors.js';
import type { FindOptions, Store, TxView } from './store.js';
import type { Doc } from './values.js';
import { Versions } from './versions.js';

const NO_SNAPSHOT = -1;

export const TX_NOT_EXIST =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';
export const TX_CONFLICT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';

interface Tx extends TxView {
  id: string;
  timer: NodeJS.Timeout;
}

export class Transactions {
  private open = new Map<string, Tx>();
  /** Why recently ended transactions ended (for debugging: a late call gets CloudBase's fixed message). */
  private ended = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly lifetimeMs = 60_000,
  ) {}

  get openCount(): number {
    return this.open.size;
  }

  start(): string {
    const id = randomBytes(12).toString('hex');
    const timer = setTimeout(() => this.end(id, 'aborted: transaction lifetime exceeded'), this.lifetimeMs);
    timer.unref();
    // No snapshot yet: as in MongoDB, it is taken at the transaction's first operation (see `snapshot`).
    this.open.set(id, { id, startSeq: NO_SNAPSHOT, writes: new Map(), timer });
    return id;
  }

  private tx(id: string): Tx {
    const tx = this.open.get(id);
    // CloudBase's exact words (its SDK's own tests expect them).
    if (!tx) throw dbError('DATABASE_TRANSACTION_FAIL', TX_NOT_EXIST);
    return tx;
  }

  /** The open transaction, its snapshot taken now if this is its first read or write. */
  private snapshot(id: string): Tx {
    const tx = this.tx(id);
    if (tx.startSeq === NO_SNAPSHOT) tx.startSeq = this.store.versions.begin(id);
    return tx;
  }

  private end(id: string, why: string): void {
    const tx = this.open.get(id);
    if (!tx) return;
    clearTimeout(tx.timer);
    this.open.delete(id);
    this.store.versions.end(id);
    this.ended.set(id, why);
    if (this.ended.size > 10_000) this.ended.delete(this.ended.keys().next().value!);
  }

  private conflict(tx: Tx, detail: string): DbError {
    this.end(tx.id, `aborted: write conflict on ${detail}`);
    return dbError('DATABASE_TRANSACTION_CONFLICT', TX_CONFLICT);
  }

  get(id: string, coll: string, docId: unknown): Doc | null {
    return this.store.getInTx(coll, docId, this.snapshot(id));
  }

  find(id: string, coll: string, query: Doc, opts: FindOptions): Doc[] {
    return this.store.find(coll, query, opts, this.snapshot(id));
  }

  /** Buffer a write of one document; `change` gets the document as this transaction sees it. */
  write(id: string, coll: string, docId: unknown, change: (current: Doc | null) => Doc | null): Doc | null {
    const tx = this.snapshot(id);
    this.store.engine.coll(coll);
    const idk = idKey(docId);
    const key = Versions.key(coll, idk);
    if (this.store.versions.changedSince(coll, idk, tx.startSeq)) throw this.conflict(tx, `${coll}/${String(docId)}`);
    for (const other of this.open.values())
      if (other !== tx && other.writes.has(key)) throw this.conflict(tx, `${coll}/${String(docId)} (held by another transaction)`);
    const next = change(this.store.getInTx(coll, docId, tx));
    tx.writes.set(key, { coll, idk, doc: next });
    return next;
  }

  commit(id: string): void {
    const tx = this.tx(id);
    for (const w of tx.writes.values())
      if (this.store.versions.changedSince(w.coll, w.idk, tx.startSeq)) throw this.conflict(tx, `${w.coll}/${w.idk}`);
    try {
      this.store.applyWrites(tx.writes.values());
    } catch (e) {
      this.end(id, `aborted: commit failed (${(e as Error).message})`);
      throw e;
    }
    this.end(id, 'committed');
  }

  abort(id: string): void {
    this.tx(id);
    this.end(id, 'aborted');
  }
}
