// The one place that initialises the SDK. In production the platform supplies the environment; in the
// emulator TCB_CONTEXT_CNFG points the same code at the local admin API.
import tcb from '@cloudbase/node-sdk';

export const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
export const db = app.database();
export const _ = db.command;
export type Db = typeof db;

/** Collection names, as declared in cloudfunctions/collections.json. */
export const C = {
  parks: 'parks',
  branches: 'branches',
  enterprises: 'enterprises',
  people: 'people',
  invites: 'invites',
  transfers: 'transfers',
  audit: 'audit_logs',
} as const;

export { tcb };

/** What a transaction offers on CloudBase: single-document operations only. */
export interface TxDoc {
  get(): Promise<{ data: unknown }>;
  set(data: object): Promise<unknown>;
  update(data: object): Promise<unknown>;
  remove(): Promise<unknown>;
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDoc; add(data: object): Promise<{ id: string }> };
}

/**
 * Run `fn` in a transaction (retried by the SDK on write conflicts). Throwing inside aborts it:
 * nothing it wrote is kept.
 */
export function runTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.runTransaction(fn as never) as Promise<T>;
}

/** A unique index said no (at insert, or at commit for a transaction). */
export function isDuplicateWrite(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'DATABASE_DUPLICATE_WRITE';
}
