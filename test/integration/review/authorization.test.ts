// Who may call what in `review`: every action of the contract (a new action without a row fails) × every
// kind of caller, with the year's review open (clock 2026-12-10 China time); refused calls write
// nothing. Then inputs the contract refuses: INVALID_INPUT naming the field, in Chinese.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { contract } from '../../../shared/contract';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Row, WHO, badInputProblems, matrixActor, matrixProblems, outcomes } from '../../support/matrix.js';
import type { TestPark } from '../../support/park.js';
import { OTHER, YEAR, setup, snapshot, startReview } from './support.js';

/** Park admins (another park's opens or reads its own park's review). */
const ADMINS = outcomes({ admin: 'ok', otherAdmin: 'ok' });
const EVERYONE_BOUND = outcomes({}, 'ok');

describe('review: authorization matrix and bad inputs', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let hejun: string;
  const actor = (who: (typeof WHO)[number]) => matrixActor(emu, park, who, OTHER.admin.openid);

  const rows: Record<string, Row> = {
    // Another park's admin names nothing of this park: an empty setup for their own park.
    'park.open': { input: (who) => (who === 'otherAdmin' ? setup(park, hejun, { leaders: [], committees: [] }) : setup(park, hejun)), expect: ADMINS },
    'park.get': { input: () => ({ year: YEAR }), expect: ADMINS },
    'park.completion': { input: () => ({ year: YEAR }), expect: ADMINS },
    'rate.todo': { input: () => ({}), expect: EVERYONE_BOUND },
    // 王芳 is rated by her secretary (branch), 陈静 (ent-1's leader) and 赵敏 (colleague); not by herself,
    // another branch's secretary, the organizer or the park admin; another park's admin does not find her.
    'rate.submit': {
      input: () => ({ year: YEAR, memberId: park.ids.王芳, grade: 'qualified', comment: '' }),
      expect: outcomes({ secA: 'ok', masses: 'ok', probationary: 'ok', otherAdmin: 'NOT_FOUND' }),
    },
    // Each secretary opens their own branch; another park's admin their own park's branch.
    'branch.results': { input: () => ({ year: YEAR }), expect: outcomes({ secA: 'ok', secB: 'ok', admin: 'ok', otherAdmin: 'ok' }) },
    'branch.decide': {
      input: () => ({ year: YEAR, memberId: park.ids.孙丽, grade: 'qualified' }),
      expect: outcomes({ secA: 'ok', admin: 'ok', otherAdmin: 'NOT_FOUND' }),
    },
    'me.result': { input: () => ({}), expect: EVERYONE_BOUND },
  };

  beforeAll(async () => {
    ({ emu, park, hejun } = await startReview());
    await actor('admin').ok('review', 'park.open', setup(park, hejun));
  }, 60_000);
  afterAll(async () => emu?.stop());

  test('every action of the contract has a row (and every row an action)', () => {
    assert.deepEqual(Object.keys(rows).sort(), Object.keys(contract.review).sort());
  });

  test('each action × each caller gives the expected outcome; refusals write nothing', async () => {
    assert.deepEqual(await matrixProblems(emu, snapshot, 'review', Object.keys(contract.review), rows, actor), []);
  });

  const BAD: Record<string, Array<[unknown, string]>> = {
    'park.open': [
      [{ ...setupLike(), year: '26' }, 'year'],
      [{ ...setupLike(), from: '2026-12-32' }, 'from'],
      [{ ...setupLike(), from: '2026-12-31', until: '2026-12-01' }, 'until'],
      [{ ...setupLike(), leaders: [{ enterpriseId: 'ent-1', personIds: ['a', 'b', 'c', 'd', 'e', 'f'] }] }, 'leaders'],
      [{ ...setupLike(), openedBy: 'person-1' }, 'openedBy'],
    ],
    'park.get': [[{ year: '二〇二六' }, 'year'], [{}, 'year']],
    'park.completion': [[{ year: 2026 }, 'year']],
    'rate.todo': [[{ year: '1999-12' }, 'year'], [{ raterId: 'person-1' }, 'raterId']],
    'rate.submit': [
      [{ year: YEAR, memberId: 'person-1', grade: 'good' }, 'grade'],
      [{ year: YEAR, memberId: 'person-1', grade: 'qualified', comment: '长'.repeat(201) }, 'comment'],
      [{ year: YEAR, memberId: '', grade: 'qualified' }, 'memberId'],
      [{ year: YEAR, memberId: 'person-1', grade: 'qualified', raterId: 'person-2' }, 'raterId'],
    ],
    'branch.results': [[{ year: YEAR, branchId: '' }, 'branchId']],
    'branch.decide': [[{ year: YEAR, memberId: 'person-1', grade: '优秀' }, 'grade'], [{ year: YEAR, memberId: 'person-1', grade: 'excellent', votes: {} }, 'votes']],
    'me.result': [[{ personId: 'person-2' }, 'personId']],
  };

  test('bad inputs to every action are INVALID_INPUT naming the field; nothing written', async () => {
    assert.deepEqual(await badInputProblems(emu, snapshot, 'review', Object.keys(contract.review), BAD, (action) => actor(action.startsWith('park.') ? 'admin' : action.startsWith('branch.') ? 'secA' : 'probationary')), []);
  });
});

function setupLike(): Record<string, unknown> {
  return { year: YEAR, from: '2026-12-01', until: '2026-12-31', leaders: [], committees: [] };
}
