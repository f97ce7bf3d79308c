// The emulator's cloud storage pieces without a server: file ids and bucket names, cloud-path rules, content
// types, upload grants and link signatures, and the file store (memory and disk: overwrite, delete, copy, the
// uploader-only guard, durability rules and the sweep at start).
import { describe, test, expect } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { FileStore, type FileMeta } from '../../emulator/storage/files.js';
import { bucketOf, cloudPathProblem, contentTypeFor, decodePath, encodePath, fileIdOf, parseFileId } from '../../emulator/storage/ids.js';
import { Signer } from '../../emulator/storage/signing.js';

describe('file ids', () => {
  test('the bucket is hex of the env id’s first two characters, the env id and the APPID, as in production', () => {
    // cloud://test-wro3n.7465-test-wro3n-1300077222/… is a real production id ("te" = 74 65)
    assert.equal(bucketOf('test-wro3n', '1300077222'), '7465-test-wro3n-1300077222');
    assert.equal(bucketOf('cloud1-9gd4kn3z06e5ac68', '1309946562'), '636c-cloud1-9gd4kn3z06e5ac68-1309946562');
    assert.match(bucketOf('redpark-local'), /^7265-redpark-local-\d{10}$/);
  });

  test('parseFileId reads back what fileIdOf builds, for any valid cloud path', () => {
    const segment = fc.stringMatching(/^[\p{L}\p{N} _!*().,;:=&$@+'~-]{1,12}$/u).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const p = segments.join('/');
        fc.pre(cloudPathProblem(p) === undefined);
        const id = fileIdOf('redpark-local', bucketOf('redpark-local'), p);
        assert.deepEqual(parseFileId(id), { envId: 'redpark-local', bucket: bucketOf('redpark-local'), path: p });
        assert.equal(decodePath(encodePath(p)), p);
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  test('parseFileId refuses what is not cloud://<env>.<bucket>/<path>', () => {
    for (const bad of ['', 'cloud://', 'cloud://env', 'cloud://env/a.png', 'cloud://env.bucket/', 'https://x.tcb.qcloud.la/a.png', 'a7xzcb']) {
      assert.equal(parseFileId(bad), undefined, bad);
    }
  });
});

describe('cloud paths', () => {
  test('CloudBase’s naming rules: not empty, no leading /, no //, at most 850 bytes, no CAN EM SUB ESC', () => {
    assert.equal(cloudPathProblem('meetings/2026-11/照片 1.jpg'), undefined);
    assert.equal(cloudPathProblem('a|b测试.jpeg'), undefined); // the SDK's own test uploads this name
    assert.match(cloudPathProblem('')!, /non-empty/);
    assert.match(cloudPathProblem(undefined)!, /non-empty/);
    assert.match(cloudPathProblem('/a.png')!, /start with/);
    assert.match(cloudPathProblem('a//b.png')!, /\/\//);
    assert.equal(cloudPathProblem('中'.repeat(283) + '.'), undefined); // 849 + 1 = 850 bytes
    assert.match(cloudPathProblem('中'.repeat(283) + '.p')!, /850 bytes/);
    for (const c of ['\u0018', '\u0019', '\u001a', '\u001b', '\n', '\u007f']) assert.match(cloudPathProblem(`a${c}b.png`)!, /control/);
  });

  test('the emulator also refuses what breaks a temporary link: \\ % # ? . .. segments, a folder, lone surrogates', () => {
    for (const p of ['a\\b.png', '100%.png', 'a#1.png', 'a?.png', './a.png', 'a/../b.png', 'photos/', 'a\ud800.png']) {
      assert.ok(cloudPathProblem(p), p);
    }
  });

  test('content type: the header when sent, else by extension (as COS), else octet-stream', () => {
    assert.equal(contentTypeFor('a/b.JPG'), 'image/jpeg');
    assert.equal(contentTypeFor('a/b.png', 'image/webp'), 'image/webp');
    assert.equal(contentTypeFor('a/b.png', 'text/plain; charset=utf-8'), 'text/plain; charset=utf-8');
    assert.equal(contentTypeFor('a/b.png', 'nonsense'), 'image/png');
    assert.equal(contentTypeFor('台账.xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(contentTypeFor('a/noext'), 'application/octet-stream');
    assert.equal(contentTypeFor('a/.hidden'), 'application/octet-stream');
  });
});

describe('signatures', () => {
  const signer = new Signer(Buffer.alloc(32, 7));
  const other = new Signer(Buffer.alloc(32, 8));
  const B = '7265-redpark-local-1250000000';
  const uploader = { openid: 'o_wang', source: 'wx_client,scf', function: 'study', from: 'study:req-1' };

  test('an upload grant checks only for its bucket, path, token and cosFileId, and carries who asked', () => {
    const g = signer.issueUpload({ bucket: B, path: 'a/b.png', uploader, start: 100, end: 700 });
    assert.match(g.authorization, /^q-sign-algorithm=sha1&q-ak=\w+&q-sign-time=100;700&q-key-time=100;700&.*q-signature=[0-9a-f]{40}$/);
    const ok = signer.checkUpload(B, 'a/b.png', g.authorization, g.token, g.cosFileId);
    assert.deepEqual(ok, { ok: true, grant: { bucket: B, path: 'a/b.png', cosFileId: g.cosFileId, uploader, start: 100, end: 700 } });
    assert.deepEqual(signer.checkUpload(B, 'a/c.png', g.authorization, g.token, g.cosFileId), { ok: false, why: 'forged' });
    assert.deepEqual(signer.checkUpload('7265-x-1', 'a/b.png', g.authorization, g.token, g.cosFileId), { ok: false, why: 'forged' });
    assert.deepEqual(signer.checkUpload(B, 'a/b.png', g.authorization, g.token, 'x' + g.cosFileId), { ok: false, why: 'forged' });
    assert.deepEqual(signer.checkUpload(B, 'a/b.png', g.authorization.replace('100;700', '100;99999'), g.token, g.cosFileId), { ok: false, why: 'forged' });
    // a token claiming someone else
    const token = Buffer.from(JSON.stringify({ p: 'a/b.png', u: { openid: 'o_other', source: 'wx_client' }, c: g.cosFileId })).toString('base64url');
    assert.deepEqual(signer.checkUpload(B, 'a/b.png', g.authorization, token, g.cosFileId), { ok: false, why: 'forged' });
    assert.deepEqual(other.checkUpload(B, 'a/b.png', g.authorization, g.token, g.cosFileId), { ok: false, why: 'forged' });
    assert.deepEqual(signer.checkUpload(B, 'a/b.png', undefined, g.token, g.cosFileId), { ok: false, why: 'missing' });
    assert.deepEqual(signer.checkUpload(B, 'a/b.png', 'garbage', g.token, g.cosFileId), { ok: false, why: 'forged' });
  });

  test('a link signature holds only for its bucket, path and expiry', () => {
    const sign = signer.linkSign(B, '会议/照片 1.png', 1_800_000_000);
    assert.match(sign, /^[0-9a-f]{32}$/);
    assert.equal(signer.checkLink(B, '会议/照片 1.png', sign, '1800000000'), true);
    assert.equal(signer.checkLink(B, '会议/照片 2.png', sign, '1800000000'), false);
    assert.equal(signer.checkLink(B, '会议/照片 1.png', sign, '1800000001'), false);
    assert.equal(signer.checkLink(B, '会议/照片 1.png', sign, '01800000000'), false);
    assert.equal(signer.checkLink(B, '会议/照片 1.png', sign.replace(/^./, (c) => (c === '0' ? '1' : '0')), '1800000000'), false);
    assert.equal(other.checkLink(B, '会议/照片 1.png', sign, '1800000000'), false);
    assert.equal(signer.checkLink(B, '会议/照片 1.png', 'zz', '1800000000'), false);
  });
});

const who = { openid: 'o_wang', source: 'wx_client' };
/** Values made by better-sqlite3 and fs belong to Node's realm, not the test's: compare them as JSON. */
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
async function put(store: FileStore, p: string, text: string, uploader = who, at = 1000): Promise<FileMeta> {
  const u = store.newUpload(p);
  for (const part of [text.slice(0, 3), text.slice(3)]) if (part) await u.write(Buffer.from(part));
  return (await u.commit({ path: p, contentType: contentTypeFor(p), cosFileId: 'cos-' + p, uploadedAt: at, uploader })) as FileMeta;
}
const text = async (store: FileStore, p: string) => {
  const m = store.get(p);
  return m && (await store.read(m))?.toString('utf8');
};

describe.each([
  ['memory', undefined],
  ['disk', mkdtempSync(path.join(tmpdir(), 'redpark-files-'))],
])('file store (%s)', (_kind, dir) => {
  const objects = (): string[] =>
    dir ? plain(readdirSync(path.join(dir, 'storage/objects')).flatMap((d) => readdirSync(path.join(dir, 'storage/objects', d)))) : [];
  const tmpFiles = (): string[] => plain(readdirSync(path.join(dir!, 'storage/tmp')));

  test('put, read, overwrite (the old content goes), delete, list and totals', async () => {
    const store = new FileStore({ dataDir: dir });
    try {
      const m = await put(store, 'a/one.png', 'hello world');
      expect(m).toMatchObject({ path: 'a/one.png', size: 11, contentType: 'image/png', etag: '5eb63bbbe01eeed093cb22bb8f5acdc3', cosFileId: 'cos-a/one.png', uploader: who });
      assert.equal(await text(store, 'a/one.png'), 'hello world');
      await put(store, 'a/one.png', 'second', who, 2000);
      assert.equal(await text(store, 'a/one.png'), 'second');
      if (dir) assert.equal(objects().length, 1, 'the overwritten blob is gone');
      await put(store, 'b/two.txt', '');
      assert.equal(store.get('b/two.txt')!.size, 0);
      assert.equal(await text(store, 'b/two.txt'), '');
      assert.deepEqual(plain(store.totals()), { files: 2, bytes: 6 });
      assert.deepEqual(plain(store.list('', 0, 10).files.map((f) => f.path)), ['a/one.png', 'b/two.txt']); // newest first
      assert.deepEqual(plain(store.list('b/', 0, 10).files.map((f) => f.path)), ['b/two.txt']);
      assert.equal((await store.remove('a/one.png'))!.path, 'a/one.png');
      assert.equal(await store.remove('a/one.png'), undefined);
      assert.equal(store.get('a/one.png'), undefined);
      await store.remove('b/two.txt');
      if (dir) assert.deepEqual(objects(), []);
    } finally {
      store.close();
    }
  });

  test('an aborted upload keeps nothing; a refused guard keeps the old file', async () => {
    const store = new FileStore({ dataDir: dir });
    try {
      const u = store.newUpload('c/x.png');
      await u.write(Buffer.from('partial'));
      await u.abort();
      assert.equal(store.get('c/x.png'), undefined);
      if (dir) assert.deepEqual(tmpFiles(), []);
      await put(store, 'c/x.png', 'mine');
      const v = store.newUpload('c/x.png');
      await v.write(Buffer.from('theirs'));
      const r = await v.commit({ path: 'c/x.png', contentType: 'image/png', cosFileId: 'c', uploadedAt: 5, uploader: { openid: 'o_li', source: 'wx_client' } },
        (old) => !old || old.uploader.openid === 'o_li');
      assert.equal(r, 'refused');
      assert.equal(await text(store, 'c/x.png'), 'mine');
      if (dir) assert.equal(objects().length, 1);
      await store.remove('c/x.png');
    } finally {
      store.close();
    }
  });

  test('copy: a new blob with the same content and type; overwrite false; move; a missing source', async () => {
    const store = new FileStore({ dataDir: dir });
    const opts = { overwrite: true, removeOriginal: false, now: 9, uploader: { source: 'admin' }, cosFileId: 'k' };
    try {
      await put(store, 'd/p.jpg', 'photo');
      const c = await store.copy('d/p.jpg', 'e/p.jpg', opts);
      assert.ok(typeof c === 'object');
      assert.equal(c.contentType, 'image/jpeg');
      assert.notEqual(c.blob, store.get('d/p.jpg')!.blob);
      assert.equal(await text(store, 'e/p.jpg'), 'photo');
      await put(store, 'd/p.jpg', 'changed');
      assert.equal(await text(store, 'e/p.jpg'), 'photo', 'the copy is its own file');
      assert.equal(await store.copy('d/p.jpg', 'e/p.jpg', { ...opts, overwrite: false }), 'exists');
      assert.equal(await store.copy('nope.jpg', 'e/nope.jpg', opts), 'missing');
      const moved = await store.copy('d/p.jpg', 'f/p.jpg', { ...opts, removeOriginal: true });
      assert.ok(typeof moved === 'object');
      assert.equal(store.get('d/p.jpg'), undefined);
      assert.equal(await text(store, 'f/p.jpg'), 'changed');
      await store.remove('e/p.jpg');
      await store.remove('f/p.jpg');
      if (dir) assert.deepEqual(objects(), []);
    } finally {
      store.close();
    }
  });

  if (dir) {
    test('reopened: the same files and secret; unfinished uploads and blobs no row names are swept', async () => {
      let store = new FileStore({ dataDir: dir });
      await put(store, 'g/kept.png', 'kept');
      const secret = Buffer.from(store.secret);
      store.close();
      // what a kill leaves: a half-written upload, and a blob renamed into place whose row never committed
      writeFileSync(path.join(dir, 'storage/tmp/abc.part'), 'half');
      const orphan = path.join(dir, 'storage/objects', objects()[0]!.slice(0, 2), 'ffffffffffffffffffffffff.png');
      writeFileSync(orphan, 'orphan');
      store = new FileStore({ dataDir: dir });
      try {
        assert.ok(store.secret.equals(secret));
        assert.equal(await text(store, 'g/kept.png'), 'kept');
        assert.deepEqual(tmpFiles(), []);
        assert.equal(existsSync(orphan), false);
        assert.equal(objects().length, 1);
      } finally {
        store.close();
      }
    });
  }
});
