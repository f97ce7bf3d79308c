// 安排会议 (packages/secretary/pages/meetings/schedule-form.tsx): the live preview of the dates (the
// same meetingDates the function uses), 共几次 for a series, the contract's messages in Chinese, and
// meetings.create with what was chosen.
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { render, screen, waitFor } from '@testing-library/react';
import type { ActionInput, ActionOutput } from '@shared/contract';
import { ScheduleForm, dateList } from '../../../miniapp/src/packages/secretary/pages/meetings/schedule-form';
import { BRANCH, ok } from '../support/fixtures';
import { backend } from '../support/taro';
import { fill, inputOf, tap } from '../support/dom';
import { fakeToday, realClock } from '../support/clock';

type Created = ActionOutput<'study', 'meetings.create'>;

beforeEach(() => fakeToday('2026-11-04T16:30:00Z')); // 5 November in China
afterEach(realClock);

const preview = () => document.querySelector('.meeting-form__preview')?.textContent ?? null;
const errors = () => [...document.querySelectorAll('.rp-errors .rp-error-text')].map((e) => e.textContent);

function meetingsFor(input: ActionInput<'study', 'meetings.create'>): Created {
  const dates = input.repeat === 'once' ? [input.date] : Array.from({ length: input.times ?? 1 }, (_, i) => `${input.date}#${i}`);
  const meetings = dates.map((date, i) => ({
    id: `m-${i + 1}`,
    branchId: input.branchId,
    kind: input.kind,
    title: input.title,
    date,
    place: input.place,
    attendees: 0,
    attended: false,
    cancelled: false,
    cancelReason: null,
    seriesId: input.repeat === 'once' ? null : 'series-1',
    repeat: input.repeat ?? 'once',
  }));
  return { meeting: meetings[0]!, meetings };
}

function open() {
  const onCreated = jest.fn<(r: Created) => void>();
  const onCancel = jest.fn();
  render(<ScheduleForm branch={BRANCH} onCreated={onCreated} onCancel={onCancel} />);
  return { onCreated, onCancel };
}

describe('安排会议', () => {
  test('today in China is the default date, previewed', async () => {
    open();
    expect((await inputOf('日期')).value).toBe('2026-11-05');
    expect(preview()).toBe('将安排：11月5日');
  });

  test('每月 asks 共几次 (12 by default) and previews every date, the year written where it changes', async () => {
    open();
    tap('每月');
    expect(screen.getByText('第一次的日期')).toBeTruthy();
    expect((await inputOf('共几次')).value).toBe('12');
    await fill('共几次', '4');
    expect(preview()).toBe('将安排 4 次：11月5日、12月5日、2027年1月5日、2月5日');
    tap('每季度');
    expect((await inputOf('共几次')).value).toBe('4');
    expect(preview()).toBe('将安排 4 次：11月5日、2027年2月5日、5月5日、8月5日');
  });

  test('the 31st of every month falls on a short month’s last day', async () => {
    open();
    await fill('日期', '2026-12-31');
    tap('每月');
    await fill('共几次', '3');
    expect(preview()).toBe('将安排 3 次：12月31日、2027年1月31日、2月28日');
  });

  test('no preview for a day the calendar lacks (the function would refuse it)', async () => {
    open();
    await fill('日期', '2026-02-30');
    expect(preview()).toBeNull();
    await fill('日期', '2026-04-31');
    tap('每月');
    await fill('共几次', '3');
    expect(preview()).toBeNull();
    await fill('第一次的日期', '2026-03-31');
    expect(preview()).toBe('将安排 3 次：3月31日、4月30日、5月31日');
  });

  test('no preview for a date that is not one; the contract’s messages in Chinese; nothing sent', async () => {
    open();
    await fill('日期', '2026-11-5');
    expect(preview()).toBeNull();
    tap('保存');
    expect(errors()).toEqual(['请填写主题']);
    await fill('主题', '重温入党誓词');
    tap('保存');
    expect(errors()).toEqual(['日期格式应为 2024-07-01']);
    await fill('日期', '2026-02-30');
    tap('保存');
    expect(errors()).toEqual(['没有这一天']);
    await fill('日期', '2026-11-20');
    tap('保存');
    expect(errors()).toEqual(['请填写地点']);
    tap('每月');
    await fill('共几次', '1');
    await fill('地点', '党群服务中心二楼');
    tap('保存');
    expect(errors()).toEqual(['重复安排请填写 2–12 次']);
    expect(backend.inputs('study', 'meetings.create')).toEqual([]);
  });

  test('saves a quarterly 大党课 series with what was chosen and hands the result back', async () => {
    backend.answer('study', 'meetings.create', (input) => ok(meetingsFor(input)));
    const { onCreated } = open();
    tap('大党课');
    await fill('主题', '  学习贯彻全会精神 ');
    await fill('日期', '2026-11-20');
    tap('每季度');
    await fill('地点', '党群服务中心二楼');
    tap('保存');
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(backend.inputs('study', 'meetings.create')).toEqual([
      { branchId: BRANCH.id, kind: 'partyLecture', title: '学习贯彻全会精神', date: '2026-11-20', place: '党群服务中心二楼', repeat: 'quarterly', times: 4 },
    ]);
    expect(onCreated.mock.calls[0]![0].meetings).toHaveLength(4);
  });

  test('取消 closes the form', () => {
    const { onCancel } = open();
    tap('取消');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});

describe('dateList', () => {
  test('writes the year only where it changes from the one before (starting from this year)', () => {
    expect(dateList(['2026-12-05', '2027-01-05', '2027-02-05'], '2026')).toBe('12月5日、2027年1月5日、2月5日');
    expect(dateList(['2027-03-01'], '2026')).toBe('2027年3月1日');
  });
});
