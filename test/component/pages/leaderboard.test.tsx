// 支部排行 (issue 21): the page opens with ONE call, score board.get — my points and place in my branch, my branch's
// place, the top 20 and my branch's row below them apart — and loads every branch (score leaderboard) only when
// 查看全部支部 is tapped. A small park (everything fits) shows no such button.
import { describe, expect, test } from '@jest/globals';
import { render, screen, waitFor } from '@testing-library/react';
import { chinaPeriods } from '@shared/periods';
import Leaderboard from '../../../miniapp/src/packages/member/pages/leaderboard/index';
import { ok } from '../support/fixtures';
import { backend } from '../support/taro';
import { tap, textOf } from '../support/dom';

const month = chinaPeriods(new Date()).month;
const row = (i: number, value: number, rank: number | null = i + 1) => ({ rank, branch: { id: `br-${i}`, name: `第${i + 1}党支部` }, members: 10, value });
const MINE = { rank: 31, branch: { id: 'br-mine', name: '新能源公司党支部' }, members: 4, value: 7.5 };

function board(over: Record<string, unknown> = {}) {
  return {
    measure: 'pointsPerMember' as const, periodKind: 'month' as const, period: month,
    me: { points: 20, branchRank: { rank: 1, of: 4 }, optIn: false },
    top: Array.from({ length: 20 }, (_, i) => row(i, 50 - i)), rankedCount: 31,
    myBranch: { ...MINE, ranked: true }, myBranchId: 'br-mine',
    unranked: [{ rank: null, branch: { id: 'br-small', name: '小支部' }, members: 2, value: null }], unrankedCount: 1,
    minRankedMembers: 3, flag: null, individualRankingEnabled: false, individuals: null, ...over,
  };
}

describe('支部排行', () => {
  test('one call: my points and place, the top 20, my branch below them; 查看全部支部 loads every branch', async () => {
    backend.answer('score', 'board.get', ok(board()));
    const ranked = [...Array.from({ length: 30 }, (_, i) => row(i, 50 - i)), MINE];
    backend.answer('score', 'leaderboard', ok({
      measure: 'pointsPerMember', periodKind: 'month', period: month, ranked, unranked: board().unranked, myBranchId: 'br-mine', minRankedMembers: 3, flag: null, individuals: null,
    }));
    render(<Leaderboard />);
    await screen.findByText('本月我的积分');
    const text = textOf();
    for (const part of ['在本支部排第 1 名（共 4 人）', '本支部在全园区排第 31 名（共 31 个支部）', '上面是前 20 名，共 31 个支部参与排名', '……', '查看全部支部（共 32 个）', '只有您自己能看到']) expect(text).toContain(part);
    expect(backend.calls.map((c) => `${c.fn}.${c.action}`)).toEqual(['score.board.get']);
    expect(backend.inputs('score', 'board.get')).toEqual([{ measure: 'pointsPerMember', periodKind: 'month' }]);
    expect(document.querySelectorAll('.lb-ranked .lb-row').length).toBe(21);
    expect(document.querySelector('.lb-row--mine')?.textContent).toContain('新能源公司党支部');

    tap('查看全部支部（共 32 个）');
    await waitFor(() => expect(document.querySelectorAll('.lb-ranked .lb-row').length).toBe(31));
    expect(backend.inputs('score', 'leaderboard')).toEqual([{ measure: 'pointsPerMember', periodKind: 'month', period: month }]);
    expect(textOf()).not.toContain('……');
    expect(textOf()).not.toContain('查看全部支部');
  });

  test('a small park: everything in the one call, no 查看全部支部; a branch too small to rank says so', async () => {
    backend.answer('score', 'board.get', ok(board({
      top: [row(0, 12), row(1, 8)], rankedCount: 2, myBranch: { rank: null, branch: { id: 'br-mine', name: '新能源公司党支部' }, members: 2, value: 5, ranked: false },
      unranked: [{ rank: null, branch: { id: 'br-mine', name: '新能源公司党支部' }, members: 2, value: 5 }],
    })));
    render(<Leaderboard />);
    await screen.findByText('本月我的积分');
    expect(textOf()).toContain('本支部人数不足 3 人，不参与排名');
    expect(textOf()).not.toContain('查看全部支部');
    expect(textOf()).not.toContain('上面是前');
  });
});
