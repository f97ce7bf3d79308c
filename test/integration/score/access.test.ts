// The score actions as people use them: my points, history and rank; the opt-in rules for individual
// rankings; the points table and settings (park admin, versioned, conflicts); corrections by reversing
// entry (the person's secretary or a park admin, audited); who may call what; bad input writes nothing.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEFAULT_POINTS_TABLE } from '../../../shared/points';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { OTHER, assertError, auditOf } from '../org/support.js';
import { award, forPerson, getDoc, refused, setClock, startScore, totalPoints, startNovember } from './support.js';

describe('score actions', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => {
    ({ emu, park } = await startScore(2));
    await startNovember(emu, park);
    await award(emu, forPerson(park, '王芳', 'quizPassed', 'quiz-10', { at: '2026-10-08T02:00:00Z' }));
  });
  afterAll(() => emu?.stop());

  test('a member sees their own points and their place in their branch this month', async () => {
    const wang = await as(emu, park, '王芳').ok('score', 'me.summary');
    assert.deepEqual(wang, {
      year: 15, quarter: 15, month: 10, periods: { month: '2026-11', quarter: '2026-Q4', year: '2026' },
      branchRank: { rank: 2, of: 4 }, optIn: false, individualRankingEnabled: false,
    });
    assert.deepEqual((await as(emu, park, '李强').ok('score', 'me.summary')).branchRank, { rank: 1, of: 4 });
    assert.deepEqual((await as(emu, park, '赵敏').ok('score', 'me.summary')).branchRank, { rank: 2, of: 4 }, 'equal points share a place');
    const chen = await as(emu, park, '陈静').ok('score', 'me.summary');
    assert.deepEqual([chen.month, chen.branchRank], [0, { rank: 4, of: 4 }], 'no points: the last place');
  });

  test('a member sees their history, newest first, by year and page', async () => {
    const me = as(emu, park, '王芳');
    const h = await me.ok('score', 'me.history', {});
    assert.equal(h.total, 2);
    assert.deepEqual(h.entries.map((e: any) => [e.item, e.points, e.day, e.kind]), [['topicCompleted', 10, '2026-11-20', 'award'], ['quizPassed', 5, '2026-10-08', 'award']]);
    assert.equal((await me.ok('score', 'me.history', { limit: 1, offset: 1 })).entries[0].item, 'quizPassed');
    assert.equal((await me.ok('score', 'me.history', { year: '2025' })).total, 0);
  });

  test('individual rankings: off unless the park admin turns them on AND the member opts in', async () => {
    const board = () => as(emu, park, '陈静').ok('score', 'leaderboard', {});
    assert.equal((await board()).individuals, null);
    assert.deepEqual(await as(emu, park, '王芳').ok('score', 'me.setOptIn', { optIn: true }), { optIn: true });
    assert.equal((await board()).individuals, null, 'opting in alone publishes nothing');
    await as(emu, park, '周涛').ok('score', 'settings.update', { individualRanking: true });
    assert.deepEqual((await board()).individuals, [{ rank: 1, name: '王芳', branchName: '新能源公司党支部', points: 10 }], 'only the member who opted in');
    assert.equal((await as(emu, park, '王芳').ok('score', 'me.summary')).individualRankingEnabled, true);
    await as(emu, park, '李强').ok('score', 'me.setOptIn', { optIn: true });
    assert.deepEqual((await board()).individuals.map((r: any) => [r.rank, r.name, r.points]), [[1, '李强', 20], [2, '王芳', 10]]);
    await as(emu, park, '王芳').ok('score', 'me.setOptIn', { optIn: false });
    assert.deepEqual((await board()).individuals.map((r: any) => r.name), ['李强']);
    await as(emu, park, '周涛').ok('score', 'settings.update', { individualRanking: false });
    assert.equal((await board()).individuals, null);
    // Nobody opts anyone else in.
    await refused(emu, as(emu, park, '李强'), 'me.setOptIn', { optIn: true, personId: park.ids.赵敏 }, 'INVALID_INPUT');
  });

  test('the points table: defaults at version 0, versioned saves, a stale save is a CONFLICT', async () => {
    const admin = as(emu, park, '周涛');
    const t0 = await as(emu, park, '王芳').ok('score', 'table.get');
    assert.deepEqual(t0, { version: 0, table: DEFAULT_POINTS_TABLE, updatedAt: null, updatedBy: null });
    const table = { ...DEFAULT_POINTS_TABLE, noteWritten: { ...DEFAULT_POINTS_TABLE.noteWritten, points: 3 } };
    const t1 = await admin.ok('score', 'table.update', { version: 0, table });
    assert.deepEqual([t1.version, t1.table.noteWritten.points, t1.updatedBy], [1, 3, '周涛']);
    assert.equal((await getDoc(emu, 'points_tables', `${park.parkId}|v0`)), undefined);
    assert.equal((await getDoc(emu, 'points_tables', `${park.parkId}|v1`)).version, 1);
    await refused(emu, admin, 'table.update', { version: 0, table: DEFAULT_POINTS_TABLE }, 'CONFLICT');
    // Two editors who loaded version 1 save at once: one lands.
    const [a, b] = await Promise.all([admin.call('score', 'table.update', { version: 1, table: DEFAULT_POINTS_TABLE }), admin.call('score', 'table.update', { version: 1, table })]);
    assert.deepEqual([a.ok, b.ok].sort(), [false, true]);
    assertError(a.ok ? b : a, 'CONFLICT');
    assert.equal((await as(emu, park, '王芳').ok('score', 'table.get')).version, 2);
    assert.equal((await auditOf(emu, park.parkId, 'points.table')).length, 2);
    // The park's current table, where awards read it (beside the totals), is the version that landed, not the refused one.
    const landed = await getDoc(emu, 'points_tables', `${park.parkId}|v2`);
    const current = await getDoc(emu, 'points_totals', `T|${park.parkId}`);
    assert.deepEqual([current.scope, current.version, current.table], ['table', 2, landed.table]);
    // Another park still has the defaults.
    assert.equal((await as(emu, null, { openid: OTHER.admin.openid }).ok('score', 'table.get')).version, 0);
  });

  test('settings: park admin only, defaults, audited', async () => {
    const other = await as(emu, null, { openid: OTHER.admin.openid }).ok('score', 'settings.get');
    assert.deepEqual(other, { individualRanking: false, minRankedMembers: 3, flagMeasure: 'pointsPerMember' });
    const s = await as(emu, park, '周涛').ok('score', 'settings.update', { flagMeasure: 'studyRate' });
    assert.equal(s.flagMeasure, 'studyRate');
    assert.ok((await auditOf(emu, park.parkId, 'score.settings')).length >= 1);
  });

  test('a correction is a reversing entry with a reason; the ledger entry itself is never edited', async () => {
    const wang = as(emu, park, '王芳');
    const [entry] = (await wang.ok('score', 'me.history', { year: '2026' })).entries;
    const original = await getDoc(emu, 'points_ledger', entry.id);
    await setClock(emu, '2026-12-03T02:00:00Z'); // corrected the next month
    const { entry: rev } = await as(emu, park, '李强').ok('score', 'ledger.reverse', { entryId: entry.id, reason: '未实际完成' });
    assert.deepEqual([rev.kind, rev.points, rev.reverses, rev.reason, rev.day], ['reversal', -10, entry.id, '未实际完成', '2026-11-20']);
    // Untouched but for its pending mark, which the daily timer removed when the clock passed 03:30 (not the correction).
    const { pending: _before, ...kept } = original;
    const { pending: after, ...now } = await getDoc(emu, 'points_ledger', entry.id);
    assert.deepEqual([now, after], [kept, undefined], 'the original is untouched');
    // The totals of the period the points were counted in go down.
    assert.equal(await totalPoints(emu, `P|${park.ids.王芳}|2026-11`), 0);
    assert.equal(await totalPoints(emu, `P|${park.ids.王芳}|2026`), 5);
    assert.equal(await totalPoints(emu, `B|${park.branches.A}|2026-11`), 30);
    const h = await wang.ok('score', 'me.history', {});
    assert.deepEqual(h.entries.map((e: any) => [e.kind, e.points, e.reversedBy]), [['reversal', -10, null], ['award', 10, rev.id], ['award', 5, null]]);
    const [logged] = await auditOf(emu, park.parkId, 'points.reverse');
    assert.deepEqual([logged.actor.name, logged.detail.entryId, logged.detail.reason], ['李强', entry.id, '未实际完成']);
    // Once only; a reversal is not reversed.
    await refused(emu, as(emu, park, '周涛'), 'ledger.reverse', { entryId: entry.id, reason: '再次更正' }, 'CONFLICT');
    await refused(emu, as(emu, park, '周涛'), 'ledger.reverse', { entryId: rev.id, reason: '撤销更正' }, 'INVALID_INPUT');
    // The cap room comes back: the same topic item can be earned again this... November (monthly cap 20).
    assert.equal((await award(emu, forPerson(park, '王芳', 'topicCompleted', 'topic-11b', { at: '2026-11-28T02:00:00Z' }))).points, 10);
  });

  test('a secretary sees and corrects only their own branch; a park admin any in the park', async () => {
    const li = as(emu, park, '李强');
    assert.equal((await li.ok('score', 'ledger.list', { personId: park.ids.赵敏 })).total, 1);
    await refused(emu, li, 'ledger.list', { personId: park.ids.张伟 }, 'FORBIDDEN');
    const zhang = as(emu, park, '张伟');
    const { entries } = await li.ok('score', 'ledger.list', { personId: park.ids.赵敏 });
    await refused(emu, zhang, 'ledger.reverse', { entryId: entries[0].id, reason: '错误' }, 'FORBIDDEN');
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'ledger.list', { personId: park.ids.赵敏 }, 'NOT_FOUND');
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'ledger.reverse', { entryId: entries[0].id, reason: '错误' }, 'NOT_FOUND');
    assert.equal((await as(emu, park, '周涛').ok('score', 'ledger.list', { personId: park.ids.赵敏 })).total, 1);
  });

  test('who may call what', async () => {
    const member = as(emu, park, '王芳');
    const stranger = as(emu, null, { openid: 'o_stranger' });
    const table = { version: 9, table: DEFAULT_POINTS_TABLE };
    for (const [action, input] of [['table.update', table], ['settings.get', {}], ['settings.update', { individualRanking: true }], ['ledger.list', { personId: park.ids.王芳 }], ['ledger.reverse', { entryId: 'x', reason: 'y' }]] as const) {
      await refused(emu, member, action, input, 'FORBIDDEN');
      if (!action.startsWith('ledger')) await refused(emu, as(emu, park, '李强'), action, input, 'FORBIDDEN');
    }
    for (const action of ['me.summary', 'me.history', 'me.setOptIn', 'leaderboard', 'flags.list', 'table.get', 'settings.get']) {
      await refused(emu, stranger, action, action === 'me.setOptIn' ? { optIn: true } : {}, 'NOT_BOUND');
    }
    const anonymous = (await emu.app().callFunction({ name: 'score', data: { action: 'me.summary', input: {} } })).result as any;
    assertError(anonymous, 'UNAUTHENTICATED');
    // A secretary may not edit the table or the settings.
    await refused(emu, as(emu, park, '张伟'), 'table.update', table, 'FORBIDDEN');
    await refused(emu, as(emu, park, '张伟'), 'settings.update', { minRankedMembers: 1 }, 'FORBIDDEN');
  });

  test('bad input is INVALID_INPUT and writes nothing', async () => {
    const admin = as(emu, park, '周涛');
    const member = as(emu, park, '王芳');
    const bad: Array<[typeof admin, string, unknown]> = [
      [member, 'leaderboard', { periodKind: 'month', period: '2026-13' }],
      [member, 'leaderboard', { periodKind: 'quarter', period: '2026-11' }],
      [member, 'leaderboard', { measure: 'likes' }],
      [member, 'me.history', { limit: 500 }],
      [member, 'me.history', { year: '26' }],
      [member, 'me.setOptIn', { optIn: 'yes' }],
      [admin, 'table.update', { version: 0, table: { ...DEFAULT_POINTS_TABLE, quizPassed: { ...DEFAULT_POINTS_TABLE.quizPassed, points: -1 } } }],
      [admin, 'table.update', { version: 0, table: { ...DEFAULT_POINTS_TABLE, extra: DEFAULT_POINTS_TABLE.quizPassed } }],
      [admin, 'table.update', { version: -1, table: DEFAULT_POINTS_TABLE }],
      [admin, 'settings.update', { minRankedMembers: 0 }],
      [admin, 'settings.update', { flagMeasure: 'likes' }],
      [admin, 'ledger.reverse', { entryId: 'x', reason: '   ' }],
      [admin, 'ledger.list', { personId: '' }],
    ];
    for (const [who, action, input] of bad) await refused(emu, who, action, input, 'INVALID_INPUT');
    const { table } = await admin.ok('score', 'table.get');
    assert.equal(Object.keys(table).length, Object.keys(DEFAULT_POINTS_TABLE).length);
  });
});
