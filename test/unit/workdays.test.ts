// Working days for the volunteer recording window: weekends, the park's public holidays and its
// 调休 working weekends.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { addWorkingDays, isWorkingDay, workingDaysLeft } from '../../shared/workdays';

const NONE = { holidays: [], workdays: [] };
// 2026 National Day: 1–7 October off (1–2, 5–7 are weekdays), 10 October (Saturday) worked.
const NATIONAL_DAY = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-10-10'] };

describe('working days', () => {
  test('Monday to Friday, in China calendar days', () => {
    assert.deepEqual(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'].map((d) => isWorkingDay(d, NONE)), [true, false, false, true]);
  });

  test('ten working days after an activity on a Saturday end on the second Friday after', () => {
    assert.equal(addWorkingDays('2026-11-14', 10, NONE), '2026-11-27');
    assert.equal(addWorkingDays('2026-11-13', 10, NONE), '2026-11-27', 'from a Friday as well');
    assert.equal(addWorkingDays('2026-11-16', 10, NONE), '2026-11-30');
  });

  test('holidays do not count and a worked weekend does', () => {
    // From Wednesday 30 September: 8, 9, 10 (Sat, worked), 12…16, 19, 20 October.
    assert.equal(addWorkingDays('2026-09-30', 10, NATIONAL_DAY), '2026-10-20');
    assert.equal(addWorkingDays('2026-09-30', 10, NONE), '2026-10-14');
  });

  test('days left: counting down to the last day, then negative', () => {
    assert.equal(workingDaysLeft('2026-11-16', '2026-11-27', NONE), 9);
    assert.equal(workingDaysLeft('2026-11-27', '2026-11-27', NONE), 0);
    assert.equal(workingDaysLeft('2026-11-30', '2026-11-27', NONE), -1);
    assert.equal(workingDaysLeft('2026-10-08', '2026-10-20', NATIONAL_DAY), 9, '9, 10 (worked Saturday), 12–16, 19, 20');
  });
});
