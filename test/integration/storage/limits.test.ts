// The upload size limit (--max-file-mb): a file of exactly the limit is stored; one byte more is refused with a
// clear error through every way in (the SDK's COS upload, with a Buffer and a stream; the H5 gateway, multipart
// and raw) and nothing of it is kept, neither in the index nor on disk; the emulator keeps serving.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { NO_FUNCTIONS, bytes, diskFiles, expectCode, fileIdOf, storageStats, storedPaths } from './helpers';

const MB = 1024 * 1024;

describe('the upload size limit', () => {
  let emu: EmulatorHandle;
  let app: ReturnType<EmulatorHandle['app']>;
  const data = mkdtempSync(path.join(tmpdir(), 'redpark-storage-limit-'));

  beforeAll(async () => {
    emu = await startEmulator({ dataDir: data, args: [...NO_FUNCTIONS, '--max-file-mb', '1', '--local'] });
    app = emu.app();
  });
  afterAll(async () => {
    await emu?.stop();
  });

  const nothingKept = async (prefix: string) => {
    assert.deepEqual(await storedPaths(emu, prefix), []);
    const disk = diskFiles(data);
    assert.deepEqual(disk.tmp, [], 'no unfinished upload left behind');
    assert.equal(disk.objects.length, (await storedPaths(emu)).length, 'no blob without a file');
  };

  test('exactly 1 MB is stored; 1 MB + 1 byte throws STORAGE_REQUEST_FAIL [EntityTooLarge] and keeps nothing', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'ok/exact.bin', fileContent: bytes(MB) });
    assert.equal(fileID, fileIdOf('ok/exact.bin'));
    const before = await storageStats(emu);
    const e = await expectCode(app.uploadFile({ cloudPath: 'big/one-over.bin', fileContent: bytes(MB + 1) }), 'STORAGE_REQUEST_FAIL');
    assert.match(e.message, /^\[EntityTooLarge\]: .*maximum allowed object size \(1048576 bytes, --max-file-mb\)/);
    await nothingKept('big/');
    const after = await storageStats(emu);
    assert.equal(after.uploads, before.uploads);
    assert.equal(after.bytesIn, before.bytesIn);
  });

  test('a 3 MB stream is refused the same way; an earlier file at that path is left as it was', async () => {
    await app.uploadFile({ cloudPath: 'big/keep.bin', fileContent: Buffer.from('small and kept') });
    const file = path.join(data, '..', `big-${process.pid}.bin`);
    writeFileSync(file, bytes(3 * MB));
    await expectCode(app.uploadFile({ cloudPath: 'big/keep.bin', fileContent: createReadStream(file) }), 'STORAGE_REQUEST_FAIL');
    assert.equal(Buffer.from((await app.downloadFile({ fileID: fileIdOf('big/keep.bin') })).fileContent as Buffer).toString(), 'small and kept');
    await app.deleteFile({ fileList: [fileIdOf('big/keep.bin')] });
    await nothingKept('big/');
  });

  test('the H5 gateway answers 413 EXCEED_UPLOAD_MAXFILESIZE, multipart and raw, and keeps nothing', async () => {
    const form = new FormData();
    form.append('cloudPath', 'big/h5.jpg');
    form.append('file', new Blob([bytes(MB + 1)], { type: 'image/jpeg' }), 'h5.jpg');
    const multi = await fetch(`${emu.baseUrl}/files`, { method: 'POST', headers: { 'x-redpark-openid': 'o_wang' }, body: form });
    assert.equal(multi.status, 413);
    assert.equal((await multi.json()).error.code, 'EXCEED_UPLOAD_MAXFILESIZE');
    const raw = await fetch(`${emu.baseUrl}/files?cloudPath=big/raw.jpg`, {
      method: 'POST', headers: { 'x-redpark-openid': 'o_wang', 'content-type': 'image/jpeg' }, body: bytes(2 * MB),
    });
    assert.equal(raw.status, 413);
    assert.deepEqual((await raw.json()).error, { code: 'EXCEED_UPLOAD_MAXFILESIZE', message: 'the file is larger than 1048576 bytes (--max-file-mb)' });
    await nothingKept('big/');
    const ok = await fetch(`${emu.baseUrl}/files?cloudPath=ok/h5.jpg`, { method: 'POST', headers: { 'x-redpark-openid': 'o_wang' }, body: bytes(MB) });
    assert.equal(ok.status, 200);
  });

  test('after the refusals the emulator keeps serving, and only stored files were counted', async () => {
    await emu.resetStats();
    await app.uploadFile({ cloudPath: 'ok/after.txt', fileContent: Buffer.from('still here') });
    await expectCode(app.uploadFile({ cloudPath: 'big/again.bin', fileContent: bytes(MB + 10) }), 'STORAGE_REQUEST_FAIL');
    const s = await storageStats(emu);
    assert.deepEqual({ uploads: s.uploads, bytesIn: s.bytesIn, requests: s.requests }, { uploads: 1, bytesIn: 10, requests: 4 });
    assert.deepEqual(await storedPaths(emu, 'ok/'), ['ok/after.txt', 'ok/exact.bin', 'ok/h5.jpg']);
  });
});
