// Who may call what in `files`: every action of the contract (a new action without a row fails) × every kind of
// caller, aimed at a meeting of branch A of the test park; refused calls write nothing. Then inputs the contract
// refuses: INVALID_INPUT naming the field, in Chinese, nothing written.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { contract } from '../../../shared/contract';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Row, type Who, WHO, badInputProblems, matrixActor, matrixProblems, outcomes } from '../../support/matrix.js';
import type { TestPark } from '../../support/park.js';
import { OTHER, snapshot, startSeeded } from '../org/support.js';
import { mediaChecksSettled, png, upload } from './support.js';

/** People of branch A (masses too: it is their branch's meeting), its secretary, the park admin. */
const SEES_A = outcomes({ member: 'ok', probationary: 'ok', masses: 'ok', secA: 'ok', admin: 'ok', secB: 'NOT_FOUND', organizer: 'NOT_FOUND', otherAdmin: 'NOT_FOUND' });
/** Branch A's secretary and the park admin; the rest of branch A may look but not change; others find nothing. */
const MANAGES_A = outcomes({ secA: 'ok', admin: 'ok', secB: 'NOT_FOUND', organizer: 'NOT_FOUND', otherAdmin: 'NOT_FOUND' });

describe('files: authorization matrix and bad inputs', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let meetingA: string;
  let passed: string;
  let n = 0;
  const actor = (who: (typeof WHO)[number]) => matrixActor(emu, park, who, OTHER.admin.openid);
  const record = () => ({ kind: 'meeting', id: meetingA });
  const UNKNOWN = 'cloud://redpark-local.7265-redpark-local-1250000000/uploads/none/none.png';
  /** An upload of the caller's own (a stranger has none: a made-up id). */
  const ownUpload = async (who: Who): Promise<string> => (who === 'stranger' ? UNKNOWN : (await upload(emu, actor(who), [png(`m${++n}`)]))[0]!);
  /** A fresh photo of meeting A added by its secretary. */
  const freshPhoto = async (): Promise<string> => {
    const [id] = await upload(emu, actor('secA'), [png(`p${++n}`)]);
    await actor('secA').ok('files', 'files.attach', { record: record(), purpose: 'photo', fileIds: [id] });
    return id!;
  };

  const rows: Record<string, Row> = {
    'files.prepare': { input: () => ({ files: [{ ext: 'jpg', size: 1000 }] }), expect: outcomes({}, 'ok') },
    'files.attach': { input: async (who) => ({ record: record(), purpose: 'photo', fileIds: [await ownUpload(who)] }), expect: MANAGES_A },
    'files.list': { input: () => ({ record: record() }), expect: SEES_A },
    'files.url': { input: () => ({ fileId: passed }), expect: SEES_A },
    'files.remove': { input: () => freshPhoto().then((fileId) => ({ fileId })), expect: MANAGES_A },
  };

  beforeAll(async () => {
    ({ emu, park } = await startSeeded());
    await emu.api('POST', '/_emulator/clock', { set: '2026-11-10T02:00:00Z', freeze: true });
    meetingA = (await actor('secA').ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '主题党日', date: '2026-11-20', place: '会议室' })).meeting.id;
    passed = await freshPhoto();
    await mediaChecksSettled(emu);
  }, 60_000);
  afterAll(() => emu?.stop());

  test('every action of the contract has a row (and every row an action)', () => {
    assert.deepEqual(Object.keys(rows).sort(), Object.keys(contract.files).sort());
  });

  test('each action × each caller gives the expected outcome; refusals write nothing', async () => {
    assert.deepEqual(await matrixProblems(emu, snapshot, 'files', Object.keys(contract.files), rows, actor), []);
  }, 120_000);

  const BAD: Record<string, Array<[unknown, string]>> = {
    'files.prepare': [
      [{ files: [] }, 'files'],
      [{ files: [{ ext: 'exe', size: 10 }] }, 'files'],
      [{ files: [{ ext: 'png', size: 0 }] }, 'files'],
      [{ files: Array.from({ length: 10 }, () => ({ ext: 'png', size: 10 })) }, 'files'],
      [{ files: [{ ext: 'png', size: 10 }], uploaderId: 'person-1' }, 'uploaderId'],
    ],
    'files.attach': [
      [{ record: { kind: 'meeting', id: 'x' }, purpose: 'photo', fileIds: ['https://example.cn/a.png'] }, 'fileIds'],
      [{ record: { kind: 'ledger', id: 'x' }, purpose: 'photo', fileIds: [UNKNOWN] }, 'record'],
      [{ record: { kind: 'meeting', id: 'x' }, purpose: 'selfie', fileIds: [UNKNOWN] }, 'purpose'],
      [{ record: { kind: 'meeting', id: 'x' }, purpose: 'photo', fileIds: [] }, 'fileIds'],
    ],
    'files.list': [[{ record: { kind: 'meeting' } }, 'record'], [{}, 'record']],
    'files.url': [[{ fileId: 'abc' }, 'fileId'], [{ fileId: UNKNOWN, openid: 'o_x' }, 'openid']],
    'files.remove': [[{ fileId: '' }, 'fileId']],
  };

  test('bad inputs to every action are INVALID_INPUT naming the field; nothing written', async () => {
    assert.deepEqual(await badInputProblems(emu, snapshot, 'files', Object.keys(contract.files), BAD, () => actor('admin')), []);
  });
});
