// Who may call the score function's reads (issue 21 adds board.get): every kind of caller × each read action,
// with the shared matrix (test/support/matrix.ts); refused calls write nothing. Anyone on a park's roster reads
// their own park's points and boards; a WeChat user not on any roster is NOT_BOUND. Then board.get's bad inputs:
// INVALID_INPUT naming the field, in Chinese. (The writes' rules — table, settings, corrections — are checked
// person by person in access.test.ts.)
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Row, type Who, badInputProblems, matrixActor, matrixProblems, outcomes } from '../../support/matrix.js';
import type { TestPark } from '../../support/park.js';
import { OTHER, snapshot } from '../org/support.js';
import { award, forPerson, setClock, startScore } from './support.js';

const EVERYONE_BOUND = outcomes({}, 'ok');
const READS: Record<string, Row> = {
  'me.summary': { input: () => ({}), expect: EVERYONE_BOUND },
  'me.history': { input: () => ({}), expect: EVERYONE_BOUND },
  leaderboard: { input: () => ({}), expect: EVERYONE_BOUND },
  'flags.list': { input: () => ({}), expect: EVERYONE_BOUND },
  'table.get': { input: () => ({}), expect: EVERYONE_BOUND },
  'board.get': { input: (who: Who) => (who === 'admin' ? { measure: 'volunteerHoursPerMember', periodKind: 'year' } : {}), expect: EVERYONE_BOUND },
};

describe('score: authorization matrix of the reads, board.get bad inputs', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => {
    ({ emu, park } = await startScore(2));
    await setClock(emu, '2026-11-20T02:00:00Z');
    await award(emu, forPerson(park, '王芳', 'topicCompleted', 'topic-11'));
  });
  afterAll(() => emu?.stop());
  const actor = (who: Who) => matrixActor(emu, park, who, OTHER.admin.openid);

  test('each read × each caller', async () => {
    assert.deepEqual(await matrixProblems(emu, snapshot, 'score', Object.keys(READS), READS, actor), []);
  });

  test('board.get: bad inputs are INVALID_INPUT naming the field, in Chinese, writing nothing', async () => {
    const bad = {
      'board.get': [
        [{ measure: 'likes' }, 'measure'],
        [{ periodKind: 'week' }, 'periodKind'],
        [{ periodKind: 'month', period: '2026-13' }, 'period'],
        [{ periodKind: 'year', period: '2026-11' }, 'period'],
        [{ openid: 'o_someone_else' }, 'openid'],
      ] as Array<[unknown, string]>,
    };
    assert.deepEqual(await badInputProblems(emu, snapshot, 'score', ['board.get'], bad, () => actor('member')), []);
  });
});
