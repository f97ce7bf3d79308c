// Exactly once: the remind timer fired twice at the same moment, and a run killed (SIGKILL) at each point of its
// database work and retried as the platform does, then run again later. Nothing reaches a phone twice, nothing is
// left pending, every reminder is in the inbox; at most the sends in flight when the run died (one per parallel lane,
// PARALLEL) are "uncertain" (recorded, never repeated: WeChat cannot be asked whether it arrived).
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Actor, type TestPark, as } from '../../support/park.js';
import { startSeeded } from '../org/support.js';
import { topicInput } from '../study/support.js';
import { PARALLEL } from '../../../cloudfunctions/remind/actions/deliver';
import { chinaClock, fire, grant, inboxOf, outbox, rows } from './support.js';

const PEOPLE = 12;
let emu: EmulatorHandle;
let park: TestPark;
let topicId: string;
let members: Actor[];
let ids: string[];

beforeAll(async () => {
  ({ emu, park } = await startSeeded());
  await chinaClock(emu, '2026-11-10 09:00');
  const db = emu.app().database();
  const now = new Date();
  ids = Array.from({ length: PEOPLE }, (_, i) => `once-${i}`);
  await db.collection('people').add(ids.map((_id, i) => ({
    _id, parkId: park.parkId, branchId: park.branches.A, groupId: null, name: `党员${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`, phone: `1861111${String(i).padStart(4, '0')}`,
    memberType: 'full', joinedPartyOn: '2015-07-01', fullMemberOn: '2016-07-01', posts: [], responsibilityArea: null, secretaryOf: [],
    organizer: false, parkAdmin: false, createdAt: now, updatedAt: now, openid: `o_once_${i}`, boundAt: now,
  })));
  members = ids.map((_, i) => as(emu, null, { openid: `o_once_${i}` }));
  for (const m of members) await grant(emu, m, ['TPL_STUDY_DUE'], 24);
  const li = as(emu, park, '李强');
  ({ topic: { id: topicId } } = await li.ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: park.branches.A, title: '长期专题', month: '2026-11', deadline: '2027-06-30' })));
  await fire(emu); // the topic-published reminders: no quota for that template, inbox only
}, 120_000);
afterAll(async () => emu?.stop());

/** 李强's one-tap reminder on a China day: a new occasion for every member of branch A. */
async function remindOn(day: string): Promise<string> {
  await chinaClock(emu, `${day} 09:00`);
  await as(emu, park, '李强').ok('study', 'topics.remind', { topicId, branchId: park.branches.A });
  return `${topicId}|${day}`;
}

async function check(occasion: string, uncertainAllowed: number): Promise<{ sent: number; uncertain: number }> {
  const raised = (await rows(emu, { occasion, kind: 'topicNudge' })).filter((r) => ids.includes(r.personId));
  assert.equal(raised.length, PEOPLE, 'one reminder per person');
  const msgs = await outbox(emu);
  let sent = 0;
  let uncertain = 0;
  for (const [i, r] of raised.entries()) {
    const phone = msgs.filter((m) => m.touser === `o_once_${ids.indexOf(r.personId)}` && m.data.thing3?.value === '李强提醒您按时完成学习');
    assert.ok(phone.length <= 1, `${r.personId} got ${phone.length} messages`);
    assert.ok(['sent', 'uncertain'].includes(r.status), `${r._id} is ${r.status}`);
    if (r.status === 'sent') (sent++, assert.equal(phone.length, 1, `${r._id} recorded sent but not on the phone`));
    if (r.status === 'uncertain') uncertain++;
    assert.ok((await inboxOf(emu, r.personId)).some((m) => m._id === r.inboxId), `inbox of ${r.personId} (${i})`);
  }
  assert.ok(uncertain <= uncertainAllowed, `${uncertain} uncertain`);
  return { sent, uncertain };
}

describe('exactly once', () => {
  test('the timer fired twice at once: every member gets one message, none 43108', async () => {
    await emu.api('DELETE', '/_emulator/outbox');
    const occasion = await remindOn('2026-11-11');
    await Promise.all([fire(emu), fire(emu)]);
    await fire(emu);
    const { sent } = await check(occasion, 0);
    assert.equal(sent, PEOPLE);
    assert.equal((await rows(emu, { errcode: 43108 })).length, 0);
  });

  // The run's database requests: ~4 reads of the scans and the batch, then ~4 per person with a send.
  const KILL_AT = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 19, 26, 33, 41];
  test.each(KILL_AT)('killed at its database request %i, retried, run again later: nothing twice, nothing lost', async (k) => {
    await emu.api('DELETE', '/_emulator/outbox');
    const day = new Date(Date.UTC(2026, 10, 12) + KILL_AT.indexOf(k) * 86_400_000).toISOString().slice(0, 10);
    const occasion = await remindOn(day);
    await emu.api('POST', '/_emulator/faults', { function: 'remind', afterDbRequests: k });
    await emu.api('POST', '/_emulator/triggers/run', { function: 'remind', trigger: 'send' }); // dies, retried by the platform
    const fired = await emu.api('GET', '/_emulator/faults');
    assert.ok(fired.fired.length >= 1);
    await chinaClock(emu, `${day} 09:10`); // the next tick: an abandoned lock has expired
    await fire(emu);
    await chinaClock(emu, `${day} 09:20`);
    await fire(emu);
    const { sent, uncertain } = await check(occasion, PARALLEL);
    assert.equal(sent + uncertain, PEOPLE);
  });
});
