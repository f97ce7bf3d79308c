// The points rules: caps, measures and competition ranking.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { competitionRanks, DEFAULT_POINTS_TABLE, grantedPoints, measureValue, POINT_ITEMS, pointsOutcomeText, type PointRule } from '../../shared/points';
import { pointsTable } from '../../shared/contract/score';

const rule = (over: Partial<PointRule> = {}): PointRule => ({ points: 5, dailyCap: 5, monthlyCap: 10, yearlyCap: 20, enabled: true, ...over });
const none = { day: 0, month: 0, year: 0 };

test('grantedPoints: full, partial at a cap, zero at a reached cap', () => {
  assert.deepEqual(grantedPoints(rule(), 1, none), { points: 5, requested: 5, capped: false, cap: null });
  assert.deepEqual(grantedPoints(rule(), 1, { day: 5, month: 5, year: 5 }), { points: 0, requested: 5, capped: true, cap: 'day' });
  assert.deepEqual(grantedPoints(rule({ dailyCap: null }), 1, { day: 50, month: 8, year: 8 }), { points: 2, requested: 5, capped: true, cap: 'month' });
  assert.deepEqual(grantedPoints(rule({ dailyCap: null, monthlyCap: null }), 1, { day: 0, month: 0, year: 18 }), { points: 2, requested: 5, capped: true, cap: 'year' });
  assert.deepEqual(grantedPoints(rule({ dailyCap: null, monthlyCap: null, yearlyCap: null }), 3, { day: 1e6, month: 1e6, year: 1e6 }), { points: 15, requested: 15, capped: false, cap: null });
});

test('grantedPoints: hours, a switched-off item, reversals giving room back', () => {
  const hours = DEFAULT_POINTS_TABLE.volunteerHours;
  assert.deepEqual(grantedPoints(hours, 2.5, none), { points: 5, requested: 5, capped: false, cap: null });
  assert.deepEqual(grantedPoints(hours, 10, { day: 0, month: 0, year: 0 }), { points: 16, requested: 20, capped: true, cap: 'day' });
  assert.deepEqual(grantedPoints(rule({ enabled: false }), 1, none), { points: 0, requested: 0, capped: false, cap: 'off' });
  assert.deepEqual(grantedPoints(rule(), 1, { day: -5, month: 0, year: 0 }).points, 5);
  assert.equal(grantedPoints(rule({ points: 0.1 }), 3, none).points, 0.3);
});

test('every default item has caps and the defaults pass the contract', () => {
  for (const item of POINT_ITEMS) {
    const r = DEFAULT_POINTS_TABLE[item];
    assert.ok(r.monthlyCap !== null && r.yearlyCap !== null, item);
  }
  assert.ok(pointsTable.safeParse(DEFAULT_POINTS_TABLE).success);
});

test('measureValue: per member and rates, null when nothing to measure', () => {
  const c = { points: 25, topicsCompleted: 3, topicsAssigned: 4, volunteerHours: 7, pledgesFulfilled: 1, pledgesDue: 3 };
  assert.equal(measureValue('pointsPerMember', c, 4), 6.25);
  assert.equal(measureValue('studyRate', c, 4), 0.75);
  assert.equal(measureValue('volunteerHoursPerMember', c, 3), 2.3333);
  assert.equal(measureValue('pledgeRate', c, 3), 0.3333);
  assert.equal(measureValue('pointsPerMember', c, 0), null);
  assert.equal(measureValue('studyRate', { ...c, topicsAssigned: 0 }, 4), null);
});

test('competitionRanks: ties share a rank, the next rank skips', () => {
  assert.deepEqual(competitionRanks([]), []);
  assert.deepEqual(competitionRanks([9]), [1]);
  assert.deepEqual(competitionRanks([10, 8, 8, 5]), [1, 2, 2, 4]);
  assert.deepEqual(competitionRanks([7, 7, 7]), [1, 1, 1]);
  assert.deepEqual(competitionRanks([5, 5, 3, 3, 1]), [1, 1, 3, 3, 5]);
});

test('pointsOutcomeText: every award or non-award says in words what happened (never "已达上限 0")', () => {
  assert.equal(pointsOutcomeText('partyDayAttended', { points: 10, requested: 10, cap: null }), '参加主题党日 +10 分');
  assert.equal(pointsOutcomeText('partyDayAttended', { points: 0, requested: 10, cap: 'month' }), '本月「参加主题党日」积分已记满（应得 10 分），这次不加分');
  assert.equal(pointsOutcomeText('noteWritten', { points: 3, requested: 5, cap: 'day' }), '撰写学习心得 +3 分（今天该项积分已记满，应得 5 分）');
  assert.equal(pointsOutcomeText('volunteerHours', { points: 0, requested: 5, cap: 'year' }), '今年「志愿服务（每小时）」积分已记满（应得 5 分），这次不加分');
  assert.equal(pointsOutcomeText('quizPassed', { points: 0, requested: 0, cap: 'off' }), '「专题测验合格」目前不计积分');
  assert.equal(pointsOutcomeText('topicCompleted', { points: 0, requested: 10, cap: 'month' }, '10月'), '10月「完成月度专题学习」积分已记满（应得 10 分），这次不加分');
  assert.equal(pointsOutcomeText('volunteerHours', { points: 2.5, requested: 2.5, cap: null }), '志愿服务（每小时） +2.5 分');
});
