// Who may call what in `study`: every action of the contract (so a new action without a row fails)
// × every kind of caller, with a valid input aimed at branch A of the test park; refused calls write
// nothing. Then inputs the contract refuses: INVALID_INPUT naming the field, in Chinese, nothing written.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { contract } from '../../../shared/contract';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Row, WHO, badInputProblems, matrixActor, matrixProblems, outcomes } from '../../support/matrix.js';
import type { TestPark } from '../../support/park.js';
import { GOOD_NOTE, QUIZ, RIGHT, OTHER, snapshot, startStudy, topicInput } from './support.js';

/** Branch A's secretary and the park admin; B's secretary is refused; another park's admin finds nothing. */
const MANAGERS_OF_A = outcomes({ secA: 'ok', admin: 'ok', otherAdmin: 'NOT_FOUND' });
const EVERYONE_BOUND = outcomes({}, 'ok');
/** Party members (masses and the organizer are not); another park's admin finds nothing. */
const PARK_MEMBERS = outcomes({ member: 'ok', probationary: 'ok', secA: 'ok', secB: 'ok', admin: 'ok', otherAdmin: 'NOT_FOUND' });
/** Party members of branch A. */
const MEMBERS_OF_A = outcomes({ member: 'ok', probationary: 'ok', secA: 'ok', secB: 'NOT_FOUND', admin: 'NOT_FOUND', otherAdmin: 'NOT_FOUND' });

