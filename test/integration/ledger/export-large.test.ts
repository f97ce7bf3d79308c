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
import { readBack, recordsOf, seedLargePark } from './support.js';

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
    await seedLargePark(emu, park.parkId, { branches: BRANCHES, people: PEOPLE, attendance: 15 });
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
    const t2 = Date.now();
    const wb = await readBack(r2.files[0].url);
    console.log(`[ledger] read back with exceljs in ${Date.now() - t2} ms`);
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
