// A check-in storm with the emulator killed (SIGKILL) in the middle: 100 members of a branch check in to
// today's 主题党日 at once through the real SDK; after some have been answered the emulator process dies.
// Restarted on the same data directory: every check-in that was acknowledged is stored with its points,
// the meeting's count equals its attendance documents, no instance of the dead emulator lives on, and
// every member retrying their check-in ends with exactly one attendance and one award.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import type { ApiReply } from '../../../shared/contract';
import { type EmulatorHandle, startEmulator } from '../../support/emulator.js';
import { PRODUCT, as, seedTestPark } from '../../support/park.js';
import { FROZEN_AT } from './support.js';

const MEMBERS = 100;
const KILL_AFTER_ACKS = 25;
const ARGS = [...PRODUCT.args, '--max-instances', '3'];

/** Processes still pointed at an emulator (function instances carry its URL in TCB_CONTEXT_CNFG). */
function instancesOf(baseUrl: string): number[] {
  const pids: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`${baseUrl}/admin`)) pids.push(Number(pid));
    } catch {
      // gone meanwhile, or not ours
    }
  }
  return pids;
}

describe('faults: a check-in storm when the emulator dies', () => {
  let dir: string;
  let emu: EmulatorHandle | undefined;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'redpark-storm-'));
  });
  afterAll(async () => {
    await emu?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('no acknowledged check-in is lost; counts match; the retries land each one exactly once', async () => {
    emu = await startEmulator({ spec: PRODUCT.spec, dataDir: dir, args: ARGS });
    const park = await seedTestPark(emu);
    const freeze = (e: EmulatorHandle) => e.api('POST', '/_emulator/clock', { set: FROZEN_AT, freeze: true }); // 2026-11-10, China time
    await freeze(emu);
    const db = emu.app().database();
    const now = new Date(FROZEN_AT);
    const members = Array.from({ length: MEMBERS }, (_, i) => ({ _id: `storm-${i}`, openid: `o_storm_${i}` }));
    await db.collection('people').add(members.map((m, i) => ({
      ...m, parkId: park.parkId, branchId: park.branches.A, groupId: null, name: `党员${i}`, phone: `1860000${String(i).padStart(4, '0')}`,
      memberType: 'full', joinedPartyOn: '2015-07-01', fullMemberOn: '2016-07-01', posts: [], responsibilityArea: null, secretaryOf: [],
      organizer: false, parkAdmin: false, createdAt: now, updatedAt: now, boundAt: now,
    })));
    await db.collection('branches').doc(park.branches.A).update({ memberCount: db.command.inc(MEMBERS) });
    const li = as(emu, park, '李强');
    const { meeting } = await li.ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '重温入党誓词', date: '2026-11-10', place: '三楼会议室' });
    const { code } = await li.ok('study', 'meetings.code', { meetingId: meeting.id });
    await emu.api('POST', '/_emulator/functions/provision', { function: 'study', instances: 3 });

    // The storm: everyone at once, each through their own WeChat identity.
    const appFor = (e: EmulatorHandle, openid: string) =>
      tcb.init({ env: 'redpark-local', secretId: 'x', secretKey: 'y', serviceUrl: `${e.baseUrl}/admin`, timeout: 60_000, headers: { 'x-wx-openid': openid } } as Parameters<typeof tcb.init>[0]);
    const checkIn = async (e: EmulatorHandle, openid: string) =>
      (await appFor(e, openid).callFunction({ name: 'study', data: { action: 'meetings.checkIn', input: { code } } })).result as ApiReply<{ alreadyCheckedIn: boolean }>;
    // What a member may be told while the storm lasts besides ok: the platform's errors (the emulator died, the
    // call timed out) or INTERNAL (conflicts on the meeting outlasted the retries). All mean "try again".
    const transient = (code: string) => code === 'INTERNAL' || /^FUNCTIONS_|ECONN|socket|timeout/i.test(code);
    const attempt = async (e: EmulatorHandle, openid: string): Promise<ApiReply<{ alreadyCheckedIn: boolean }> | { ok: false; error: { code: string } }> => {
      try {
        const r = await checkIn(e, openid);
        if (!r.ok) assert.ok(transient(r.error.code), `${openid}: ${JSON.stringify(r)}`); // a refusal would be a bug
        return r;
      } catch (err) {
        if (err instanceof assert.AssertionError) throw err;
        return { ok: false, error: { code: (err as { code?: string }).code ?? String((err as Error).message) } };
      }
    };
    const acked = new Set<string>();
    const dying = emu;
    let killed: Promise<void> | undefined;
    const started = Date.now();
    await Promise.all(members.map(async (m) => {
      const r = await attempt(dying, m.openid);
      if (!r.ok) return;
      acked.add(m._id);
      if (acked.size === KILL_AFTER_ACKS) killed = dying.kill('SIGKILL');
    }));
    await killed;
    const stormMs = Date.now() - started;
    assert.ok(acked.size >= KILL_AFTER_ACKS && acked.size < MEMBERS, `the kill came mid-storm (${acked.size} of ${MEMBERS} acknowledged)`);
    // The dead emulator's function instances went with it (none finishes its invocation against nobody).
    for (let waited = 0; instancesOf(dying.baseUrl).length > 0; waited += 100) {
      assert.ok(waited < 5000, `instances of the killed emulator still run: ${instancesOf(dying.baseUrl).join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    emu = await startEmulator({ spec: PRODUCT.spec, dataDir: dir, args: ARGS });
    await freeze(emu);
    const db2 = emu.app().database();
    const attendance = async () => (await db2.collection('attendance').where({ meetingId: meeting.id }).limit(1000).get()).data as Array<{ personId: string }>;
    // The meeting's count: its document (the first check-in) plus its shards (cloudfunctions/_lib/meeting-tally.ts).
    const attendees = async () =>
      ((await db2.collection('meetings').doc(meeting.id).get()).data[0] as { attendees: number }).attendees +
      ((await db2.collection('meeting_tally').where({ meetingId: meeting.id }).limit(100).get()).data as Array<{ n: number }>).reduce((a, s) => a + s.n, 0);
    const ledger = async () => (await db2.collection('points_ledger').where({ item: 'partyDayAttended', sourceId: `meeting:${meeting.id}` }).limit(1000).get()).data as Array<{ personId: string }>;

    const stored = new Set((await attendance()).map((a) => a.personId));
    for (const id of acked) assert.ok(stored.has(id), `the acknowledged check-in of ${id} was lost`);
    // A check-in killed between its attendance and its count shard is counted by its retry (or the study timer's
    // finishCheckIns), so right after the crash the count lies between what was acknowledged and what was stored.
    const counted = await attendees();
    assert.ok(counted >= acked.size && counted <= stored.size, `the meeting counts ${counted}: at least the ${acked.size} acknowledged, at most the ${stored.size} stored`);
    const awarded = new Set((await ledger()).map((e) => e.personId));
    for (const id of acked) assert.ok(awarded.has(id), `the acknowledged check-in of ${id} lost its points`);

    // Everyone who got no answer taps again (once the emulator is back): each lands exactly once.
    await emu.api('POST', '/_emulator/functions/provision', { function: 'study', instances: 3 });
    const unacked = members.filter((m) => !acked.has(m._id));
    const retryStarted = Date.now();
    let tries = 0;
    const retries = await Promise.all(unacked.map(async (m) => {
      for (let i = 1; ; i++) {
        tries++;
        const r = await attempt(emu!, m.openid);
        if (r.ok) return r;
        assert.ok(i < 5, `${m._id}: ${JSON.stringify(r)}`);
      }
    }));
    const retryMs = Date.now() - retryStarted;
    const landedUnacked = retries.filter((r) => r.data.alreadyCheckedIn).length;
    assert.equal(landedUnacked, unacked.filter((m) => stored.has(m._id)).length, 'a retry says "already" exactly where the first try had landed');

    const final = await attendance();
    assert.equal(final.length, MEMBERS);
    assert.equal(new Set(final.map((a) => a.personId)).size, MEMBERS, 'one attendance per member');
    assert.equal(await attendees(), MEMBERS);
    const entries = await ledger();
    assert.equal(entries.length, MEMBERS, 'one award per member');
    const branchMonth = (await db2.collection('points_totals').doc(`B|${park.branches.A}|2026-11`).get()).data[0] as { points: number; byItem: Record<string, number> };
    assert.equal(branchMonth.byItem.partyDayAttended, MEMBERS * 10, 'the branch total counts each award once');
    const people = await Promise.all(members.slice(0, 10).map(async (m) => ((await db2.collection('points_totals').doc(`P|${m._id}|2026-11`).get()).data[0] as { points: number }).points));
    assert.deepEqual(people, Array(10).fill(10));
    console.log(`check-in storm: ${acked.size} of ${MEMBERS} acknowledged before SIGKILL (${stormMs} ms in), ${stored.size - acked.size} more had landed unacknowledged (retries answered "already"), ${unacked.length - landedUnacked} landed on retry (${unacked.length} members retrying at once, ${tries} calls: ${retryMs} ms)`);
  });
});
