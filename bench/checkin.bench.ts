// npm run bench:checkin — the check-in surges of a park: 300 members of a 联合党支部 (six enterprises) checking in
// to one 大党课 within 2 minutes (each at a random instant of the window, one in ten tapping twice) through the real
// `study` function (`meetings.checkIn` with the secretary's signed code, points through the engine), then the same
// 300 all at once (everyone scans when the code appears on the screen). As the baseline in the same run, the same
// surges through bench/functions/bench-hot-checkin: the previous design, where every check-in's transaction also
// increments the one meeting document's count. Then 300 volunteers signing in to one shift with the organizer's
// code (`volunteer.scan`), within 2 minutes and all at once. Prints per surge: answered, errors, p50/p99 latency
// per check-in, DB requests per check-in (the emulator's count for each function call), DB requests a second and the
// least time the surge's requests take at a basic plan's 30 a second (the emulator does not throttle), and read back from the
// database: attendance stored, the count the secretary is shown, ledger entries (lost / double points).
// BENCH_MEMBERS (300), BENCH_WINDOW_S (120), BENCH_INSTANCES (8, the function instances).
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { ROOT, startEmulator } from '../test/support/emulator.js';
import { fmt, pct, printFigures } from './lib.js';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 300);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 120);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 8);
/** A basic environment's database requests a second (FACTS.md §2): the emulator counts requests but does not throttle them. */
const QPS = 30;
const PARK = 'park-bench';
const BRANCH = 'b-joint';

