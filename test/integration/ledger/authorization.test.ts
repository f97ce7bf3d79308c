// Who may call what in `ledger`: every action of the contract (a new action without a row fails) × every kind of
// caller, aimed at branch A of the test park; refused calls write nothing. Then inputs the contract refuses.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { contract } from '../../../shared/contract';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Row, WHO, badInputProblems, matrixActor, matrixProblems, outcomes } from '../../support/matrix.js';
import type { TestPark } from '../../support/park.js';
import { OTHER, snapshot, startStudy } from '../study/support.js';
import { createHash } from 'node:crypto';

/** Branch A's secretary and the park admin; B's secretary is refused; another park's admin finds nothing. */
const MANAGERS_OF_A = outcomes({ secA: 'ok', admin: 'ok', otherAdmin: 'NOT_FOUND' });
/** Park admins (each of their own park). */
const PARK_ADMINS = outcomes({ admin: 'ok', otherAdmin: 'ok' });

describe('ledger: authorization matrix and bad inputs', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const actor = (who: (typeof WHO)[number]) => matrixActor(emu, park, who, OTHER.admin.openid);

  const JOB = 'ab'.repeat(16);
  /** A display key of the test park (display.get needs no identity: anyone holding it, a stranger too). */
  const SECRET = 'k'.repeat(43);
  let displayKeys = 0;
  /** A fresh key of the test park for each revoke. */
  const freshKey = async () => {
    const id = `dk${++displayKeys}`;
    await emu.app().database().collection('display_keys').doc(id).set({
      parkId: park.parkId, label: '大屏', hash: `h${id}`, createdAt: new Date(), createdBy: { id: park.ids.周涛, name: '周涛' }, lastUsedAt: null, revokedAt: null, revokedBy: null,
    });
    return id;
  };
  beforeAll(async () => {
    ({ emu, park } = await startStudy());
    // A park export in steps started by 周涛 (one chunk left, one file per branch).
    const now = new Date();
    await emu.app().database().collection('ledger_jobs').doc(JOB).set({
      parkId: park.parkId, personId: park.ids.周涛, input: { period: '2026-11', sheets: ['roster'], split: 'perBranch', fullPhones: false },
      branchIds: [park.branches.A, park.branches.B], next: 0, chunks: 1, parts: [], files: [], done: false, at: now, createdAt: now, updatedAt: now,
    });
    await emu.app().database().collection('display_keys').doc('dk-screen').set({
      parkId: park.parkId, label: '大屏', hash: createHash('sha256').update(SECRET).digest('hex'), createdAt: now, createdBy: { id: park.ids.周涛, name: '周涛' },
      lastUsedAt: null, revokedAt: null, revokedBy: null,
    });
  });
  afterAll(() => emu?.stop());

  const rows: Record<string, Row> = {
    'compliance.branch': { input: () => ({ branchId: park.branches.A, year: '2026' }), expect: MANAGERS_OF_A },
    'compliance.park': { input: () => ({ year: '2026' }), expect: PARK_ADMINS },
    'export.create': { input: () => ({ branchId: park.branches.A, period: '2026-11', sheets: ['roster'] }), expect: MANAGERS_OF_A },
    'dashboard.get': { input: () => ({ branchId: park.branches.A, year: '2026' }), expect: MANAGERS_OF_A },
    // Only its author; another park's admin does not find it.
    'export.continue': { input: () => ({ jobId: JOB }), expect: outcomes({ admin: 'ok', otherAdmin: 'NOT_FOUND' }) },
    // The display screen's keys: park admins (each of their own park); the screen itself: whoever holds a key.
    'displayKeys.create': { input: () => ({ label: '党群服务中心大屏' }), expect: PARK_ADMINS },
    'displayKeys.list': { input: () => ({}), expect: PARK_ADMINS },
    'displayKeys.revoke': { input: async () => ({ keyId: await freshKey() }), expect: outcomes({ admin: 'ok', otherAdmin: 'NOT_FOUND' }) },
    'display.get': { input: () => ({ key: SECRET }), expect: outcomes({ stranger: 'ok' }, 'ok') },
  };

  test('every action has a row', () => {
    assert.deepEqual(Object.keys(contract.ledger).filter((a) => !rows[a]), []);
  });

  test('each action × each caller', async () => {
    assert.deepEqual(await matrixProblems(emu, snapshot, 'ledger', Object.keys(contract.ledger), rows, actor), []);
  });

  const BAD: Record<string, Array<[unknown, string]>> = {
    'compliance.branch': [[{ branchId: 'b', year: '26' }, 'year'], [{ year: '2026' }, 'branchId']],
    'compliance.park': [[{ year: '2026年' }, 'year']],
    'export.create': [
      [{ period: '2026-Q5' }, 'period'],
      [{ period: '2026', sheets: [] }, 'sheets'],
      [{ period: '2026', sheets: ['ledger'] }, 'sheets'],
      [{ branchId: 'b', period: '2026', split: 'perBranch' }, 'split'],
      [{ period: '2026', openid: 'x' }, 'openid'],
    ],
    'export.continue': [[{ jobId: 'x' }, 'jobId'], [{}, 'jobId']],
    'dashboard.get': [[{ year: '26' }, 'year'], [{ branchId: 'b' }, 'year']],
    'displayKeys.create': [[{ label: ' ' }, 'label'], [{ label: '大'.repeat(31) }, 'label'], [{ label: '大屏', parkId: 'x' }, 'parkId']],
    'displayKeys.list': [[{ all: true }, 'all']],
    'displayKeys.revoke': [[{}, 'keyId'], [{ keyId: '' }, 'keyId']],
    'display.get': [[{}, 'key'], [{ key: 'k'.repeat(201) }, 'key'], [{ key: SECRET, openid: 'x' }, 'openid']],
  };

  test('bad inputs to every action are INVALID_INPUT naming the field; nothing written', async () => {
    assert.deepEqual(await badInputProblems(emu, snapshot, 'ledger', Object.keys(contract.ledger), BAD, () => actor('admin')), []);
  });
});
