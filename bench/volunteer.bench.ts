// npm run bench:volunteer — sign-up storms: 50, 500 and 1,000 people signing up at once for a shift of 50
// seats, through the real SDK and the function host, with Redpark's design (`volunteer.signUp`: one
// guarded update claims a seat, a guarded push joins the line) and, in the same run on the same people,
// the count-then-insert design of the cloud-development templates (bench/functions/bench-naive-signup).
// Prints per storm: DB requests per sign-up, p50/p99 latency, transaction retries, seats taken (an
// overbooked shift has more than 50), duplicate registrations, and the waitlist's order.
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { ROOT, startEmulator } from '../test/support/emulator.js';
import { fmt, pct, printFigures } from './lib.js';

const STORMS = (process.env.BENCH_STORMS ?? '50,500,1000').split(',').map(Number);
const SEATS = 50;
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 8);
const PARK = 'park-bench';

// The product's collections plus the naive design's one.
const spec = path.join(ROOT, 'cloudfunctions/collections.json');
const emu = await startEmulator({
  spec,
  args: ['--functions', path.join(ROOT, 'cloudfunctions'), '--functions', path.join(ROOT, 'bench/functions'), '--manual-timers', '--max-instances', String(INSTANCES)],
});
const figures: Record<string, number> = {};
try {
  const db = emu.app().database();
  await db.createCollection('bench_naive_registrations');
  await emu.api('POST', '/_emulator/clock', { set: '2026-11-10T02:00:00Z', freeze: true }); // 10:00 in China
  const now = new Date();
  const max = Math.max(...STORMS);
  await db.collection('parks').add({ _id: PARK, name: '基准园区', createdAt: now });
  await db.collection('branches').add({ _id: 'b-bench', parkId: PARK, name: '基准支部', kind: 'single', enterpriseIds: [], groups: [], memberCount: max, createdAt: now, updatedAt: now });
  const base = { parkId: PARK, branchId: 'b-bench', groupId: null, posts: [], responsibilityArea: null, secretaryOf: [], parkAdmin: false, createdAt: now, updatedAt: now };
  await db.collection('people').add({ ...base, _id: 'organizer', name: '组织者', phone: '13900000000', memberType: 'none', joinedPartyOn: null, organizer: true, openid: 'o_org', boundAt: now });
  for (let i = 0; i < max; i += 500) {
    await db.collection('people').add(Array.from({ length: Math.min(500, max - i) }, (_, k) => ({
      ...base, _id: `p${i + k}`, name: `志愿者${i + k}`, phone: `139${String(10_000_000 + i + k).slice(-8)}`, memberType: 'full', joinedPartyOn: '2015-07-01', organizer: false, openid: `o_${i + k}`, boundAt: now,
    })));
  }
  const appFor = (openid: string) => tcb.init({ env: 'redpark-local', secretId: 'x', secretKey: 'y', serviceUrl: `${emu.baseUrl}/admin`, timeout: 300_000, headers: { 'x-wx-openid': openid } } as Parameters<typeof tcb.init>[0]);
  const organizer = appFor('o_org');
  const apps = Array.from({ length: max }, (_, i) => appFor(`o_${i}`));
  for (const fn of ['volunteer', 'bench-naive-signup']) await emu.api('POST', '/_emulator/functions/provision', { function: fn, instances: INSTANCES });
  console.log(`volunteer bench: sign-up storms for ${SEATS} seats, ${INSTANCES} function instances, real SDK → ${emu.baseUrl}`);

  /** Fire `n` calls at once; latencies (ms) sorted, and the replies. */
  async function storm<T>(n: number, call: (i: number) => Promise<T>) {
    const lat: number[] = [];
    const t0 = performance.now();
    const replies = await Promise.all(Array.from({ length: n }, async (_, i) => {
      const t = performance.now();
      const r = await call(i);
      lat.push(performance.now() - t);
      return r;
    }));
    const ms = performance.now() - t0;
    return { lat: lat.sort((a, b) => a - b), replies, ms };
  }
  /** DB requests per call and transaction conflicts of the last `n` calls of a function. */
  async function costs(fn: string, n: number) {
    const calls: Array<{ db: { roundTrips: number } }> = await emu.api('GET', `/_emulator/functions/calls?function=${fn}&limit=${n}`);
    const trips = calls.map((c) => c.db.roundTrips).sort((a, b) => a - b);
    const requests: Array<{ action: string; error?: string }> = await emu.api('GET', '/_emulator/requests?limit=1000');
    return { p50: pct(trips, 50), max: trips[trips.length - 1] ?? 0, mean: trips.reduce((a, b) => a + b, 0) / trips.length, conflicts: requests.filter((r) => r.error === 'DATABASE_TRANSACTION_CONFLICT').length };
  }

  for (const n of STORMS) {
    const input = {
      scope: 'park', category: 'community', place: '广场', audience: 'all', content: [{ kind: 'paragraph', text: '基准' }],
      recruitFrom: '2026-11-10 09:00', recruitUntil: '2026-11-14 18:00', cancelBeforeHours: 24, contact: { name: '组织者', phone: '13900000000' },
      riskNotice: '', insured: false, hoursRule: { minPresence: 0.6, roundTo: 0.5 }, publish: true,
      shifts: [{ start: '2026-11-15 09:00', end: '2026-11-15 11:00', capacity: SEATS, role: null }],
    };
    const newShift = async (title: string) => {
      const { result } = await organizer.callFunction({ name: 'volunteer', data: { action: 'activities.create', input: { ...input, title } } });
      return (result as { data: { activity: { shifts: Array<{ id: string }> } } }).data.activity.shifts[0]!.id;
    };
    const shiftId = await newShift(`基准活动${n}`);
    const tapShift = await newShift(`连点${n}`);

    await emu.resetStats();
    const ours = await storm(n, (i) => apps[i]!.callFunction({ name: 'volunteer', data: { action: 'signUp', input: { shiftId } } }).then((r) => r.result as { ok: boolean; data?: { registration: { status: string; waitPosition: number | null } } }));
    const ourCost = await costs('volunteer', n);
    const shift = (await db.collection('volunteer_shifts').doc(shiftId).get()).data[0] as { taken: number; holders: string[]; waiters: string[] };
    const regs = (await db.collection('volunteer_registrations').where({ shiftId }).count()).total;
    const errors = ours.replies.filter((r) => !r.ok).length;
    const positions = ours.replies.flatMap((r) => (r.data?.registration.waitPosition ? [r.data.registration.waitPosition] : [])).sort((a, b) => a - b);
    const inOrder = positions.every((p, i) => p === i + 1) && ours.replies.every((r, i) => !r.data?.registration.waitPosition || shift.waiters[r.data.registration.waitPosition - 1] === `${shiftId}|p${i}`);

    const naiveShift = `naive-${n}`;
    await emu.resetStats();
    const naive = await storm(n, (i) => apps[i]!.callFunction({ name: 'bench-naive-signup', data: { shiftId: naiveShift, capacity: SEATS } }));
    const naiveCost = await costs('bench-naive-signup', n);
    const naiveTaken = (await db.collection('bench_naive_registrations').where({ shiftId: naiveShift, status: 'registered' }).count()).total;
    // A double tap: the first 20 people sign up twice at once.
    const taps = await storm(40, (i) => apps[i % 20]!.callFunction({ name: 'bench-naive-signup', data: { shiftId: `${naiveShift}-taps`, capacity: SEATS } }));
    const naiveDupes = (await db.collection('bench_naive_registrations').where({ shiftId: `${naiveShift}-taps` }).count()).total - 20;
    await storm(40, (i) => apps[i % 20]!.callFunction({ name: 'volunteer', data: { action: 'signUp', input: { shiftId: tapShift } } }));
    const ourDupes = (await db.collection('volunteer_registrations').where({ shiftId: tapShift }).count()).total - 20;
    void taps;

    console.log(
      `${String(n).padStart(5)} callers  redpark: ${shift.taken}/${SEATS} seats, ${shift.waiters.length} waiting${inOrder ? ' in order' : ' OUT OF ORDER'}, ${regs} registrations, ${errors} errors, ` +
        `${fmt(ourCost.mean)} DB req/sign-up (max ${ourCost.max}), ${ourCost.conflicts} tx retries, p50 ${fmt(pct(ours.lat, 50))} ms p99 ${fmt(pct(ours.lat, 99))} ms, all answered in ${fmt(ours.ms)} ms, double taps → ${ourDupes} extra`,
    );
    console.log(
      `${' '.repeat(15)}naive:   ${naiveTaken}/${SEATS} seats (${Math.max(0, naiveTaken - SEATS)} OVERBOOKED), ${fmt(naiveCost.mean)} DB req/sign-up, p50 ${fmt(pct(naive.lat, 50))} ms p99 ${fmt(pct(naive.lat, 99))} ms, double taps → ${naiveDupes} duplicates`,
    );
    Object.assign(figures, {
      [`c${n}_seats`]: shift.taken, [`c${n}_waiting`]: shift.waiters.length, [`c${n}_in_order`]: inOrder ? 1 : 0, [`c${n}_db_per_signup`]: +ourCost.mean.toFixed(2),
      [`c${n}_tx_retries`]: ourCost.conflicts, [`c${n}_p50_ms`]: +pct(ours.lat, 50).toFixed(1), [`c${n}_p99_ms`]: +pct(ours.lat, 99).toFixed(1), [`c${n}_duplicates`]: ourDupes,
      [`naive_c${n}_seats`]: naiveTaken, [`naive_c${n}_overbooked`]: Math.max(0, naiveTaken - SEATS), [`naive_c${n}_db_per_signup`]: +naiveCost.mean.toFixed(2),
      [`naive_c${n}_p50_ms`]: +pct(naive.lat, 50).toFixed(1), [`naive_duplicates`]: naiveDupes,
    });
  }
} finally {
  await emu.stop();
}
printFigures(figures);
