// Cloud storage through the real, unmodified @cloudbase/node-sdk 3.18.3: every call the SDK has (uploadFile with
// Buffer and stream, getUploadMetadata, getTempFileURL, downloadFile, getFileInfo, deleteFile, copyFile), the
// temporary links (bytes, headers, expiry on the emulator clock, forged and altered links), the COS upload's
// own checks, bad and foreign file ids, batch limits, and the counters. Each test reads the stored state back
// from the emulator's own listing, not only from the SDK's reply.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { BUCKET, NO_FUNCTIONS, bytes, cosError, expectCode, fetchBytes, fileIdOf, md5, stored, storageRecords, storageStats, storedPaths } from './helpers';

type App = ReturnType<EmulatorHandle['app']>;

describe('cloud storage through the SDK', () => {
  let emu: EmulatorHandle;
  let app: App;
  const work = mkdtempSync(path.join(tmpdir(), 'redpark-storage-sdk-'));

  beforeAll(async () => {
    emu = await startEmulator({ args: NO_FUNCTIONS });
    app = emu.app();
  });
  afterAll(async () => {
    await emu?.stop();
  });

  /** The link of one file, from getTempFileURL. */
  const link = async (fileID: string, maxAge?: number): Promise<string> => {
    const { fileList } = await app.getTempFileURL({ fileList: [maxAge === undefined ? fileID : { fileID, maxAge }] });
    assert.equal(fileList[0]!.code, 'SUCCESS', JSON.stringify(fileList[0]));
    return fileList[0]!.tempFileURL;
  };

  describe('uploadFile', () => {
    test('a Buffer: the file id is cloud://<env>.<bucket>/<path>; bytes, size, type and uploader are kept', async () => {
      const content = bytes(100_000);
      const { fileID } = await app.uploadFile({ cloudPath: 'meetings/2026-11/photo-1.jpg', fileContent: content });
      assert.equal(fileID, 'cloud://redpark-local.7265-redpark-local-1250000000/meetings/2026-11/photo-1.jpg');
      const [f] = await stored(emu, 'meetings/2026-11/');
      assert.deepEqual(
        { path: f!.path, fileID: f!.fileID, size: f!.size, contentType: f!.contentType, etag: f!.etag, uploader: f!.uploader },
        { path: 'meetings/2026-11/photo-1.jpg', fileID, size: 100_000, contentType: 'image/jpeg', etag: md5(content), uploader: { source: 'admin' } },
      );
      const { fileContent } = await app.downloadFile({ fileID });
      assert.ok(Buffer.from(fileContent as Buffer).equals(content));
    });

    test('a fs.ReadStream of 3 MB, streamed (chunked) and kept byte for byte', async () => {
      const content = bytes(3 * 1024 * 1024 + 17);
      const file = path.join(work, 'big.pdf');
      writeFileSync(file, content);
      const { fileID } = await app.uploadFile({ cloudPath: 'exports/台账-2026.pdf', fileContent: createReadStream(file) });
      assert.equal(fileID, fileIdOf('exports/台账-2026.pdf'));
      const [f] = await stored(emu, 'exports/');
      assert.equal(f!.size, content.length);
      assert.equal(f!.contentType, 'application/pdf');
      assert.equal(f!.etag, md5(content));
      const { fileContent } = await app.downloadFile({ fileID });
      assert.ok(Buffer.from(fileContent as Buffer).equals(content));
    });

    test('Chinese, spaces and punctuation in the path survive the SDK’s encodeURI and a browser-style fetch', async () => {
      const cloudPath = '支部/主题党日 2026年11月/签到表 (1)+[正式].png';
      const content = bytes(2048);
      const { fileID } = await app.uploadFile({ cloudPath, fileContent: content });
      assert.equal(fileID, fileIdOf(cloudPath));
      assert.deepEqual(await storedPaths(emu, '支部/'), [cloudPath]);
      assert.ok(Buffer.from((await app.downloadFile({ fileID })).fileContent as Buffer).equals(content));
      const url = await link(fileID);
      assert.ok(url.includes('/主题党日 2026年11月/'), `the link keeps the path unencoded, as production's CDN links do: ${url}`);
      assert.ok((await fetchBytes(url)).body.equals(content));
      // urlType COS_URL: the SDK does not encodeURI it, so it comes encoded
      const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 60, urlType: 'COS_URL' } as never] });
      assert.ok(fileList[0]!.tempFileURL.includes('/%E4%B8%BB%E9%A2%98'), fileList[0]!.tempFileURL);
      assert.ok((await fetchBytes(fileList[0]!.tempFileURL)).body.equals(content));
      assert.ok(Buffer.from((await app.downloadFile({ fileID, urlType: 'COS_URL' })).fileContent as Buffer).equals(content));
    });

    test('uploading to a path again replaces the file: one file, the new bytes, a new etag', async () => {
      const { fileID } = await app.uploadFile({ cloudPath: 'covers/act-1.png', fileContent: Buffer.from('first') });
      const url = await link(fileID);
      await app.uploadFile({ cloudPath: 'covers/act-1.png', fileContent: Buffer.from('second version') });
      const files = await stored(emu, 'covers/');
      assert.equal(files.length, 1);
      assert.equal(files[0]!.etag, md5(Buffer.from('second version')));
      assert.equal((await fetchBytes(url)).body.toString(), 'second version', 'an earlier link serves the current content');
    });

    test('an empty file is a file', async () => {
      const { fileID } = await app.uploadFile({ cloudPath: 'empty/zero.txt', fileContent: Buffer.alloc(0) });
      assert.equal((await stored(emu, 'empty/'))[0]!.size, 0);
      const r = await fetchBytes(await link(fileID));
      assert.equal(r.status, 200);
      assert.equal(r.body.length, 0);
    });
  });

  test('getUploadMetadata: the grant uploadFile uses (url on the emulator, token, authorization, fileId, cosFileId)', async () => {
    const { data } = await app.getUploadMetadata({ cloudPath: 'grants/a b.png' });
    assert.equal(data.url, `${emu.baseUrl}/_emulator/cos/${BUCKET}/grants/a%20b.png`);
    assert.equal(data.fileId, fileIdOf('grants/a b.png'));
    assert.match(data.authorization, /^q-sign-algorithm=sha1&q-ak=\w+&q-sign-time=\d+;\d+&.*&q-signature=[0-9a-f]{40}$/);
    const [start, end] = /q-sign-time=(\d+);(\d+)/.exec(data.authorization)!.slice(1).map(Number);
    assert.equal(end! - start!, 600);
    assert.ok(data.token.length > 20 && data.cosFileId.length > 20);
    // the unsigned download_url is not a way in
    const r = await fetchBytes(data.download_url);
    assert.equal(r.status, 403);
    assert.deepEqual(await storedPaths(emu, 'grants/'), [], 'asking for a grant stores nothing');
  });

  describe('getTempFileURL', () => {
    test('a batch of strings and {fileID, maxAge} answers per file, in order: SUCCESS, STORAGE_FILE_NONEXIST, INVALID_PARAM', async () => {
      const { fileID } = await app.uploadFile({ cloudPath: 'batch/a.png', fileContent: Buffer.from('a') });
      const list = [
        fileID,
        { fileID, maxAge: 60 },
        fileIdOf('batch/missing.png'),
        `cloud://redpark-local.tcbenv-mPIgjhnq/batch/a.png`, // this env, another bucket (the SDK's own test: NONEXIST)
        `cloud://other-env.6f74-other-env-1250000000/batch/a.png`, // another environment
        'a7xzcb', // not a file id
        'cloud://redpark-local.7265-redpark-local-1250000000/a//b.png', // not a valid path
      ];
      const { fileList } = await app.getTempFileURL({ fileList: list });
      assert.deepEqual(fileList.map((f) => f.code), ['SUCCESS', 'SUCCESS', 'STORAGE_FILE_NONEXIST', 'STORAGE_FILE_NONEXIST', 'STORAGE_FILE_NONEXIST', 'INVALID_PARAM', 'INVALID_PARAM']);
      assert.deepEqual(fileList.map((f) => f.fileID), list.map((x) => (typeof x === 'string' ? x : x.fileID)));
      assert.deepEqual(fileList.slice(2).map((f) => f.tempFileURL), ['', '', '', '', '']);
      const expiry = (u: string) => Number(new URL(u).searchParams.get('t'));
      const now = Date.parse((await emu.api('GET', '/_emulator/clock')).now) / 1000;
      assert.ok(Math.abs(expiry(fileList[0]!.tempFileURL) - now - 86_400) <= 2, 'a day by default');
      assert.ok(Math.abs(expiry(fileList[1]!.tempFileURL) - now - 60) <= 2, 'maxAge 60');
      const week = (await app.getTempFileURL({ fileList: [{ fileID, maxAge: 7 * 86_400 }] })).fileList[0]!.tempFileURL;
      assert.ok(Math.abs(expiry(week) - now - 86_400) <= 2, 'at most a day');
      assert.match(fileList[0]!.tempFileURL, new RegExp(`^${emu.baseUrl}/_emulator/files/${BUCKET}/batch/a\\.png\\?sign=[0-9a-f]{32}&t=\\d+$`));
    });

    test('a link serves the bytes with type, length and etag; HEAD the same without a body; an unchanged file answers 304', async () => {
      const content = bytes(5000);
      const { fileID } = await app.uploadFile({ cloudPath: 'links/photo.webp', fileContent: content });
      const url = await link(fileID);
      const r = await fetchBytes(url);
      assert.equal(r.status, 200);
      assert.ok(r.body.equals(content));
      assert.equal(r.headers.get('content-type'), 'image/webp');
      assert.equal(r.headers.get('content-length'), '5000');
      assert.equal(r.headers.get('etag'), `"${md5(content)}"`);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('content-security-policy'), 'sandbox');
      const h = await fetchBytes(url, { method: 'HEAD' });
      assert.equal(h.status, 200);
      assert.equal(h.headers.get('content-length'), '5000');
      assert.equal(h.body.length, 0);
      const c = await fetchBytes(url, { headers: { 'if-none-match': `"${md5(content)}"` } });
      assert.equal(c.status, 304);
    });

    test('links expire on the emulator clock (403 CDN_SIGNATURE_EXPIRED); a new link works again', async () => {
      const { fileID } = await app.uploadFile({ cloudPath: 'links/expiring.png', fileContent: Buffer.from('soon gone') });
      await emu.api('POST', '/_emulator/clock', { freeze: true });
      try {
        const url = await link(fileID, 60);
        assert.equal((await fetchBytes(url)).status, 200);
        await emu.api('POST', '/_emulator/clock', { advance: 60_000 });
        assert.equal((await fetchBytes(url)).status, 200, 'valid through its last second');
        await emu.api('POST', '/_emulator/clock', { advance: 1_000 });
        const r = await fetchBytes(url);
        assert.equal(r.status, 403);
        assert.equal(cosError(r.body.toString()).Code, 'CDN_SIGNATURE_EXPIRED');
        assert.equal((await fetchBytes(await link(fileID, 60))).body.toString(), 'soon gone');
        // a day-long link outlives a 23-hour jump but not a 25-hour one
        const day = await link(fileID);
        await emu.api('POST', '/_emulator/clock', { advance: 23 * 3_600_000 });
        assert.equal((await fetchBytes(day)).status, 200);
        await emu.api('POST', '/_emulator/clock', { advance: 2 * 3_600_000 });
        assert.equal((await fetchBytes(day)).status, 403);
      } finally {
        await emu.api('POST', '/_emulator/clock', { freeze: false });
      }
    });

    test('forged and altered links are refused with 403; a link to a deleted file answers 404 NoSuchKey', async () => {
      const a = (await app.uploadFile({ cloudPath: 'links/a.png', fileContent: Buffer.from('A') })).fileID;
      const b = (await app.uploadFile({ cloudPath: 'links/b.png', fileContent: Buffer.from('B') })).fileID;
      const urlA = new URL(await link(a, 600));
      const urlB = new URL(await link(b, 600));
      const code = async (u: URL | string) => {
        const r = await fetchBytes(String(u));
        return `${r.status} ${r.status === 200 ? r.body.toString() : cosError(r.body.toString()).Code}`;
      };
      assert.equal(await code(urlA), '200 A');
      const unsigned = new URL(urlA);
      unsigned.search = '';
      assert.equal(await code(unsigned), '403 CDN_SIGNATURE_MISSING');
      const wrong = new URL(urlA);
      wrong.searchParams.set('sign', '0'.repeat(32));
      assert.equal(await code(wrong), '403 CDN_INVALID_SIGNATURE');
      const otherFile = new URL(urlA); // A's signature on B's path
      otherFile.pathname = urlB.pathname;
      assert.equal(await code(otherFile), '403 CDN_INVALID_SIGNATURE');
      const later = new URL(urlA); // A's signature with a later expiry
      later.searchParams.set('t', String(Number(urlA.searchParams.get('t')) + 86_400));
      assert.equal(await code(later), '403 CDN_INVALID_SIGNATURE');
      const otherBucket = new URL(urlA);
      otherBucket.pathname = urlA.pathname.replace(BUCKET, '7265-redpark-local-1300000000');
      assert.equal(await code(otherBucket), '404 NoSuchBucket');
      await app.deleteFile({ fileList: [a] });
      assert.equal(await code(urlA), '404 NoSuchKey');
      assert.equal((await fetch(String(urlA), { method: 'POST' })).status, 405);
    });
  });

  describe('downloadFile and getFileInfo', () => {
    test('downloadFile: the content as a Buffer, or written to tempFilePath', async () => {
      const content = bytes(300_000);
      const { fileID } = await app.uploadFile({ cloudPath: 'dl/x.bin', fileContent: content });
      assert.ok(Buffer.from((await app.downloadFile({ fileID })).fileContent as Buffer).equals(content));
      const target = path.join(work, 'x.bin');
      const r = await app.downloadFile({ fileID, tempFilePath: target });
      assert.equal(r.fileContent, undefined);
      // The SDK resolves as the response starts and pipes it to the file afterwards.
      for (let i = 0; i < 100 && !(existsSync(target) && statSync(target).size === content.length); i++) await new Promise((res) => setTimeout(res, 20));
      assert.ok(readFileSync(target).equals(content));
    });

    test('downloadFile of a missing file throws STORAGE_FILE_NONEXIST; of a malformed id INVALID_PARAM', async () => {
      await expectCode(app.downloadFile({ fileID: fileIdOf('dl/never.bin') }), 'STORAGE_FILE_NONEXIST');
      await expectCode(app.downloadFile({ fileID: 'cloud://other-env.6f74-other-env-1250000000/dl/x.bin' }), 'STORAGE_FILE_NONEXIST');
      await expectCode(app.downloadFile({ fileID: 'not-an-id' }), 'INVALID_PARAM');
    });

    test('getFileInfo (a HEAD on the link): size, content type and name', async () => {
      const { fileID } = await app.uploadFile({ cloudPath: 'info/名单.xlsx', fileContent: bytes(1234) });
      const { fileList } = await app.getFileInfo({ fileList: [fileID, fileIdOf('info/none.xlsx')] });
      assert.deepEqual(
        { code: fileList[0]!.code, size: fileList[0]!.size, mime: fileList[0]!.mime, fileName: fileList[0]!.fileName },
        { code: 'SUCCESS', size: 1234, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: '名单.xlsx' },
      );
      assert.equal(fileList[1]!.code, 'STORAGE_FILE_NONEXIST');
    });
  });

  describe('deleteFile', () => {
    test('a batch answers per file: SUCCESS, STORAGE_FILE_NONEXIST (twice in one batch, missing, another env), INVALID_PARAM', async () => {
      const a = (await app.uploadFile({ cloudPath: 'del/a.png', fileContent: Buffer.from('a') })).fileID;
      const b = (await app.uploadFile({ cloudPath: 'del/b.png', fileContent: Buffer.from('b') })).fileID;
      await app.uploadFile({ cloudPath: 'del/keep.png', fileContent: Buffer.from('k') });
      const urlB = await link(b);
      const ids = [a, b, a, fileIdOf('del/none.png'), 'cloud://other-env.6f74-other-env-1250000000/del/keep.png', 'del/keep.png'];
      const { fileList } = await app.deleteFile({ fileList: ids });
      assert.deepEqual(fileList.map((f) => [f.fileID, f.code]), [
        [a, 'SUCCESS'], [b, 'SUCCESS'], [a, 'STORAGE_FILE_NONEXIST'], [fileIdOf('del/none.png'), 'STORAGE_FILE_NONEXIST'],
        [ids[4], 'STORAGE_FILE_NONEXIST'], ['del/keep.png', 'INVALID_PARAM'],
      ]);
      assert.deepEqual(await storedPaths(emu, 'del/'), ['del/keep.png']);
      assert.equal((await fetchBytes(urlB)).status, 404);
      assert.equal((await app.getTempFileURL({ fileList: [a] })).fileList[0]!.code, 'STORAGE_FILE_NONEXIST');
    });

    test('more than 50 files, or none, throws INVALID_PARAM and deletes nothing', async () => {
      const ids = await Promise.all(Array.from({ length: 51 }, async (_, i) => (await app.uploadFile({ cloudPath: `many/${i}.txt`, fileContent: Buffer.from(String(i)) })).fileID));
      await expectCode(app.deleteFile({ fileList: ids }), 'INVALID_PARAM');
      assert.equal((await storedPaths(emu, 'many/')).length, 51);
      await expectCode(app.deleteFile({ fileList: [] }), 'INVALID_PARAM');
      await expectCode(app.getTempFileURL({ fileList: ids }), 'INVALID_PARAM');
      const { fileList } = await app.deleteFile({ fileList: ids.slice(0, 50) });
      assert.ok(fileList.every((f) => f.code === 'SUCCESS'));
      assert.deepEqual(await storedPaths(emu, 'many/'), ['many/50.txt']);
    });
  });

  describe('copyFile', () => {
    test('copies keep content and type; removeOriginal moves; overwrite false → STORAGE_FILE_PATH_CONFLICT; no source → STORAGE_FILE_NONEXIST', async () => {
      const content = bytes(4000);
      await app.uploadFile({ cloudPath: 'cp/src/p.jpg', fileContent: content });
      await app.uploadFile({ cloudPath: 'cp/taken/p.jpg', fileContent: Buffer.from('taken') });
      const { fileList } = await app.copyFile({
        fileList: [
          { srcPath: 'cp/src/p.jpg', dstPath: 'cp/copy/p.jpg' },
          { srcPath: 'cp/src/p.jpg', dstPath: 'cp/taken/p.jpg', overwrite: false },
          { srcPath: 'cp/none/p.jpg', dstPath: 'cp/copy2/p.jpg' },
        ],
      });
      assert.deepEqual(fileList, [
        { fileId: fileIdOf('cp/copy/p.jpg') },
        { code: 'STORAGE_FILE_PATH_CONFLICT', message: 'cp/taken/p.jpg exists and overwrite is false' },
        { code: 'STORAGE_FILE_NONEXIST', message: 'no file cp/none/p.jpg' },
      ]);
      const byPath = Object.fromEntries((await stored(emu, 'cp/')).map((f) => [f.path, f]));
      assert.deepEqual(Object.keys(byPath).sort(), ['cp/copy/p.jpg', 'cp/src/p.jpg', 'cp/taken/p.jpg']);
      assert.equal(byPath['cp/copy/p.jpg']!.etag, md5(content));
      assert.equal(byPath['cp/copy/p.jpg']!.contentType, 'image/jpeg');
      assert.equal(byPath['cp/taken/p.jpg']!.etag, md5(Buffer.from('taken')));
      // overwrite (the default) and move
      const moved = await app.copyFile({ fileList: [{ srcPath: 'cp/src/p.jpg', dstPath: 'cp/taken/p.jpg', removeOriginal: true }] });
      assert.deepEqual(moved.fileList, [{ fileId: fileIdOf('cp/taken/p.jpg') }]);
      assert.deepEqual(await storedPaths(emu, 'cp/'), ['cp/copy/p.jpg', 'cp/taken/p.jpg']);
      assert.ok(Buffer.from((await app.downloadFile({ fileID: fileIdOf('cp/taken/p.jpg') })).fileContent as Buffer).equals(content));
    });

    test('the server refuses what the SDK refuses before sending: a copy onto itself or under another name', async () => {
      await expectCode(app.copyFile({ fileList: [{ srcPath: 'a/x.png', dstPath: 'b/y.png' }] }), 'INVALID_PARAM'); // the SDK itself
      const raw = await emu.raw({ action: 'storage.batchCopyFile', file_list: [{ src_path: 'cp/copy/p.jpg', dst_path: 'cp/p2/q.jpg' }, { src_path: 'cp/copy/p.jpg', dst_path: 'cp/copy/p.jpg' }] });
      assert.deepEqual(raw.data.copy_list.map((c: { code: string }) => c.code), ['INVALID_PARAM', 'INVALID_PARAM']);
      assert.deepEqual(await storedPaths(emu, 'cp/p2/'), []);
    });
  });

  test('cloud paths CloudBase refuses, and those that break links, are refused before anything is stored', async () => {
    const before = await storageStats(emu);
    for (const cloudPath of ['', '/lead.png', 'a//b.png', 'folder/', 'a/../b.png', '100%.png', 'a#b.png', 'q?.png', 'back\\slash.png', 'ctl\u001b.png', `${'长'.repeat(284)}.png`]) {
      await expectCode(app.uploadFile({ cloudPath, fileContent: Buffer.from('x') }), 'INVALID_PARAM');
    }
    const after = await storageStats(emu);
    assert.equal(after.uploads, before.uploads);
    assert.equal(after.bytesIn, before.bytesIn);
    assert.deepEqual((await stored(emu)).filter((f) => /lead|100%|ctl|长/.test(f.path)), []);
  });

  describe('the COS upload checks its grant (403) and keeps nothing it refused', () => {
    const put = (url: string, headers: Record<string, string>, body = 'payload') => fetch(url, { method: 'PUT', headers, body });
    const grantHeaders = (d: { authorization: string; token: string; cosFileId: string }) => ({
      authorization: d.authorization, Signature: d.authorization, 'x-cos-security-token': d.token, 'x-cos-meta-fileid': d.cosFileId,
    });

    test('a good grant uploads; forged, redirected, missing and expired ones are refused', async () => {
      const { data } = await app.getUploadMetadata({ cloudPath: 'cos/a.png' });
      const { data: other } = await app.getUploadMetadata({ cloudPath: 'cos/b.png' });
      const refuse = async (url: string, headers: Record<string, string>) => {
        const r = await put(url, headers);
        const e = cosError(await r.text());
        return `${r.status} ${e.Code}`;
      };
      const forged = data.authorization.replace(/q-signature=[0-9a-f]{4}/, 'q-signature=0000');
      assert.equal(await refuse(data.url, { ...grantHeaders(data), authorization: forged }), '403 SignatureDoesNotMatch');
      assert.equal(await refuse(other.url, grantHeaders(data)), '403 SignatureDoesNotMatch', "a's grant does not upload b");
      assert.equal(await refuse(data.url, { ...grantHeaders(data), 'x-cos-meta-fileid': other.cosFileId }), '403 SignatureDoesNotMatch');
      assert.equal(await refuse(data.url, {}), '403 AccessDenied');
      assert.equal(await refuse(data.url.replace(BUCKET, '7265-redpark-local-1300000000'), grantHeaders(data)), '404 NoSuchBucket');
      assert.deepEqual(await storedPaths(emu, 'cos/'), []);
      const ok = await put(data.url, grantHeaders(data));
      assert.equal(ok.status, 200);
      assert.equal(await ok.text(), '', 'COS answers an empty body (the SDK parses it as XML)');
      assert.deepEqual(await storedPaths(emu, 'cos/'), ['cos/a.png']);
      // the grant lasts 10 minutes on the emulator clock
      await emu.api('POST', '/_emulator/clock', { freeze: true });
      try {
        await emu.api('POST', '/_emulator/clock', { advance: 601_000 });
        const r = await put(other.url, grantHeaders(other));
        assert.equal(r.status, 403);
        assert.deepEqual(cosError(await r.text()).Message, 'Request has expired');
      } finally {
        await emu.api('POST', '/_emulator/clock', { freeze: false });
      }
      assert.deepEqual(await storedPaths(emu, 'cos/'), ['cos/a.png']);
    });
  });

  test('counters and request records: storage requests, uploads, downloads, bytes in and out, what each did', async () => {
    await emu.resetStats();
    const content = bytes(10_000);
    const { fileID } = await app.uploadFile({ cloudPath: 'count/c.png', fileContent: content });
    const url = await link(fileID);
    await fetchBytes(url);
    await fetchBytes(url);
    await fetchBytes(url, { method: 'HEAD' });
    await fetchBytes(url.replace(/sign=\w+/, 'sign=' + '1'.repeat(32)));
    await app.deleteFile({ fileList: [fileID, fileIdOf('count/none.png')] });
    const stats = await emu.api('GET', '/_emulator/stats');
    assert.deepEqual(stats.storage, { requests: 8, uploads: 1, downloads: 2, bytesIn: 10_000, bytesOut: 20_000 });
    assert.equal(stats.requests, 3, 'admin requests: getUploadMetadata, batchGetDownloadUrl, batchDeleteFile');
    const recs = await storageRecords(emu);
    assert.deepEqual(recs.map((r) => r.action), [
      'storage.getUploadMetadata', 'cos.putObject', 'storage.batchGetDownloadUrl', 'cdn.getObject', 'cdn.getObject', 'cdn.headObject', 'cdn.getObject', 'storage.batchDeleteFile',
    ]);
    assert.deepEqual(recs[1].storage, { files: [{ path: 'count/c.png', fileID, code: 'SUCCESS', size: 10_000 }], bytesIn: 10_000, status: 200 });
    assert.deepEqual(recs[3].storage, { files: [{ path: 'count/c.png', fileID, code: 'SUCCESS', size: 10_000 }], bytesOut: 10_000, status: 200 });
    assert.equal(recs[6].error, 'CDN_INVALID_SIGNATURE');
    assert.equal(recs[6].storage.status, 403);
    assert.deepEqual(recs[7].storage.files, [{ fileID, code: 'SUCCESS' }, { fileID: fileIdOf('count/none.png'), code: 'STORAGE_FILE_NONEXIST' }]);
  });
});