const emu = await startEmulator({
  spec: path.join(ROOT, 'cloudfunctions/collections.json'),
  args: ['--functions', path.join(ROOT, 'cloudfunctions'), '--functions', path.join(ROOT, 'bench/functions'), '--manual-timers', '--max-instances', String(INSTANCES)],
});
const figures: Record<string, number> = {};
type Reply = { ok: boolean; error?: { code: string; message?: string }; data?: any };
try {
  const db = emu.app().database();
  await emu.api('POST', '/_emulator/clock', { set: '2026-11-10T05:50:00Z', freeze: true });
  const now = new Date();
  const enterprises = Array.from({ length: 6 }, (_, i) => `e${i}`);
  await db.collection('parks').add({ _id: PARK, name: '基准园区', createdAt: now });
  await db.collection('enterprises').add(enterprises.map((id, i) => ({ _id: id, parkId: PARK, name: `基准企业${i + 1}`, createdAt: now, updatedAt: now })));
  await db.collection('branches').add({ _id: BRANCH, parkId: PARK, name: '园区联合党支部', kind: 'multiple', enterpriseIds: enterprises, groups: [], memberCount: MEMBERS, createdAt: now, updatedAt: now });
  const base = { parkId: PARK, branchId: BRANCH, groupId: null, posts: [], responsibilityArea: null, parkAdmin: false, organizer: false, memberType: 'full', joinedPartyOn: '2015-07-01', createdAt: now, updatedAt: now, boundAt: now };
  await db.collection('people').add({ ...base, _id: 'sec', name: '书记', phone: '13900000000', secretaryOf: [BRANCH], organizer: true, openid: 'o_sec' });
  for (let i = 0; i < MEMBERS; i += 500) {
    await db.collection('people').add(Array.from({ length: Math.min(500, MEMBERS - i) }, (_, k) => ({
      ...base, _id: `p${String(i + k).padStart(4, '0')}`, name: `党员${i + k}`, phone: `139${String(10_000_000 + i + k).slice(-8)}`, secretaryOf: [],
      enterpriseId: enterprises[(i + k) % enterprises.length], openid: `o_${i + k}`,
    })));
  }
  const appFor = (openid: string) => tcb.init({ env: 'redpark-local', secretId: 'x', secretKey: 'y', serviceUrl: `${emu.baseUrl}/admin`, timeout: 300_000, headers: { 'x-wx-openid': openid } } as Parameters<typeof tcb.init>[0]);
  const sec = appFor('o_sec');
  const apps = Array.from({ length: MEMBERS }, (_, i) => appFor(`o_${i}`));
  const call = async (app: ReturnType<typeof appFor>, name: string, data: unknown): Promise<Reply> => {
    try {
      return (await app.callFunction({ name, data })).result as Reply;
    } catch (e) {
      return { ok: false, error: { code: String((e as { code?: string }).code ?? (e as Error).message) } };
    }
  };
  const secOk = async (name: string, action: string, input: unknown) => {
    const r = await call(sec, name, { action, input });
    if (!r.ok) throw new Error(`${name}.${action}: ${JSON.stringify(r.error)}`);
    return r.data;
  };
  for (const fn of ['study', 'volunteer', 'bench-hot-checkin']) await emu.api('POST', '/_emulator/functions/provision', { function: fn, instances: INSTANCES });
  console.log(`check-in bench: ${MEMBERS} members of a 联合党支部 (${enterprises.length} enterprises), ${INSTANCES} function instances, real SDK → ${emu.baseUrl} (a loaded 2-core machine: compare figures of the same run)`);

  // A deterministic shuffle of arrival instants in the window (seeded), one in ten tapping again 0–2 s later.
  let seed = 42;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  /** Everyone once (at a random instant of `windowS`), the double tappers twice: latencies, replies, wall time. */
  async function surge(windowS: number, op: (i: number) => Promise<Reply>) {
    const lat: number[] = [];
    const replies: Reply[] = new Array(MEMBERS);
    const extra: Reply[] = [];
    const t0 = performance.now();
    const at = Array.from({ length: MEMBERS }, () => rand() * windowS * 1000);
    await Promise.all(at.map(async (delay, i) => {
      await new Promise((r) => setTimeout(r, delay));
      const again = i % 10 === 0 ? new Promise((r) => setTimeout(r, rand() * 2000)).then(() => op(i)).then((r) => extra.push(r)) : null;
      const t = performance.now();
      replies[i] = await op(i);
      lat.push(performance.now() - t);
      await again;
    }));
    return { lat: lat.sort((a, b) => a - b), replies, extra, ms: performance.now() - t0 };
  }
  /** DB requests per call of the last `n` calls of a function (each call's own count, retries included). */
  async function requestsPerCall(fn: string, n: number) {
    const calls: Array<{ db: { roundTrips: number }; ok: boolean }> = await emu.api('GET', `/_emulator/functions/calls?function=${fn}&limit=${n}`);
    const trips = calls.map((c) => c.db.roundTrips).sort((a, b) => a - b);
    return { mean: trips.reduce((a, b) => a + b, 0) / trips.length, p50: pct(trips, 50), max: trips[trips.length - 1] ?? 0, failed: calls.filter((c) => !c.ok).length };
  }

  // ---- meetings: our design and the hot-counter baseline, a 2-minute surge and a burst ----
  // The last two: a 党员大会 (attendance only, no points), which shows the meeting's own part without the engine's.
  const runs: Array<[string, string, number, 'partyLecture' | 'memberAssembly']> = [
    ['redpark', 'study', WINDOW_S, 'partyLecture'], ['hotCounter', 'bench-hot-checkin', WINDOW_S, 'partyLecture'], ['redpark', 'study', 0, 'partyLecture'], ['hotCounter', 'bench-hot-checkin', 0, 'partyLecture'],
    ['redpark', 'study', 0, 'memberAssembly'], ['hotCounter', 'bench-hot-checkin', 0, 'memberAssembly'],
  ];
  // One 大党课 a month (its points are capped at one a month), the same members each time; created as in the app.
  const dates = ['2026-11-10', '2026-12-10', '2027-01-10', '2027-02-10', '2027-02-11', '2027-02-12'];
  for (const [k, [label, fn, windowS, kind]] of runs.entries()) {
    await emu.api('POST', '/_emulator/clock', { set: `${dates[k]}T05:50:00Z`, freeze: true }); // 13:50 in China
    const { meeting } = await secOk('study', 'meetings.create', { branchId: BRANCH, kind, title: `第${k + 1}次${kind === 'partyLecture' ? '大党课' : '党员大会'}`, date: dates[k], startTime: '14:00', endTime: '16:00', place: '园区党群服务中心', repeat: 'once' });
    const item = 'partyLectureAttended';
    const pointed = kind === 'partyLecture';
    const { code } = await secOk('study', 'meetings.code', { meetingId: meeting.id });
    await emu.resetStats();
    const s = await surge(windowS, (i) =>
      fn === 'study' ? call(apps[i]!, 'study', { action: 'meetings.checkIn', input: { code } }) : call(apps[i]!, fn, { meetingId: meeting.id, points: pointed }).then((r) => (r.ok === undefined ? { ok: false, error: { code: JSON.stringify(r) } } : r)),
    );
    const stats = (await emu.api('GET', '/_emulator/stats')) as { dbRoundTrips: number };
    const cost = await requestsPerCall(fn, MEMBERS + s.extra.length);
    const answered = s.replies.filter((r) => r !== undefined).length;
    const errors = [...s.replies, ...s.extra].filter((r) => !r.ok);
    const stored = (await db.collection('attendance').where({ meetingId: meeting.id }).count()).total;
    const shown = (await secOk('study', 'meetings.attendance', { meetingId: meeting.id })) as { meeting: { attendees: number }; present: unknown[] };
    const ledger = (await db.collection('points_ledger').where({ sourceId: `meeting:${meeting.id}`, item }).limit(1000).get()).data as Array<{ personId: string; points: number }>;
    const people = new Set(ledger.map((e) => e.personId));
    const lost = (pointed ? MEMBERS - people.size : 0) + (MEMBERS - stored);
    const double = ledger.length - people.size;
    const againSaid = s.extra.filter((r) => r.ok && r.data?.alreadyCheckedIn).length;
    const name = `${label}_${windowS ? `${windowS}s` : 'burst'}${pointed ? '' : '_nopoints'}`;
    console.log(
      `${(label === 'redpark' ? 'redpark  ' : 'hot count') + (windowS ? ` ${windowS} s` : ' burst')}${pointed ? '' : ' (党员大会, no points)'}: ${answered}/${MEMBERS} answered, ${errors.length} errors${errors.length ? ` (${[...new Set(errors.map((e) => e.error?.code))].join(', ')})` : ''}, ` +
        `p50 ${fmt(pct(s.lat, 50))} ms p99 ${fmt(pct(s.lat, 99))} ms, all done in ${fmt(s.ms / 1000)} s, ${fmt(cost.mean)} DB requests per check-in (p50 ${cost.p50}, max ${cost.max}; ${fmt(stats.dbRoundTrips / (MEMBERS + s.extra.length))} counting the emulator's total; ${fmt(stats.dbRoundTrips / (s.ms / 1000))} a second over the surge, at ${QPS}/s at least ${fmt(stats.dbRoundTrips / QPS)} s), ` +
        `stored ${stored}, the secretary sees ${shown.meeting.attendees} (${shown.present.length} listed), ledger ${ledger.length} entries: ${lost} lost, ${double} double; ${againSaid}/${s.extra.length} second taps said "already"`,
    );
    Object.assign(figures, {
      [`${name}_answered`]: answered, [`${name}_errors`]: errors.length, [`${name}_p50_ms`]: +pct(s.lat, 50).toFixed(1), [`${name}_p99_ms`]: +pct(s.lat, 99).toFixed(1),
      [`${name}_db_per_checkin`]: +cost.mean.toFixed(2), [`${name}_db_per_s`]: +(stats.dbRoundTrips / (s.ms / 1000)).toFixed(1), [`${name}_s_at_30qps`]: +(stats.dbRoundTrips / QPS).toFixed(1), [`${name}_stored`]: stored, [`${name}_shown`]: shown.meeting.attendees, [`${name}_lost`]: lost, [`${name}_double`]: double,
    });
  }

  // ---- a volunteer shift: 300 registered, signing in with the organizer's code ----
  const input = {
    scope: 'park', category: 'community', place: '园区广场', audience: 'all', content: [{ kind: 'paragraph', text: '基准' }],
    recruitFrom: '2027-03-01 09:00', recruitUntil: '2027-03-04 18:00', cancelBeforeHours: 24, contact: { name: '书记', phone: '13900000000' },
    riskNotice: '', insured: false, hoursRule: { minPresence: 0.6, roundTo: 0.5 }, publish: true,
    shifts: [{ start: '2027-03-05 09:00', end: '2027-03-05 11:00', capacity: MEMBERS, role: null }, { start: '2027-03-05 14:00', end: '2027-03-05 16:00', capacity: MEMBERS, role: null }],
  };
  await emu.api('POST', '/_emulator/clock', { set: '2027-03-01T02:00:00Z', freeze: true }); // recruiting
  const { activity } = (await secOk('volunteer', 'activities.create', { ...input, title: '园区志愿服务日' })) as { activity: { shifts: Array<{ id: string }> } };
  for (const [k, windowS] of [WINDOW_S, 0].entries()) {
    const shiftId = activity.shifts[k]!.id;
    for (let i = 0; i < MEMBERS; i += 20) {
      const rs = await Promise.all(apps.slice(i, i + 20).map((a) => call(a, 'volunteer', { action: 'signUp', input: { shiftId } })));
      const bad = rs.find((r) => !r.ok);
      if (bad) throw new Error(`signUp: ${JSON.stringify(bad.error)}`);
    }
  }
  for (const [k, windowS] of [WINDOW_S, 0].entries()) {
    const shiftId = activity.shifts[k]!.id;
    await emu.api('POST', '/_emulator/clock', { set: k === 0 ? '2027-03-05T00:50:00Z' : '2027-03-05T05:50:00Z', freeze: true }); // 10 minutes before the shift
    const { code } = await secOk('volunteer', 'shifts.code', { shiftId });
    await emu.resetStats();
    const s = await surge(windowS, (i) => call(apps[i]!, 'volunteer', { action: 'scan', input: { code } }));
    const stats = (await emu.api('GET', '/_emulator/stats')) as { dbRoundTrips: number };
    const cost = await requestsPerCall('volunteer', MEMBERS + s.extra.length);
    const answered = s.replies.filter((r) => r !== undefined).length;
    const errors = [...s.replies, ...s.extra].filter((r) => !r.ok);
    const signedIn = (await db.collection('volunteer_registrations').where({ shiftId, signedInAt: db.command.neq(null) }).count()).total;
    const firsts = s.replies.filter((r) => r.ok && r.data?.step === 'signedIn').length + s.extra.filter((r) => r.ok && r.data?.step === 'signedIn').length;
    const name = `shift_${windowS ? `${windowS}s` : 'burst'}`;
    console.log(
      `shift    ${windowS ? ` ${windowS} s` : ' burst'}: ${answered}/${MEMBERS} answered, ${errors.length} errors${errors.length ? ` (${[...new Set(errors.map((e) => e.error?.code))].join(', ')})` : ''}, ` +
        `p50 ${fmt(pct(s.lat, 50))} ms p99 ${fmt(pct(s.lat, 99))} ms, all done in ${fmt(s.ms / 1000)} s, ${fmt(cost.mean)} DB requests per sign-in (max ${cost.max}; ${fmt(stats.dbRoundTrips / (s.ms / 1000))} a second over the surge, at ${QPS}/s at least ${fmt(stats.dbRoundTrips / QPS)} s), ` +
        `${signedIn} signed in, ${firsts} replies said "signed in" (${firsts - signedIn} twice), ${MEMBERS - signedIn} lost`,
    );
    Object.assign(figures, {
      [`${name}_answered`]: answered, [`${name}_errors`]: errors.length, [`${name}_p50_ms`]: +pct(s.lat, 50).toFixed(1), [`${name}_p99_ms`]: +pct(s.lat, 99).toFixed(1),
      [`${name}_db_per_signin`]: +cost.mean.toFixed(2), [`${name}_db_per_s`]: +(stats.dbRoundTrips / (s.ms / 1000)).toFixed(1), [`${name}_s_at_30qps`]: +(stats.dbRoundTrips / QPS).toFixed(1), [`${name}_signed_in`]: signedIn, [`${name}_double`]: firsts - signedIn,
    });
  }
} finally {
  await emu.stop();
}
printFigures(figures);
