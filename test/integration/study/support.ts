// Helpers for the study tests: a clean emulator with the product functions, the test park and the
// other parks, a frozen clock, and topic inputs.
import type { EmulatorHandle } from '../../support/emulator.js';
import type { Actor, TestPark } from '../../support/park.js';
import { startSeeded } from '../org/support.js';

export { OTHER, assertError, doc, refusedBy, snapshot } from '../org/support.js';

export async function setClock(emu: EmulatorHandle, iso: string): Promise<void> {
  await emu.api('POST', '/_emulator/clock', { set: iso, freeze: true });
}

/** The test park etc., the clock frozen at 2026-11-10 10:00 China time. */
export async function startStudy(): Promise<{ emu: EmulatorHandle; park: TestPark }> {
  const s = await startSeeded();
  await setClock(s.emu, '2026-11-10T02:00:00Z');
  return s;
}

/** Two questions: a single choice (answer 1) and a multiple choice (answers 0 and 2). */
export const QUIZ = {
  questions: [
    { text: '党的根本宗旨是什么？', kind: 'single', choices: ['发展经济', '全心全意为人民服务', '改革开放'], answer: [1] },
    { text: '以下哪些属于“三会一课”？', kind: 'multiple', choices: ['支部党员大会', '茶话会', '党课'], answer: [0, 2] },
  ],
  passMark: 2,
  maxAttempts: 2,
};
export const RIGHT = [[1], [0, 2]];
export const WRONG = [[0], [0, 2]];

export function topicInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    scope: 'park', month: '2026-11', title: '十一月专题：学习党章', deadline: '2026-11-30',
    materials: [
      { kind: 'heading', text: '第一部分 总纲' },
      { kind: 'paragraph', text: '中国共产党是中国工人阶级的先锋队……' },
      { kind: 'image', text: '', url: 'https://example.cn/a.png' },
      { kind: 'link', text: '原文', url: 'https://www.12371.cn/' },
    ],
    noteMinLength: 10, quiz: QUIZ, ...over,
  };
}

export const GOOD_NOTE = '通过学习党章，我更加明确了党员的义务和权利，要在岗位上发挥先锋模范作用。';

/** Read, note, quiz: everything a member does to complete a topic. */
export async function complete(a: Actor, topicId: string, quiz = true): Promise<void> {
  await a.ok('study', 'topics.markRead', { topicId });
  await a.ok('study', 'notes.submit', { topicId, text: GOOD_NOTE });
  if (quiz) await a.ok('study', 'quiz.submit', { topicId, answers: RIGHT });
}

/** Points of a person's ledger entries for an item. */
export async function ledger(emu: EmulatorHandle, personId: string, item?: string): Promise<any[]> {
  const { data } = await emu.app().database().collection('points_ledger').where(item ? { personId, item } : { personId }).limit(1000).get();
  return data;
}

/**
 * `count` bound full members of branch A (`<prefix>-i`, openid `o_<prefix>_i`, named 党员i, phone `<phoneStem>` + i),
 * straight in the database, the branch's memberCount raised with them: a crowd for the check-in tests.
 */
export async function addBoundMembers(emu: EmulatorHandle, park: TestPark, prefix: string, count: number, phoneStem: string): Promise<void> {
  const db = emu.app().database();
  const now = new Date('2026-11-10T02:00:00Z');
  await db.collection('people').add(Array.from({ length: count }, (_, i) => ({
    _id: `${prefix}-${i}`, openid: `o_${prefix}_${i}`, parkId: park.parkId, branchId: park.branches.A, groupId: null, name: `党员${i}`, phone: `${phoneStem}${String(i).padStart(4, '0')}`,
    memberType: 'full', joinedPartyOn: '2015-07-01', fullMemberOn: '2016-07-01', posts: [], responsibilityArea: null, secretaryOf: [],
    organizer: false, parkAdmin: false, createdAt: now, updatedAt: now, boundAt: now,
  })));
  await db.collection('branches').doc(park.branches.A).update({ memberCount: db.command.inc(count) });
}
