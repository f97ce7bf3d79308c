// Kill sweeps for multi-step writes. A clean run records the call's database requests; then, for each
// kill point (just before and after every commit, after every write outside a transaction; see
// KillPoints), the database goes back to the same starting state, the function's instance is SIGKILLed
// there (POST /_emulator/faults), and production's next steps run: the client retries the same call until
// it gets an answer, and the feature's timer runs where it has one. The whole database must then equal
// the clean run's: nothing half-done, nothing twice.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiReply } from '../../../shared/contract';
import { type EmulatorHandle, ROOT, startEmulator } from '../../support/emulator.js';
import { PRODUCT, type TestPark, seedTestPark } from '../../support/park.js';
import { seedOtherParks } from '../org/support.js';

/** Transactions abandoned by a killed instance end this fast here (60 s by default, as on the platform). */
export const TX_LIFETIME_MS = 1000;
/** The emulator clock is set here and frozen; a function's Date starts there at each invocation and runs on during it. */
export const FROZEN_AT = '2026-11-10T02:00:00Z';
const FROZEN_MS = Date.parse(FROZEN_AT);
const POINTS_FUNCTIONS = path.join(ROOT, 'test/fixtures/points-functions');

/** The product functions (and the points fixture), the test park and the other parks, the clock frozen at 2026-11-10 10:00 China time. */
export async function startFaults(): Promise<{ emu: EmulatorHandle; park: TestPark }> {
  const emu = await startEmulator({
    spec: PRODUCT.spec,
    args: [...PRODUCT.args, '--functions', POINTS_FUNCTIONS, '--tx-lifetime-ms', String(TX_LIFETIME_MS), '--max-instances', '4'],
  });
  const park = await seedTestPark(emu);
  await seedOtherParks(emu);
  await emu.api('POST', '/_emulator/clock', { set: FROZEN_AT, freeze: true });
  return { emu, park };
}

/** What a call came back with: the function's reply, or the platform's error (the instance died, timed out…). */
export type Outcome = { reply: ApiReply<any>; platform?: undefined } | { reply?: undefined; platform: string };

/** Call a function as a WeChat user (openid) or as an admin (null), through the real SDK. */
export async function invoke(emu: EmulatorHandle, openid: string | null, name: string, data: unknown): Promise<Outcome> {
  const app = openid ? emu.appAs(openid) : emu.app();
  try {
    const { result } = await app.callFunction({ name, data: data as Record<string, unknown> });
    return { reply: result as ApiReply<any> };
  } catch (e) {
    return { platform: (e as { code?: string }).code ?? String(e) };
  }
}

// ---- the database as canonical EJSON, saved and put back through the admin API ----

