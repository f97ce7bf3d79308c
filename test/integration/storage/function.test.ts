// Storage from inside a function, as Redpark's functions will use it: `tcb.init({ env: SYMBOL_CURRENT_ENV })` with
// no serviceUrl, so every request follows TCB_CONTEXT_CNFG to the emulator (FACTS.md §1 lists what it does not
// redirect; storage is not among them, and the upload goes to the `url` the emulator hands out). The function
// uploads a Buffer, hands out a link, reads the file back and asks the caller's authority; the requests are
// attributed to the invocation, the file to the calling user.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { FIXTURE_FUNCTIONS, FIXTURE_FUNCTIONS_SPEC, startEmulator, type EmulatorHandle } from '../../support/emulator';
import { BUCKET, fetchBytes, fileIdOf, stored, storageRecords } from './helpers';

interface Roundtrip {
  fileID: string;
  link: { fileID: string; tempFileURL: string; code: string };
  text: string;
  authority: Array<{ path: string; cosFileId: string; read: boolean; write: boolean }> | null;
}

describe('storage from inside a function', () => {
  let emu: EmulatorHandle;

  beforeAll(async () => {
    emu = await startEmulator({ spec: FIXTURE_FUNCTIONS_SPEC, args: ['--functions', FIXTURE_FUNCTIONS, '--manual-timers'] });
  });
  afterAll(async () => {
    await emu?.stop();
  });

  test('upload, link, download and authority through TCB_CONTEXT_CNFG, attributed to the invocation and its user', async () => {
    await emu.resetStats();
    const { result } = await emu.appAs('o_wang').callFunction({
      name: 'storage', data: { op: 'roundtrip', cloudPath: 'fn/王芳的承诺.txt', text: '按时完成志愿服务' },
    });
    const r = result as Roundtrip;
    assert.equal(r.fileID, fileIdOf('fn/王芳的承诺.txt'));
    assert.equal(r.text, '按时完成志愿服务');
    assert.equal(r.link.code, 'SUCCESS');
    assert.ok(r.link.tempFileURL.startsWith(`${emu.baseUrl}/_emulator/files/${BUCKET}/`), r.link.tempFileURL);
    assert.equal((await fetchBytes(r.link.tempFileURL)).body.toString(), '按时完成志愿服务');
    const [f] = await stored(emu, 'fn/');
    assert.equal(f!.uploader.openid, 'o_wang');
    assert.equal(f!.uploader.source, 'wx_client,scf');
    assert.equal(f!.uploader.function, 'storage');
    assert.deepEqual(r.authority, [{ path: r.fileID, cosFileId: r.authority![0]!.cosFileId, read: true, write: true }]);
    assert.ok(r.authority![0]!.cosFileId.length > 20);

    const [call] = await emu.api('GET', '/_emulator/functions/calls?function=storage');
    const from = `storage:${call.requestId}`;
    const recs = (await storageRecords(emu)).filter((x) => x.from === from);
    assert.deepEqual(recs.map((x) => x.action), [
      'storage.getUploadMetadata', 'cos.putObject', 'storage.batchGetDownloadUrl', 'storage.batchGetDownloadUrl', 'storage.getFileAuthority',
    ]);
    // downloadFile's GET of its link carries nothing that names the invocation (nor does production's)
    assert.deepEqual(call.storage, { requests: 5, bytesIn: Buffer.byteLength('按时完成志愿服务'), bytesOut: 0 });
  });

  test('another user asking about that file has no authority; the function deletes it with per-file codes', async () => {
    const { result } = await emu.appAs('o_li').callFunction({ name: 'storage', data: { op: 'roundtrip', cloudPath: 'fn/li.txt', text: 'li' } });
    assert.deepEqual((result as Roundtrip).authority!.map((a) => [a.read, a.write]), [[true, true]]);
    const raw = await emu.raw({ action: 'storage.getFileAuthority', openId: 'o_li', fileList: [{ path: fileIdOf('fn/王芳的承诺.txt'), type: 'READ' }, { path: 'fn/free.txt', type: 'WRITE' }] });
    assert.deepEqual(raw.data.map((a: { read: boolean; write: boolean }) => [a.read, a.write]), [[false, false], [false, true]]);
    const del = await emu.app().callFunction({ name: 'storage', data: { op: 'delete', cloudPath: '', fileIDs: [fileIdOf('fn/li.txt'), fileIdOf('fn/li.txt')] } });
    assert.deepEqual((del.result as { deleted: Array<{ code: string }> }).deleted.map((d) => d.code), ['SUCCESS', 'STORAGE_FILE_NONEXIST']);
    assert.deepEqual((await stored(emu, 'fn/')).map((x) => x.path), ['fn/王芳的承诺.txt']);
  });
});
