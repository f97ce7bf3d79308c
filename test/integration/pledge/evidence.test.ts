// Photos as evidence of a pledge (the `files` function, record kind 'pledge'): the member adds them to her approved
// item; once WeChat's image check passes, people of the park see them; before approval nobody else finds the item;
// someone else may not add photos to it.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { deliverMediaChecks, holdMediaChecks, mediaChecksSettled, png, upload } from '../files/support.js';
import { approvedItem, assertError, itemInput, startPledges } from './support.js';

describe('pledge evidence photos', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const wang = () => as(emu, park, '王芳');
  const li = () => as(emu, park, '李强');
  const chen = () => as(emu, park, '陈静');
  const zhang = () => as(emu, park, '张伟');

  beforeAll(async () => {
    ({ emu, park } = await startPledges());
  });
  afterAll(() => emu?.stop());

  test('the member adds photos; the park sees them once passed; others may not add', async () => {
    const submitted = (await wang().ok('pledge', 'create', itemInput('2026-06-30'))).pledge.id;
    assertError(await chen().call('files', 'files.list', { record: { kind: 'pledge', id: submitted } }), 'NOT_FOUND');
    const id = await approvedItem(wang(), li(), '2026-06-30');
    const record = { kind: 'pledge', id };
    await holdMediaChecks(emu, true);
    const ids = await upload(emu, wang(), [png('evidence-1')]);
    const attached = await wang().ok('files', 'files.attach', { record, purpose: 'photo', fileIds: ids });
    assert.deepEqual(attached.files.map((f: any) => [f.check, f.mine]), [['pending', true]]);
    assert.deepEqual((await chen().ok('files', 'files.list', { record })).files, []);
    await deliverMediaChecks(emu);
    await mediaChecksSettled(emu);
    for (const who of [chen(), zhang(), li()]) {
      const seen = await who.ok('files', 'files.list', { record });
      assert.deepEqual([seen.canAdd, seen.files.map((f: any) => [f.check, f.uploadedBy])], [false, [['pass', '王芳']]]);
    }
    const theirs = await upload(emu, chen(), [png('not-hers')]);
    assertError(await chen().call('files', 'files.attach', { record, purpose: 'photo', fileIds: theirs }), 'FORBIDDEN');
  });
});
