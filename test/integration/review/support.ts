// Helpers for the 三评议 tests: the test park with the clock in December 2026 (China time), a committee
// member of branch A who is bound (何军), and the review's setup: 陈静 leads 新能源公司 (ent-1, branch A's
// enterprise), 何军 sits on branch A's committee beside its secretary 李强.
//   王芳 (A, ent-1) is rated by 李强 and 何军 (branch), 陈静 (leader), 赵敏 (colleague, as is 孙丽, unbound).
//   Branch B is joint (no enterprise recorded for its people): 张伟 (its secretary) rates 周涛 only.
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Actor, type TestPark, as } from '../../support/park.js';
import { addPerson, startSeeded } from '../org/support.js';

export { OTHER, addPerson, assertError, auditOf, doc, refusedBy, snapshot } from '../org/support.js';

export const YEAR = '2026';
export const HE_JUN = { openid: 'o_review_hejun', name: '何军' } as const;

/** Set the emulator's clock to a China wall time "2026-12-10 10:00" (frozen). */
export async function chinaClock(emu: EmulatorHandle, wall: string): Promise<void> {
  await emu.api('POST', '/_emulator/clock', { set: new Date(`${wall.replace(' ', 'T')}:00+08:00`).toISOString(), freeze: true });
}

export function setup(park: TestPark, hejun: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    year: YEAR, from: '2026-12-01', until: '2026-12-31',
    leaders: [{ enterpriseId: 'ent-1', personIds: [park.ids.陈静] }],
    committees: [{ branchId: park.branches.A, personIds: [hejun] }],
    ...over,
  };
}

export interface ReviewPark { emu: EmulatorHandle; park: TestPark; hejun: string; he: Actor }

/** A clean emulator with the test park and 何军 (bound, full member of branch A); clock 2026-12-10 10:00. */
export async function startReview(): Promise<ReviewPark> {
  const { emu, park } = await startSeeded();
  const hejun = await addPerson(emu, park.parkId, park.branches.A, { name: HE_JUN.name, openid: HE_JUN.openid, boundAt: new Date(), enterpriseId: 'ent-1' });
  await emu.app().database().collection('branches').doc(park.branches.A).update({ memberCount: 5 });
  await chinaClock(emu, '2026-12-10 10:00');
  return { emu, park, hejun, he: as(emu, null, { openid: HE_JUN.openid }) };
}
