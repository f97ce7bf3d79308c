// npm run bench:reminders — a park of 5,000 people with a deadline reminder for everyone (3 days before a park-wide
// topic's deadline, nobody finished, everyone with one consent for the template): the remind timer raises the 5,000
// reminders and sends them, run after run (each run is one 10-minute tick, stopping after its time budget so it stays
// inside the function's 60 s limit; the next run resumes). Prints per run its time and DB requests, then DB requests
// and time per 1,000 reminders, messages on the phones, duplicates, and, in the same run on a second park of the same
// size, the naive design of the templates (bench/functions/bench-naive-remind: query and send, no outbox), fired
// twice as the platform retries a timer.
import path from 'node:path';
import { ROOT, startEmulator } from '../test/support/emulator.js';
import { fmt, printFigures } from './lib.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);
const LIMIT_MS = 60_000; // cloudfunctions/remind/config.json timeout
const emu = await startEmulator({
  spec: path.join(ROOT, 'cloudfunctions/collections.json'),
  args: ['--functions', path.join(ROOT, 'cloudfunctions'), '--functions', path.join(ROOT, 'bench/functions'), '--manual-timers'],
});
const figures: Record<string, number> = {};
try {
  const db = emu.app().database();
  await emu.api('POST', '/_emulator/clock', { set: '2026-11-27T01:00:00Z', freeze: true }); // 09:00 in China, deadline in 3 days
  const now = new Date();
  const old = new Date(now.getTime() - 20 * 86_400_000);
  async function seedPark(parkId: string, prefix: string) {
    await db.collection('parks').add({ _id: parkId, name: `基准园区${prefix}`, createdAt: now });
    await db.collection('branches').add({ _id: `${prefix}-b`, parkId, name: '基准支部', kind: 'single', enterpriseIds: [], groups: [], memberCount: PEOPLE, createdAt: now, updatedAt: now });
    const base = { parkId, branchId: `${prefix}-b`, groupId: null, posts: [], responsibilityArea: null, secretaryOf: [], parkAdmin: false, organizer: false, memberType: 'full', joinedPartyOn: '2015-07-01', createdAt: now, updatedAt: now, boundAt: now };
    for (let i = 0; i < PEOPLE; i += 500)
      await db.collection('people').add(Array.from({ length: Math.min(500, PEOPLE - i) }, (_, k) => ({ ...base, _id: `${prefix}${String(i + k).padStart(5, '0')}`, name: `党员${i + k}`, phone: `13${prefix === 'r' ? 7 : 8}${String(10_000_000 + i + k).slice(-8)}`, openid: `o_${prefix}${i + k}` })));
    await db.collection('topics').add({
      _id: `${prefix}-topic`, parkId, scope: 'park', branchId: null, month: '2026-11', title: '十一月专题：学习贯彻党的二十届四中全会精神', deadline: '2026-11-30',
      materials: [], noteMinLength: 10, quiz: null, assigned: {}, createdBy: { id: 'x', name: '管理员' }, createdAt: old,
    });
    // One consent each, on the phone (WeChat's count) and as the app reports it (Redpark's count).
    // (The naive park's people accepted twice: a timer fired twice can then reach them twice.)
    for (let i = 0; i < PEOPLE; i++)
      for (let n = prefix === 'r' ? 1 : 2; n > 0; n--) await emu.api('POST', '/_emulator/wx/subscriptions', { openid: `o_${prefix}${i}`, templateIds: ['TPL_STUDY_DUE'] });
    if (prefix === 'r')
      for (let i = 0; i < PEOPLE; i += 500)
        await db.collection('reminder_subscribers').add(Array.from({ length: Math.min(500, PEOPLE - i) }, (_, k) => ({ _id: `r${String(i + k).padStart(5, '0')}`, parkId, quota: { TPL_STUDY_DUE: 1 }, off: [], sending: null, version: 0, updatedAt: now })));
  }
  await seedPark('park-r', 'r');
  console.log(`reminders bench: ${PEOPLE} people, a deadline reminder each, real SDK → ${emu.baseUrl}`);

  // Redpark: tick after tick until nothing is pending.
  const runs: Array<{ ms: number; requests: number }> = [];
  const t0 = performance.now();
  for (let tick = 0; tick < 50; tick++) {
    const r = await emu.api('POST', '/_emulator/triggers/run', { function: 'remind', trigger: 'send' });
    if (!r.ok) throw new Error(`remind timer failed: ${r.error}`);
    const [call] = (await emu.api('GET', '/_emulator/functions/calls?function=remind&limit=1')) as Array<{ ms?: number; durationMs?: number; db: { roundTrips: number } }>;
    const ms = call!.durationMs ?? call!.ms ?? 0;
    runs.push({ ms, requests: call!.db.roundTrips });
    console.log(`  run ${tick + 1}: ${fmt(ms)} ms, ${call!.db.roundTrips} DB requests`);
    const { total } = await db.collection('reminder_outbox').where({ status: 'pending' }).count();
    if (total === 0 && tick > 0) break;
    await emu.api('POST', '/_emulator/clock', { advance: 10 * 60_000 });
  }
  const totalMs = performance.now() - t0;
  if (process.env.BENCH_PROFILE) {
    const reqs = (await emu.api('GET', '/_emulator/requests?limit=1000')) as Array<{ action: string; ms: number; collection?: string }>;
    const by = new Map<string, { n: number; ms: number }>();
    for (const r of reqs) { const k = `${r.action} ${r.collection ?? ''}`; const e = by.get(k) ?? { n: 0, ms: 0 }; e.n++; e.ms += r.ms; by.set(k, e); }
    console.log([...by.entries()].map(([k, v]) => `${k}: ${v.n} × ${fmt(v.ms / v.n)} ms`).join('\n'));
    const naive = await emu.api('GET', '/_emulator/functions/calls?function=remind&limit=5');
    console.log(JSON.stringify(naive.map((c: any) => ({ ok: c.ok, error: c.error, ms: c.durationMs, logs: (c.logs ?? []).slice(-3) }))).slice(0, 1500));
  }
  const phones = (await emu.api('GET', '/_emulator/outbox')) as Array<{ touser: string }>;
  const ours = phones.filter((m) => m.touser.startsWith('o_r'));
  const dupes = ours.length - new Set(ours.map((m) => m.touser)).size;
  const requests = runs.reduce((a, r) => a + r.requests, 0);
  const { total: sentRows } = await db.collection('reminder_outbox').where({ status: 'sent' }).count();
  figures.reminders = PEOPLE;
  figures.runs = runs.length;
  figures.longestRunMs = Math.round(Math.max(...runs.map((r) => r.ms)));
  figures.dbRequestsPer1000 = Math.round((requests / PEOPLE) * 1000);
  figures.msPer1000 = Math.round((totalMs / PEOPLE) * 1000);
  figures.delivered = ours.length;
  figures.sentRows = sentRows;
  for (const status of ['pending', 'inboxOnly', 'failed', 'uncertain']) {
    const { total } = await db.collection('reminder_outbox').where({ status }).count();
    if (total) console.log(`  outbox rows ${status}: ${total}`);
  }
  figures.duplicates = dupes;
  console.log(`redpark: ${ours.length} messages to ${PEOPLE} people in ${runs.length} runs (longest ${fmt(figures.longestRunMs)} ms of the ${LIMIT_MS} ms limit), ${figures.dbRequestsPer1000} DB requests and ${figures.msPer1000} ms per 1,000 reminders, ${dupes} duplicates`);
  // A timer fired again afterwards (the platform's retry): nothing more.
  await emu.api('POST', '/_emulator/triggers/run', { function: 'remind', trigger: 'send' });
  figures.afterRetry = ((await emu.api('GET', '/_emulator/outbox')) as Array<{ touser: string }>).filter((m) => m.touser.startsWith('o_r')).length - ours.length;

  // Baseline: the naive timer on its own park, fired twice.
  await emu.api('DELETE', '/_emulator/outbox');
  await seedPark('park-n', 'n');
  const b0 = performance.now();
  await emu.api('POST', '/_emulator/triggers/run', { function: 'bench-naive-remind', trigger: 'send' });
  const naiveMs = performance.now() - b0;
  const [naiveCall] = (await emu.api('GET', '/_emulator/functions/calls?function=bench-naive-remind&limit=1')) as Array<{ db: { roundTrips: number }; ok: boolean; error?: string; result?: unknown }>;
  if (!naiveCall!.ok) console.log(`naive run failed: ${naiveCall!.error}`);
  else console.log(`naive run: ${JSON.stringify((naiveCall as { logs?: unknown }).logs ?? '').slice(0, 300)} ${JSON.stringify((naiveCall as { result?: unknown }).result ?? '').slice(0, 300)}`);
  await emu.api('POST', '/_emulator/triggers/run', { function: 'bench-naive-remind', trigger: 'send' });
  const naivePhones = ((await emu.api('GET', '/_emulator/outbox')) as Array<{ touser: string }>).filter((m) => m.touser.startsWith('o_n'));
  figures.naiveDbRequestsPer1000 = Math.round((naiveCall!.db.roundTrips / PEOPLE) * 1000);
  figures.naiveMsPer1000 = Math.round((naiveMs / PEOPLE) * 1000);
  figures.naiveDelivered = naivePhones.length;
  figures.naiveDuplicates = naivePhones.length - new Set(naivePhones.map((m) => m.touser)).size;
  console.log(`naive (query and send, no outbox): ${figures.naiveDbRequestsPer1000} DB requests and ${figures.naiveMsPer1000} ms per 1,000 (one run); fired twice (the platform's retry) it put ${naivePhones.length} messages on ${PEOPLE} phones, ${figures.naiveDuplicates} duplicates; no inbox item, digest, quiet hours or quota count`);
  printFigures(figures);
} finally {
  await emu.stop();
}
