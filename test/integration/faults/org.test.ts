// Org and binding writes killed at every kill point, then retried by the person who made them: a
// roster import, a transfer (组织关系转接), binding a WeChat account with an invite code. Each is one
// transaction, so a kill before its commit must leave nothing and one after it everything; the retry
// then answers as it would after a success (已在这个支部, 已绑定, the phones already imported), and the
// database equals a clean run's: no half-moved person, member counts right, one audit entry.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { PRIVACY_VERSION } from '../../../shared/privacy';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type TestPark, as } from '../../support/park.js';
import { csvText, utf8Base64 } from '../org/roster-files.js';
import { type Outcome, invoke, startFaults, sweep } from './support.js';

const failed = (o: Outcome, code: string) => o.reply?.ok === false && o.reply.error.code === code;

describe('faults: org and binding', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => ({ emu, park } = await startFaults()));
  afterAll(() => emu?.stop());

  test('roster.import (people, the branch member count and the audit entry in one transaction), retried', async () => {
    const rows = [
      ['吴晓明', '19900030001', '正式党员', '2008-07-01', '第一党小组', '先锋岗', '设备维护先锋岗', '三号车间'],
      ['周小红', '19900030002', '群众', null, null, null, null, null],
    ];
    const input = { branchId: park.branches.A, fileName: '名册.csv', contentBase64: utf8Base64(csvText(rows), true) };
    const r = await sweep(emu, {
      fn: 'org',
      call: () => invoke(emu, park.openids.李强!, 'org', { action: 'roster.import', input }),
      // A retry after the import landed finds every phone taken: reported, nothing written.
      settled: (o) => o.reply?.ok === true || failed(o, 'ROSTER_INVALID'),
    });
    assert.equal(r.commits, 1);
  });

  test('transfers.create (the person, both member counts, invites, the history and the audit entry), retried', async () => {
    await as(emu, park, '李强').ok('org', 'invites.create', { personIds: [park.ids.孙丽] }); // an open invite the transfer revokes
    const input = { personId: park.ids.孙丽, toBranchId: park.branches.B, reason: '工作调动' };
    const r = await sweep(emu, {
      fn: 'org',
      call: () => invoke(emu, park.openids.周涛!, 'org', { action: 'transfers.create', input }),
      settled: (o) => o.reply?.ok === true || failed(o, 'INVALID_INPUT'), // 已在这个支部
    });
    assert.equal(r.commits, 1);
  });

  test('user.bind (the invite spent and the openid set in one transaction), retried', async () => {
    const { invites } = await as(emu, park, '李强').ok('org', 'invites.create', { personIds: [park.ids.孙丽] });
    const r = await sweep(emu, {
      fn: 'user',
      call: () => invoke(emu, 'o_sunli_phone', 'user', { action: 'bind', input: { code: invites[0].code, consent: { version: PRIVACY_VERSION } } }),
      settled: (o) => o.reply?.ok === true || failed(o, 'ALREADY_BOUND'),
    });
    assert.equal(r.commits, 1);
  });
});
