// The authorization matrix shared by the functions' tests: nine kinds of caller, expected outcomes
// per action, and the two checks (each action × each caller; bad inputs → INVALID_INPUT naming the
// field, in Chinese). Every refusal must leave the database as it was (`snapshot`).
import type { ErrorCode } from '../../shared/contract';
import type { EmulatorHandle } from './emulator.js';
import { type Actor, as, type TestPark } from './park.js';

export const WHO = ['member', 'probationary', 'masses', 'secA', 'secB', 'organizer', 'admin', 'stranger', 'otherAdmin'] as const;
export type Who = (typeof WHO)[number];
export type Outcome = 'ok' | ErrorCode;
export interface Row {
  /** A valid input for this caller (may create fresh target data first). */
  input: (who: Who) => unknown;
  expect: Record<Who, Outcome>;
}

/** Everyone bound gets `rest` unless named; an unbound WeChat user is NOT_BOUND unless named. */
export const outcomes = (named: Partial<Record<Who, Outcome>>, rest: Outcome = 'FORBIDDEN'): Record<Who, Outcome> =>
  Object.fromEntries(WHO.map((w) => [w, named[w] ?? (w === 'stranger' ? 'NOT_BOUND' : rest)])) as Record<Who, Outcome>;

let strangers = 0;
/** The test park's personas by kind; a stranger is a new WeChat user every time; another park's admin by openid. */
export function matrixActor(emu: EmulatorHandle, park: TestPark, who: Who, otherAdminOpenid: string): Actor {
  switch (who) {
    case 'member': return as(emu, park, '王芳');
    case 'probationary': return as(emu, park, '赵敏');
    case 'masses': return as(emu, park, '陈静');
    case 'secA': return as(emu, park, '李强');
    case 'secB': return as(emu, park, '张伟');
    case 'organizer': return as(emu, park, '刘洋');
    case 'admin': return as(emu, park, '周涛');
    case 'stranger': return as(emu, null, { openid: `o_matrix_stranger_${++strangers}` }); // never bound, even after a bind cell
    case 'otherAdmin': return as(emu, null, { openid: otherAdminOpenid });
  }
}

type Snapshot = (emu: EmulatorHandle) => Promise<string>;

/** Each action of `actions` × each caller: the problems found (an empty list is a pass). */
export async function matrixProblems(emu: EmulatorHandle, snapshot: Snapshot, fn: string, actions: string[], rows: Record<string, Row>, actor: (who: Who) => Actor): Promise<string[]> {
  const wrong: string[] = [];
  for (const action of actions) {
    const row = rows[action];
    if (!row) continue; // reported by the "every action has a row" test
    for (const who of WHO) {
      const input = await row.input(who);
      const before = await snapshot(emu);
      const r = await actor(who).call(fn, action, input);
      const got = r.ok ? 'ok' : r.error.code;
      if (got !== row.expect[who]) wrong.push(`${fn}.${action} as ${who}: expected ${row.expect[who]}, got ${got}${r.ok ? '' : ` (${r.error.message})`}`);
      if (!r.ok && (await snapshot(emu)) !== before) wrong.push(`${fn}.${action} as ${who}: refused with ${got} but wrote something`);
    }
  }
  return wrong;
}

/** For every action: its bad inputs must be INVALID_INPUT naming the field, in Chinese, writing nothing. */
export async function badInputProblems(
  emu: EmulatorHandle, snapshot: Snapshot, fn: string, actions: string[], bad: Record<string, Array<[unknown, string]>>, caller: (action: string) => Actor,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const action of actions) {
    const cases = bad[action];
    if (!cases?.length) { wrong.push(`${fn}.${action}: no bad-input case`); continue; }
    for (const [input, field] of cases) {
      const before = await snapshot(emu);
      const r = await caller(action).call(fn, action, input);
      const what = `${fn}.${action} ${JSON.stringify(input).slice(0, 80)}`;
      if (r.ok || r.error.code !== 'INVALID_INPUT') { wrong.push(`${what}: expected INVALID_INPUT, got ${r.ok ? 'ok' : r.error.code}`); continue; }
      if (!r.error.fields?.[field]?.length) wrong.push(`${what}: no message for ${field}: ${JSON.stringify(r.error)}`);
      const messages = [r.error.message, ...(r.error.fields?.[field] ?? [])];
      if (!messages.every((m) => /[\u4e00-\u9fff]/.test(m))) wrong.push(`${what}: a message not in Chinese: ${JSON.stringify(messages)}`);
      if ((await snapshot(emu)) !== before) wrong.push(`${what}: wrote something`);
    }
  }
  return wrong;
}
