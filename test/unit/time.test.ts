import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { chinaDateString, iso, monthDayLabel } from '../../shared/time.js';

test('chinaDateString gives the calendar date in Asia/Shanghai', () => {
  assert.equal(chinaDateString(new Date('2026-11-20T15:59:59.999Z')), '2026-11-20');
  assert.equal(chinaDateString(new Date('2026-11-20T16:00:00.000Z')), '2026-11-21');
  assert.equal(chinaDateString(new Date('2026-12-31T16:00:00.000Z')), '2027-01-01');
  assert.equal(chinaDateString(new Date('2028-02-28T16:00:00.000Z')), '2028-02-29');
  assert.throws(() => chinaDateString(new Date('nope')), RangeError);
});

test('monthDayLabel: "12月5日" from a China day; anything else unchanged', () => {
  assert.equal(monthDayLabel('2026-12-05'), '12月5日');
  assert.equal(monthDayLabel('2027-01-30'), '1月30日');
  assert.equal(monthDayLabel('12/05'), '12/05');
});

test('iso: an instant as the functions send it, from a stored Date or a string; null when there is none', () => {
  assert.equal(iso(new Date('2026-11-20T16:30:00+08:00')), '2026-11-20T08:30:00.000Z');
  assert.equal(iso('2026-11-20T16:30:00.000Z'), '2026-11-20T16:30:00.000Z');
  assert.equal(iso(null), null);
  assert.equal(iso(undefined), null);
});

