// Helpers for the volunteer tests: a clean emulator with the test park (clock frozen at 2026-11-10
// 10:00 China time), an activity input, and reading what is stored.
import type { EmulatorHandle } from '../../support/emulator.js';
import type { Actor, TestPark } from '../../support/park.js';
import { startSeeded } from '../org/support.js';

export { OTHER, assertError, doc, refusedBy, snapshot } from '../org/support.js';

/** Set the emulator's clock to a China wall time "2026-11-15 08:40" (frozen). */
export async function chinaClock(emu: EmulatorHandle, wall: string): Promise<void> {
  await emu.api('POST', '/_emulator/clock', { set: new Date(`${wall.replace(' ', 'T')}:00+08:00`).toISOString(), freeze: true });
}

export async function startVolunteer(extraArgs: string[] = []): Promise<{ emu: EmulatorHandle; park: TestPark }> {
  const s = await startSeeded(extraArgs);
  await chinaClock(s.emu, '2026-11-10 10:00');
  return s;
}

/** A park-wide activity on 15 November: a morning shift of 2 seats and an afternoon one of 5. */
export function activityInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    scope: 'park', title: '园区环境整治志愿服务', category: 'environment', place: '园区中心广场', audience: 'all',
    content: [{ kind: 'paragraph', text: '清理绿化带垃圾，劝导文明停车。请穿运动鞋。' }],
    recruitFrom: '2026-11-10 09:00', recruitUntil: '2026-11-14 18:00', cancelBeforeHours: 24,
    contact: { name: '刘洋', phone: '13800000007' }, riskNotice: '户外活动，注意防晒和交通安全。', insured: true,
    hoursRule: { minPresence: 0.6, roundTo: 0.5 },
    shifts: [
      { start: '2026-11-15 09:00', end: '2026-11-15 11:00', capacity: 2, role: '清洁' },
      { start: '2026-11-15 13:00', end: '2026-11-15 15:00', capacity: 5, role: null },
    ],
    publish: true,
    ...over,
  };
}

export async function createActivity(organizer: Actor, over: Record<string, unknown> = {}): Promise<{ id: string; shifts: string[] }> {
  const { activity } = await organizer.ok('volunteer', 'activities.create', activityInput(over));
  return { id: activity.id, shifts: activity.shifts.map((s: { id: string }) => s.id) };
}

/**
 * One finished, confirmed shift: the organizer publishes an activity with a shift on `day` 09:00–11:00,
 * the people sign up, scan in at 09:00 and out at 11:00, the organizer confirms. Leaves the clock at
 * 11:30 that day. Returns the ids.
 */
export async function confirmedShift(emu: EmulatorHandle, organizer: Actor, people: Actor[], day: string, over: Record<string, unknown> = {}): Promise<{ activityId: string; shiftId: string }> {
  const prev = new Date(Date.parse(`${day}T00:00:00+08:00`) - 86_400_000).toISOString().slice(0, 10);
  await chinaClock(emu, `${prev} 10:00`);
  const { id: activityId, shifts: [shiftId] } = await createActivity(organizer, {
    recruitFrom: `${prev} 09:00`, recruitUntil: `${prev} 20:00`, shifts: [{ start: `${day} 09:00`, end: `${day} 11:00`, capacity: 20, role: null }], ...over,
  });
  for (const p of people) await p.ok('volunteer', 'signUp', { shiftId });
  await chinaClock(emu, `${day} 09:00`);
  let { code } = await organizer.ok('volunteer', 'shifts.code', { shiftId });
  for (const p of people) await p.ok('volunteer', 'scan', { code });
  await chinaClock(emu, `${day} 11:00`);
  ({ code } = await organizer.ok('volunteer', 'shifts.code', { shiftId }));
  for (const p of people) await p.ok('volunteer', 'scan', { code });
  await chinaClock(emu, `${day} 11:30`);
  await organizer.ok('volunteer', 'shifts.confirm', { shiftId });
  return { activityId, shiftId: shiftId! };
}
