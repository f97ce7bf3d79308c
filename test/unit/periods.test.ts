// China calendar periods: the keys every total, cap and leaderboard uses.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { chinaDayStart, chinaPeriods, periodKey, periodLabel, PERIOD_PATTERNS, previousMonth } from '../../shared/periods';

test('month end in China: 2026-11-30T15:59:59Z is Nov 30, 16:00:00Z is Dec 1', () => {
  assert.deepEqual(chinaPeriods(new Date('2026-11-30T15:59:59Z')), { day: '2026-11-30', month: '2026-11', quarter: '2026-Q4', year: '2026' });
  assert.deepEqual(chinaPeriods(new Date('2026-11-30T16:00:00Z')), { day: '2026-12-01', month: '2026-12', quarter: '2026-Q4', year: '2026' });
});

test('year and quarter boundaries follow China time', () => {
  assert.deepEqual(chinaPeriods(new Date('2026-12-31T15:59:59.999Z')), { day: '2026-12-31', month: '2026-12', quarter: '2026-Q4', year: '2026' });
  assert.deepEqual(chinaPeriods(new Date('2026-12-31T16:00:00Z')), { day: '2027-01-01', month: '2027-01', quarter: '2027-Q1', year: '2027' });
  assert.equal(periodKey('quarter', new Date('2026-03-31T15:59:59Z')), '2026-Q1');
  assert.equal(periodKey('quarter', new Date('2026-03-31T16:00:00Z')), '2026-Q2');
  assert.equal(periodKey('quarter', new Date('2026-09-30T16:00:00Z')), '2026-Q4');
  for (let m = 1; m <= 12; m++) assert.equal(periodKey('quarter', new Date(Date.UTC(2026, m - 1, 15))), `2026-Q${Math.ceil(m / 3)}`);
  assert.equal(periodKey('month', new Date('2028-02-29T15:59:59Z')), '2028-02');
});

test('previousMonth, chinaDayStart, labels and patterns', () => {
  assert.equal(previousMonth('2027-01'), '2026-12');
  assert.equal(previousMonth('2026-12'), '2026-11');
  assert.equal(chinaDayStart('2026-12-01').toISOString(), '2026-11-30T16:00:00.000Z');
  assert.deepEqual([periodLabel('2026-11'), periodLabel('2026-Q4'), periodLabel('2026')], ['2026年11月', '2026年第4季度', '2026年']);
  assert.ok(PERIOD_PATTERNS.month.test('2026-11') && !PERIOD_PATTERNS.month.test('2026-13') && !PERIOD_PATTERNS.month.test('2026-Q4'));
  assert.ok(PERIOD_PATTERNS.quarter.test('2026-Q4') && !PERIOD_PATTERNS.quarter.test('2026-Q5'));
  assert.ok(PERIOD_PATTERNS.year.test('2026') && !PERIOD_PATTERNS.year.test('26'));
});
