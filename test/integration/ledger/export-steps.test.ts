// A park of more than LEDGER_STEP_BRANCHES branches is exported in steps: `export.create` starts a job and reads the
// first chunk of branches, `export.continue` the next, and a last step joins the parts into one workbook (or, one
// file per branch, each step writes its chunk's files). Only the admin who started it continues it; the result holds
// every branch; one audit entry at the end. (The large park's figures: export-large.test.ts, LEDGER_LARGE=1.)
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { LEDGER_STEP_BRANCHES } from '../../../shared/contract/ledger';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { auditOf } from '../org/support.js';
import { OTHER, refusedBy, startStudy } from '../study/support.js';
import { readBack, recordsOf } from './support.js';

const refused = refusedBy('ledger');

describe('ledger: a large park exported in steps', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const zhou = () => as(emu, park, '周涛');
  const EXTRA = LEDGER_STEP_BRANCHES; // 2 + 20 branches: two chunks

  beforeAll(async () => {
    ({ emu, park } = await startStudy()); // 2026-11-10 10:00 China time
    const now = new Date();
    await emu.app().database().collection('branches').add(Array.from({ length: EXTRA }, (_x, i) => ({
      _id: `step-${i}`, parkId: park.parkId, name: `第${String(i + 1).padStart(2, '0')}党支部`, kind: 'single', enterpriseIds: [], groups: [], memberCount: 0, createdAt: now, updatedAt: now,
    })));
    await as(emu, park, '李强').ok('study', 'meetings.backfill', {
      branchId: park.branches.A, kind: 'committee', title: '十月支委会', date: '2026-10-15', startTime: '14:00', endTime: '15:00', place: '二楼会议室',
      chair: '李强', recorder: '王芳', agenda: '研究发展党员', minutes: '会议记录', decisions: '继续培养考察', present: [park.ids.李强, park.ids.王芳], absences: [],
    });
  });
  afterAll(() => emu?.stop());

  test('one workbook: create, continue, continue; every branch in it, the record kept with its dates', async () => {
    const first = await zhou().ok('ledger', 'export.create', { period: '2026' });
    assert.deepEqual([first.files, first.job.done, first.job.total], [[], 1, 3]);
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'export.continue', { jobId: first.job.id }, 'NOT_FOUND', /重新导出/);
    await refused(emu, as(emu, park, '李强'), 'export.continue', { jobId: first.job.id }, 'FORBIDDEN');
    const second = await zhou().ok('ledger', 'export.continue', { jobId: first.job.id });
    assert.deepEqual([second.files, second.job.done, second.job.total], [[], 2, 3]);
    assert.equal((await auditOf(emu, park.parkId, 'ledger.export')).length, 0, 'audited once, when done');
    const last = await zhou().ok('ledger', 'export.continue', { jobId: first.job.id });
    assert.equal(last.job, null);
    assert.equal(last.files.length, 1);
    assert.equal(last.files[0].branches, EXTRA + 2);
    const wb = await readBack(last.files[0].url);
    const compliance = recordsOf(wb.getWorksheet('三会一课达标情况')!);
    assert.equal(new Set(compliance.map((r) => r['支部'])).size, EXTRA + 2);
    const book = recordsOf(wb.getWorksheet('三会一课记录本')!);
    const committee = book.find((r) => r['类别'] === '支委会')!;
    assert.equal(committee['支部'], '新能源公司党支部');
    assert.match(committee['记录情况']!, /^会后补记的会议（2026年11月10日 10:0\d 由李强录入）$/, 'dates survive the steps');
    assert.equal(recordsOf(wb.getWorksheet('党员花名册')!).length, 8, 'the test park’s eight people');
    const audits = await auditOf(emu, park.parkId, 'ledger.export');
    assert.deepEqual([audits.length, audits[0].detail.owner, audits[0].detail.files], [1, '全园区', 1]);
    // Asking again gives the same files, without another step or audit entry.
    const again = await zhou().ok('ledger', 'export.continue', { jobId: first.job.id });
    assert.deepEqual(again.files.map((f: any) => f.fileId), last.files.map((f: any) => f.fileId));
    assert.equal((await auditOf(emu, park.parkId, 'ledger.export')).length, 1);
  });

  test('one file per branch: each step writes its chunk’s files', async () => {
    const first = await zhou().ok('ledger', 'export.create', { period: '2026-Q4', split: 'perBranch', sheets: ['roster'] });
    assert.deepEqual([first.job.done, first.job.total], [1, 2]);
    const last = await zhou().ok('ledger', 'export.continue', { jobId: first.job.id });
    assert.equal(last.job, null);
    assert.equal(last.files.length, EXTRA + 2);
    assert.ok(last.files.some((f: any) => f.name === '新能源公司党支部-2026年第4季度-台账.xlsx'));
  });
});
