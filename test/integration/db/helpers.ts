// Shared helpers for the database conformance suite (not a test file itself).
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator';

export type App = ReturnType<EmulatorHandle['app']>;
export type Db = ReturnType<App['database']>;

/** Every test file gives its suite this timeout so a hung emulator fails instead of stalling CI. */
export const SUITE_TIMEOUT = 120_000;

/** Remove every document of a collection (the SDK refuses an empty where() on remove). */
export async function clear(db: Db, coll: string): Promise<void> {
  const _ = db.command;
  await db.collection(coll).where({ _id: _.exists(true) }).remove();
}

/** Read back every document of a collection (up to 1000), sorted by _id. */
export async function readAll(db: Db, coll: string): Promise<any[]> {
  const _ = db.command;
  const res = await db.collection(coll).where({ _id: _.exists(true) }).limit(1000).get();
  return [...res.data].sort((a: any, b: any) => String(a._id).localeCompare(String(b._id)));
}

/** Read one document by id through the SDK; undefined when it does not exist. */
export async function readDoc(db: Db, coll: string, id: string): Promise<any | undefined> {
  const res = await db.collection(coll).doc(id).get();
  assert.ok(Array.isArray(res.data), 'doc().get() outside a transaction returns data as an array');
  assert.ok(res.data.length <= 1, 'doc().get() returns at most one document');
  return res.data[0];
}

/** doc(id).create() exists at runtime but is marked @internal, so it is missing from the SDK's typings. */
export function create(db: Db, coll: string, id: string, data: Record<string, unknown>): Promise<{ id: string }> {
  return (db.collection(coll).doc(id) as any).create(data);
}

/** Sorted ids of a result list. */
export function ids(docs: any[]): string[] {
  return docs.map((d) => String(d._id)).sort();
}

/** Await a promise that must reject with an error whose `code` equals (or matches) `code`. */
export async function expectCode(p: Promise<unknown>, code: string | RegExp): Promise<any> {
  let caught: any;
  let resolved: unknown;
  let didResolve = false;
  try {
    resolved = await p;
    didResolve = true;
  } catch (e) {
    caught = e;
  }
  assert.ok(!didResolve, `expected a rejection with code ${code}, but it resolved with ${safeJson(resolved)}`);
  const got = caught?.code;
  if (typeof code === 'string') {
    assert.equal(got, code, `expected code ${code}, got ${got} (message: ${caught?.message})`);
  } else {
    assert.match(String(got), code, `expected code matching ${code}, got ${got} (message: ${caught?.message})`);
  }
  return caught;
}

/** POST an arbitrary body (not necessarily JSON) to /admin. */
export async function postRaw(
  baseUrl: string,
  body: string,
  contentType = 'application/json',
): Promise<{ status: number; text: string; json: any }> {
  const res = await fetch(`${baseUrl}/admin?env=redpark-local`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** Parse one EJSON document string of a raw reply as plain JSON, so `$numberInt` etc. stay visible. */
export function wireDoc(reply: any, index = 0): any {
  assert.ok(!reply.code, `raw reply has an error: ${safeJson(reply)}`);
  const list = reply?.data?.list;
  assert.ok(Array.isArray(list), `raw reply has data.list: ${safeJson(reply)}`);
  assert.equal(typeof list[index], 'string', 'each listed document is an EJSON string');
  return JSON.parse(list[index]);
}

/** Raw getDocument body for one _id, as the SDK would send it (canonical EJSON query). */
export function rawGetById(collectionName: string, id: string): Record<string, unknown> {
  return {
    action: 'database.getDocument',
    collectionName,
    queryType: 'WHERE',
    query: JSON.stringify({ _id: id }),
    limit: 100,
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 500) ?? String(v);
  } catch {
    return String(v);
  }
}
