// 志愿服务 as people use it: the federation's organizer publishes an activity with two shifts; a member,
// a 群众 and a probationary member sign up for a shift of two seats (one lands on the waitlist); a
// cancellation promotes her (and tells her); on the day the organizer shows the rotating code, people
// sign in and out by scanning it (server time), a forgotten sign-out is closed by the timer for the
// organizer to check; the organizer confirms with a correction; points and the branch's volunteer
// hours follow exactly once.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { assertError, chinaClock, createActivity, doc, startVolunteer } from './support.js';

describe('volunteer: publish, sign up, waitlist, sign in and out, confirm, points', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let activityId: string;
  let morning: string;
  let afternoon: string;
  const liu = () => as(emu, park, '刘洋');
  const wang = () => as(emu, park, '王芳');
  const chen = () => as(emu, park, '陈静');
  const zhao = () => as(emu, park, '赵敏');

  beforeAll(async () => {
    ({ emu, park } = await startVolunteer());
    ({ id: activityId, shifts: [morning, afternoon] } = await createActivity(liu()) as { id: string; shifts: [string, string] });
  });
  afterAll(() => emu?.stop());

  test('the organizer publishes: stored with its shifts, audited, recruiting, listed for members and 群众 alike', async () => {
    const stored = await doc(emu, 'volunteer_activities', activityId);
    assert.deepEqual([stored.status, stored.scope, stored.shiftIds], ['published', 'park', [morning, afternoon]]);
    assert.equal(new Date(stored.startsAt).toISOString(), '2026-11-15T01:00:00.000Z');
    const shift = await doc(emu, 'volunteer_shifts', morning);
    assert.deepEqual([shift.capacity, shift.taken, shift.holders, shift.waiters], [2, 0, [], []]);
    for (const who of [wang(), chen()]) {
      const { activities } = await who.ok('volunteer', 'activities.list', {});
      assert.deepEqual(activities.map((a: any) => [a.id, a.stage]), [[activityId, 'recruiting']]);
    }
    const { data } = await emu.app().database().collection('audit_logs').where({ action: 'volunteer.activities.create' }).get();
    assert.equal(data.length, 1);
  });

  test('sign-ups: two seats, the third waits; a second tap is the same registration', async () => {
    const w = await wang().ok('volunteer', 'signUp', { shiftId: morning });
    assert.deepEqual([w.registration.status, w.message], ['registered', '报名成功']);
    const again = await wang().ok('volunteer', 'signUp', { shiftId: morning });
    assert.deepEqual([again.registration.status, again.message], ['registered', '您已报名这个班次']);
    assert.equal((await chen().ok('volunteer', 'signUp', { shiftId: morning })).registration.status, 'registered');
    const z = await zhao().ok('volunteer', 'signUp', { shiftId: morning });
    assert.deepEqual([z.registration.status, z.registration.waitPosition], ['waitlist', 1]);
    assert.match(z.message, /候补第 1 位/);
    const shift = await doc(emu, 'volunteer_shifts', morning);
    assert.deepEqual([shift.taken, shift.holders.length, shift.waiters], [2, 2, [`${morning}|${park.ids.赵敏}`]]);
    const { data } = await emu.app().database().collection('volunteer_registrations').where({ shiftId: morning }).get();
    assert.equal(data.length, 3, 'one registration per person and shift');
  });

  test('a cancellation gives the seat to the first waiting, in the same step, and tells her', async () => {
    const r = await wang().ok('volunteer', 'cancel', { shiftId: morning });
    assert.deepEqual([r.registration.status, r.promoted], ['cancelled', true]);
    const shift = await doc(emu, 'volunteer_shifts', morning);
    assert.deepEqual([shift.taken, shift.waiters, shift.holders.includes(`${morning}|${park.ids.赵敏}`)], [2, [], true]);
    assert.equal((await doc(emu, 'volunteer_registrations', `${morning}|${park.ids.赵敏}`)).status, 'registered');
    const { messages } = await zhao().ok('study', 'inbox.list', {});
    assert.equal(messages[0].kind, 'volunteerPromoted');
    assert.equal(messages[0].activityId, activityId);
    assert.match(messages[0].body, /候补转为正式报名.*11月15日 9:00–11:00/);
    assertError(await wang().call('volunteer', 'cancel', { shiftId: morning }), 'NOT_REGISTERED');
  });

  test('cancelling closes the set number of hours before the start', async () => {
    await chen().ok('volunteer', 'signUp', { shiftId: afternoon });
    await chinaClock(emu, '2026-11-14 13:30'); // 23.5 h before 13:00 on the 15th
    assertError(await chen().call('volunteer', 'cancel', { shiftId: afternoon }), 'CANCEL_CLOSED', /开始前 24 小时内不能取消.*刘洋/);
  });

  test('the code: not before sign-in opens (30 min before), then rotating; scans sign in by server time', async () => {
    await chinaClock(emu, '2026-11-15 08:20');
    assertError(await liu().call('volunteer', 'shifts.code', { shiftId: morning }), 'SIGN_IN_NOT_OPEN', /8:30/);
    await chinaClock(emu, '2026-11-15 08:40');
    const { code } = await liu().ok('volunteer', 'shifts.code', { shiftId: morning });
    const c = await chen().ok('volunteer', 'scan', { code });
    assert.deepEqual([c.step, c.message, c.shift.id], ['signedIn', '签到成功 8:40', morning]);
    // A second scan right away is not a sign-out.
    const twice = await chen().ok('volunteer', 'scan', { code });
    assert.deepEqual([twice.step, twice.message], ['alreadyDone', '已于 8:40 签到，服务结束时再扫码签退']);
    await chinaClock(emu, '2026-11-15 09:12');
    const z = await zhao().ok('volunteer', 'scan', { code: (await liu().ok('volunteer', 'shifts.code', { shiftId: morning })).code });
    assert.equal(z.step, 'signedIn');
  });

  test('signing out: hours with the reason; a forgotten sign-out is closed at the end by the timer, flagged', async () => {
    await chinaClock(emu, '2026-11-15 10:59');
    const { code } = await liu().ok('volunteer', 'shifts.code', { shiftId: morning });
    const out = await chen().ok('volunteer', 'scan', { code });
    assert.deepEqual([out.step, out.registration.hours, out.registration.hoursNote], ['signedOut', 1.5, '签到 8:40 · 签退 10:59 · 计 1.5 小时']);
    await chinaClock(emu, '2026-11-15 11:31');
    const fired = await emu.api('POST', '/_emulator/triggers/run', { function: 'volunteer', trigger: 'tidy' });
    assert.equal(fired.ok, true, JSON.stringify(fired));
    const z = await doc(emu, 'volunteer_registrations', `${morning}|${park.ids.赵敏}`);
    assert.deepEqual([new Date(z.signedOutAt).toISOString(), z.signOutBy, z.signedInOpen], ['2026-11-15T03:00:00.000Z', 'timer', false]);
    const roster = await liu().ok('volunteer', 'shifts.roster', { shiftId: morning });
    assert.equal(roster.needsReview, 1);
    assert.deepEqual(roster.rows.map((r: any) => [r.name, r.status, r.hours, r.signOutBy]), [['陈静', 'registered', 1.5, 'self'], ['赵敏', 'registered', 1.5, 'timer']]);
  });

  test('wrong shift, forged and expired codes are refused and write nothing', async () => {
    const { code: afternoonCode } = await chinaClock(emu, '2026-11-15 12:40').then(() => liu().ok('volunteer', 'shifts.code', { shiftId: afternoon }));
    assertError(await zhao().call('volunteer', 'scan', { code: afternoonCode }), 'NOT_REGISTERED', /没有报名/);
    const forged = afternoonCode.slice(0, -3) + (afternoonCode.endsWith('A') ? 'BBB' : 'AAA');
    assertError(await chen().call('volunteer', 'scan', { code: forged }), 'CHECKIN_CODE_INVALID');
    await emu.api('POST', '/_emulator/clock', { advance: 61_000 }); // the code lives 60 s
    assertError(await chen().call('volunteer', 'scan', { code: afternoonCode }), 'CHECKIN_CODE_EXPIRED');
    assert.equal((await doc(emu, 'volunteer_registrations', `${afternoon}|${park.ids.陈静}`)).signedInAt, null);
  });

  test('confirming: a correction with its reason, audited; points and branch hours exactly once', async () => {
    const r = await liu().ok('volunteer', 'shifts.confirm', { shiftId: morning, corrections: [{ personId: park.ids.赵敏, hours: 1, reason: '提前离开，已核实' }] });
    assert.deepEqual([r.confirmed, r.hours], [2, 2.5]);
    assert.deepEqual(r.rows.map((x: any) => [x.name, x.confirmedHours]), [['陈静', 1.5], ['赵敏', 1]]);
    const again = await liu().ok('volunteer', 'shifts.confirm', { shiftId: morning });
    assert.equal(again.hours, 2.5);
    assertError(await liu().call('volunteer', 'shifts.confirm', { shiftId: morning, corrections: [{ personId: park.ids.陈静, hours: 2, reason: '再改' }] }), 'CONFLICT');
    const { data: ledger } = await emu.app().database().collection('points_ledger').where({ item: 'volunteerHours' }).get();
    assert.deepEqual(ledger.map((e: any) => [e.personId, e.quantity, e.points]).sort(), [[park.ids.赵敏, 1, 2], [park.ids.陈静, 1.5, 3]].sort());
    const branchA = await doc(emu, 'points_totals', `B|${park.branches.A}|2026-11`);
    assert.equal(branchA.volunteerHours, 2.5);
    const audit = await emu.app().database().collection('audit_logs').where({ action: 'volunteer.shifts.confirm' }).get();
    assert.equal(audit.data.length, 1);
    assert.deepEqual(audit.data[0].detail.corrections, [{ personId: park.ids.赵敏, hours: 1, reason: '提前离开，已核实' }]);
    const { hoursThisYear } = await chen().ok('volunteer', 'activities.list', { view: 'mine' });
    assert.equal(hoursThisYear, 1.5);
  });
});
