// Every action of every function (read from the contract: a new action is fuzzed without editing
// this file), with inputs generated from its zod schema (test/support/schema-arbitrary.ts), as a
// member and as the park admin: every reply is well formed — ok, or an error with a known code and a
// Chinese message, never INTERNAL — an input the schema refuses is never accepted, and a refused call
// writes nothing (the emulator's write counters; rate-limit counters aside: a refused call still
// spends its count). Deterministic: a fixed seed per action and caller; FUZZ_RUNS=200 digs deeper.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ERROR_MESSAGES, contract } from '../../../shared/contract';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { fuzzInput, jsonSchemaOf } from '../../support/schema-arbitrary.js';
import { QUIZ, setClock, startStudy, topicInput } from '../study/support.js';
import { activityInput } from '../volunteer/support.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const CALLERS = ['王芳', '周涛'] as const;

/** A stable seed per action and caller, so a failure replays. */
const seedOf = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);

describe('fuzz: every action of every function', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let ids: string[] = [];
  beforeAll(async () => {
    ({ emu, park } = await startStudy());
    // Real targets, so that some inputs get past "not found" into the handlers.
    const topic = await as(emu, park, '周涛').ok('study', 'topics.create', topicInput({ quiz: QUIZ }));
    const meeting = await as(emu, park, '李强').ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '主题党日', date: '2026-11-20', place: '会议室' });
    const activity = await as(emu, park, '刘洋').ok('volunteer', 'activities.create', activityInput());
    ids = [
      ...Object.values(park.branches), ...Object.values(park.ids), ...park.enterprises, 'g-a1', park.parkId,
      topic.topic.id, `${topic.topic.id}|${park.ids.王芳}`, meeting.meeting.id, activity.activity.id, ...activity.activity.shifts.map((x: { id: string }) => x.id),
    ];
  });
  afterAll(() => emu?.stop());

  /** Documents written so far, rate-limit counters aside. */
  const written = async (): Promise<number> => {
    const s = await emu.stats();
    return Object.entries(s.writtenByCollection).reduce((n, [c, k]) => (c === 'rate_limits' ? n : n + k), 0);
  };

  for (const [fn, actions] of Object.entries(contract)) {
    for (const [action, spec] of Object.entries(actions as Record<string, { input: import('zod').ZodType }>)) {
      test(`${fn}.${action}`, async () => {
        const schema = jsonSchemaOf(spec.input);
        const problems: string[] = [];
        for (const who of CALLERS) {
          const actor = as(emu, park, who);
          await setClock(emu, '2026-11-10T02:00:00Z');
          const prop = fc.asyncProperty(fuzzInput(schema, { ids }), async (input) => {
            const before = await written();
            const r = (await actor.call(fn, action, input)) as unknown;
            const what = `${fn}.${action} as ${who} with ${JSON.stringify(input).slice(0, 200)}`;
            if (typeof r !== 'object' || r === null || typeof (r as { ok?: unknown }).ok !== 'boolean') return fail(`${what}: malformed reply ${JSON.stringify(r).slice(0, 200)}`);
            const reply = r as { ok: true } | { ok: false; error: { code: string; message: string } };
            if (reply.ok) {
              // The dispatcher reads a missing or null input as {} (an action without fields needs none).
              if (!spec.input.safeParse(input ?? {}).success) return fail(`${what}: accepted an input its schema refuses`);
              return true;
            }
            const { code, message } = reply.error;
            if (!(code in ERROR_MESSAGES)) return fail(`${what}: unknown code ${code}`);
            if (code === 'INTERNAL') return fail(`${what}: INTERNAL (${message})`);
            if (typeof message !== 'string' || !/[\u4e00-\u9fff]/.test(message)) return fail(`${what}: message not in Chinese: ${message}`);
            const after = await written();
            if (after !== before) return fail(`${what}: refused with ${code} but wrote ${after - before} document(s)`);
            return true;
          });
          const fail = (p: string) => {
            problems.push(p);
            return false;
          };
          const out = await fc.check(prop, { numRuns: RUNS, seed: seedOf(`${fn}.${action}.${who}`), endOnFailure: true });
          if (out.failed) problems.push(`counterexample (seed ${out.seed}, path ${out.counterexamplePath}): ${JSON.stringify(out.counterexample).slice(0, 300)}`);
        }
        assert.deepEqual([...new Set(problems)].slice(0, 5), []);
      });
    }
  }
});
