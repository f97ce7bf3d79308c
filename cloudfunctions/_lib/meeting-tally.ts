// A meeting's check-in count without a hot document: in a surge (300 people checking in to one 大党课 within two
// minutes) every check-in transaction incrementing `meetings.attendees` conflicts with every other one and retries.
// So only the FIRST check-in writes the meeting document (attendees 0 → 1: "someone came", which is what cancelling,
// moving and the compliance rules look at, and which a concurrent cancel conflicts with); every later one adds 1 to a
// random one of TALLY_SHARDS shard documents in its transaction (attendance + shard commit together, exactly once).
// Marks by hand and meeting records keep incrementing `attendees` (a secretary's rare writes).
//
// Since issue 21's surge work a check-in after the first writes no transaction at all: once `attendees` > 0 a
// meeting can no longer be cancelled or moved, so nothing is left to conflict with. Its attendance is inserted
// (deterministic _id: a second insert is refused, so it counts once) with `tally: true`, then countOnShard adds 1
// to the person's own shard (`<meetingId>|<hash(personId) % 16>`) guarded by the shard's `p.<shardKey>` mark,
// so doing it twice (a retry after a crash between the two writes) adds once. One request in the usual case.
//
//   a meeting's count = meetings.attendees + Σ meeting_tally.n of its shards
//
// Shards only exist once attendees > 0, so a list of meetings nobody attended reads no shard. Show a count only
// through attendeeCounts / withAttendees.
import { createHash } from 'node:crypto';
import { C, _, db, isDuplicateWrite, readAll, txGet, type Tx } from './db';
import type { MeetingDoc } from './types';

export const TALLY_SHARDS = 16;

export interface MeetingTallyDoc {
  _id: string;
  meetingId: string;
  parkId: string;
  n: number;
  /** Who this shard counted (shardKey → true), written by countOnShard: its guard against counting twice. */
  p?: Record<string, true>;
}

export const tallyId = (meetingId: string, shard: number) => `${meetingId}|${shard}`;

/** A random shard of the meeting and its document as the transaction sees it (read alongside the transaction's other reads). */
export async function readShard(tx: Tx, meetingId: string): Promise<{ id: string; doc: MeetingTallyDoc | null }> {
  const id = tallyId(meetingId, Math.floor(Math.random() * TALLY_SHARDS));
  return { id, doc: await txGet<MeetingTallyDoc>(tx, C.meetingTally, id) };
}

/**
 * Count one check-in inside the caller's transaction: the meeting document if nobody has checked in yet
 * (`attendees` as read in the same transaction), else the shard read with readShard in the same transaction
 * (a retry after a conflict picks again).
 */
export async function countCheckIn(tx: Tx, meeting: Pick<MeetingDoc, '_id' | 'parkId' | 'attendees'>, shard: { id: string; doc: MeetingTallyDoc | null }): Promise<void> {
  if (meeting.attendees === 0) {
    await tx.collection(C.meetings).doc(meeting._id).update({ attendees: _.inc(1) });
    return;
  }
  await tx.collection(C.meetingTally).doc(shard.id).set({ meetingId: meeting._id, parkId: meeting.parkId, n: (shard.doc?.n ?? 0) + 1 });
}

/** Each meeting's exact count (attendees + its shards): one paged read of the shards of those anybody attended. */
export async function attendeeCounts(meetings: Array<Pick<MeetingDoc, '_id' | 'attendees'>>): Promise<Map<string, number>> {
  const counts = new Map(meetings.map((m) => [m._id, m.attendees] as const));
  const ids = meetings.filter((m) => m.attendees > 0).map((m) => m._id);
  if (ids.length === 0) return counts;
  const shards = await readAll<MeetingTallyDoc>(C.meetingTally, { meetingId: _.in(ids) }, { meetingId: true, n: true });
  for (const s of shards) counts.set(s.meetingId, (counts.get(s.meetingId) ?? 0) + s.n);
  return counts;
}

/** The meetings with `attendees` the exact count (for views). */
export async function withAttendees<T extends Pick<MeetingDoc, '_id' | 'attendees'>>(meetings: T[]): Promise<T[]> {
  const counts = await attendeeCounts(meetings);
  return meetings.map((m) => ({ ...m, attendees: counts.get(m._id) ?? m.attendees }));
}

/** A person's key in a shard's `p` map (a field name: no dots), as the points engine's personKey. */
export const shardKey = (personId: string) => (/^[A-Za-z0-9_-]{1,64}$/.test(personId) ? personId : createHash('sha256').update(personId).digest('hex').slice(0, 32));

/** The person's own shard of a meeting (always the same one: a retry finds the mark of the first attempt). */
export const personShard = (meetingId: string, personId: string) =>
  tallyId(meetingId, createHash('sha256').update(personId).digest()[0]! % TALLY_SHARDS);

/**
 * Count a check-in (its attendance already stored, `tally: true`) on the person's shard, at most once however
 * often it runs: one guarded update in the usual case; the shard's first check-in inserts it (two or three).
 */
export async function countOnShard(meeting: Pick<MeetingDoc, '_id' | 'parkId'>, personId: string): Promise<void> {
  const id = personShard(meeting._id, personId);
  const mark = `p.${shardKey(personId)}`;
  const raise = async () => (await db.collection(C.meetingTally).where({ _id: id, [mark]: _.exists(false) }).update({ n: _.inc(1), [mark]: true })).updated;
  if (await raise()) return;
  // Not raised: the shard does not exist yet, or it counted this person already.
  try {
    await db.collection(C.meetingTally).add({ _id: id, meetingId: meeting._id, parkId: meeting.parkId, n: 1, p: { [shardKey(personId)]: true } });
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e;
    await raise(); // it exists (made meanwhile by someone else, or it had counted this person): once more decides
  }
}
