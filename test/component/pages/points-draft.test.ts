// The points table editor's draft (packages/admin/pages/points-table/draft.ts): numbers kept as
// typed, back to a table with a message naming the item, what changed, the rule in words, warnings.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { contract } from '@shared/contract';
import { DEFAULT_POINTS_TABLE, POINT_ITEMS, type PointRule, type PointsTable } from '@shared/points';
import { type Draft, changedItems, fromDraft, ruleText, ruleWarning, sameRule, toDraft } from '../../../miniapp/src/packages/admin/pages/points-table/draft';

const edit = (d: Draft, item: keyof Draft, p: Partial<Draft[keyof Draft]>): Draft => ({ ...d, [item]: { ...d[item], ...p } });
const problem = (d: Draft) => fromDraft(d).problem;

describe('points table draft', () => {
  test('any valid table goes to the editor and back unchanged, and the contract takes it', () => {
    const amount = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);
    const rule: fc.Arbitrary<PointRule> = fc.record({
      points: amount(1000),
      dailyCap: fc.option(amount(100_000), { nil: null }),
      monthlyCap: fc.option(amount(100_000), { nil: null }),
      yearlyCap: fc.option(amount(100_000), { nil: null }),
      enabled: fc.boolean(),
    });
    const table = fc.record(Object.fromEntries(POINT_ITEMS.map((k) => [k, rule])) as Record<keyof PointsTable, fc.Arbitrary<PointRule>>);
    fc.assert(
      fc.property(table, (t) => {
        const back = fromDraft(toDraft(t));
        expect(back).toEqual({ table: t, problem: null });
        expect(contract.score['table.update'].input.safeParse({ version: 1, table: back.table }).success).toBe(true);
      }),
    );
  });

  test('numbers typed with spaces are read; the table names the item in each problem', () => {
    const d = toDraft(DEFAULT_POINTS_TABLE);
    expect(fromDraft(edit(d, 'noteWritten', { points: ' 5.5 ' })).table?.noteWritten.points).toBe(5.5);
    expect(problem(edit(d, 'noteWritten', { points: '' }))).toBe('请填写“撰写学习心得”的分值');
    expect(problem(edit(d, 'noteWritten', { points: '1.234' }))).toBe('“撰写学习心得”的分值请填数字（最多两位小数）');
    expect(problem(edit(d, 'noteWritten', { points: '-1' }))).toBe('“撰写学习心得”的分值请填数字（最多两位小数）');
    expect(problem(edit(d, 'noteWritten', { points: '1001' }))).toBe('“撰写学习心得”的分值最多 1000');
    expect(problem(edit(d, 'volunteerHours', { dailyCap: ' ' }))).toBe('请填写“志愿服务（每小时）”的每天最多分数，或选“不限”');
    expect(problem(edit(d, 'volunteerHours', { monthlyCap: '六十' }))).toBe('“志愿服务（每小时）”的每月最多请填数字');
    expect(problem(edit(d, 'volunteerHours', { yearlyCap: '100001' }))).toBe('“志愿服务（每小时）”的每年最多最多 100000');
    // The first problem in the table's order.
    expect(problem(edit(edit(d, 'suggestionAdopted', { points: '' }), 'topicCompleted', { points: 'x' }))).toBe('“完成月度专题学习”的分值请填数字（最多两位小数）');
  });

  test('what changed: spaces are no change, 不限 ↔ a number and on ↔ off are', () => {
    const d = toDraft(DEFAULT_POINTS_TABLE);
    expect(changedItems(d, toDraft(DEFAULT_POINTS_TABLE))).toEqual([]);
    expect(changedItems(d, edit(d, 'quizPassed', { points: ' 5 ' }))).toEqual([]);
    expect(changedItems(d, edit(edit(d, 'quizPassed', { dailyCap: '5' }), 'pledgeFulfilled', { enabled: false }))).toEqual(['quizPassed', 'pledgeFulfilled']);
    expect(sameRule(d.noteWritten, { ...d.noteWritten, dailyCap: null })).toBe(false);
    expect(sameRule({ ...d.noteWritten, dailyCap: null }, d.noteWritten)).toBe(false);
  });

  test('a rule in words', () => {
    const d = toDraft(DEFAULT_POINTS_TABLE);
    expect(ruleText(d.topicCompleted, 'topicCompleted')).toBe('开启 · 每次 10 分 · 每天最多 不限 · 每月最多 20 分 · 每年最多 240 分');
    expect(ruleText({ ...d.volunteerHours, enabled: false }, 'volunteerHours')).toBe('关闭 · 每小时 2 分 · 每天最多 16 分 · 每月最多 60 分 · 每年最多 400 分');
    expect(ruleText({ ...d.noteWritten, points: '', dailyCap: '' }, 'noteWritten')).toBe('开启 · 每次 （空） 分 · 每天最多 （空） 分 · 每月最多 10 分 · 每年最多 120 分');
  });

  test('warnings: no cap at all, or a cap below one award; none for a switched-off item or the defaults', () => {
    const d = toDraft(DEFAULT_POINTS_TABLE);
    expect(POINT_ITEMS.map((k) => ruleWarning(d[k]))).toEqual(POINT_ITEMS.map(() => null));
    const uncapped = { ...d.noteWritten, dailyCap: null, monthlyCap: null, yearlyCap: null };
    expect(ruleWarning(uncapped)).toBe('没有任何上限，容易被“刷分”，建议至少设一个上限');
    expect(ruleWarning({ ...uncapped, enabled: false })).toBeNull();
    expect(ruleWarning({ ...d.topicCompleted, monthlyCap: '5' })).toBe('每月最多的分数比一次的分值还小，每次都只能得到一部分');
  });
});
