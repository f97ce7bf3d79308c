// The sign-up storm (issue 14): 1,000 people signing up for 50 seats at once end with exactly 50
// registered and 950 on the waitlist in the order the server took them, no duplicates, every caller
// answered with a clear outcome; a second storm of the same taps changes nothing. Through the real SDK
// and the function host (8 instances), as production would run it.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { createActivity, startVolunteer } from './support.js';

const PEOPLE = Number(process.env.STORM_PEOPLE ?? 1000);
const SEATS = 50;

describe('sign-up storm', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let shiftId: string;
  const openid = (i: number) => `o_storm_${i}`;

  beforeAll(async () => {
    ({ emu, park } = await startVolunteer());
    const now = new Date();
    const people = Array.from({ length: PEOPLE }, (_, i) => ({
      _id: `storm-${i}`, parkId: park.parkId, branchId: i % 2 ? park.branches.A : park.branches.B, groupId: null, name: `志愿者${i}`, phone: `1990000${String(i).padStart(4, '0')}`,
      memberType: i % 3 ? 'full' : 'none', joinedPartyOn: i % 3 ? '2015-07-01' : null, posts: [], responsibilityArea: null, secretaryOf: [], organizer: false, parkAdmin: false,
      openid: openid(i), boundAt: now, createdAt: now, updatedAt: now,
    }));
    for (let i = 0; i < people.length; i += 500) await emu.app().database().collection('people').add(people.slice(i, i + 500));
    ({ shifts: [shiftId] } = await createActivity(as(emu, park, '刘洋'), { shifts: [{ start: '2026-11-15 09:00', end: '2026-11-15 11:00', capacity: SEATS, role: null }] }) as { id: string; shifts: [string] });
    await emu.api('POST', '/_emulator/functions/provision', { function: 'volunteer', instances: 8 });
  });
  afterAll(() => emu?.stop());

  test(`${PEOPLE} sign-ups for ${SEATS} seats at once: exactly ${SEATS} seats, the rest in line in order, no duplicates`, async () => {
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: PEOPLE }, (_, i) => as(emu, null, { openid: openid(i) }).call('volunteer', 'signUp', { shiftId })));
    const ms = Date.now() - started;
    const failed = replies.filter((r) => !r.ok);
    assert.deepEqual(failed.slice(0, 3), [], `every caller is answered with an outcome (${failed.length} errors)`);
    const regs = replies.map((r) => (r as { ok: true; data: any }).data.registration);
    assert.equal(regs.filter((r) => r.status === 'registered').length, SEATS);
    const positions = regs.filter((r) => r.status === 'waitlist').map((r) => r.waitPosition as number).sort((a, b) => a - b);
    assert.deepEqual(positions, Array.from({ length: PEOPLE - SEATS }, (_, i) => i + 1), 'waitlist positions 1…950, each once');
    const db = emu.app().database();
    const shift = (await db.collection('volunteer_shifts').doc(shiftId).get()).data[0];
    assert.deepEqual([shift.taken, shift.holders.length, new Set(shift.holders).size, shift.waiters.length, new Set(shift.waiters).size], [SEATS, SEATS, SEATS, PEOPLE - SEATS, PEOPLE - SEATS]);
    // Each caller's position is their place in the stored line.
    replies.forEach((r, i) => {
      const reg = (r as { ok: true; data: any }).data.registration;
      if (reg.status === 'waitlist') assert.equal(shift.waiters[reg.waitPosition - 1], `${shiftId}|storm-${i}`);
      else assert.ok(shift.holders.includes(`${shiftId}|storm-${i}`));
    });
    const count = (await db.collection('volunteer_registrations').where({ shiftId }).count()).total;
    assert.equal(count, PEOPLE, 'one registration per person');
    const calls: any[] = await emu.api('GET', `/_emulator/functions/calls?function=volunteer&limit=${PEOPLE}`);
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`sign-up storm: ${PEOPLE} callers for ${SEATS} seats answered in ${ms} ms; per call: median ${med(calls.map((c) => c.durationMs)).toFixed(1)} ms, DB requests ${med(calls.map((c) => c.db.roundTrips))}`);
  });

  test('the same people tapping again, all at once: nothing changes', async () => {
    const db = emu.app().database();
    const before = (await db.collection('volunteer_shifts').doc(shiftId).get()).data[0];
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => as(emu, null, { openid: openid(i) }).call('volunteer', 'signUp', { shiftId })));
    assert.ok(replies.every((r) => r.ok));
    const after = (await db.collection('volunteer_shifts').doc(shiftId).get()).data[0];
    assert.deepEqual([after.taken, after.holders, after.waiters], [before.taken, before.holders, before.waiters]);
  });
});
