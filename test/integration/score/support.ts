// Helpers for the points tests: an emulator with the product functions plus the test-only
// `points-fixture` function (test/fixtures/points-functions, a second --functions folder) that calls
// awardPoints / recordBranchCounters as a feature would; the test park; the China-time clock.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import type { PointItem } from '../../../shared/points';
import { type EmulatorHandle, ROOT, startEmulator } from '../../support/emulator.js';
import { PERSONAS, PRODUCT, type Persona, type TestPark, seedTestPark } from '../../support/park.js';
import { refusedBy, seedOtherParks } from '../org/support.js';

export const POINTS_FUNCTIONS = path.join(ROOT, 'test/fixtures/points-functions');

/** A clean emulator (product + points fixture functions) with the test park and the other parks. */
export async function startScore(maxInstances = 8): Promise<{ emu: EmulatorHandle; park: TestPark }> {
  const emu = await startEmulator({ spec: PRODUCT.spec, args: [...PRODUCT.args, '--functions', POINTS_FUNCTIONS, '--max-instances', String(maxInstances)] });
  const park = await seedTestPark(emu);
  await seedOtherParks(emu);
  // Warm instances up front (SCF's provisioned concurrency), so concurrency tests measure contention, not cold starts.
  await emu.api('POST', '/_emulator/functions/provision', { function: 'points-fixture', instances: maxInstances });
  return { emu, park };
}

export interface AwardArgs {
  parkId: string;
  personId: string;
  branchId: string;
  item: PointItem;
  sourceId: string;
  quantity?: number;
  note?: string;
  at?: string;
  counters?: Record<string, number | undefined>;
}

/** An admin SDK app with a long client timeout: 100 concurrent invocations queue behind the instance cap. */
const patient = new WeakMap<EmulatorHandle, ReturnType<typeof tcb.init>>();
function appOf(emu: EmulatorHandle) {
  let app = patient.get(emu);
  if (!app) patient.set(emu, (app = tcb.init({ env: 'redpark-local', secretId: 'local-id', secretKey: 'local-key', serviceUrl: `${emu.baseUrl}/admin`, timeout: 120_000 })));
  return app;
}

/** What awardPoints answered, through a real invocation of the fixture function. */
export async function awardReply(emu: EmulatorHandle, input: Partial<AwardArgs> & Record<string, unknown>): Promise<any> {
  const { result } = await appOf(emu).callFunction({ name: 'points-fixture', data: { op: 'award', input: { note: '测试', ...input } } });
  return result;
}

export async function award(emu: EmulatorHandle, input: AwardArgs): Promise<{ status: 'awarded' | 'duplicate'; entryId: string; points: number; capped: boolean; cap: string | null; text: string }> {
  const r = await awardReply(emu, input as never);
  assert.equal(r.ok, true, `awardPoints failed: ${JSON.stringify(r)}`);
  return r.result;
}

export async function counters(emu: EmulatorHandle, input: { parkId: string; branchId: string; sourceId: string; counters: Record<string, number | undefined>; at?: string }) {
  const { result } = await appOf(emu).callFunction({ name: 'points-fixture', data: { op: 'counters', input } });
  assert.equal((result as any).ok, true, JSON.stringify(result));
  return (result as any).result as { status: 'recorded' | 'duplicate' };
}

/** An award for one of the test park's people (their own branch). */
export function forPerson(park: TestPark, who: Persona, item: PointItem, sourceId: string, extra: Partial<AwardArgs> = {}): AwardArgs {
  return { parkId: park.parkId, personId: park.ids[who], branchId: park.branches[PERSONAS[who].branch], item, sourceId, ...extra };
}

/** Freeze the emulator clock (functions' Date follows it) at an instant. */
export async function setClock(emu: EmulatorHandle, iso: string): Promise<void> {
  await emu.api('POST', '/_emulator/clock', { set: iso, freeze: true });
}

export const sha32 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);
export const ledgerIdOf = (a: Pick<AwardArgs, 'parkId' | 'item' | 'personId' | 'sourceId'>) => sha32(`${a.parkId}|${a.item}|${a.personId}|${a.sourceId}`);

export async function getDoc<T = any>(emu: EmulatorHandle, collection: string, id: string): Promise<T | undefined> {
  const { data } = await emu.app().database().collection(collection).doc(id).get();
  return data[0] as T | undefined;
}

/** A totals document's points (0 when there is none). */
export async function totalPoints(emu: EmulatorHandle, id: string): Promise<number> {
  return (await getDoc<{ points: number }>(emu, 'points_totals', id))?.points ?? 0;
}

export async function all<T = any>(emu: EmulatorHandle, collection: string, where: Record<string, unknown> = {}): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += 1000) {
    const q = emu.app().database().collection(collection).where(where);
    const { data } = await (offset ? q.skip(offset) : q).limit(1000).get();
    out.push(...(data as T[]));
    if (data.length < 1000) return out;
  }
}

/** Call a score action, expect the error, and check nothing was written. */
export const refused = refusedBy('score');

/** Run `fn` over `items` with at most `n` at a time. */
export async function pool<T, R>(items: T[], n: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  }));
  return out;
}

/** The score tests' November: the clock at 10:00 on Nov 20 (China), 李强 at the 主题党日 and done with the topic, 王芳 and 赵敏 done with it. */
export async function startNovember(emu: EmulatorHandle, park: TestPark): Promise<void> {
  await setClock(emu, '2026-11-20T02:00:00Z');
  await award(emu, forPerson(park, '李强', 'partyDayAttended', 'day-11'));
  await award(emu, forPerson(park, '李强', 'topicCompleted', 'topic-11'));
  await award(emu, forPerson(park, '王芳', 'topicCompleted', 'topic-11'));
  await award(emu, forPerson(park, '赵敏', 'topicCompleted', 'topic-11'));
}
