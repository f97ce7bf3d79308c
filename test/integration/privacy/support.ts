// Helpers for the privacy tests: a person's records made through the real functions (a study topic
// completed, a reminder, a 主题党日 check-in, a point correction, roster and role changes by others),
// and a scan of every declared collection for a string.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type EmulatorHandle, ROOT } from '../../support/emulator.js';
import { as, type Persona, type TestPark } from '../../support/park.js';
import { complete, setClock, topicInput } from '../study/support.js';

export { setClock };

/** Every collection the product declares (a new one is scanned without editing this). */
export const COLLECTIONS: string[] = (JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions/collections.json'), 'utf8')) as { collections: Array<{ name: string }> }).collections.map((c) => c.name);

/** Every document of every declared collection, page by page (no 1,000 cut-off), as JSON text per collection. */
export async function everyDocument(emu: EmulatorHandle): Promise<Map<string, string[]>> {
  const db = emu.app().database();
  const out = new Map<string, string[]>();
  for (const c of COLLECTIONS) {
    const docs: string[] = [];
    for (let skip = 0; ; skip += 1000) {
      const { data } = await db.collection(c).orderBy('_id', 'asc').skip(skip).limit(1000).get();
      docs.push(...(data as unknown[]).map((d) => JSON.stringify(d)));
      if (data.length < 1000) break;
    }
    out.set(c, docs);
  }
  return out;
}

/** Where `needle` still appears: "collection: document" lines (empty = nowhere). */
export async function whereFound(emu: EmulatorHandle, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const [c, docs] of await everyDocument(emu)) for (const d of docs) if (d.includes(needle)) found.push(`${c}: ${d.slice(0, 200)}`);
  return found;
}

/**
 * Records about `who` (a member of branch A, bound) made as people make them, the clock at
 * 2026-11-10 10:00 China time: a park-wide topic (a reminder from 李强 first, then read, note with a
 * reply, quiz: three awards), a 主题党日 today checked in (one award), one award corrected by 李强, the
 * responsibility area changed by 李强 and the 组织者 role given by 周涛. Returns the topic and meeting.
 */
export async function giveRecords(emu: EmulatorHandle, park: TestPark, who: Persona): Promise<{ topicId: string; meetingId: string }> {
  await setClock(emu, '2026-11-10T02:00:00Z');
  const me = as(emu, park, who);
  const li = as(emu, park, '李强');
  const zhou = as(emu, park, '周涛');
  const { topic } = await zhou.ok('study', 'topics.create', topicInput());
  await li.ok('study', 'topics.remind', { topicId: topic.id, branchId: park.branches.A });
  await complete(me, topic.id);
  const { notes } = await li.ok('study', 'notes.list', { topicId: topic.id, branchId: park.branches.A });
  const note = notes.find((n: any) => n.personId === park.ids[who]);
  await li.ok('study', 'notes.review', { noteId: note.id, reply: '写得很好，继续保持！' });
  const { meeting } = await li.ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '十一月主题党日', date: '2026-11-10', place: '三楼会议室' });
  const { code } = await li.ok('study', 'meetings.code', { meetingId: meeting.id });
  await me.ok('study', 'meetings.checkIn', { code });
  const { entries } = await li.ok('score', 'ledger.list', { personId: park.ids[who] });
  const quiz = entries.find((e: any) => e.item === 'quizPassed');
  await li.ok('score', 'ledger.reverse', { entryId: quiz.id, reason: '测验由他人代答' });
  await li.ok('org', 'people.update', { personId: park.ids[who], responsibilityArea: '三号车间' });
  await zhou.ok('org', 'roles.set', { personId: park.ids[who], organizer: true });
  return { topicId: topic.id, meetingId: meeting.id };
}
