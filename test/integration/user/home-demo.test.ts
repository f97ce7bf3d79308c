// user.home on the demo park that `npm start` loads (its study, meetings, volunteering, 三评议 with its window open
// and pledges in every state, made by the real functions), for every demo persona of miniapp/src/local/personas.json: each gets its own to-dos, and what
// one call costs in DB requests (printed; every query on an index).
import { describe, test, beforeAll, afterAll, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Home } from '../../../shared/contract/user';
import { type EmulatorHandle, ROOT, startEmulator } from '../../support/emulator.js';
import { PRODUCT, as } from '../../support/park.js';
import { loadDemoPark } from '../../support/demo.js';

const PERSONAS = JSON.parse(readFileSync(path.join(ROOT, 'miniapp/src/local/personas.json'), 'utf8')) as Array<{ openid: string; name: string; label: string }>;


describe('user.home on the demo park, per demo persona', () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startEmulator({ spec: PRODUCT.spec, args: PRODUCT.args });
    await loadDemoPark(emu);
  }, 600_000);
  afterAll(() => emu?.stop());

  test('each persona\'s own to-dos; DB requests per call, every query on an index', async () => {
    const figures: Record<string, number> = {};
    const homes: Record<string, Home> = {};
    for (const p of PERSONAS) {
      await emu.api('POST', '/_emulator/stats/reset');
      homes[p.label + p.name] = (await as(emu, null, { openid: p.openid }).ok('user', 'home', {})) as Home;
      const reqs: Array<{ from?: string; plan?: string; collection?: string }> = await emu.api('GET', '/_emulator/requests?limit=1000');
      const mine = reqs.filter((r) => r.from?.startsWith('user:'));
      expect(mine.filter((r) => r.plan && !/^(IXSCAN|IDS|UNION)/.test(r.plan)).map((r) => `${p.name} ${r.collection} ${r.plan}`)).toEqual([]);
      figures[`${p.name}（${p.label}）`] = mine.length;
    }
    console.log(`user.home DB requests on the demo park: ${JSON.stringify(figures)}`);
    const h = (name: string) => Object.entries(homes).find(([k]) => k.endsWith(name))![1];
    // 马秀兰 (党员) has this month's topic to do; the secretary 杨建华 has today's 主题党日 to hold; 白雪梅 runs today's shift;
    // 孙浩然 (群众) waits for a seat; the park admin has the park's month; the unbound user has nothing.
    expect(h('马秀兰').topics.some((t) => !t.completed)).toBe(true);
    expect(h('杨建华').branches[0]?.nextMeeting?.today).toBe(true);
    expect(h('白雪梅').manage?.today.length).toBeGreaterThan(0);
    expect(h('白雪梅').topics).toEqual([]);
    expect(h('孙浩然').volunteer.map((v) => v.status)).toContain('waitlist');
    expect(h('魏国庆').park?.parkTopics.length).toBeGreaterThan(0);
    expect(h('新用户').person).toBeNull();
    // 承诺践诺 (scripts/demo/pledges.ts): 马秀兰's overdue item; 韩志军's returned one; 杨建华's and 祁永福's queues.
    expect(h('马秀兰').pledges?.overdue).toBeGreaterThan(0);
    expect(h('韩志军').pledges?.returned).toBe(1);
    expect(h('杨建华').pledges?.branches[0]?.toConfirm).toBeGreaterThan(0);
    expect(h('祁永福').pledges?.branches.map((b) => b.toApprove + b.toWithdraw).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // 三评议 (scripts/demo/review.ts) is open: 马秀兰 has members to rate.
    expect(h('马秀兰').review?.open).toBe(true);
    expect(h('马秀兰').review?.toRate).toBeGreaterThan(0);
    for (const [who, n] of Object.entries(figures)) expect([who, n <= 16]).toEqual([who, true]);
  });
});
