// Who may call what in `remind`: every action of the contract × every kind of caller; refused calls write
// nothing. Then inputs the contract refuses: INVALID_INPUT naming the field, in Chinese, nothing written. And the
// timer: a client calling with a timer-shaped event runs nothing.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { contract } from '../../../shared/contract';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Row, WHO, badInputProblems, matrixActor, matrixProblems, outcomes } from '../../support/matrix.js';
import type { TestPark } from '../../support/park.js';
import { OTHER, snapshot, startSeeded } from '../org/support.js';

const EVERYONE_BOUND = outcomes({}, 'ok');
/** Park admins, each of their own park. */
const PARK_ADMINS = outcomes({ admin: 'ok', otherAdmin: 'ok' });

describe('remind: authorization matrix and bad inputs', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const actor = (who: (typeof WHO)[number]) => matrixActor(emu, park, who, OTHER.admin.openid);

  beforeAll(async () => {
    ({ emu, park } = await startSeeded());
  }, 60_000);
  afterAll(() => emu?.stop());

  const rows: Record<string, Row> = {
    'consent.record': { input: () => ({ answers: { TPL_TODO: 'accept', TPL_STUDY_DUE: 'reject' } }), expect: EVERYONE_BOUND },
    'settings.mine': { input: () => ({}), expect: EVERYONE_BOUND },
    'settings.set': { input: () => ({ kind: 'topicDue', on: false }), expect: EVERYONE_BOUND },
    'park.quiet': { input: () => ({ quietStart: '21:30', quietEnd: '07:30' }), expect: PARK_ADMINS },
    'errors.list': { input: () => ({}), expect: PARK_ADMINS },
  };

  test('every action of the contract has a row (and every row an action)', () => {
    assert.deepEqual(Object.keys(rows).sort(), Object.keys(contract.remind).sort());
  });

  test('each action × each caller gives the expected outcome; refusals write nothing', async () => {
    assert.deepEqual(await matrixProblems(emu, snapshot, 'remind', Object.keys(contract.remind), rows, actor), []);
  });

  const BAD: Record<string, Array<[unknown, string]>> = {
    'consent.record': [[{ answers: { TPL_NOPE: 'accept' } }, 'answers'], [{ answers: {} }, 'answers'], [{ answers: { TPL_TODO: 'maybe' } }, 'answers'], [{ answers: { TPL_TODO: 'accept' }, personId: 'person-1' }, 'personId']],
    'settings.mine': [[{ personId: 'person-1' }, 'personId']],
    'settings.set': [[{ kind: 'pledgeDue', on: true }, 'kind'], [{ kind: 'topicDue' }, 'on']],
    // The same time twice, or 15 hours (longer than 14: the day's reminders would wait until the evening).
    'park.quiet': [[{ quietStart: '25:00', quietEnd: '08:00' }, 'quietStart'], [{ quietStart: '22:00' }, 'quietEnd'], [{ quietStart: '22:00', quietEnd: '22:00' }, 'quietEnd'], [{ quietStart: '17:00', quietEnd: '08:00' }, 'quietEnd']],
    'errors.list': [[{ limit: 500 }, 'limit']],
  };

  test('bad inputs to every action are INVALID_INPUT naming the field; nothing written', async () => {
    assert.deepEqual(await badInputProblems(emu, snapshot, 'remind', Object.keys(contract.remind), BAD, () => actor('admin')), []);
  });

  test('the settings a member sets are their own: the quota counts, a kind turned off, organizer kinds only for organizers', async () => {
    const member = actor('member');
    const before = await member.ok('remind', 'settings.mine', {});
    assert.ok(!before.kinds.some((k: any) => k.kind === 'hoursPending'), 'a member sees no organizer kinds');
    assert.ok((await actor('organizer').ok('remind', 'settings.mine', {})).kinds.some((k: any) => k.kind === 'hoursPending'));
    const after = await member.ok('remind', 'consent.record', { answers: { TPL_PARTY_DAY: 'accept', TPL_TODO: 'ban' } });
    assert.equal(after.quota.TPL_PARTY_DAY, before.quota.TPL_PARTY_DAY + 1);
    assert.equal(after.quota.TPL_TODO, before.quota.TPL_TODO, 'ban adds nothing');
    const { data } = await emu.app().database().collection('reminder_subscribers').doc(park.ids.王芳).get();
    assert.equal(data[0].parkId, park.parkId);
  });

  test('a client sending a timer event runs no timer', async () => {
    const r = await actor('admin').call('remind', 'x');
    assert.equal(r.ok, false);
    const app = emu.appAs(park.openids.周涛!);
    const res = (await app.callFunction({ name: 'remind', data: { Type: 'Timer', TriggerName: 'send' } })).result as any;
    assert.equal(res.ok, false);
  });
});
