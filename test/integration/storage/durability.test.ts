// Files survive the emulator with --data: killed with SIGKILL after uploads, overwrites, deletes and copies were
// acknowledged, a restart on the same folder serves exactly those files (and links issued before the kill), and
// leaves no unfinished upload nor a blob no file names. Uploads in flight at the kill are all-or-nothing.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../support/emulator';
import { NO_FUNCTIONS, bytes, diskFiles, fetchBytes, fileIdOf, md5, stored } from './helpers';

describe('durability with --data', () => {
  test('acknowledged uploads, overwrites, deletes and copies survive SIGKILL; earlier links still work; nothing orphaned', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'redpark-storage-durable-'));
    const expected = new Map<string, string>(); // path → md5
    let emu = await startEmulator({ dataDir: data, args: NO_FUNCTIONS });
    let link: string;
    try {
      const app = emu.app();
      for (let i = 0; i < 30; i++) {
        const content = bytes((i * 7919) % 200_000);
        await app.uploadFile({ cloudPath: `durable/${i}.jpg`, fileContent: content });
        expected.set(`durable/${i}.jpg`, md5(content));
      }
      for (const i of [1, 2, 3, 4, 5]) {
        const content = bytes(1000 + i);
        await app.uploadFile({ cloudPath: `durable/${i}.jpg`, fileContent: content });
        expected.set(`durable/${i}.jpg`, md5(content));
      }
      const gone = [6, 7, 8, 9, 10].map((i) => `durable/${i}.jpg`);
      await app.deleteFile({ fileList: gone.map(fileIdOf) });
      gone.forEach((p) => expected.delete(p));
      await app.copyFile({ fileList: [
        { srcPath: 'durable/11.jpg', dstPath: 'copies/11.jpg' },
        { srcPath: 'durable/12.jpg', dstPath: 'moved/12.jpg', removeOriginal: true },
      ] });
      expected.set('copies/11.jpg', expected.get('durable/11.jpg')!);
      expected.set('moved/12.jpg', expected.get('durable/12.jpg')!);
      expected.delete('durable/12.jpg');
      link = (await app.getTempFileURL({ fileList: [{ fileID: fileIdOf('durable/20.jpg'), maxAge: 3600 }] })).fileList[0]!.tempFileURL;
      await emu.kill('SIGKILL');

      emu = await startEmulator({ dataDir: data, args: NO_FUNCTIONS });
      const files = await stored(emu);
      assert.deepEqual(Object.fromEntries(files.map((f) => [f.path, f.etag]).sort()), Object.fromEntries([...expected].sort()));
      const app2 = emu.app();
      for (const [p, sum] of expected) {
        assert.equal(md5(Buffer.from((await app2.downloadFile({ fileID: fileIdOf(p) })).fileContent as Buffer)), sum, p);
      }
      // the link was signed before the kill, on another port: the same path and signature on the new emulator
      const again = new URL(link);
      const r = await fetchBytes(`${emu.baseUrl}${again.pathname}${again.search}`);
      assert.equal(r.status, 200);
      assert.equal(md5(r.body), expected.get('durable/20.jpg'));
      const disk = diskFiles(data);
      assert.equal(disk.objects.length, expected.size);
      assert.deepEqual(disk.tmp, []);
    } finally {
      await emu.stop();
    }
  });

  test('uploads in flight at a SIGKILL: every acknowledged one is intact, the rest absent or whole, never partial', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'redpark-storage-inflight-'));
    let emu = await startEmulator({ dataDir: data, args: NO_FUNCTIONS });
    const sums = new Map<string, string>();
    const acked = new Set<string>();
    try {
      const app = emu.app();
      const uploads = Array.from({ length: 16 }, (_, i) => {
        const content = bytes(2 * 1024 * 1024 + i);
        const cloudPath = `inflight/${i}.bin`;
        sums.set(cloudPath, md5(content));
        return app.uploadFile({ cloudPath, fileContent: content }).then(
          () => acked.add(cloudPath),
          () => undefined,
        );
      });
      for (let i = 0; i < 500 && acked.size < 3; i++) await new Promise((r) => setTimeout(r, 5));
      await emu.kill('SIGKILL');
      await Promise.all(uploads);
      assert.ok(acked.size >= 3 && acked.size < 16, `some acknowledged, some cut off (${acked.size} of 16)`);

      emu = await startEmulator({ dataDir: data, args: NO_FUNCTIONS });
      const files = await stored(emu);
      const present = new Map(files.map((f) => [f.path, f]));
      for (const p of acked) assert.ok(present.has(p), `acknowledged ${p} is there`);
      for (const [p, f] of present) {
        assert.equal(f.etag, sums.get(p), `${p} is whole`);
        assert.equal(f.size, 2 * 1024 * 1024 + Number(/(\d+)\.bin$/.exec(p)![1]));
        const body = Buffer.from((await emu.app().downloadFile({ fileID: fileIdOf(p) })).fileContent as Buffer);
        assert.equal(md5(body), sums.get(p), `${p} reads back whole`);
      }
      const disk = diskFiles(data);
      assert.deepEqual(disk.tmp, [], 'unfinished uploads were swept at the restart');
      assert.equal(disk.objects.length, present.size, 'no blob without a file');
    } finally {
      await emu.stop();
    }
  });
});