const COLLECTIONS: string[] = (JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions/collections.json'), 'utf8')) as { collections: Array<{ name: string }> }).collections.map((c) => c.name);

/** Every document of every declared collection, as the canonical EJSON text the emulator stores. */
export type Dump = Record<string, string[]>;

export async function dump(emu: EmulatorHandle): Promise<Dump> {
  const out: Dump = {};
  await Promise.all(COLLECTIONS.map(async (c) => {
    const r = await emu.raw({ action: 'database.getDocument', collectionName: c, queryType: 'WHERE', query: '{}', order: '{"_id":1}', limit: 1000 });
    assert.ok(!r.code, `${c}: ${r.code} ${r.message}`);
    assert.ok(r.data.list.length < 1000, `${c} has too many documents for a dump`);
    out[c] = r.data.list;
  }));
  return out;
}

/** Put the database back exactly as dumped (types and all: the documents go back as their EJSON). */
export async function restore(emu: EmulatorHandle, d: Dump): Promise<void> {
  await Promise.all(COLLECTIONS.map(async (c) => {
    const removed = await emu.raw({ action: 'database.removeDocument', collectionName: c, queryType: 'WHERE', query: '{}', multi: true });
    assert.ok(!removed.code, `${c}: ${removed.code} ${removed.message}`);
    if (d[c]!.length) {
      const added = await emu.raw({ action: 'database.insertDocument', collectionName: c, data: d[c] });
      assert.ok(!added.code, `${c}: ${added.code} ${added.message}`);
    }
  }));
}

/**
 * The database as comparable text. Ids the two runs share stay as they are (deterministic ids must come
 * out equal); an id only one run has (a random id: audit entries, transfers, imported people) becomes
 * `<collection#k>`, k its rank by content, wherever it appears. Times written during the runs (the
 * frozen clock plus the milliseconds an invocation ran) read `<now>`; other times compare as they are.
 */
export function comparable(d: Dump, base: Dump, other: Dump): string {
  const idOf = (text: string) => (JSON.parse(text) as { _id: unknown })._id;
  const known = new Set(Object.values(base).flat().map((t) => JSON.stringify(idOf(t))));
  const theirs = new Set(Object.values(other).flat().map((t) => JSON.stringify(idOf(t))));
  const fresh: Array<{ coll: string; id: string; text: string }> = [];
  for (const [coll, docs] of Object.entries(d)) {
    for (const text of docs) {
      const id = idOf(text);
      const key = JSON.stringify(id);
      if (typeof id === 'string' && !known.has(key) && !theirs.has(key)) fresh.push({ coll, id, text });
    }
  }
  const blank = (text: string) => fresh.reduce((t, f) => t.replaceAll(f.id, '<new>'), text);
  const names = new Map<string, string>();
  const byColl = new Map<string, typeof fresh>();
  for (const f of fresh) byColl.set(f.coll, [...(byColl.get(f.coll) ?? []), f]);
  for (const [coll, list] of byColl) {
    list.map((f) => ({ f, key: blank(f.text) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).forEach(({ f }, k) => names.set(f.id, `<${coll}#${k}>`));
  }
  // Rate-limit counters aside: a retried call spends its count again, which is the point of a limit.
  const lines = Object.keys(d).filter((coll) => coll !== 'rate_limits').sort().flatMap((coll) => d[coll]!.map((text) => {
    let t = text.replace(/\{"\$date":\{"\$numberLong":"(-?\d+)"\}\}/g, (m, ms: string) => (Number(ms) >= FROZEN_MS && Number(ms) < FROZEN_MS + 60_000 ? '"<now>"' : m));
    for (const [id, name] of names) t = t.replaceAll(id, name);
    return `${coll} ${t}`;
  }));
  return lines.sort().join('\n');
}

/** Equal, or a failure listing only the documents that differ. */
function sameDatabase(got: string, expected: string, what: string): void {
  if (got === expected) return;
  const a = got.split('\n');
  const b = expected.split('\n');
  const extra = a.filter((l) => !b.includes(l));
  const missing = b.filter((l) => !a.includes(l));
  assert.fail(`${what}: the database differs from a clean run's\n+ only after the kill:\n${extra.join('\n')}\n- only after the clean run:\n${missing.join('\n')}`);
}

// ---- the sweep ----

export interface Scenario {
  /** The function whose instance dies. */
  fn: string;
  /** The multi-step write: one invocation of `fn`. */
  call(): Promise<Outcome>;
  /** A reply that ends the client's retries (it succeeded, or says it already happened). */
  settled(o: Outcome): boolean;
  /** What production runs next on its own, whether the call died or not (e.g. the study timer). */
  after?(): Promise<void>;
}

async function openTransactions(emu: EmulatorHandle): Promise<number> {
  return (await emu.api('GET', '/_emulator/health')).openTransactions;
}

/** Wait until no transaction is open (a killed instance's end with their lifetime). */
export async function untilNoOpenTransaction(emu: EmulatorHandle): Promise<void> {
  const until = Date.now() + TX_LIFETIME_MS + 5000;
  while ((await openTransactions(emu)) > 0) {
    assert.ok(Date.now() < until, 'a transaction outlived its lifetime');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The client's retries: at once, then again after the abandoned transaction has ended, until settled. */
async function retryUntilSettled(emu: EmulatorHandle, s: Scenario, what: string): Promise<Outcome> {
  const seen: Outcome[] = [];
  for (let attempt = 1; attempt <= 5; attempt++) {
    const o = await s.call();
    if (s.settled(o)) return o;
    seen.push(o);
    await untilNoOpenTransaction(emu);
  }
  assert.fail(`${what}: the retries never settled: ${JSON.stringify(seen)}`);
}

const provision = (emu: EmulatorHandle, fn: string, instances: number) => emu.api('POST', '/_emulator/functions/provision', { function: fn, instances });

export interface SweepResult {
  /** Database requests of the clean call, how many were writes (commits included), how many commits. */
  requests: number;
  writes: number;
  commits: number;
  /** Kill points swept. */
  kills: number;
  ms: number;
}

/**
 * Where to kill.
 * - 'requests': right after every database request of the call (n = 1..N).
 * - 'writes': right after every write (inserts, updates, removes, buffered in a transaction or not, and commits).
 * - 'commits' (the default): just before and just after every commitTransaction, and right after every write
 *   outside a transaction.
 * All three reach every outcome a kill can have. A read changes neither a document nor what an open
 * transaction holds, so a kill just after a read leaves what a kill just after the request before it
 * leaves ('requests' → 'writes'). Inside a transaction, its buffered writes never land once the instance is
 * dead; all they do is make the next writer of those documents conflict until the transaction's lifetime
 * ends, and a conflicting transaction writes nothing and is retried. So a kill anywhere inside a
 * transaction ends as a kill just before its commit (which holds all its writes: the retry conflicts) or,
 * where the retry touches none of what was held yet, as a kill just before the transaction began ('writes'
 * → 'commits'). Each kill costs a new instance (a cold start, about a CPU-second here), which is why the
 * default is the smallest set. FAULT_POINTS=writes or FAULT_POINTS=requests runs the larger ones.
 */
export type KillPoints = 'commits' | 'writes' | 'requests';
const DEFAULT_POINTS: KillPoints = process.env.FAULT_POINTS === 'requests' || process.env.FAULT_POINTS === 'writes' ? process.env.FAULT_POINTS : 'commits';

const WRITE_ACTIONS = ['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.modifyAndReturnDoc', 'database.commitTransaction'];
const COMMIT = 'database.commitTransaction';

interface KillPoint {
  fault: Record<string, unknown>;
  /** What the kill's record must say (where the instance died). */
  where: RegExp;
}

/** The kill points of a call, from its requests in a clean run (in arrival order). */
function killPoints(points: KillPoints, requests: Array<{ action: string; transactionId?: string }>): KillPoint[] {
  if (points === 'requests') return requests.map((_, i) => ({ fault: { afterDbRequests: i + 1 }, where: new RegExp(`killed at database request ${i + 1} \\(`) }));
  const out: KillPoint[] = [];
  let writes = 0;
  let commits = 0;
  for (const r of requests) {
    if (!WRITE_ACTIONS.includes(r.action)) continue;
    writes++;
    if (points === 'writes') out.push({ fault: { afterDbWrites: writes }, where: /, applied\)$/ });
    else if (r.action === COMMIT) {
      commits++;
      out.push({ fault: { afterDbRequests: commits, action: COMMIT, applied: false }, where: /\(database\.commitTransaction, not applied\)$/ });
      out.push({ fault: { afterDbRequests: commits, action: COMMIT }, where: /\(database\.commitTransaction, applied\)$/ });
    } else if (!r.transactionId) {
      out.push({ fault: { afterDbWrites: writes }, where: new RegExp(`\\(${r.action.replace('.', '\\.')}, applied\\)$`) });
    }
  }
  return out;
}

/**
 * The sweep over the kill points of `s` (see the top of this file). The state before is taken as it is
 * when called, and put back after, so several sweeps can share an emulator.
 */
export async function sweep(emu: EmulatorHandle, s: Scenario, points: KillPoints = DEFAULT_POINTS): Promise<SweepResult> {
  const started = Date.now();
  const spares = 2;
  await untilNoOpenTransaction(emu);
  const base = await dump(emu);
  await provision(emu, s.fn, spares);

  const clean = await s.call();
  assert.ok(clean.reply?.ok, `the clean run failed: ${JSON.stringify(clean)}`);
  const [record] = await emu.api('GET', `/_emulator/functions/calls?function=${s.fn}&limit=1`);
  const recent: Array<{ from?: string; action: string; transactionId?: string }> = await emu.api('GET', '/_emulator/requests?limit=1000');
  const requests = recent.filter((r) => r.from === `${s.fn}:${record.requestId}` && r.action.startsWith('database.'));
  assert.equal(requests.length, record.db.roundTrips);
  const writes = requests.filter((r) => WRITE_ACTIONS.includes(r.action)).length;
  const commits = requests.filter((r) => r.action === COMMIT).length;
  await s.after?.();
  const expected = await dump(emu);
  const kills = killPoints(points, requests);
  assert.ok(kills.length > 0, 'the call writes nothing');

  for (const [i, { fault, where }] of kills.entries()) {
    const what = `${s.fn} killed at ${JSON.stringify(fault)} (${i + 1} of ${kills.length}; the clean call made ${requests.length} requests: ${requests.map((r) => r.action.slice(9)).join(' ')})`;
    await untilNoOpenTransaction(emu);
    await restore(emu, base);
    await provision(emu, s.fn, spares);
    await emu.api('POST', '/_emulator/faults', { function: s.fn, ...fault });
    const first = await s.call();
    void provision(emu, s.fn, spares).catch(() => undefined); // replace the dead instance meanwhile
    const [call] = await emu.api('GET', `/_emulator/functions/calls?function=${s.fn}&limit=1`);
    await emu.api('DELETE', '/_emulator/faults'); // in case it did not fire (the assertions below say so)
    assert.equal(first.platform, 'FUNCTIONS_EXECUTE_FAIL', `${what}: the call answered ${JSON.stringify(first)}`);
    assert.match(call.fault ?? '', where, what);
    await retryUntilSettled(emu, s, what);
    await s.after?.();
    const got = await dump(emu);
    sameDatabase(comparable(got, base, expected), comparable(expected, base, got), what);
  }
  await untilNoOpenTransaction(emu);
  await restore(emu, base);
  return { requests: requests.length, writes, commits, kills: kills.length, ms: Date.now() - started };
}
