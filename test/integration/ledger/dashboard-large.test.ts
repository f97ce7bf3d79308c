// The park's board at 100 branches (issue 19): what one `dashboard.get` for the park costs in DB requests and
// documents read, counted by the emulator (not timed: the time is printed only). A park of 100 branches × 20 members
// (2,000 people, 2,400 meetings with 5 attendance records each, 11 park topics with progress, points totals) beside
// the test park. The board reads only what it shows (no attendance, no photos, only completed study), and the park's
// board is kept as a snapshot (ledger_boards) for BOARD_FRESH_MS: a second look within it is two requests.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import type { TestPark } from '../../support/park.js';
import { startSeeded } from '../org/support.js';
import { setClock } from '../study/support.js';
import { seedLargePark } from './support.js';

const BRANCHES = 100;
const PEOPLE = 20;
const COMPLETED = 12;

describe('ledger: the park board of a park of 100 branches', () => {
  let emu: EmulatorHandle;
  let park: TestPark;

  beforeAll(async () => {
    ({ emu, park } = await startSeeded(['--local'])); // --local: the gateway the app calls through
    await setClock(emu, '2026-11-10T02:00:00Z');
    await seedLargePark(emu, park.parkId, { branches: BRANCHES, people: PEOPLE, attendance: 5, topics: { months: 11, completed: COMPLETED } });
  }, 300_000);
  afterAll(() => emu?.stop());

  /** One call's DB requests (the ledger function's), documents returned, and time. */
  async function cost(): Promise<{ board: any; requests: number; docs: number; ms: number }> {
    await emu.api('POST', '/_emulator/stats/reset');
    const t = Date.now();
    // Through the gateway, as the app calls (the SDK's own client gives up after 15 s).
    const r = await emu.gateway('ledger', { data: { action: 'dashboard.get', input: { year: '2026' } } }, park.openids.周涛!);
    assert.ok(r.body.result?.ok, JSON.stringify(r.body).slice(0, 300));
    const board = r.body.result.data;
    const ms = Date.now() - t;
    const reqs: Array<{ from?: string; plan?: string; collection?: string }> = await emu.api('GET', '/_emulator/requests?limit=1000');
    const mine = reqs.filter((r) => r.from?.startsWith('ledger:'));
    assert.deepEqual(mine.filter((r) => r.plan && !/^(IXSCAN|IDS|UNION)/.test(r.plan)).map((r) => `${r.collection} ${r.plan}`), [], 'every read on an index');
    return { board, requests: mine.length, docs: (await emu.stats()).docsReturned, ms };
  }

  test('the board’s figures, in a bounded number of requests; a second look is the snapshot', async () => {
    const first = await cost();
    console.log(`[ledger] park board, ${BRANCHES + 2} branches: ${first.requests} DB requests, ${first.docs} documents, ${first.ms} ms`);
    const d = first.board;
    assert.equal(d.compliance.branches.green + d.compliance.branches.yellow + d.compliance.branches.red, BRANCHES + 2);
    const testParkMembers = (await emu.app().database().collection('people').where({ parkId: park.parkId, branchId: emu.app().database().command.in([park.branches.A, park.branches.B]) }).get()).data
      .filter((p: any) => p.memberType !== 'none').length;
    assert.deepEqual(d.study.find((x: any) => x.month === '2026-03'), { month: '2026-03', done: BRANCHES * COMPLETED, due: BRANCHES * PEOPLE + testParkMembers });
    assert.equal(d.points.length, BRANCHES + 2);
    assert.deepEqual(d.points.find((x: any) => x.name === '第001党支部'), { name: '第001党支部', points: 129.5 }, 'the mean of 120 … 139');
    // Every large branch held its 主题党日 and 支委会 each month, but no 党员大会 or 党课: each falls behind, with why.
    const b1 = d.behind.find((x: any) => x.name === '第001党支部');
    assert.ok(b1 && b1.reasons.some((r: string) => r.startsWith('三会一课：')), JSON.stringify(b1));
    // People (3 pages), meetings (3), points totals (2), each topic's completed study (2 pages × 11), and a dozen
    // single reads; before (everything the 台账 reads): 160 requests, 45,000 documents, past the 60 s limit.
    assert.ok(first.requests <= 45, `${first.requests} requests`);
    assert.ok(first.docs <= 20_000, `${first.docs} documents: no attendance (12,000), no unfinished study (8,800)`);

    const again = await cost();
    console.log(`[ledger] park board again (snapshot): ${again.requests} DB requests, ${again.docs} documents, ${again.ms} ms`);
    assert.deepEqual(again.board, first.board);
    assert.ok(again.requests <= 2, `${again.requests} requests`);
  }, 300_000);
});
