// Files end to end through the real SDK and the `files` function: a secretary adds photos to a meeting of her
// branch; WeChat's asynchronous image check (the emulator's stand-in, held and released) keeps them to the
// uploader (审核中) until they pass; members of the branch see them; someone of another branch or park cannot
// fetch them even with the file id; a failed image is hidden with a note; wrong types and oversize files are
// refused and deleted; unclaimed uploads are deleted by the housekeeping timer a day later; a forged check
// result from a client changes nothing. Also the activity cover and what one photo view costs.
import { describe, test, beforeAll, afterAll, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { OTHER, assertError, doc, startSeeded } from '../org/support.js';
import { stored } from '../storage/helpers.js';
import { RISKY, deliverMediaChecks, holdMediaChecks, mediaChecksSettled, png, upload } from './support.js';

describe('files: meeting photos, private links, the image check, clean-up', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let meetingA: string;
  let meetingB: string;
  const sec = () => as(emu, park, '李强');
  const member = () => as(emu, park, '王芳');
  const masses = () => as(emu, park, '陈静');
  const secB = () => as(emu, park, '张伟');
  const admin = () => as(emu, park, '周涛');
  const otherAdmin = () => as(emu, null, { openid: OTHER.admin.openid });
  const record = () => ({ kind: 'meeting', id: meetingA });

  beforeAll(async () => {
    ({ emu, park } = await startSeeded());
    await emu.api('POST', '/_emulator/clock', { set: '2026-11-10T02:00:00Z', freeze: true });
    meetingA = (await sec().ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '十一月主题党日', date: '2026-11-20', place: '党员活动室', repeat: 'once' })).meeting.id;
    meetingB = (await secB().ok('study', 'meetings.create', { branchId: park.branches.B, kind: 'partyDay', title: '乙支部主题党日', date: '2026-11-21', place: '会议室', repeat: 'once' })).meeting.id;
  }, 60_000);
  afterAll(async () => {
    await emu?.stop();
  });
  beforeEach(async () => {
    await holdMediaChecks(emu, false);
  });

  test('photos wait for the image check: the uploader sees 审核中, the branch sees them once passed; others never', async () => {
    await holdMediaChecks(emu, true);
    const ids = await upload(emu, sec(), [png('photo-1'), png('photo-2')]);
    const attached = await sec().ok('files', 'files.attach', { record: record(), purpose: 'photo', fileIds: ids });
    assert.deepEqual(attached.files.map((f: any) => [f.check, f.mine, typeof f.url]), [['pending', true, 'string'], ['pending', true, 'string']]);

    // Pending: the uploader sees them with links; a member of the branch sees nothing yet, and cannot fetch one.
    const mine = await sec().ok('files', 'files.list', { record: record() });
    assert.equal(mine.canAdd, true);
    assert.equal(mine.record.title, '十一月主题党日');
    assert.deepEqual(mine.files.map((f: any) => f.check), ['pending', 'pending']);
    assert.deepEqual((await member().ok('files', 'files.list', { record: record() })).files, []);
    assertError(await member().call('files', 'files.url', { fileId: ids[0] }), 'NOT_FOUND');

    const checks = await deliverMediaChecks(emu);
    assert.equal(checks.length, 2);
    assert.deepEqual(checks.map((c) => c.suggest), ['pass', 'pass']);
    await mediaChecksSettled(emu);
    assert.equal((await emu.api('GET', '/_emulator/wx/media-checks')).checks.at(-1).reply, 'success');

    // Passed: members of the branch (masses too: a meeting of their branch) and the park admin see them and fetch the bytes.
    for (const who of [member(), masses(), admin()]) {
      const seen = await who.ok('files', 'files.list', { record: record() });
      assert.equal(seen.canAdd, who.openid === park.openids.周涛, who.openid);
      assert.deepEqual(seen.files.map((f: any) => [f.fileId, f.check, f.uploadedBy]), [[ids[0], 'pass', '李强'], [ids[1], 'pass', '李强']]);
      const res = await fetch(seen.files[0].url);
      assert.equal(res.status, 200);
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(png('photo-1')));
      assert.equal(typeof (await who.ok('files', 'files.url', { fileId: ids[1] })).url, 'string');
    }

    // Another branch's secretary and another park's admin: not even with the file id.
    for (const who of [secB(), otherAdmin()]) {
      assertError(await who.call('files', 'files.list', { record: record() }), 'NOT_FOUND');
      for (const id of ids) assertError(await who.call('files', 'files.url', { fileId: id }), 'NOT_FOUND');
      assertError(await who.call('files', 'files.remove', { fileId: ids[0] }), 'NOT_FOUND');
    }
    assertError(await otherAdmin().call('files', 'files.url', { fileId: ids[0] }), 'NOT_FOUND');
    // A member cannot add photos to the meeting, nor remove the secretary's.
    const ownIds = await upload(emu, member(), [png('member')]);
    assertError(await member().call('files', 'files.attach', { record: record(), purpose: 'photo', fileIds: ownIds }), 'FORBIDDEN');
    assertError(await member().call('files', 'files.remove', { fileId: ids[0] }), 'FORBIDDEN');
    // Someone else's upload cannot be claimed by a secretary (nor a file id made up).
    assertError(await sec().call('files', 'files.attach', { record: record(), purpose: 'photo', fileIds: ownIds }), 'NOT_FOUND');
    assertError(await sec().call('files', 'files.attach', { record: record(), purpose: 'photo', fileIds: [ids[0]!.replace('uploads/', 'uploads/x')] }), 'NOT_FOUND');
    // Nor can the secretary of branch B add photos to branch A's meeting.
    const bIds = await upload(emu, secB(), [png('b')]);
    assertError(await secB().call('files', 'files.attach', { record: record(), purpose: 'photo', fileIds: bIds }), 'NOT_FOUND');
    await secB().ok('files', 'files.attach', { record: { kind: 'meeting', id: meetingB }, purpose: 'sheet', fileIds: bIds });
    await mediaChecksSettled(emu);
    assertError(await member().call('files', 'files.url', { fileId: bIds[0] }), 'NOT_FOUND');
  });

  test('an image the check fails is hidden from everyone; its uploader and the secretary see why', async () => {
    const [id] = await upload(emu, sec(), [png(RISKY)]);
    await sec().ok('files', 'files.attach', { record: record(), purpose: 'sheet', fileIds: [id] });
    const checks = await mediaChecksSettled(emu);
    assert.equal(checks.at(-1).suggest, 'risky');
    const f = (await sec().ok('files', 'files.list', { record: record() })).files.find((x: any) => x.fileId === id);
    assert.deepEqual([f.check, f.url, f.purpose], ['failed', null, 'sheet']);
    assert.equal((await member().ok('files', 'files.list', { record: record() })).files.some((x: any) => x.fileId === id), false);
    assertError(await member().call('files', 'files.url', { fileId: id }), 'NOT_FOUND');
    assertError(await sec().call('files', 'files.url', { fileId: id }), 'NOT_FOUND', /没有通过/);
    // The secretary removes it: the document and the stored file go.
    await sec().ok('files', 'files.remove', { fileId: id });
    assert.equal((await stored(emu, 'uploads/')).some((s) => s.fileID === id), false);
  });

  test('a check result forged by a client changes nothing', async () => {
    await holdMediaChecks(emu, true);
    const [id] = await upload(emu, sec(), [png(RISKY + '-forged')]);
    await sec().ok('files', 'files.attach', { record: record(), purpose: 'photo', fileIds: [id] });
    const { checks } = await emu.api('GET', '/_emulator/wx/media-checks');
    const traceId = checks.at(-1).traceId;
    // Even knowing the trace id (it is never shown to anyone), a client's event is ignored.
    const forged = await emu.appAs(park.openids.李强!).callFunction({ name: 'files', data: { MsgType: 'event', Event: 'wxa_media_check', trace_id: traceId, errcode: 0, result: { suggest: 'pass', label: 100 } } });
    assert.equal(forged.result, 'forbidden');
    const d = (await emu.app().database().collection('files').where({ traceId }).get()).data[0];
    assert.equal(d.check, 'pending');
    await deliverMediaChecks(emu);
    await mediaChecksSettled(emu);
    assert.equal((await emu.app().database().collection('files').where({ traceId }).get()).data[0].check, 'failed');
  });

  test('wrong type and oversize: refused on the phone side by the contract, and after upload deleted and refused', async () => {
    assertError(await sec().call('files', 'files.prepare', { files: [{ ext: 'gif', size: 100 }] }), 'INVALID_INPUT', /JPG、PNG/);
    assertError(await sec().call('files', 'files.prepare', { files: [{ ext: 'jpg', size: 11 * 1024 * 1024 }] }), 'INVALID_INPUT', /10 MB/);
    const before = (await stored(emu, 'uploads/')).length;
    // A file named .png that is not a PNG (an HTML page), and one over 10 MB uploaded to a slot asked for as small.
    const [fake] = await upload(emu, sec(), [Buffer.from('<html><script>alert(1)</script></html>')]);
    const r = await sec().call('files', 'files.attach', { record: record(), purpose: 'photo', fileIds: [fake] });
    assertError(r, 'INVALID_INPUT', /只能上传 JPG、PNG 或 WebP 格式的图片/);
    const big = Buffer.concat([png(), Buffer.alloc(10 * 1024 * 1024 + 10)]);
    const [huge] = await upload(emu, sec(), [big]);
    assertError(await sec().call('files', 'files.attach', { record: record(), purpose: 'photo', fileIds: [huge] }), 'INVALID_INPUT', /不能超过 10 MB/);
    // Nothing kept: neither file, nor its document.
    assert.equal((await stored(emu, 'uploads/')).length, before);
    for (const id of [fake, huge]) assert.equal((await emu.app().database().collection('files').where({ fileId: id }).get()).data.length, 0);
  });

  test('uploads no record claims within a day are deleted by the housekeeping timer; claimed ones stay', async () => {
    const [unclaimed, neverUploaded] = await upload(emu, member(), [png('left-over'), png('x')]);
    // One slot is never filled: only asked for.
    await emu.app().deleteFile({ fileList: [neverUploaded!] });
    const claimedBefore = (await sec().ok('files', 'files.list', { record: record() })).files.length;
    await emu.api('POST', '/_emulator/clock', { advance: 23 * 3_600_000 });
    let run = await emu.api('POST', '/_emulator/triggers/run', { function: 'housekeeping', trigger: 'daily' });
    assert.equal((await stored(emu, 'uploads/')).some((s) => s.fileID === unclaimed), true, JSON.stringify(run));
    await emu.api('POST', '/_emulator/clock', { advance: 2 * 3_600_000 });
    run = await emu.api('POST', '/_emulator/triggers/run', { function: 'housekeeping', trigger: 'daily' });
    assert.equal((await stored(emu, 'uploads/')).some((s) => s.fileID === unclaimed), false, JSON.stringify(run));
    assert.equal((await emu.app().database().collection('files').where({ claimed: false }).get()).data.length, 0);
    assert.equal((await sec().ok('files', 'files.list', { record: record() })).files.length, claimedBefore);
    assert.ok(claimedBefore >= 2);
  });

  test('an activity cover: set by its organizer, replaced by the next, seen by the park', async () => {
    const activity = (await emu.app().database().collection('volunteer_activities').add({
      parkId: park.parkId, scope: 'park', branchId: null, title: '园区环境整治', status: 'published', place: '园区广场', createdBy: { id: park.ids.刘洋, name: '刘洋' }, createdAt: new Date(),
    })).id;
    const organizer = as(emu, park, '刘洋');
    const cover = { kind: 'activity', id: activity };
    const [first] = await upload(emu, organizer, [png('cover-1')]);
    await organizer.ok('files', 'files.attach', { record: cover, purpose: 'cover', fileIds: [first] });
    assertError(await sec().call('files', 'files.attach', { record: cover, purpose: 'cover', fileIds: await upload(emu, sec(), [png('c')]) }), 'FORBIDDEN');
    assertError(await organizer.call('files', 'files.attach', { record: cover, purpose: 'photo', fileIds: await upload(emu, organizer, [png('p')]) }), 'INVALID_INPUT');
    const [second] = await upload(emu, organizer, [png('cover-2')]);
    await organizer.ok('files', 'files.attach', { record: cover, purpose: 'cover', fileIds: [second] });
    await mediaChecksSettled(emu);
    const seen = await member().ok('files', 'files.list', { record: cover });
    assert.deepEqual(seen.files.map((f: any) => [f.fileId, f.purpose, f.check]), [[second, 'cover', 'pass']]);
    assert.equal((await stored(emu, 'uploads/')).some((s) => s.fileID === first), false);
    assertError(await otherAdmin().call('files', 'files.list', { record: cover }), 'NOT_FOUND');
  });

  test('what one photo view costs: DB and storage requests of files.list, and of the pictures', async () => {
    await emu.resetStats();
    const seen = await member().ok('files', 'files.list', { record: record() });
    const call = (await emu.api('GET', '/_emulator/functions/calls?function=files')).at(-1);
    const n = seen.files.length;
    // The pictures themselves: one link fetch each, straight from storage (no function, no database).
    for (const f of seen.files) assert.equal((await fetch(f.url)).status, 200);
    const stats = (await emu.api('GET', '/_emulator/stats')).storage;
    console.log(`files.list of ${n} photos: ${call.db.roundTrips} DB round trips (${call.db.writes} writes), ${call.storage.requests} storage request; then ${stats.downloads} link fetches`);
    assert.ok(n >= 2);
    assert.equal(call.storage.requests, 1);
    assert.equal(call.db.writes, 0);
    assert.equal(call.db.roundTrips, 3);
    assert.equal(stats.downloads, n);

    // Adding two photos: files.prepare, the uploads, files.attach.
    const ids = await upload(emu, sec(), [png('cost-1'), png('cost-2')]);
    await sec().ok('files', 'files.attach', { record: record(), purpose: 'photo', fileIds: ids });
    const calls = (await emu.api('GET', '/_emulator/functions/calls?function=files')).filter((c: any) => c.source === 'wx_client');
    const [prepare, attach] = calls.slice(-2);
    console.log(`adding 2 photos: files.prepare ${prepare.db.roundTrips} DB / ${prepare.storage.requests} storage; files.attach ${attach.db.roundTrips} DB / ${attach.storage.requests} storage`);
    assert.equal(prepare.storage.requests, 1);
    void doc;
  });
});
