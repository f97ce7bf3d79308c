// Volunteer hours (shared/volunteer.ts): the overlap of signed-in time with the shift, counted only at
// or above the minimum presence, rounded down by the rule, never more than the shift; China time in
// the explanation people read.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEFAULT_HOURS_RULE } from '../../shared/contract/volunteer';
import { volunteerHours } from '../../shared/volunteer';

const at = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`);
const hours = (shift: [string, string], inOut: [string | null, string | null], rule = DEFAULT_HOURS_RULE) =>
  volunteerHours({ shiftStart: at(shift[0]), shiftEnd: at(shift[1]), signedInAt: inOut[0] ? at(inOut[0]) : null, signedOutAt: inOut[1] ? at(inOut[1]) : null, rule });

const MORNING: [string, string] = ['2026-12-05 09:00', '2026-12-05 11:00'];

describe('volunteer hours', () => {
  test('on time for the whole shift: its length, with the times in China time', () => {
    assert.deepEqual(hours(MORNING, ['2026-12-05 08:50', '2026-12-05 11:10']), { hours: 2, note: '签到 8:50 · 签退 11:10 · 计 2 小时' });
  });

  test('late and leaving early: only the overlap counts, rounded down to half hours', () => {
    assert.deepEqual(hours(MORNING, ['2026-12-05 09:12', '2026-12-05 11:05']), { hours: 1.5, note: '签到 9:12 · 签退 11:05 · 计 1.5 小时' });
    assert.equal(hours(MORNING, ['2026-12-05 09:00', '2026-12-05 10:29']).hours, 1);
    assert.equal(hours(MORNING, ['2026-12-05 09:00', '2026-12-05 10:30']).hours, 1.5);
  });

  test('below the minimum presence nothing counts, and the note says why; exactly at it counts', () => {
    // 60% of 2 h is 72 minutes.
    assert.deepEqual(hours(MORNING, ['2026-12-05 09:49', '2026-12-05 11:00']), { hours: 0, note: '签到 9:49 · 签退 11:00 · 在岗不足 60%，本次不计时长' });
    assert.equal(hours(MORNING, ['2026-12-05 09:48', '2026-12-05 11:00']).hours, 1);
    const fifty: [string, string] = ['2026-12-05 09:00', '2026-12-05 09:50'];
    assert.equal(hours(fifty, ['2026-12-05 09:20', '2026-12-05 09:50'], { minPresence: 0.6, roundTo: 0.25 }).hours, 0.5, '30 of 50 minutes is exactly 60%');
    assert.equal(hours(fifty, ['2026-12-05 09:21', '2026-12-05 09:50'], { minPresence: 0.6, roundTo: 0.25 }).hours, 0, '29 of 50 is 58%');
  });

  test('time outside the shift never counts: arriving early and leaving late give the shift, no more', () => {
    assert.equal(hours(MORNING, ['2026-12-05 07:00', '2026-12-05 15:00']).hours, 2);
    assert.equal(hours(['2026-12-05 09:00', '2026-12-05 09:45'], ['2026-12-05 08:00', '2026-12-05 12:00'], { minPresence: 0.6, roundTo: 1 }).hours, 0, 'whole hours of a 45-minute shift round down to 0');
  });

  test('an overnight shift across China midnight and across the UTC day boundary', () => {
    assert.deepEqual(hours(['2026-12-31 22:00', '2027-01-01 02:00'], ['2026-12-31 21:55', '2027-01-01 01:40']), { hours: 3.5, note: '签到 21:55 · 签退 1:40 · 计 3.5 小时' });
    assert.equal(hours(['2026-12-05 07:00', '2026-12-05 09:00'], ['2026-12-05 07:30', '2026-12-05 09:00']).hours, 1.5, '07:00 China is 23:00 UTC the day before');
  });

  test('not signed in: nothing yet; signed in only: no figure, and says so', () => {
    assert.deepEqual(hours(MORNING, [null, null]), { hours: null, note: null });
    assert.deepEqual(hours(MORNING, ['2026-12-05 09:01', null]), { hours: null, note: '签到 9:01 · 尚未签退' });
  });

  test('rounding steps: quarter hours and whole hours', () => {
    assert.equal(hours(MORNING, ['2026-12-05 09:00', '2026-12-05 10:44'], { minPresence: 0.6, roundTo: 0.25 }).hours, 1.5);
    assert.equal(hours(MORNING, ['2026-12-05 09:00', '2026-12-05 10:45'], { minPresence: 0.6, roundTo: 0.25 }).hours, 1.75);
    assert.equal(hours(MORNING, ['2026-12-05 09:00', '2026-12-05 10:59'], { minPresence: 0.6, roundTo: 1 }).hours, 1);
  });
});
