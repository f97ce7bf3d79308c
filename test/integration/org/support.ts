// Helpers for the org structure tests: a second park (to prove nothing crosses parks), an empty park,
// a whole-database snapshot (to prove a refused call wrote nothing) and reply assertions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiError, ApiReply, ErrorCode } from '../../../shared/contract';
import { type EmulatorHandle, ROOT, startEmulator } from '../../support/emulator.js';
import { type Actor, PRODUCT, type TestPark, seedTestPark } from '../../support/park.js';

export const OTHER = {
  parkId: 'park-other',
  branch: 'branch-other',
  enterprise: 'ent-other-1',
  admin: { id: 'other-1', openid: 'o_other_admin', name: '吴刚' },
  secretary: { id: 'other-2', openid: 'o_other_sec', name: '郑华' },
  member: { id: 'other-3', name: '冯丽', phone: '13900000003' },
  emptyPark: 'park-empty',
  emptyAdmin: { id: 'empty-1', openid: 'o_empty_admin', name: '钱进' },
} as const;

/** Another park with its own branch, enterprise and people; and a park with nothing in it but an admin. */
export async function seedOtherParks(emu: EmulatorHandle): Promise<void> {
  const db = emu.app().database();
  const now = new Date();
  await db.collection('parks').add([
    { _id: OTHER.parkId, name: '第二产业园', createdAt: now },
    { _id: OTHER.emptyPark, name: '新建园区', createdAt: now },
  ]);
  await db.collection('enterprises').add({ _id: OTHER.enterprise, parkId: OTHER.parkId, name: '宣化钢铁公司', industry: null, employees: null, createdAt: now });
  await db.collection('branches').add({ _id: OTHER.branch, parkId: OTHER.parkId, name: '宣化钢铁党支部', kind: 'single', enterpriseIds: [OTHER.enterprise], groups: [], memberCount: 3, createdAt: now, updatedAt: now });
  const base = { groupId: null, posts: [], responsibilityArea: null, secretaryOf: [], organizer: false, parkAdmin: false, memberType: 'full', joinedPartyOn: '2000-07-01', createdAt: now, updatedAt: now };
  await db.collection('people').add([
    { ...base, _id: OTHER.admin.id, parkId: OTHER.parkId, branchId: OTHER.branch, name: OTHER.admin.name, phone: '13900000001', parkAdmin: true, openid: OTHER.admin.openid, boundAt: now },
    { ...base, _id: OTHER.secretary.id, parkId: OTHER.parkId, branchId: OTHER.branch, name: OTHER.secretary.name, phone: '13900000002', secretaryOf: [OTHER.branch], openid: OTHER.secretary.openid, boundAt: now },
    { ...base, _id: OTHER.member.id, parkId: OTHER.parkId, branchId: OTHER.branch, name: OTHER.member.name, phone: OTHER.member.phone },
    { ...base, _id: OTHER.emptyAdmin.id, parkId: OTHER.emptyPark, branchId: 'branch-none', name: OTHER.emptyAdmin.name, phone: '13700000001', parkAdmin: true, openid: OTHER.emptyAdmin.openid, boundAt: now },
  ]);
}

/**
 * Every collection the product declares (a new one is in every snapshot without editing this), but
 * the rate-limit counters: a refused call still spends its count, which is the point of a limit.
 */
export const COLLECTIONS: string[] = (JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions/collections.json'), 'utf8')) as { collections: Array<{ name: string }> })
  .collections.map((c) => c.name).filter((c) => c !== 'rate_limits');

/** Every document of every collection, as canonical text: equal snapshots mean nothing was written. */
export async function snapshot(emu: EmulatorHandle): Promise<string> {
  const db = emu.app().database();
  const parts = await Promise.all(COLLECTIONS.map(async (c) => {
    const { data } = await db.collection(c).orderBy('_id', 'asc').limit(1000).get();
    return `${c}:${JSON.stringify(data)}`;
  }));
  return parts.join('\n');
}

export function assertError(r: ApiReply<unknown>, code: ErrorCode, message?: RegExp): ApiError {
  if (r.ok) assert.fail(`expected ${code}, got ok: ${JSON.stringify(r.data).slice(0, 300)}`);
  assert.equal(r.error.code, code, `expected ${code}, got ${r.error.code}: ${r.error.message}`);
  if (message) assert.match(r.error.message, message);
  return r.error;
}

/** For a function: call, expect the error, and check the database did not change. */
export const refusedBy = (fn: string) => async (emu: EmulatorHandle, actor: Actor, action: string, input: unknown, code: ErrorCode, message?: RegExp) => {
  const before = await snapshot(emu);
  const r = await actor.call(fn, action, input);
  const error = assertError(r, code, message);
  assert.equal(await snapshot(emu), before, `${fn}.${action} refused with ${code} but wrote something`);
  return error;
};

/** Call an org action, expect the error, and check the database did not change. */
export const refused = refusedBy('org');

export async function doc<T = any>(emu: EmulatorHandle, collection: string, id: string): Promise<T | undefined> {
  const { data } = await emu.app().database().collection(collection).doc(id).get();
  return data[0] as T | undefined;
}

export async function auditOf(emu: EmulatorHandle, parkId: string, action: string): Promise<any[]> {
  const { data } = await emu.app().database().collection('audit_logs').where({ parkId, action }).orderBy('at', 'desc').limit(100).get();
  return data;
}

let added = 0;
/** A new, unbound roster entry straight in the database (fresh target data for a test); returns its id. */
export async function addPerson(emu: EmulatorHandle, parkId: string, branchId: string, over: Record<string, unknown> = {}): Promise<string> {
  added++;
  const now = new Date();
  const _id = `added-${added}`;
  await emu.app().database().collection('people').add({
    _id, parkId, branchId, groupId: null, name: `新人${added}`, phone: `1770000${String(added).padStart(4, '0')}`, memberType: 'full',
    joinedPartyOn: '2012-07-01', posts: [], responsibilityArea: null, secretaryOf: [], organizer: false, parkAdmin: false,
    createdAt: now, updatedAt: now, ...over,
  });
  return _id;
}

/** Move the emulator's clock (functions' Date follows it). */
export async function advanceClock(emu: EmulatorHandle, ms: number): Promise<void> {
  await emu.api('POST', '/_emulator/clock', { advance: ms });
}

/** A clean emulator with the product's functions, the test park and the other parks (one per test file). */
export async function startSeeded(extraArgs: string[] = []): Promise<{ emu: EmulatorHandle; park: TestPark }> {
  const emu = await startEmulator({ ...PRODUCT, args: [...PRODUCT.args, ...extraArgs] });
  const park = await seedTestPark(emu);
  await seedOtherParks(emu);
  return { emu, park };
}
