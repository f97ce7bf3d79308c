// What `npm run build:functions` makes (and the deploy uploads) runs the product against the emulator: each
// function from its minified bundle with the SDK inside, none from source. A member completes the month's topic
// (reads, transactions, points awards), checks in to a meeting, and the secretary exports the quarter's 台账
// (exceljs loaded from the file beside the ledger bundle, the workbook written to storage and read back).
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EmulatorHandle, ROOT, startEmulator } from '../support/emulator.js';
import { PRODUCT, as, seedTestPark, type TestPark } from '../support/park.js';
import { readBack } from '../integration/ledger/support.js';
import { setClock } from '../integration/score/support.js';
import { complete, topicInput } from '../integration/study/support.js';

const built = path.join(os.tmpdir(), `redpark-bundled-${process.pid}`);
let emu: EmulatorHandle;
let park: TestPark;

beforeAll(async () => {
  const r = spawnSync(process.execPath, ['scripts/build-functions.mjs', '--out', built], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  emu = await startEmulator({ spec: PRODUCT.spec, args: ['--functions', built, '--manual-timers'] });
  park = await seedTestPark(emu);
  await setClock(emu, '2026-11-10T02:00:00Z');
});
afterAll(async () => {
  await emu?.stop();
  rmSync(built, { recursive: true, force: true });
});

test('the bundles run the product: a topic completed and awarded, a check-in, the quarter exported', async () => {
  const wang = as(emu, park, '王芳');
  const li = as(emu, park, '李强');
  const { topic } = await as(emu, park, '周涛').ok('study', 'topics.create', topicInput());
  await complete(wang, topic.id);
  const { meeting } = await li.ok('study', 'meetings.create', {
    branchId: park.branches.A, kind: 'partyDay', title: '十一月主题党日', date: '2026-11-10', startTime: '09:30', endTime: '11:30', place: '党员活动室',
  });
  const { code } = await li.ok('study', 'meetings.code', { meetingId: meeting.id });
  await wang.ok('study', 'meetings.checkIn', { code });

  // Stored: the points of the topic and the check-in, each once.
  const db = emu.app().database();
  const { data: entries } = await db.collection('points_ledger').where({ personId: park.ids.王芳 }).get();
  assert.deepEqual(entries.map((e: { item: string }) => e.item).sort(), ['noteWritten', 'partyDayAttended', 'quizPassed', 'topicCompleted']);
  const summary = await wang.ok('score', 'me.summary');
  assert.equal(summary.month, entries.reduce((s: number, e: { points: number }) => s + e.points, 0));

  const r = await li.ok('ledger', 'export.create', { branchId: park.branches.A, period: '2026-Q4' });
  const wb = await readBack(r.files[0].url);
  const attendance = wb.getWorksheet('会议考勤')!;
  const text = attendance.getSheetValues().flat().map(String).join(' ');
  assert.match(text, /十一月主题党日/);
  assert.match(text, /王芳/);
});
