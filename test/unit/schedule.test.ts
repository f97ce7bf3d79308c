// Dates of a repeating meeting: the same day each month / quarter, clamped to short months, across years; a
// meeting's check-in window and the time of day in words.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { checkInWindow, markPresentUntil, meetingDates, meetingTimeLabel } from '../../shared/schedule.js';

test('monthly from the 31st: short months get their last day, leap years their 29th', () => {
  assert.deepEqual(meetingDates('2027-12-31', 'monthly', 4), ['2027-12-31', '2028-01-31', '2028-02-29', '2028-03-31']);
});

test('quarterly across a year end; once is one date whatever times says', () => {
  assert.deepEqual(meetingDates('2026-11-15', 'quarterly', 4), ['2026-11-15', '2027-02-15', '2027-05-15', '2027-08-15']);
  assert.deepEqual(meetingDates('2026-11-15', 'once', 5), ['2026-11-15']);
});

test('twelve months from January end in December of the same year', () => {
  const dates = meetingDates('2027-01-01', 'monthly', 12);
  assert.equal(dates.length, 12);
  assert.equal(dates.at(-1), '2027-12-01');
});

test('checkInWindow: 30 minutes before the start to an hour after the end, China time; no times: the whole day', () => {
  const w = checkInWindow({ date: '2026-11-12', startTime: '14:30', endTime: '16:30' });
  assert.equal(w.opensAt.toISOString(), '2026-11-12T06:00:00.000Z'); // 14:00 in Beijing
  assert.equal(w.closesAt.toISOString(), '2026-11-12T09:30:00.000Z'); // 17:30
  const late = checkInWindow({ date: '2026-11-12', startTime: '22:00', endTime: '23:30' });
  assert.equal(late.closesAt.toISOString(), '2026-11-12T16:30:00.000Z', 'an evening meeting closes after midnight: 00:30 the next day');
  for (const m of [{ date: '2026-11-12' }, { date: '2026-11-12', startTime: null, endTime: null }]) {
    const all = checkInWindow(m);
    assert.deepEqual([all.opensAt.toISOString(), all.closesAt.toISOString()], ['2026-11-11T16:00:00.000Z', '2026-11-12T16:00:00.000Z']);
  }
  assert.equal(markPresentUntil({ date: '2026-11-12' }).toISOString(), '2026-11-19T16:00:00.000Z', 'to the end of the 19th in Beijing');
  assert.equal(meetingTimeLabel({ date: '2026-11-12', startTime: '09:05', endTime: '11:30' }), '9:05–11:30');
  assert.equal(meetingTimeLabel({ date: '2026-11-12' }), '全天');
});
