// Who may call what in `pledge`: every action of the contract (a new action without a row fails) × every kind of
// caller, on fresh items of the test park (王芳's unless said); refused calls write nothing. Then inputs the
// contract refuses: INVALID_INPUT naming the field, in Chinese, writing nothing.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { contract } from '../../../shared/contract';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Row, WHO, badInputProblems, matrixActor, matrixProblems, outcomes } from '../../support/matrix.js';
import type { TestPark } from '../../support/park.js';
import { OTHER, chinaClock, itemInput, snapshot, startPledges } from './support.js';

const EVERYONE_BOUND = outcomes({}, 'ok');
const MEMBERS = outcomes({ member: 'ok', probationary: 'ok', secA: 'ok', secB: 'ok', admin: 'ok', otherAdmin: 'ok' });
/** Branch A's secretary and the park admin; branch B's secretary may see a public item but not decide it. */
const DECIDERS = outcomes({ secA: 'ok', admin: 'ok', otherAdmin: 'NOT_FOUND' });
/** Only the member acts on her item; people who may see it are told nothing more. */
const OWNER = outcomes({ member: 'ok' }, 'NOT_FOUND');

describe('pledge: authorization matrix and bad inputs', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let n = 0;
  const actor = (who: (typeof WHO)[number]) => matrixActor(emu, park, who, OTHER.admin.openid);
  const db = () => emu.app().database();

  /** An item of 王芳 in a given state, straight in the database. */
  const seed = async (status: string, over: Record<string, unknown> = {}) => {
    const _id = `pledge-matrix-${++n}`;
    const now = new Date();
    await db().collection('pledges').add({
      _id, parkId: park.parkId, branchId: park.branches.A, scope: 'member', personId: park.ids.王芳, personName: '王芳', enterpriseId: null, authorId: park.ids.王芳,
      year: '2026', kind: 'work', what: `矩阵承诺第${n}项，认真完成`, howSeen: '记录', dueOn: '2026-12-31', term: 'yearly', status, overdue: false, overdueAt: null,
      comment: null, claimNote: status === 'claimed' ? '完成' : null, unfulfilledReason: null, withdrawReason: status === 'withdrawing' ? '调岗' : null,
      withdrawFrom: status === 'withdrawing' ? 'approved' : null, progress: [], ratings: { satisfied: 0, basic: 0, unsatisfied: 0 }, settled: true, dueCounted: false,
      decidedBy: null, decidedAt: null, createdAt: now, updatedAt: now, ...over,
    });
    return _id;
  };
  const immediate = () => itemInput('2026-12-31', { term: 'immediate' });

  const rows: Record<string, Row> = {
    'settings.get': { input: () => ({}), expect: EVERYONE_BOUND },
    'settings.update': { input: () => ({ settings: { minPerYear: 2, maxPerYear: 5, ratingFrom: '12-01', ratingTo: '12-31', ratingDailyLimit: 50 } }), expect: outcomes({ admin: 'ok', otherAdmin: 'ok' }) },
    mine: { input: () => ({}), expect: MEMBERS },
    create: { input: () => immediate(), expect: MEMBERS },
    update: { input: async () => ({ pledgeId: await seed('returned'), ...immediate() }), expect: outcomes({ member: 'ok', probationary: 'NOT_FOUND', secA: 'NOT_FOUND', secB: 'NOT_FOUND', admin: 'NOT_FOUND', otherAdmin: 'NOT_FOUND' }) },
    'branch.create': { input: () => ({ branchId: park.branches.A, responsibleId: park.ids.王芳, ...immediate() }), expect: { ...DECIDERS, secB: 'FORBIDDEN' } },
    get: { input: async () => ({ pledgeId: await seed('approved') }), expect: outcomes({ otherAdmin: 'NOT_FOUND' }, 'ok') },
    'review.list': { input: () => ({ branchId: park.branches.A }), expect: DECIDERS },
    // A submitted item is not public: branch B's secretary does not find it.
    'review.decide': { input: async () => ({ pledgeId: await seed('submitted'), decision: 'approve' }), expect: { ...DECIDERS, secB: 'NOT_FOUND' } },
    'progress.add': { input: async () => ({ pledgeId: await seed('approved'), text: '本月完成两次带教' }), expect: OWNER },
    claim: { input: async () => ({ pledgeId: await seed('approved'), note: '已完成' }), expect: OWNER },
    'withdraw.request': { input: async () => ({ pledgeId: await seed('approved'), reason: '调岗' }), expect: OWNER },
    confirm: { input: async () => ({ pledgeId: await seed('claimed'), fulfilled: true }), expect: DECIDERS },
    'withdraw.decide': { input: async () => ({ pledgeId: await seed('withdrawing'), approve: true }), expect: DECIDERS },
    board: { input: () => ({}), expect: EVERYONE_BOUND },
    rates: { input: () => ({ year: '2026', quarter: 4 }), expect: EVERYONE_BOUND },
    // Colleagues of branch A rate (members and 群众 alike); never the member; others of the park may not.
    rate: { input: async () => ({ pledgeId: await seed('fulfilled'), rating: 'satisfied' }), expect: outcomes({ probationary: 'ok', masses: 'ok', secA: 'ok', otherAdmin: 'NOT_FOUND' }) },
    'rate.list': { input: () => ({}), expect: EVERYONE_BOUND },
  };

  const BAD: Record<string, Array<[unknown, string]>> = {
    'settings.get': [[{ parkId: 'x' }, 'parkId']],
    'settings.update': [[{ settings: { minPerYear: 6, maxPerYear: 5, ratingFrom: '12-01', ratingTo: '12-31', ratingDailyLimit: 5 } }, 'settings'], [{ settings: { minPerYear: 1, maxPerYear: 5, ratingFrom: '13-01', ratingTo: '12-31', ratingDailyLimit: 5 } }, 'settings']],
    mine: [[{ year: '26' }, 'year'], [{ personId: 'x' }, 'personId']],
    create: [[{ ...immediate(), kind: 'fun' }, 'kind'], [{ ...immediate(), dueOn: '2026-13-01' }, 'dueOn'], [{ ...immediate(), what: '' }, 'what'], [{ ...immediate(), status: 'fulfilled' }, 'status'], [{ ...immediate(), personId: 'x' }, 'personId']],
    update: [[{ ...immediate() }, 'pledgeId'], [{ pledgeId: 'x', ...immediate(), term: 'forever' }, 'term']],
    'branch.create': [[{ branchId: 'x', ...immediate() }, 'responsibleId'], [{ branchId: 'x', responsibleId: 'y', ...immediate(), howSeen: '' }, 'howSeen']],
    get: [[{}, 'pledgeId']],
    'review.list': [[{}, 'branchId']],
    'review.decide': [[{ pledgeId: 'x', decision: 'return' }, 'comment'], [{ pledgeId: 'x', decision: 'maybe' }, 'decision']],
    'progress.add': [[{ pledgeId: 'x', text: '' }, 'text'], [{ pledgeId: 'x', text: '字'.repeat(301) }, 'text']],
    claim: [[{ pledgeId: 'x' }, 'note']],
    'withdraw.request': [[{ pledgeId: 'x', reason: ' ' }, 'reason']],
    confirm: [[{ pledgeId: 'x', fulfilled: false }, 'reason'], [{ pledgeId: 'x', fulfilled: 'yes' }, 'fulfilled']],
    'withdraw.decide': [[{ pledgeId: 'x' }, 'approve']],
    board: [[{ quarter: 5 }, 'quarter'], [{ year: '二〇二六' }, 'year']],
    rates: [[{ quarter: 0 }, 'quarter']],
    rate: [[{ pledgeId: 'x', rating: 'great' }, 'rating'], [{ pledgeId: 'x', rating: 'basic', comment: '字'.repeat(101) }, 'comment'], [{ pledgeId: 'x', rating: 'basic', raterId: 'y' }, 'raterId']],
    'rate.list': [[{ all: true }, 'all']],
  };
  const CALLER: Record<string, (typeof WHO)[number]> = { 'settings.update': 'admin', 'branch.create': 'secA', 'review.list': 'secA', 'review.decide': 'secA', confirm: 'secA', 'withdraw.decide': 'secA' };

  beforeAll(async () => {
    ({ emu, park } = await startPledges());
    await chinaClock(emu, '2026-12-10 10:00'); // in the default rating window
  });
  afterAll(() => emu?.stop());

  test('every action of the contract has a row (and every row an action)', () => {
    assert.deepEqual(Object.keys(rows).sort(), Object.keys(contract.pledge).sort());
    assert.deepEqual(Object.keys(BAD).sort(), Object.keys(contract.pledge).sort());
  });

  test('each action × each caller gives the expected outcome; refusals write nothing', async () => {
    assert.deepEqual(await matrixProblems(emu, snapshot, 'pledge', Object.keys(contract.pledge), rows, actor), []);
  });

  test('bad inputs: INVALID_INPUT naming the field, in Chinese, writing nothing', async () => {
    assert.deepEqual(await badInputProblems(emu, snapshot, 'pledge', Object.keys(contract.pledge), BAD, (a) => actor(CALLER[a] ?? 'member')), []);
  });
});
