// Shared helpers for the cloud storage conformance suite (not a test file itself).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorHandle } from '../../support/emulator';

export { expectCode } from '../db/helpers';

export const ENV = 'redpark-local';
/** The emulator's bucket: hex of "re", the env id, the stand-in APPID (production's shape). */
export const BUCKET = '7265-redpark-local-1250000000';
export const fileIdOf = (p: string) => `cloud://${ENV}.${BUCKET}/${p}`;

export interface StoredFile {
  path: string;
  fileID: string;
  size: number;
  contentType: string;
  etag: string;
  uploadedAt: string;
  uploader: { openid?: string; source: string; function?: string; from?: string };
}

/** What the emulator holds (its own listing, not the SDK's view). */
export async function stored(emu: EmulatorHandle, prefix = ''): Promise<StoredFile[]> {
  const r = await emu.api('GET', `/_emulator/storage/files?limit=1000&prefix=${encodeURIComponent(prefix)}`);
  return r.files;
}

export async function storedPaths(emu: EmulatorHandle, prefix = ''): Promise<string[]> {
  return (await stored(emu, prefix)).map((f) => f.path).sort();
}

export const bytes = (n: number) => randomBytes(n);
export const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

export interface StorageStats {
  requests: number;
  uploads: number;
  downloads: number;
  bytesIn: number;
  bytesOut: number;
}

export async function storageStats(emu: EmulatorHandle): Promise<StorageStats> {
  return (await emu.api('GET', '/_emulator/stats')).storage;
}

/** Recent request records of storage (admin storage.* actions, COS uploads, link fetches, gateway uploads). */
export async function storageRecords(emu: EmulatorHandle, limit = 1000): Promise<any[]> {
  const all: any[] = await emu.api('GET', `/_emulator/requests?limit=${limit}`);
  return all.filter((r) => r.storage);
}

/** Every blob file and unfinished upload under <data>/storage (for "nothing kept" on disk). */
export function diskFiles(dataDir: string): { objects: string[]; tmp: string[] } {
  const objects = path.join(dataDir, 'storage/objects');
  // Spread into this realm's arrays: fs builds Node's own, which strict deep equality calls different.
  return {
    objects: [...readdirSync(objects).flatMap((d) => readdirSync(path.join(objects, d)))],
    tmp: [...readdirSync(path.join(dataDir, 'storage/tmp'))],
  };
}

/** Parses COS's XML error body (what the SDK reads) into its fields. */
export function cosError(xml: string): { Code: string; Message: string; RequestId: string; TraceId: string } {
  const get = (k: string) => new RegExp(`<${k}>([\\s\\S]*?)</${k}>`).exec(xml)?.[1];
  const out = { Code: get('Code')!, Message: get('Message')!, RequestId: get('RequestId')!, TraceId: get('TraceId')! };
  assert.ok(out.Code && out.Message !== undefined && out.RequestId && out.TraceId, `not a COS error: ${xml}`);
  return out;
}

export async function fetchBytes(url: string, init?: RequestInit): Promise<{ status: number; body: Buffer; headers: Headers }> {
  const res = await fetch(url, init);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

/**
 * Emulator arguments for a suite that needs no functions: without them the emulator loads cloudfunctions/, whose
 * timers would fire on every clock jump these suites make.
 */
export const NO_FUNCTIONS = ['--functions', path.join(os.tmpdir(), 'redpark-storage-no-functions')];