describe('study: authorization matrix and bad inputs', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let n = 0;
  let parkTopic: string;
  let topicA: string;
  let meetingA: string;
  const A = () => park.branches.A;
  const db = () => emu.app().database();

  const actor = (who: (typeof WHO)[number]) => matrixActor(emu, park, who, OTHER.admin.openid);

  /** A fresh park-wide topic straight in the database (so a once-only task can be done by every caller). */
  const freshTopic = async (): Promise<string> => {
    const _id = `topic-matrix-${++n}`;
    await db().collection('topics').add({
      _id, parkId: park.parkId, scope: 'park', branchId: null, month: '2026-11', title: `矩阵专题${n}`, deadline: '2026-11-30',
      materials: [{ kind: 'paragraph', text: '材料' }], noteMinLength: 10, quiz: QUIZ, assigned: {}, createdBy: { id: park.ids.周涛, name: '周涛' }, createdAt: new Date(),
    });
    return _id;
  };
  const pendingNote = async (): Promise<string> => {
    const topicId = await freshTopic();
    const _id = `${topicId}|${park.ids.王芳}`;
    const now = new Date();
    await db().collection('notes').add({
      _id, topicId, parkId: park.parkId, branchId: A(), personId: park.ids.王芳, name: '王芳', text: GOOD_NOTE, status: 'pending',
      reply: null, reviewedBy: null, submittedAt: now, updatedAt: now,
    });
    return _id;
  };
  const ref = () => ({ topicId: parkTopic, branchId: A() });
  const meetingInput = () => ({ branchId: 'branch-a', kind: 'partyDay', title: '主题党日', date: '2026-11-10', place: '会议室' });
  /** Each scheduling call a new day (a second 主题党日 on one day is refused as a clash). */
  let day = 0;
  const nextDay = () => new Date(Date.UTC(2026, 10, 11 + day++)).toISOString().slice(0, 10);
  /** A fresh meeting of branch A straight in the database (each caller cancels its own). */
  const freshMeeting = async (): Promise<string> => {
    const _id = `meeting-matrix-${++n}`;
    await db().collection('meetings').add({
      _id, parkId: park.parkId, branchId: A(), kind: 'partyLecture', title: `大党课${n}`, date: '2026-12-01', place: '报告厅', attendees: 0,
      seriesId: null, repeat: 'once', cancelled: false, cancelReason: null, cancelledBy: null, createdBy: { id: park.ids.李强, name: '李强' }, createdAt: new Date(),
    });
    return _id;
  };
  const content = (over: Record<string, unknown> = {}) => {
    const { scope: _s, month: _m, ...rest } = topicInput();
    return { ...rest, ...over };
  };

  const rows: Record<string, Row> = {
    'topics.create': { input: () => topicInput({ scope: 'branch', branchId: A(), title: `甲支部专题${++n}` }), expect: MANAGERS_OF_A },
    'topics.list': { input: () => ({}), expect: outcomes({ member: 'ok', probationary: 'ok', secA: 'ok', secB: 'ok', admin: 'ok', otherAdmin: 'ok' }) },
    'topics.draft': { input: () => ({ topicId: topicA }), expect: MANAGERS_OF_A },
    'topics.update': { input: () => ({ topicId: topicA, ...content({ title: `改过的专题${++n}` }) }), expect: MANAGERS_OF_A },
    'topics.get': { input: () => ({ topicId: topicA }), expect: { ...MEMBERS_OF_A, admin: 'ok' } },
    'topics.markRead': { input: () => ({ topicId: topicA }), expect: MEMBERS_OF_A },
    'notes.submit': { input: async () => ({ topicId: await freshTopic(), text: GOOD_NOTE }), expect: PARK_MEMBERS },
    'quiz.submit': { input: async () => ({ topicId: await freshTopic(), answers: RIGHT }), expect: PARK_MEMBERS },
    'topics.progress': { input: ref, expect: MANAGERS_OF_A },
    // Park-wide completion: the park admin only; another park's admin does not find the topic.
    'topics.parkProgress': { input: () => ({ topicId: parkTopic }), expect: outcomes({ admin: 'ok', otherAdmin: 'NOT_FOUND' }) },
    'topics.remind': { input: ref, expect: MANAGERS_OF_A },
    'topics.remindPreview': { input: ref, expect: MANAGERS_OF_A },
    'notes.list': { input: ref, expect: MANAGERS_OF_A },
    'notes.review': { input: async () => ({ noteId: await pendingNote(), decision: 'approve' }), expect: MANAGERS_OF_A },
    'inbox.list': { input: () => ({}), expect: EVERYONE_BOUND },
    'inbox.markRead': { input: () => ({ ids: ['no-such-message'] }), expect: EVERYONE_BOUND },
    'meetings.create': { input: () => ({ ...meetingInput(), date: nextDay() }), expect: MANAGERS_OF_A },
    'meetings.update': { input: () => ({ meetingId: meetingA, title: '主题党日', date: '2026-11-10', place: `会议室${++n}` }), expect: MANAGERS_OF_A },
    'meetings.cancel': { input: async () => ({ meetingId: await freshMeeting(), reason: '与全园区大会冲突' }), expect: MANAGERS_OF_A },
    'meetings.list': { input: () => ({}), expect: EVERYONE_BOUND },
    'meetings.code': { input: () => ({ meetingId: meetingA }), expect: MANAGERS_OF_A },
    'meetings.checkIn': {
      input: async () => ({ code: (await actor('secA').ok('study', 'meetings.code', { meetingId: meetingA })).code }),
      expect: outcomes({ member: 'ok', probationary: 'ok', secA: 'ok', admin: 'FORBIDDEN', otherAdmin: 'NOT_FOUND' }),
    },
    'meetings.attendance': { input: () => ({ meetingId: meetingA }), expect: MANAGERS_OF_A },
    'meetings.markPresent': { input: () => ({ meetingId: meetingA, personId: park.ids.赵敏, reason: '手机没电' }), expect: MANAGERS_OF_A },
    'meetings.record': { input: () => ({ meetingId: meetingA, chair: '李强', recorder: '王芳', agenda: '学习党章', minutes: `会议记录${++n}`, decisions: '', present: [], absences: [] }), expect: MANAGERS_OF_A },
    'meetings.backfill': {
      input: () => ({ branchId: A(), kind: 'committee', title: `支委会${++n}`, date: `2026-10-${String(n % 28 + 1).padStart(2, '0')}`, place: '会议室', chair: '李强', recorder: '王芳', agenda: '', minutes: '研究发展党员工作', decisions: '', present: [], absences: [] }),
      expect: MANAGERS_OF_A,
    },
    'meetings.recordGet': { input: () => ({ meetingId: meetingA }), expect: MANAGERS_OF_A },
  };

  beforeAll(async () => {
    ({ emu, park } = await startStudy());
    parkTopic = (await actor('admin').ok('study', 'topics.create', topicInput())).topic.id;
    topicA = (await actor('secA').ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: A() }))).topic.id;
    meetingA = (await actor('secA').ok('study', 'meetings.create', meetingInput())).meeting.id;
  });
  afterAll(() => emu?.stop());

  test('every action of the contract has a row (and every row an action)', () => {
    assert.deepEqual(Object.keys(rows).sort(), Object.keys(contract.study).sort());
  });

  test('each action × each caller gives the expected outcome; refusals write nothing', async () => {
    assert.deepEqual(await matrixProblems(emu, snapshot, 'study', Object.keys(contract.study), rows, actor), []);
  });

  const block = (over: Record<string, unknown>) => topicInput({ materials: [over] });
  const quiz = (over: Record<string, unknown>) => topicInput({ quiz: { ...QUIZ, ...over } });
  const BAD: Record<string, Array<[unknown, string]>> = {
    'topics.create': [
      [topicInput({ month: '2026-13' }), 'month'],
      [topicInput({ deadline: '2026-11-31' }), 'deadline'],
      [topicInput({ deadline: '2026-10-31' }), 'deadline'],
      [topicInput({ scope: 'branch' }), 'branchId'],
      [topicInput({ materials: [] }), 'materials'],
      [block({ kind: 'image', text: '' }), 'materials'],
      [block({ kind: 'link', text: '链接', url: 'javascript:alert(1)' }), 'materials'],
      [block({ kind: 'video', text: 'x' }), 'materials'],
      [topicInput({ noteMinLength: 2 }), 'noteMinLength'],
      [quiz({ passMark: 3 }), 'quiz'],
      [quiz({ questions: [{ ...QUIZ.questions[0], answer: [0, 1] }] }), 'quiz'],
      [quiz({ questions: [{ ...QUIZ.questions[0], answer: [5] }] }), 'quiz'],
      [topicInput({ createdBy: 'x' }), 'createdBy'],
      [topicInput({ parkId: OTHER.parkId }), 'parkId'],
    ],
    'topics.list': [[{ month: '11' }, 'month']],
    'topics.get': [[{ topicId: '' }, 'topicId']],
    'topics.markRead': [[{ topicId: 3 }, 'topicId'], [{ topicId: 'x', readSeconds: 60 }, 'readSeconds']],
    'notes.submit': [[{ topicId: 'x', text: '' }, 'text'], [{ topicId: 'x', text: '字'.repeat(2001) }, 'text'], [{ topicId: 'x', text: GOOD_NOTE, status: 'accepted' }, 'status']],
    'quiz.submit': [[{ topicId: 'x', answers: [] }, 'answers'], [{ topicId: 'x', answers: [[9]] }, 'answers'], [{ topicId: 'x', answers: RIGHT, passed: true }, 'passed']],
    'topics.progress': [[{ topicId: 'x' }, 'branchId']],
    'topics.parkProgress': [[{}, 'topicId'], [{ topicId: 'x', branchId: 'y' }, 'branchId']],
    'topics.remind': [[{ topicId: 'x', branchId: 'branch-a', personIds: [] }, 'personIds']],
    'topics.remindPreview': [[{ topicId: 'x' }, 'branchId']],
    'notes.list': [[{ branchId: 'branch-a' }, 'topicId']],
    'notes.review': [[{ noteId: 'x' }, 'decision'], [{ noteId: 'x', decision: 'publish' }, 'decision'], [{ noteId: 'x', reply: '' }, 'reply']],
    'inbox.list': [[{ limit: 500 }, 'limit'], [{ personId: 'person-1' }, 'personId']],
    'inbox.markRead': [[{ ids: [] }, 'ids']],
    'meetings.create': [
      [{ ...meetingInput(), kind: 'dinner' }, 'kind'],
      [{ ...meetingInput(), date: '2026-02-30' }, 'date'],
      [{ ...meetingInput(), place: '' }, 'place'],
      [{ ...meetingInput(), repeat: 'weekly', times: 4 }, 'repeat'],
      [{ ...meetingInput(), repeat: 'monthly', times: 1 }, 'times'],
      [{ ...meetingInput(), repeat: 'monthly', times: 13 }, 'times'],
      [{ ...meetingInput(), seriesId: 'mine' }, 'seriesId'],
      [{ ...meetingInput(), startTime: '25:00', endTime: '26:00' }, 'startTime'],
      [{ ...meetingInput(), startTime: '14:00' }, 'endTime'],
      [{ ...meetingInput(), startTime: '14:00', endTime: '13:00' }, 'endTime'],
    ],
    'meetings.update': [
      [{ meetingId: 'x', title: '', date: '2026-11-12', place: '会议室' }, 'title'],
      [{ meetingId: 'x', title: '主题党日', date: '11月12日', place: '会议室' }, 'date'],
      [{ meetingId: 'x', title: '主题党日', date: '2026-11-12', place: '会议室', attendees: 50 }, 'attendees'],
    ],
    'meetings.cancel': [
      [{ meetingId: 'x', reason: '' }, 'reason'],
      [{ meetingId: 'x', reason: '改期', following: 'yes' }, 'following'],
      [{ meetingId: 'x' }, 'reason'],
    ],
    'topics.draft': [[{}, 'topicId']],
    'topics.update': [
      [{ topicId: 'x', ...content({ noteMinLength: 1 }) }, 'noteMinLength'],
      [{ topicId: 'x', ...content({ deadline: '2026-11-31' }) }, 'deadline'],
      [{ topicId: 'x', ...content({ month: '2026-12' }) }, 'month'],
      [{ topicId: 'x', ...content({ scope: 'branch' }) }, 'scope'],
      [{ topicId: 'x', ...content({ materials: [] }) }, 'materials'],
    ],
    'meetings.list': [[{ branchId: '' }, 'branchId']],
    'meetings.code': [[{}, 'meetingId']],
    'meetings.checkIn': [[{ code: '' }, 'code'], [{ code: 'x', personId: 'person-1' }, 'personId']],
    'meetings.attendance': [[{ meetingId: 7 }, 'meetingId']],
    'meetings.markPresent': [
      [{ meetingId: 'x', personId: 'y', reason: '' }, 'reason'],
      [{ meetingId: 'x', reason: '手机没电' }, 'personId'],
      [{ meetingId: 'x', personId: 'y', reason: '手机没电', points: 100 }, 'points'],
    ],
    'meetings.record': [
      [{ meetingId: 'x', chair: '', recorder: '王芳', agenda: '', minutes: '记录', decisions: '' }, 'chair'],
      [{ meetingId: 'x', chair: '李强', recorder: '王芳', agenda: '', minutes: '', decisions: '' }, 'minutes'],
      [{ meetingId: 'x', chair: '李强', recorder: '王芳', agenda: '', minutes: '记录', decisions: '', present: ['p1'], absences: [{ personId: 'p1', leave: true, reason: '出差' }] }, 'absences'],
      [{ meetingId: 'x', chair: '李强', recorder: '王芳', agenda: '', minutes: '记录', decisions: '', absences: [{ personId: 'p1', leave: true, reason: '' }] }, 'absences'],
    ],
    'meetings.backfill': [
      [{ branchId: 'b', kind: 'groupMeeting', title: '党小组会', date: '2026-10-01', place: '会议室', chair: '李强', recorder: '王芳', agenda: '', minutes: '记录', decisions: '' }, 'groupId'],
      [{ branchId: 'b', kind: 'meeting', title: '会', date: '2026-10-01', place: '会议室', chair: '李强', recorder: '王芳', agenda: '', minutes: '记录', decisions: '' }, 'kind'],
    ],
    'meetings.recordGet': [[{}, 'meetingId']],
  };

  test('bad inputs to every action are INVALID_INPUT naming the field; nothing written', async () => {
    assert.deepEqual(await badInputProblems(emu, snapshot, 'study', Object.keys(contract.study), BAD, () => actor('admin')), []);
  });
});
