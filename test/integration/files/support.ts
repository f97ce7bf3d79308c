// Helpers for the files tests: small real images, uploading as a person the way the app does (files.prepare,
// then the upload itself with the person's identity, as wx.cloud.uploadFile), the media-check controls.
import type { EmulatorHandle } from '../../support/emulator.js';
import type { Actor } from '../../support/park.js';

/** A 1×1 PNG; `marker` is appended after IEND (viewers ignore it; the media check stand-in finds it). */
export function png(marker = ''): Buffer {
  const body = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
    'hex',
  );
  return Buffer.concat([body, Buffer.from(marker)]);
}
export const RISKY = 'REDPARK-TEST-RISKY';

/** Prepare slots and upload `contents` as `who`; returns the file ids. */
export async function upload(emu: EmulatorHandle, who: Actor, contents: Buffer[], ext = 'png'): Promise<string[]> {
  const { uploads } = await who.ok('files', 'files.prepare', { files: contents.map((c) => ({ ext, size: Math.max(1, Math.min(c.length, 10 * 1024 * 1024)) })) });
  const app = emu.appAs(who.openid);
  for (const [i, u] of (uploads as Array<{ cloudPath: string; fileId: string }>).entries()) {
    const r = await app.uploadFile({ cloudPath: u.cloudPath, fileContent: contents[i]! });
    if (r.fileID !== u.fileId) throw new Error(`uploaded ${r.fileID}, expected ${u.fileId}`);
  }
  return (uploads as Array<{ fileId: string }>).map((u) => u.fileId);
}

export async function holdMediaChecks(emu: EmulatorHandle, hold: boolean): Promise<void> {
  await emu.api('POST', '/_emulator/wx/media-checks', { hold });
}
export async function deliverMediaChecks(emu: EmulatorHandle, body: { traceId?: string; suggest?: 'pass' | 'review' | 'risky' } = {}): Promise<any[]> {
  return (await emu.api('POST', '/_emulator/wx/media-checks/deliver', body)).delivered;
}
/** Waits until every media check pushed so far has been answered by the function. */
export async function mediaChecksSettled(emu: EmulatorHandle): Promise<any[]> {
  for (let i = 0; i < 100; i++) {
    const { checks } = await emu.api('GET', '/_emulator/wx/media-checks');
    if ((checks as any[]).every((c) => c.state !== 'queued' && (c.state !== 'delivered' || c.reply !== undefined))) return checks;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('media checks did not settle');
}
