// A large export: a park of 100 branches (2,000 people, 2,400 meetings with 36,000 attendance records, points
// totals) for a whole year, as one workbook and as one file per branch, each within the function's time limit
// (60 s, cloudfunctions/ledger/config.json; the emulator enforces it). Prints the times and sizes.
// Opt-in (LEDGER_LARGE=1): it takes minutes. Built in steps (LEDGER_STEP_BRANCHES branches a call, then the join):
// each call must finish within the limit; the slowest call and the total are printed.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, type EmulatorHandle } from '../../support/emulator.js';
import type { TestPark } from '../../support/park.js';
import { startSeeded } from '../org/support.js';
import { setClock } from '../study/support.js';
import { readBack, recordsOf } from './support.js';

const BRANCHES = 100;
const PEOPLE = 20;
const LIMIT_MS = (JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions/ledger/config.json'), 'utf8')) as { timeout: number }).timeout * 1000;

/**
 * Called as the app calls it, through the gateway (the SDK's own client gives up after 15 s; the app's call waits for
 * the function, which the emulator stops at its time limit).
 */
async function callAs(emu: EmulatorHandle, openid: string, action: string, input: object): Promise<any> {
  const r = await emu.gateway('ledger', { data: { action, input } }, openid);
  if (!r.body.result?.ok) throw new Error(`${action}: ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body.result.data;
}

/** The export as the page runs it: create, then continue until done; the slowest call and the number of calls. */
async function exportAs(emu: EmulatorHandle, openid: string, input: object): Promise<any> {
  let t = Date.now();
  let r = await callAs(emu, openid, 'export.create', input);
  const times = [Date.now() - t];
  while (r.job) {
    t = Date.now();
    r = await callAs(emu, openid, 'export.continue', { jobId: r.job.id });
    times.push(Date.now() - t);
  }
  return { ...r, slowest: Math.max(...times), calls: times.length, times };
}

(process.env.LEDGER_LARGE ? describe : describe.skip)('ledger: a park of 100 branches over a year', () => {
  let emu: EmulatorHandle;
  let park: TestPark;

  beforeAll(async () => {
    ({ emu, park } = await startSeeded(['--local'])); // --local: the gateway the H5 app calls through
    await setClock(emu, '2026-11-10T02:00:00Z');
    const db = emu.app().database();
    const now = new Date();
    const add = async (c: string, docs: object[]) => { for (let i = 0; i < docs.length; i += 1000) await db.collection(c).add(docs.slice(i, i + 1000)); };
    const branches: object[] = [];
    const people: object[] = [];
    const meetings: object[] = [];
    const attendance: object[] = [];
    const totals: object[] = [];
    for (let b = 0; b < BRANCHES; b++) {
      const branchId = `big-${b}`;
      branches.push({ _id: branchId, parkId: park.parkId, name: `第${String(b + 1).padStart(3, '0')}党支部`, kind: 'single', enterpriseIds: [], groups: [], memberCount: PEOPLE, createdAt: new Date('2020-01-01T00:00:00Z'), updatedAt: now });
      for (let p = 0; p < PEOPLE; p++) {
        const personId = `big-${b}-${p}`;
        people.push({ _id: personId, parkId: park.parkId, branchId, groupId: null, name: `党员${b}-${p}`, phone: `139${String(b * 100 + p).padStart(8, '0')}`, memberType: 'full', joinedPartyOn: '2010-07-01', posts: [], responsibilityArea: null, secretaryOf: [], organizer: false, parkAdmin: false, createdAt: now, updatedAt: now });
        totals.push({ _id: `P|${personId}|2026`, parkId: park.parkId, scope: 'person', ownerId: personId, branchId, periodKind: 'year', period: '2026', points: 120, byItem: { partyDayAttended: 100, topicCompleted: 20 }, updatedAt: now });
      }
      for (let m = 1; m <= 12; m++) {
        for (const kind of ['partyDay', 'committee']) {
          const meetingId = `big-${b}-${kind}-${m}`;
          const date = `2026-${String(m).padStart(2, '0')}-${kind === 'partyDay' ? '05' : '20'}`;
          meetings.push({ _id: meetingId, parkId: park.parkId, branchId, kind, title: `${m}月${kind === 'partyDay' ? '主题党日' : '支委会'}`, date, place: '会议室', attendees: 15, createdBy: { id: 'x', name: '书记' }, createdAt: now,
            record: { chair: '书记', recorder: '委员', agenda: '学习', minutes: '会议记录'.repeat(20), decisions: '决议', absences: [], enteredAt: now, enteredBy: { id: 'x', name: '书记' }, late: false, updatedAt: now, updatedBy: { id: 'x', name: '书记' } } });
          for (let p = 0; p < 15; p++) attendance.push({ _id: `${meetingId}|big-${b}-${p}`, meetingId, parkId: park.parkId, branchId, personId: `big-${b}-${p}`, name: `党员${b}-${p}`, at: new Date(`${date}T02:00:00Z`) });
        }
      }
    }
    await add('branches', branches);
    await add('people', people);
    await add('meetings', meetings);
    await add('attendance', attendance);
    await add('points_totals', totals);
  }, 600_000);
  afterAll(() => emu?.stop());

  test('one workbook for the park, within the time limit, every branch in it', async () => {
    await emu.api('POST', '/_emulator/stats/reset');
    const t1 = Date.now();
    const r2 = await exportAs(emu, park.openids.周涛!, { period: '2026' });
    const ms = Date.now() - t1;
    const stats = await emu.stats();
    console.log(`[ledger] ${stats.dbRoundTrips} database round trips, ${stats.docsReturned} documents read`);
    console.log(`[ledger] park of ${BRANCHES + 2} branches, a year, one workbook: ${ms} ms in ${r2.calls} calls (${r2.times.join(', ')} ms), ${(r2.files[0].bytes / 1024).toFixed(0)} KB (limit ${LIMIT_MS} ms a call)`);
    assert.ok(r2.slowest < LIMIT_MS / 2, `slowest call ${r2.slowest} ms`);
    const wb = await readBack(r2.files[0].url);
    const book = recordsOf(wb.getWorksheet('三会一课记录本')!);
    assert.equal(book.filter((x) => x['支部']!.startsWith('第')).length, BRANCHES * 24);
    const att = recordsOf(wb.getWorksheet('会议考勤')!);
    assert.equal(att.filter((x) => x['支部'] === '第001党支部' && x['出席情况'] === '出席').length, 24 * 15);
    assert.equal(recordsOf(wb.getWorksheet('三会一课达标情况')!).filter((x) => x['支部'] === '第100党支部').length, 6);
  }, 900_000);

  test('one file per branch, within the time limit', async () => {
    const t0 = Date.now();
    const r = await exportAs(emu, park.openids.周涛!, { period: '2026', split: 'perBranch', sheets: ['meetings', 'attendance', 'roster'] });
    const ms = Date.now() - t0;
    console.log(`[ledger] one file per branch: ${r.files.length} files in ${ms} ms, ${r.calls} calls (${r.times.join(', ')} ms)`);
    assert.equal(r.files.length, BRANCHES + 2);
    assert.ok(r.slowest < LIMIT_MS / 2, `slowest call ${r.slowest} ms`);
  }, 900_000);
});
