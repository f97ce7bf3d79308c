// Meeting photos end to end on the real H5 build (issue 16): the secretary opens 活动照片 on 会议 and adds two
// photos with the browser's file chooser (uploaded through the local gateway's POST /files, claimed by the
// meeting through the `files` function); while WeChat's image check (the emulator's stand-in, held here) has not
// answered they show 审核中 to her only; once it passes, a member of the branch sees both on 活动照片; a member
// of another branch sees a plain note, and cannot fetch them even with their file ids (files.url and files.list
// through the gateway answer NOT_FOUND, the storage link without a signature is refused). A file that is not a
// picture is refused on the phone with a Chinese message and nothing is uploaded. Every page at 390 px, normal
// and 大字模式, nothing wider than the screen.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { chinaDateString } from '../../shared/time.js';
import { type LocalApp, pageAs, startLocalApp } from '../support/h5.js';
import { shots } from '../support/wheel.js';
import { as } from '../support/park.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

const T = 15_000;

/** A 600×400 PNG in one colour with a darker band, so the screenshots show real pictures. */
function picture(file: string, rgb: [number, number, number]): string {
  const png = new PNG({ width: 600, height: 400 });
  for (let y = 0; y < 400; y++)
    for (let x = 0; x < 600; x++) {
      const i = (y * 600 + x) * 4;
      const k = y > 150 && y < 250 ? 0.6 : 1;
      png.data[i] = rgb[0] * k;
      png.data[i + 1] = rgb[1] * k;
      png.data[i + 2] = rgb[2] * k;
      png.data[i + 3] = 255;
    }
  writeFileSync(file, PNG.sync.write(png));
  return file;
}


/** Pictures inside `scope` that the browser actually loaded. */
const loadedImages = (page: Page, selector: string) =>
  page.evaluate((sel) => Array.from(document.querySelectorAll(`${sel} img`)).filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0).length, selector);

/** A function call through the local gateway, as the page's persona (what anyone with the app could send). */
const viaGateway = (page: Page, openid: string, action: string, input: unknown) =>
  page.evaluate(
    async ({ openid, action, input }) => {
      const res = await fetch('/functions/files', { method: 'POST', headers: { 'content-type': 'application/json', 'X-Redpark-Openid': openid }, body: JSON.stringify({ data: { action, input } }) });
      return (await res.json()).result;
    },
    { openid, action, input },
  );

