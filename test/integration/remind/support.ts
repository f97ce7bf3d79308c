// Helpers for the reminder tests: fire the remind timer, grant consent as a phone would (the WeChat prompt's
// answer to the emulator, then the app's report to remind consent.record), read the emulator's outbox and the
// stored outbox rows.
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import type { Actor } from '../../support/park.js';

export { chinaClock } from '../volunteer/support.js';

export async function fire(emu: EmulatorHandle): Promise<void> {
  const r = await emu.api('POST', '/_emulator/triggers/run', { function: 'remind', trigger: 'send' });
  assert.equal(r.ok, true, JSON.stringify(r));
}

/** The member taps, accepts the templates in WeChat's prompt, and the app records the answers. */
export async function grant(emu: EmulatorHandle, who: Actor, templates: string[], times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    await emu.api('POST', '/_emulator/wx/subscriptions', { openid: who.openid, templateIds: templates });
    await who.ok('remind', 'consent.record', { answers: Object.fromEntries(templates.map((t) => [t, 'accept'])) });
  }
}

export interface PhoneMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export async function outbox(emu: EmulatorHandle, who?: Actor): Promise<PhoneMessage[]> {
  return emu.api('GET', who ? `/_emulator/outbox?touser=${who.openid}` : '/_emulator/outbox');
}

export async function rows(emu: EmulatorHandle, where: Record<string, unknown>): Promise<any[]> {
  const { data } = await emu.app().database().collection('reminder_outbox').where(where).limit(1000).get();
  return data;
}

export async function inboxOf(emu: EmulatorHandle, personId: string): Promise<any[]> {
  const { data } = await emu.app().database().collection('inbox').where({ personId }).limit(1000).get();
  return data;
}
