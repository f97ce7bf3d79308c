// 修改活动 (packages/secretary/pages/meetings/edit-forms.tsx): the day and the start / end times on pickers;
// a meeting from before times existed stays all day unless times are picked (so a new title alone does not
// move it); once someone checked in the day and times are fixed and sent back as they are.
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { render, screen, waitFor } from '@testing-library/react';
import type { ActionInput, ActionOutput } from '@shared/contract';
import { EditMeeting } from '../../../miniapp/src/packages/secretary/pages/meetings/edit-forms';
import { ok } from '../support/fixtures';
import { backend } from '../support/taro';
import { fill, pick, pickerFace, tap, textOf } from '../support/dom';
import { fakeToday, realClock } from '../support/clock';

type Meeting = ActionOutput<'study', 'meetings.list'>['meetings'][number];

beforeEach(() => fakeToday('2026-11-10T02:00:00Z')); // 10 November, 10:00 in China
afterEach(realClock);

const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  id: 'm-1', branchId: 'b-1', kind: 'partyDay', title: '主题党日', date: '2026-11-20', startTime: '14:30', endTime: '16:30', place: '三楼会议室',
  attendees: 0, attended: false, cancelled: false, cancelReason: null, seriesId: null, repeat: 'once', ...over,
});
const errors = () => [...document.querySelectorAll('.rp-errors .rp-error-text')].map((e) => e.textContent);

function open(m: Meeting) {
  backend.answer('study', 'meetings.update', (input: ActionInput<'study', 'meetings.update'>) =>
    ok({ meeting: { ...m, date: input.date, startTime: input.startTime ?? null, endTime: input.endTime ?? null, title: input.title, place: input.place }, notified: 4 }),
  );
  const onDone = jest.fn();
  render(<EditMeeting m={m} onDone={onDone} onCancel={() => undefined} />);
  return onDone;
}

describe('修改活动', () => {
  test('a new end time on the wheel is sent with the start; the result names the new time', async () => {
    const onDone = open(meeting());
    expect([await pickerFace('日期和时间', 0), await pickerFace('日期和时间', 1), await pickerFace('日期和时间', 2)]).toEqual(['2026年11月20日 周五', '14:30', '16:30']);
    await pick('日期和时间', '17:00', 2);
    tap('保存修改');
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(backend.inputs('study', 'meetings.update')).toEqual([{ meetingId: 'm-1', title: '主题党日', date: '2026-11-20', startTime: '14:30', endTime: '17:00', place: '三楼会议室' }]);
    expect(onDone.mock.calls[0]![0]).toEqual({ title: '已改到 2026年11月20日 周五 14:30–17:00', line: '已通知 4 名党员。' });
  });

  test('an all-day meeting (from before times existed): a new title alone sends no times; picking one time asks for both', async () => {
    const onDone = open(meeting({ startTime: null, endTime: null }));
    expect(await pickerFace('日期和时间', 1)).toBe('选择时间');
    await fill('主题', '重温入党誓词');
    await pick('日期和时间', '09:00', 1);
    tap('保存修改');
    expect(errors()).toEqual(['请选择开始和结束时间']);
    await pick('日期和时间', '10:00', 2);
    await pick('日期和时间', '11:00', 1);
    tap('保存修改');
    expect(errors()).toEqual(['结束时间应晚于开始时间']);
    expect(backend.inputs('study', 'meetings.update')).toEqual([]);
    expect(onDone).not.toHaveBeenCalled();
  });

  test('an all-day meeting renamed keeps its day and no times', async () => {
    const onDone = open(meeting({ startTime: null, endTime: null }));
    await fill('主题', '重温入党誓词');
    tap('保存修改');
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(backend.inputs('study', 'meetings.update')).toEqual([{ meetingId: 'm-1', title: '重温入党誓词', date: '2026-11-20', place: '三楼会议室' }]);
  });

  test('once someone checked in, the day and times are shown fixed and sent back as they were', async () => {
    const onDone = open(meeting({ attendees: 3 }));
    expect(textOf()).toContain('已有 3 人签到，日期和时间不能再改');
    expect(textOf()).toContain('2026年11月20日 周五 14:30–16:30');
    expect(document.querySelector('taro-picker-core')).toBeNull();
    await fill('地点', '党群服务中心');
    tap('保存修改');
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(backend.inputs('study', 'meetings.update')).toEqual([{ meetingId: 'm-1', title: '主题党日', date: '2026-11-20', startTime: '14:30', endTime: '16:30', place: '党群服务中心' }]);
    expect(screen.queryByText(/写成/)).toBeNull();
  });
});
