// The organizer's and the park admin's volunteer-record helpers: the recording window in words, hours as
// typed, the activity's length (the make-up limit), the holiday list and the star thresholds as typed.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { contract } from '@shared/contract';
import { activityLength, parseHours, windowText } from '../../../miniapp/src/packages/organizer/common/record';
import { addDay, dayFace, starsFromText } from '../../../miniapp/src/packages/admin/pages/volunteer-settings/values';

describe('volunteer record values', () => {
  test('the window: days left, the last day, past it only make-ups', () => {
    expect(windowText(9, '2026-12-07')).toEqual({ text: '还剩 9 个工作日（最晚 12月7日）', tone: 'green' });
    expect(windowText(2, '2026-12-07').tone).toBe('gold');
    expect(windowText(0, '2026-12-07')).toEqual({ text: '今天是最后一天（12月7日）', tone: 'red' });
    expect(windowText(-1, '2026-12-07')).toEqual({ text: '已超过 10 个工作日（12月7日截止），只能补录', tone: 'red' });
  });

  test('hours as typed: plain decimals only', () => {
    expect([parseHours('1.5'), parseHours(' 2 '), parseHours(''), parseHours('1,5'), parseHours('-1'), parseHours('abc')]).toEqual([1.5, 2, null, null, null, null]);
  });

  test('the activity runs from its first start to its last end', () => {
    expect(activityLength([])).toBe(0);
    expect(activityLength([{ start: '2026-11-22T01:00:00Z', end: '2026-11-22T03:00:00Z' }, { start: '2026-11-22T05:00:00Z', end: '2026-11-22T07:30:00Z' }])).toBe(6.5);
  });

  test('a day added once and in order; bad days ignored', () => {
    const day = fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(day, { maxLength: 20 }), (days) => {
        const list = days.reduce<string[]>((l, d) => addDay(l, d), []);
        expect(list).toEqual([...new Set(days)].sort());
      }),
    );
    expect(addDay(['2026-10-01'], '10月1日')).toEqual(['2026-10-01']);
    expect(dayFace('2026-10-01')).toBe('2026年10月1日 周四');
  });

  test('star thresholds as typed: whole numbers; the contract checks they rise', () => {
    expect(starsFromText(['3', '300', '600', '1000', '1500'])).toEqual([3, 300, 600, 1000, 1500]);
    expect(starsFromText(['3', '1.5', '600', '1000', '1500'])).toBeNull();
    const settings = (stars: number[]) => ({ stars, hoursCounted: 'both', federation: { name: '联合会', personInCharge: '赵红', handler: '钱亮', contactPhone: '0937-6201234' }, holidays: [], workdays: [] });
    expect(contract.volunteer['settings.update'].input.safeParse(settings([3, 300, 600, 1000, 1500])).success).toBe(true);
    expect(contract.volunteer['settings.update'].input.safeParse(settings([300, 3, 600, 1000, 1500])).success).toBe(false);
  });
});
