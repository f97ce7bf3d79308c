// Helpers for the pledge tests: a clean emulator with the test park, China wall-clock time, an item input,
// running the pledge timer as the platform does, and reading what is stored.
import type { EmulatorHandle } from '../../support/emulator.js';
import type { Actor, TestPark } from '../../support/park.js';
import { startSeeded } from '../org/support.js';

export { OTHER, assertError, doc, refusedBy, snapshot } from '../org/support.js';

/** Set the emulator's clock to a China wall time "2026-01-05 10:00" (frozen). */
export async function chinaClock(emu: EmulatorHandle, wall: string): Promise<void> {
  await emu.api('POST', '/_emulator/clock', { set: new Date(`${wall.replace(' ', 'T')}:00+08:00`).toISOString(), freeze: true });
}

export async function startPledges(extraArgs: string[] = []): Promise<{ emu: EmulatorHandle; park: TestPark }> {
  const s = await startSeeded(extraArgs);
  await chinaClock(s.emu, '2026-01-05 10:00');
  return s;
}

let n = 0;
/** A yearly 工作 item due `dueOn`. */
export function itemInput(dueOn: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  n++;
  return { kind: 'work', what: `全年质检零差错，带好两名新员工（第${n}项）`, howSeen: '车间质检记录和班组评议', dueOn, term: 'yearly', ...over };
}

/** Write an item and have it approved; returns its id. */
export async function approvedItem(member: Actor, secretary: Actor, dueOn: string, over: Record<string, unknown> = {}): Promise<string> {
  const { pledge } = await member.ok('pledge', 'create', itemInput(dueOn, over));
  await secretary.ok('pledge', 'review.decide', { pledgeId: pledge.id, decision: 'approve' });
  return pledge.id;
}

/** The pledge timer, as the platform fires it. */
export const runTimer = (emu: EmulatorHandle) => emu.api('POST', '/_emulator/triggers/run', { function: 'pledge', trigger: 'overdue' });
