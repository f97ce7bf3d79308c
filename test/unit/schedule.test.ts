// Dates of a repeating meeting: the same day each month / quarter, clamped to short months, across years.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { meetingDates } from '../../shared/schedule.js';

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
