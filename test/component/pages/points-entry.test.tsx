// One line of 我的积分 (packages/member/pages/points/entry.tsx): a capped award says in words which cap was
// full and what it would have given — never a bare "已达上限 0".
import { describe, expect, test } from '@jest/globals';
import { render } from '@testing-library/react';
import type { LedgerEntry } from '@shared/contract';
import { PointsEntry } from '../../../miniapp/src/packages/member/pages/points/entry';
import { textOf } from '../support/dom';

const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  id: 'e-1', item: 'partyDayAttended', kind: 'award', points: 10, requested: 10, capped: false, cap: null, note: '十一月主题党日',
  reason: null, reverses: null, reversedBy: null, at: '2026-11-20T02:00:00.000Z', day: '2026-11-20', ...over,
});

describe('我的积分: one entry', () => {
  test('a monthly cap reached: which month and which item, what it would have given', () => {
    render(<PointsEntry e={entry({ points: 0, capped: true, cap: 'month' })} />);
    expect(textOf()).toContain('11月「参加主题党日」积分已记满，本次应得 10 分，不再加分');
  });

  test('part of it given at a daily cap', () => {
    render(<PointsEntry e={entry({ item: 'volunteerHours', points: 6, requested: 10, capped: true, cap: 'day' })} />);
    expect(textOf()).toContain('11月20日「志愿服务（每小时）」积分已记满，本次应得 10 分，实得 6 分');
  });

  test('an entry from before the cap was kept still says it was capped', () => {
    render(<PointsEntry e={entry({ points: 0, capped: true, cap: null })} />);
    expect(textOf()).toContain('已达到上限，本次应得 10 分，不再加分');
  });

  test('a switched-off item says so; a full award says nothing about caps', () => {
    const { unmount } = render(<PointsEntry e={entry({ points: 0, requested: 0, cap: 'off' })} />);
    expect(textOf()).toContain('这一项当时不计积分');
    unmount();
    render(<PointsEntry e={entry({})} />);
    expect(textOf()).not.toMatch(/上限|记满/);
  });
});
