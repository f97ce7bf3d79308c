// Ids as production makes them: a roster entry's id is 32 hex characters (org's newId), so the
// composite ids of study — a note `<topicId>|<personId>`, a reminder with its day, a meeting notice —
// run to 65–98 characters. Each must pass through the actions that return or take them.
import { randomBytes } from 'node:crypto';
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { addPerson } from '../org/support.js';
import { startStudy, topicInput } from './support.js';

describe('study: production-length ids', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const longId = randomBytes(16).toString('hex');
  const member = () => as(emu, park, { openid: 'o_long_id_member' });
  const li = () => as(emu, park, '李强');

  beforeAll(async () => {
    ({ emu, park } = await startStudy());
    await addPerson(emu, park.parkId, park.branches.A, { _id: longId, name: '欧阳长名', openid: 'o_long_id_member', boundAt: new Date() });
  });
  afterAll(() => emu?.stop());

  test('a held note, a reminder and a meeting notice of a person with a 32-character id: listed, reviewed, marked read', async () => {
    const topicId = (await li().ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: park.branches.A, quiz: null }))).topic.id;
    assert.equal(topicId.length, 32);
    await li().ok('study', 'topics.remind', { topicId, branchId: park.branches.A });
    const held = await member().ok('study', 'notes.submit', { topicId, text: '学习体会很深刻，有问题【测试待审词】可以交流' });
    assert.equal(held.progress.note.id.length, 65);
    const { notes } = await li().ok('study', 'notes.list', { topicId, branchId: park.branches.A });
    const reviewed = await li().ok('study', 'notes.review', { noteId: notes.find((n: any) => n.personId === longId).id, decision: 'approve' });
    assert.equal(reviewed.note.status, 'accepted');

    const { meeting } = await li().ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '主题党日', date: '2026-11-20', place: '三楼' });
    await li().ok('study', 'meetings.update', { meetingId: meeting.id, title: '主题党日', date: '2026-11-21', place: '三楼' });
    const inbox = await member().ok('study', 'inbox.list', {});
    assert.deepEqual(inbox.messages.map((m: any) => m.kind).sort(), ['meetingChanged', 'studyReminder']);
    assert.ok(inbox.messages.every((m: any) => m.id.length > 64), inbox.messages.map((m: any) => m.id).join(' '));
    assert.deepEqual(await member().ok('study', 'inbox.markRead', { ids: inbox.messages.map((m: any) => m.id) }), { marked: 2 });
  });
});