test('a secretary adds two photos to a meeting; the branch sees them once checked; another branch cannot fetch them', async () => {
  const { emu, park } = app;
  const dir = mkdtempSync(path.join(tmpdir(), 'rp-photos-'));
  const files = [picture(path.join(dir, '主题党日合影.png'), [200, 16, 46]), picture(path.join(dir, '重温入党誓词.png'), [23, 116, 58])];
  const notPicture = path.join(dir, '签到表.txt');
  writeFileSync(notPicture, '这不是图片');
  const today = chinaDateString(new Date());
  const meeting = (await as(emu, park, '李强').ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '十一月主题党日', date: today, place: '党员活动室' })).meeting;
  await emu.api('POST', '/_emulator/wx/media-checks', { hold: true });

  // 1. 李强 opens 活动照片 on 会议: nothing yet, and what to do.
  const sec = await pageAs(app, '李强', '/packages/secretary/pages/meetings/index');
  const p = sec.page;
  const item = p.locator(`.meetings-item[data-meeting-id="${meeting.id}"]`);
  await item.waitFor({ timeout: T });
  await item.locator('.meetings-item__photos').click();
  const add = item.locator('.photo-uploader__add--photo');
  await add.waitFor({ timeout: T });
  assert.match(await item.locator('.photo-section--photo .photo-section__empty').innerText(), /还没有活动照片。点“添加活动照片”拍照或从相册选择/);

  // 2. A file that is not a picture: refused on the phone, nothing uploaded.
  const before = (await emu.api('GET', '/_emulator/stats')).storage.uploads;
  let [chooser] = await Promise.all([p.waitForEvent('filechooser'), add.click()]);
  await chooser.setFiles(notPicture);
  await item.locator('.photo-uploader__problem', { hasText: '只能上传 JPG、PNG 或 WebP 格式的图片' }).waitFor({ timeout: T });
  assert.equal((await emu.api('GET', '/_emulator/stats')).storage.uploads, before);

  // 3. Two photos at once: uploaded, claimed, and shown to her as 审核中 while the check has not answered.
  [chooser] = await Promise.all([p.waitForEvent('filechooser'), add.click()]);
  assert.equal(chooser.isMultiple(), true);
  await chooser.setFiles(files);
  await item.locator('.photo-section--photo .photo-grid__cell[data-check="pending"]').nth(1).waitFor({ timeout: T });
  assert.equal(await item.locator('.photo-section--photo .photo-grid__badge', { hasText: '审核中' }).count(), 2);
  await p.waitForFunction((sel) => Array.from(document.querySelectorAll(`${sel} img`)).filter((i) => (i as HTMLImageElement).naturalWidth > 0).length === 2, `.meetings-item[data-meeting-id="${meeting.id}"] .photo-section--photo`, { timeout: T });
  await shots(p, 'meeting-photos-secretary-pending');
  const stored = (await emu.app().database().collection('files').where({ recordKey: `meeting:${meeting.id}` }).get()).data as Array<{ fileId: string; check: string; uploaderId: string }>;
  assert.equal(stored.length, 2);
  assert.ok(stored.every((f) => f.check === 'pending' && f.uploaderId === park.ids.李强));
  const fileIds = stored.map((f) => f.fileId);

  // Meanwhile a member of the branch sees none of them.
  const member = await pageAs(app, '王芳', `/packages/study/pages/meeting-photos/index?meetingId=${encodeURIComponent(meeting.id)}`);
  const m = member.page;
  await m.locator('.photo-section--photo .photo-section__empty').waitFor({ timeout: T });
  assert.match(await m.locator('.photo-section--photo .photo-section__empty').innerText(), /还没有活动照片。支部书记上传后会显示在这里/);

  // 4. The check passes (the stand-in pushes the result to the function); after 刷新 the badges are gone.
  const delivered = (await emu.api('POST', '/_emulator/wx/media-checks/deliver', {})).delivered as Array<{ suggest: string }>;
  assert.deepEqual(delivered.map((c) => c.suggest), ['pass', 'pass']);
  await p.locator('.photo-grids__reload').click();
  await item.locator('.photo-section--photo .photo-grid__cell[data-check="pass"]').nth(1).waitFor({ timeout: T });
  assert.equal(await item.locator('.photo-grid__badge').count(), 0);

  // 5. The member sees both pictures (loaded from their temporary links) on 活动照片, under the meeting's title.
  await m.reload();
  await m.locator('.photo-section--photo .photo-grid__cell[data-check="pass"]').nth(1).waitFor({ timeout: T });
  await m.waitForFunction(() => Array.from(document.querySelectorAll('.photo-section--photo img')).filter((i) => (i as HTMLImageElement).naturalWidth > 0).length === 2, undefined, { timeout: T });
  assert.equal(await loadedImages(m, '.photo-section--photo'), 2);
  assert.equal(await m.locator('.photo-grids__title').innerText(), '十一月主题党日');
  assert.equal(await m.locator('.photo-grid__remove').count(), 0, 'a member removes nothing');
  await shots(m, 'meeting-photos-member');
  // The list of the branch's meetings leads there too.
  await m.goto(`${emu.baseUrl}/#/packages/study/pages/meeting-photos/index`);
  await m.locator(`.mp-list__item[data-meeting-id="${meeting.id}"]`).waitFor({ timeout: T });
  // The title reads on one line, not a character per line beside the button.
  const titleBox = await m.locator('.mp-list__title').first().boundingBox();
  assert.ok(titleBox && titleBox.width > 150 && titleBox.height < 60, JSON.stringify(titleBox));
  await shots(m, 'meeting-photos-list');

  // 6. 张伟, secretary of another branch: a plain note on the page, and nothing with the file ids either.
  const other = await pageAs(app, '张伟', `/packages/study/pages/meeting-photos/index?meetingId=${encodeURIComponent(meeting.id)}`);
  const o = other.page;
  await o.locator('.photo-grid__no-access').waitFor({ timeout: T });
  assert.equal(await o.locator('.photo-grid__no-access').innerText(), '这是其他支部的活动，只有本支部的同志能看到它的照片。');
  assert.equal(await o.locator('.photo-grid img').count(), 0);
  await shots(o, 'meeting-photos-other-branch');
  const zhang = park.openids.张伟!;
  for (const fileId of fileIds) {
    const r = await viaGateway(o, zhang, 'files.url', { fileId });
    assert.equal(r.ok, false);
    assert.equal(r.error.code, 'NOT_FOUND');
  }
  const listed = await viaGateway(o, zhang, 'files.list', { record: { kind: 'meeting', id: meeting.id } });
  assert.equal(listed.error.code, 'NOT_FOUND');
  // Nor straight from storage: a link needs the function's signature.
  const bare = fileIds[0]!.replace(/^cloud:\/\/[^.]+\.([^/]+)\//, '/_emulator/files/$1/');
  assert.equal(await o.evaluate(async (u) => (await fetch(u)).status, bare), 403);
  // While the member's own call works (the same gateway, her identity).
  const hers = await viaGateway(m, park.openids.王芳!, 'files.url', { fileId: fileIds[0] });
  assert.equal(hers.ok, true);

  for (const { errors } of [sec, member, other]) assert.deepEqual(errors.filter((e) => !/Failed to load resource: the server responded with a status of 40[34]/.test(e)), []);
}, 180_000);
