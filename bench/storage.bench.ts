// npm run bench:storage — cloud storage through the real SDK on an emulator keeping files on disk (--data):
// a 5 MB upload (Buffer and fs.ReadStream) and download (downloadFile, and a plain fetch of the link) in MB/s,
// 100 KB photo uploads at 1 and 10 in flight, a 50-file getTempFileURL batch; and, as baselines from the same
// run, writing the same 5 MB to the same disk with fs, and the upload's first step alone (getUploadMetadata).
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { type EmulatorHandle, startEmulator } from '../test/support/emulator.js';
import { fmt, measure, pct, printFigures } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 200);
const MB = 1024 * 1024;

const data = mkdtempSync(path.join(tmpdir(), 'redpark-bench-storage-'));
const emu: EmulatorHandle = await startEmulator({ dataDir: data, args: ['--functions', path.join(data, 'no-functions')] });
const figures: Record<string, number> = {};
const timed = async (n: number, op: (i: number) => Promise<unknown>) => {
  const lat: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    lat.push(performance.now() - t);
  }
  lat.sort((a, b) => a - b);
  return { p50: pct(lat, 50), p99: pct(lat, 99) };
};
const mbps = (ms: number, bytes = 5 * MB) => bytes / MB / (ms / 1000);
try {
  const app = emu.app();
  const five = randomBytes(5 * MB);
  const file = path.join(data, 'five.bin');
  writeFileSync(file, five);
  console.log(`storage bench: ${emu.baseUrl}, files on disk in ${data}, ${ROUNDS} rounds of 5 MB, ${PHOTOS} photos of 100 KB per level`);

  const upBuf = await timed(ROUNDS, (i) => app.uploadFile({ cloudPath: `bench/five-${i}.bin`, fileContent: five }));
  const upStream = await timed(ROUNDS, (i) => app.uploadFile({ cloudPath: `bench/stream-${i}.bin`, fileContent: createReadStream(file) }));
  const fid = (await app.uploadFile({ cloudPath: 'bench/five.bin', fileContent: five })).fileID;
  const down = await timed(ROUNDS, () => app.downloadFile({ fileID: fid }));
  const url = (await app.getTempFileURL({ fileList: [fid] })).fileList[0]!.tempFileURL;
  const get = await timed(ROUNDS, async () => Buffer.from(await (await fetch(url)).arrayBuffer()));
  const disk = await timed(ROUNDS, (i) => writeFile(path.join(data, `plain-${i}.bin`), five));
  console.log(`5 MB upload (Buffer)       p50 ${fmt(upBuf.p50)} ms  ${fmt(mbps(upBuf.p50))} MB/s   p99 ${fmt(upBuf.p99)} ms`);
  console.log(`5 MB upload (ReadStream)   p50 ${fmt(upStream.p50)} ms  ${fmt(mbps(upStream.p50))} MB/s`);
  console.log(`5 MB downloadFile          p50 ${fmt(down.p50)} ms  ${fmt(mbps(down.p50))} MB/s`);
  console.log(`5 MB fetch of the link     p50 ${fmt(get.p50)} ms  ${fmt(mbps(get.p50))} MB/s`);
  console.log(`  baseline: fs.writeFile of the same 5 MB, same disk: p50 ${fmt(disk.p50)} ms  ${fmt(mbps(disk.p50))} MB/s`);
  Object.assign(figures, {
    upload_5mb_p50_ms: +upBuf.p50.toFixed(1), upload_5mb_mb_s: +mbps(upBuf.p50).toFixed(1), upload_5mb_stream_mb_s: +mbps(upStream.p50).toFixed(1),
    download_5mb_mb_s: +mbps(down.p50).toFixed(1), fetch_5mb_mb_s: +mbps(get.p50).toFixed(1), baseline_fs_write_5mb_mb_s: +mbps(disk.p50).toFixed(1),
  });

  const photo = randomBytes(100 * 1024);
  for (const c of [1, 10]) {
    const r = await measure(PHOTOS, c, (i) => app.uploadFile({ cloudPath: `bench/photos-c${c}/${i}.jpg`, fileContent: photo }));
    const meta = await measure(PHOTOS, c, (i) => app.getUploadMetadata({ cloudPath: `bench/meta-c${c}/${i}.jpg` }));
    console.log(`100 KB photo c=${String(c).padEnd(2)} ${fmt(r.perSec).padStart(6)} uploads/s  p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms` +
      `   | baseline getUploadMetadata alone: ${fmt(meta.perSec)} /s, p50 ${fmt(meta.p50)} ms`);
    Object.assign(figures, { [`photo_c${c}_per_s`]: Math.round(r.perSec), [`photo_c${c}_p50_ms`]: +r.p50.toFixed(2), [`photo_c${c}_p99_ms`]: +r.p99.toFixed(2), [`metadata_c${c}_p50_ms`]: +meta.p50.toFixed(2) });
  }

  const ids = Array.from({ length: 50 }, (_, i) => ({ fileID: fid.replace('five.bin', `photos-c10/${i}.jpg`), maxAge: 600 }));
  const batch = await timed(ROUNDS * 5, () => app.getTempFileURL({ fileList: ids }));
  console.log(`getTempFileURL, 50 files   p50 ${fmt(batch.p50)} ms  p99 ${fmt(batch.p99)} ms`);
  figures.links_50_p50_ms = +batch.p50.toFixed(2);
  const s = (await emu.api('GET', '/_emulator/stats')).storage;
  console.log(`counters: ${s.requests} storage requests, ${s.uploads} uploads (${fmt(s.bytesIn / MB)} MB in), ${s.downloads} downloads (${fmt(s.bytesOut / MB)} MB out)`);
} finally {
  await emu.stop();
}
printFigures(figures);
