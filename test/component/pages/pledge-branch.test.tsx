// 支部管理 · 承诺 (packages/pledge/pages/branch) rendered whole for a secretary: the branch's 履诺率 and its 支部承诺
// (member items of the board are not listed here), the empty state saying what to do, and 写支部承诺: the responsible
// person is found by name in the branch's roster and required, like the due date, before anything is sent.
import { describe, expect, test } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import type { PledgeView } from '@shared/contract/pledge';
import BranchPledgesPage from '../../../miniapp/src/packages/pledge/pages/branch/index';
import { BRANCH, SECRETARY, ok, personRow } from '../support/fixtures';
import { backend } from '../support/taro';
import { fill, tap, textOf } from '../support/dom';

const pledge = (over: Partial<PledgeView>): PledgeView => ({
  id: 'pl-1', scope: 'branch', branchId: BRANCH.id, branchName: BRANCH.name, personName: '王芳', year: '2026', kind: 'service', what: '为园区企业职工办好十件实事',
  howSeen: '支部台账记录', dueOn: '2026-06-30', term: 'yearly', status: 'approved', overdue: false, comment: null, claimNote: null, unfulfilledReason: null,
  withdrawReason: null, progress: [], ratings: { satisfied: 0, basic: 0, unsatisfied: 0 }, satisfaction: null,
  can: { edit: false, review: false, progress: true, claim: true, confirm: false, withdraw: true, decideWithdrawal: false, rate: false }, myRating: null, ...over,
});
const board = (items: PledgeView[]) => ok({ scope: 'branch' as const, title: `${BRANCH.name}公开承诺`, year: '2026', quarter: null, items, rate: { fulfilled: 1, due: 2, rate: 0.5 }, branches: [], ratingOpen: false });

function answerArea() {
  backend.answer('user', 'me', ok({ bound: true, person: SECRETARY }));
  backend.answer('org', 'branches.list', ok({ branches: [BRANCH] }));
}

describe('支部管理 · 承诺', () => {
  test('the branch\'s 支部承诺 with their responsible person and next steps; a member\'s item is not listed here', async () => {
    answerArea();
    backend.answer('pledge', 'board', board([pledge({}), pledge({ id: 'pl-2', scope: 'member', personName: '赵敏', what: '全年质检零差错' })]));
    backend.answer('files', 'files.list', ok({ record: { title: '为园区企业职工办好十件实事', subtitle: '' }, canAdd: true, files: [] }));
    render(<BranchPledgesPage />);
    await screen.findByText('支部承诺（1）');
    const text = textOf();
    expect(text).toContain('50%（已践诺 1 项 / 到期 2 项）');
    expect(text).toMatch(/责任人 王芳.*为园区企业职工办好十件实事/);
    expect(text).not.toContain('全年质检零差错');
    for (const b of ['记进展', '申报践诺', '申请撤回']) expect(text).toContain(b);
    expect(text).not.toContain('修改');
  });

  test('none yet: what to do; 写支部承诺 needs the responsible person and the due date before it sends', async () => {
    answerArea();
    backend.answer('pledge', 'board', board([]));
    backend.answer('org', 'people.list', ok({ people: [personRow({ id: 'p-wang', name: '王芳' })], total: 1, unboundTotal: 0 }));
    render(<BranchPledgesPage />);
    await screen.findByText('2026年还没有支部承诺');
    tap('写支部承诺');
    await fill('承诺内容', '为园区企业职工办好十件实事');
    await fill('践诺标准', '支部台账记录和职工回访');
    tap('提交公开');
    await screen.findByText(/请选择责任人/);
    tap('王芳');
    await screen.findByText('换一个人');
    expect(textOf()).not.toContain('请选择责任人');
    expect(backend.inputs('org', 'people.list')[0]).toMatchObject({ branchId: BRANCH.id });
    tap('提交公开');
    await screen.findByText(/请选择践诺期限/);
    expect(backend.inputs('pledge', 'branch.create')).toEqual([]);
  });
});
