// 安排会议 (packages/secretary/pages/meetings/schedule-form.tsx): the date and the start and end times on
// pickers (nothing typed), the live preview of the dates (the same meetingDates the function uses),
// 共几次 for a series, times checked in China time (the end after the start, not already over today), the
// contract's messages in Chinese, and meetings.create with what was chosen.
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionInput, ActionOutput } from '@shared/contract';
import { ScheduleForm, dateList } from '../../../miniapp/src/packages/secretary/pages/meetings/schedule-form';
import { BRANCH, ok } from '../support/fixtures';
import { backend } from '../support/taro';
import { fill, inputOf, pick, pickerFace, pickersOf, tap } from '../support/dom';
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
    startTime: input.startTime ?? null,
    endTime: input.endTime ?? null,
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
  test('today in China is the default date, on a picker (no typing), previewed with the default times', async () => {
    open();
    expect(await pickerFace('日期')).toBe('11月5日 周四');
    expect(document.querySelector('.rp-field input')).toBeTruthy(); // 主题 is typed…
    expect(screen.queryByText(/写成/)).toBeNull(); // …but no date is
    expect([await pickerFace('时间', 0), await pickerFace('时间', 1)]).toEqual(['14:30', '16:30']);
    expect(preview()).toBe('将安排：11月5日，14:30–16:30');
  });

  test('the wheel offers today on, not the past (China time)', async () => {
    open();
    const [date] = await pickersOf('日期');
    expect((date as HTMLElement & { start?: string }).start ?? date!.getAttribute('start')).toBe('2026-11-05');
  });

  test('times: the end after the start; a meeting today not already over; nothing sent', async () => {
    open();
    await fill('主题', '重温入党誓词');
    await fill('地点', '党群服务中心二楼');
    await pick('时间', '17:00', 0);
    tap('保存');
    expect(errors()).toEqual(['结束时间应晚于开始时间']);
    await pick('时间', '07:00', 0);
    await pick('时间', '08:00', 1);
    expect(preview()).toBe('将安排：11月5日，7:00–8:00');
    // Noon in China: 7:00–8:00 today is over (its check-in closed at 9:00).
    fakeToday('2026-11-05T04:00:00Z');
    tap('保存');
    expect(errors()).toEqual(['这个时间已经过去了，请选择今天稍后的时间或以后的日期']);
    expect(backend.inputs('study', 'meetings.create')).toEqual([]);
  });

  test('每月 asks 共几次 (12 by default) and previews every date, the year written where it changes', async () => {
    open();
    tap('每月');
    expect(screen.getByText('第一次的日期')).toBeTruthy();
    expect((await inputOf('共几次')).value).toBe('12');
    await fill('共几次', '4');
    expect(preview()).toBe('将安排 4 次：11月5日、12月5日、2027年1月5日、2月5日，14:30–16:30');
    tap('每季度');
    expect((await inputOf('共几次')).value).toBe('4');
    expect(preview()).toBe('将安排 4 次：11月5日、2027年2月5日、5月5日、8月5日，14:30–16:30');
  });

  test('the 31st of every month falls on a short month’s last day', async () => {
    open();
    await pick('日期', '2026-12-31');
    tap('每月');
    await fill('共几次', '3');
    expect(preview()).toBe('将安排 3 次：12月31日、2027年1月31日、2月28日，14:30–16:30');
  });

  test('a series on the 31st previews each month’s last day where it lacks one', async () => {
    open();
    tap('每月');
    await fill('共几次', '3');
    await pick('第一次的日期', '2027-03-31');
    expect(preview()).toBe('将安排 3 次：2027年3月31日、4月30日、5月31日，14:30–16:30');
  });

  test('the contract’s messages in Chinese; nothing sent', async () => {
    open();
    tap('保存');
    expect(errors()).toEqual(['请填写主题']);
    await fill('主题', '重温入党誓词');
    await pick('日期', '2026-11-20');
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
    await pick('日期', '2026-11-20');
    await pick('时间', '09:00', 0);
    await pick('时间', '11:30', 1);
    tap('每季度');
    await fill('地点', '党群服务中心二楼');
    tap('保存');
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(backend.inputs('study', 'meetings.create')).toEqual([
      { branchId: BRANCH.id, kind: 'partyLecture', title: '学习贯彻全会精神', date: '2026-11-20', startTime: '09:00', endTime: '11:30', place: '党群服务中心二楼', repeat: 'quarterly', times: 4 },
    ]);
    expect(onCreated.mock.calls[0]![0].meetings).toHaveLength(4);
  });

  test('取消 closes the form', () => {
    const { onCancel } = open();
    // (The pickers' wheels have a 取消 of their own: the form's button by its class.)
    fireEvent.click(document.querySelector('.meeting-form__cancel')!);
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});

describe('dateList', () => {
  test('writes the year only where it changes from the one before (starting from this year)', () => {
    expect(dateList(['2026-12-05', '2027-01-05', '2027-02-05'], '2026')).toBe('12月5日、2027年1月5日、2月5日');
    expect(dateList(['2027-03-01'], '2026')).toBe('2027年3月1日');
  });
});
