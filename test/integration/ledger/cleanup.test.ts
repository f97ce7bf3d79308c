// Exported 台账 files do not stay in storage: each is recorded with the time its link expires (an hour), and the
// housekeeping timer deletes the file and its record after that, not before; a file storage already lost is
// cleared from the records too.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { stored } from '../storage/helpers.js';
import { startStudy } from '../study/support.js';

describe('ledger: exported files are removed once their link expires', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const housekeeping = () => emu.api('POST', '/_emulator/triggers/run', { function: 'housekeeping', trigger: 'daily' });
  const records = async () => (await emu.app().database().collection('ledger_exports').get()).data as Array<{ fileId: string; expiresAt: Date }>;

  beforeAll(async () => {
    ({ emu, park } = await startStudy()); // 2026-11-10 10:00 China time, frozen
  });
  afterAll(() => emu?.stop());

  test('kept while the link lives, deleted by the timer after; a lost file is cleared from the records', async () => {
    const first = await as(emu, park, '李强').ok('ledger', 'export.create', { branchId: park.branches.A, period: '2026-11', sheets: ['roster'] });
    const split = await as(emu, park, '周涛').ok('ledger', 'export.create', { period: '2026-11', split: 'perBranch', sheets: ['roster'] });
    const ids = [...first.files, ...split.files].map((f: any) => f.fileId as string);
    assert.equal(ids.length, 3);
    assert.deepEqual((await stored(emu, `exports/${park.parkId}/`)).map((s) => s.fileID).sort(), [...ids].sort());
    const recs = await records();
    assert.deepEqual(recs.map((r) => r.fileId).sort(), [...ids].sort());
    assert.equal(new Date(recs.find((r) => r.fileId === ids[0])!.expiresAt).toISOString(), first.files[0].expiresAt);
    assert.match(first.files[0].expiresAt, /^2026-11-10T03:00:00/, 'an hour after the export');

    // Storage lost one already (an operator cleaned up by hand): still cleared from the records.
    await emu.app().deleteFile({ fileList: [ids[1]!] });
    await emu.api('POST', '/_emulator/clock', { advance: 59 * 60_000 });
    let run = await housekeeping();
    assert.equal((await stored(emu, `exports/${park.parkId}/`)).length, 2, JSON.stringify(run));
    assert.equal((await records()).length, 3);

    await emu.api('POST', '/_emulator/clock', { advance: 2 * 60_000 });
    run = await housekeeping();
    assert.equal((await stored(emu, `exports/${park.parkId}/`)).length, 0, JSON.stringify(run));
    assert.deepEqual(await records(), []);
    // Idempotent: a retry finds nothing.
    await housekeeping();
    assert.deepEqual(await records(), []);
  });
});
