// The H5 build's upload in local mode: POST /files as the WeChat user in X-Redpark-Openid, multipart/form-data
// (cloudPath + file) or a raw body (?cloudPath=). The file is stored exactly as a wx.cloud.uploadFile would store
// it: the same cloud:// id shape, readable through the SDK, recorded with its uploader; and, like CloudBase's
// storage rules, nobody overwrites a file someone else uploaded.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { NO_FUNCTIONS, bytes, expectCode, fileIdOf, md5, stored, storageRecords, storedPaths } from './helpers';

describe('POST /files (the H5 gateway)', () => {
  let emu: EmulatorHandle;
  let off: EmulatorHandle;
  let app: ReturnType<EmulatorHandle['app']>;

  beforeAll(async () => {
    [emu, off] = await Promise.all([startEmulator({ args: [...NO_FUNCTIONS, '--local'] }), startEmulator({ args: NO_FUNCTIONS })]);
    app = emu.app();
  });
  afterAll(async () => {
    await Promise.all([emu?.stop(), off?.stop()]);
  });

  const multipart = (cloudPath: string | undefined, file: Buffer | undefined, type = 'image/jpeg') => {
    const form = new FormData();
    if (cloudPath !== undefined) form.append('cloudPath', cloudPath);
    if (file) form.append('file', new Blob([new Uint8Array(file)], { type }), 'upload.jpg');
    return form;
  };
  const post = async (body: BodyInit, openid?: string, query = '', headers: Record<string, string> = {}) => {
    const res = await fetch(`${(emu ?? off).baseUrl}/files${query}`, {
      method: 'POST', body, headers: { ...(openid ? { 'x-redpark-openid': openid } : {}), ...headers },
    });
    return { status: res.status, body: await res.json() };
  };

  test('multipart: the reply is what wx.cloud.uploadFile resolves with; the SDK reads the same bytes', async () => {
    const photo = bytes(50_000);
    const r = await post(multipart('meetings/m1/o_wang-1.jpg', photo), 'o_wang');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { fileID: fileIdOf('meetings/m1/o_wang-1.jpg'), statusCode: 200, errMsg: 'cloud.uploadFile:ok' });
    // the same id shape as an upload through the SDK
    const viaSdk = await app.uploadFile({ cloudPath: 'meetings/m1/admin.jpg', fileContent: Buffer.from('x') });
    assert.equal(viaSdk.fileID.replace(/admin\.jpg$/, ''), r.body.fileID.replace(/o_wang-1\.jpg$/, ''));
    assert.ok(Buffer.from((await app.downloadFile({ fileID: r.body.fileID })).fileContent as Buffer).equals(photo));
    const f = (await stored(emu, 'meetings/m1/o_wang'))[0]!;
    assert.deepEqual({ size: f.size, contentType: f.contentType, etag: f.etag, uploader: f.uploader },
      { size: 50_000, contentType: 'image/jpeg', etag: md5(photo), uploader: { openid: 'o_wang', source: 'wx_client' } });
  });

  test('a raw body with ?cloudPath= and its Content-Type', async () => {
    const r = await post(new Uint8Array(Buffer.from('%PDF-1.4 …')), 'o_li', `?cloudPath=${encodeURIComponent('台账/2026年11月.pdf')}`, { 'content-type': 'application/pdf' });
    assert.equal(r.status, 200);
    assert.equal(r.body.fileID, fileIdOf('台账/2026年11月.pdf'));
    const f = (await stored(emu, '台账/'))[0]!;
    assert.equal(f.contentType, 'application/pdf');
    assert.deepEqual(f.uploader, { openid: 'o_li', source: 'wx_client' });
  });

  test('no identity, a malformed one, a bad cloudPath, no file: refused with a clear code, nothing stored', async () => {
    const cases: Array<[BodyInit, string | undefined, string, number, string]> = [
      [multipart('x/anon.jpg', bytes(10)), undefined, '', 401, 'UNAUTHENTICATED'],
      [multipart('x/weird.jpg', bytes(10)), 'o li; drop', '', 401, 'UNAUTHENTICATED'],
      [multipart('/x/lead.jpg', bytes(10)), 'o_wang', '', 400, 'INVALID_PARAM'],
      [multipart('x/a#b.jpg', bytes(10)), 'o_wang', '', 400, 'INVALID_PARAM'],
      [multipart(undefined, bytes(10)), 'o_wang', '', 400, 'INVALID_PARAM'],
      [multipart('x/nofile.jpg', undefined), 'o_wang', '', 400, 'INVALID_PARAM'],
      [new Uint8Array(bytes(10)), 'o_wang', '', 400, 'INVALID_PARAM'], // raw without ?cloudPath
    ];
    for (const [body, openid, query, status, code] of cases) {
      const r = await post(body, openid, query);
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.equal(r.body.error.code, code);
      assert.equal(typeof r.body.error.message, 'string');
    }
    const bad = await fetch(`${emu.baseUrl}/files`, { method: 'POST', headers: { 'x-redpark-openid': 'o_wang', 'content-type': 'multipart/form-data; boundary=zzz' }, body: 'not a form' });
    assert.equal(bad.status, 400);
    assert.equal((await fetch(`${emu.baseUrl}/files`)).status, 405);
    assert.deepEqual(await storedPaths(emu, 'x/'), []);
  });

  test('an uploader may replace their own file; nobody else may, nor replace what a function stored (403 STORAGE_EXCEED_AUTHORITY)', async () => {
    assert.equal((await post(multipart('pledges/p1/evidence.jpg', Buffer.from('v1')), 'o_wang')).status, 200);
    assert.equal((await post(multipart('pledges/p1/evidence.jpg', Buffer.from('v2')), 'o_wang')).status, 200);
    const theirs = await post(multipart('pledges/p1/evidence.jpg', Buffer.from('overwritten by someone else')), 'o_li');
    assert.equal(theirs.status, 403);
    assert.equal(theirs.body.error.code, 'STORAGE_EXCEED_AUTHORITY');
    const raw = await post(new Uint8Array(Buffer.from('raw too')), 'o_li', '?cloudPath=pledges/p1/evidence.jpg');
    assert.equal(raw.status, 403);
    assert.equal(Buffer.from((await app.downloadFile({ fileID: fileIdOf('pledges/p1/evidence.jpg') })).fileContent as Buffer).toString(), 'v2');
    await app.uploadFile({ cloudPath: 'covers/a1.png', fileContent: Buffer.from('by a function') });
    assert.equal((await post(multipart('covers/a1.png', Buffer.from('mine now')), 'o_wang')).status, 403);
  });

  test('concurrent uploads of one path by two people: exactly one wins, the other is refused', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(multipart('race/same.jpg', Buffer.from(`from ${i % 2 ? 'o_a' : 'o_b'} #${i}`)), i % 2 ? 'o_a' : 'o_b')),
    );
    const winner = (await stored(emu, 'race/'))[0]!.uploader.openid;
    results.forEach((r, i) => assert.equal(r.status, (i % 2 ? 'o_a' : 'o_b') === winner ? 200 : 403, `#${i}`));
    const text = Buffer.from((await app.downloadFile({ fileID: fileIdOf('race/same.jpg') })).fileContent as Buffer).toString();
    assert.match(text, new RegExp(`^from ${winner} #`));
  });

  test('each gateway upload is a storage request in the records, with its uploader and outcome', async () => {
    await emu.resetStats();
    await post(multipart('rec/a.jpg', bytes(100)), 'o_rec');
    await post(multipart('/rec/bad.jpg', bytes(100)), 'o_rec');
    const recs = (await storageRecords(emu)).filter((r) => r.action === 'gateway.uploadFile');
    assert.equal(recs.length, 2);
    assert.deepEqual(recs[0].storage, { files: [{ path: 'rec/a.jpg', fileID: fileIdOf('rec/a.jpg'), code: 'SUCCESS', size: 100 }], bytesIn: 100, status: 200 });
    assert.equal(recs[1].error, 'INVALID_PARAM');
    const s = (await emu.api('GET', '/_emulator/stats')).storage;
    assert.deepEqual({ requests: s.requests, uploads: s.uploads, bytesIn: s.bytesIn }, { requests: 2, uploads: 1, bytesIn: 100 });
  });

  test('without --local the gateway is off (404 GATEWAY_OFF) and stores nothing', async () => {
    const res = await fetch(`${off.baseUrl}/files?cloudPath=a.jpg`, { method: 'POST', headers: { 'x-redpark-openid': 'o_wang' }, body: 'x' });
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, 'GATEWAY_OFF');
    await expectCode(off.app().downloadFile({ fileID: fileIdOf('a.jpg') }), 'STORAGE_FILE_NONEXIST');
  });
});
