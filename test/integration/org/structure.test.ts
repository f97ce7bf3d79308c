// org: the park overview, branches (kinds, coverage, names), Party groups and enterprises — acting as
// the test park's people through the real SDK, checking the reply and what is stored.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { type EmulatorHandle, startEmulator } from '../../support/emulator.js';
import { PRODUCT, as, seedTestPark, type TestPark } from '../../support/park.js';
import { OTHER, assertError, auditOf, doc, refused, seedOtherParks } from './support.js';

describe('org structure: overview, branches, groups, enterprises', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const zhou = () => as(emu, park, '周涛'); // park admin
  const otherAdmin = () => as(emu, null, { openid: OTHER.admin.openid });
  const ids = { joint: '', newEnt: '', spare: '' };

  beforeAll(async () => {
    emu = await startEmulator(PRODUCT);
    park = await seedTestPark(emu);
    await seedOtherParks(emu);
  });
  afterAll(() => emu?.stop());

  test('park.overview: counts and coverage of the caller’s own park only', async () => {
    const expected = {
      park: { id: park.parkId, name: '测试工业园区' },
      enterprises: 5, coveredEnterprises: 3, coverageRate: 0.6, branches: 2,
      people: 8, members: 6 /* full or probationary */, bound: 7 /* 孙丽 has not bound */,
    };
    assert.deepEqual(await zhou().ok('org', 'park.overview'), expected);
    assert.deepEqual(await as(emu, park, '李强').ok('org', 'park.overview'), expected); // a secretary sees the same
    assert.deepEqual(await otherAdmin().ok('org', 'park.overview'), {
      park: { id: OTHER.parkId, name: '第二产业园' }, enterprises: 1, coveredEnterprises: 1, coverageRate: 1, branches: 1, people: 3, members: 3, bound: 2,
    });
    const empty = await as(emu, null, { openid: OTHER.emptyAdmin.openid }).ok('org', 'park.overview');
    assert.equal(empty.enterprises, 0);
    assert.equal(empty.coverageRate, 0); // no enterprises: 0, not NaN
  });

  test('branches.list: any bound person sees the park’s branches with enterprises, groups, secretaries and counts', async () => {
    const { branches } = await as(emu, park, '陈静').ok('org', 'branches.list');
    assert.deepEqual(branches, [
      {
        id: park.branches.B, name: '园区联合党支部', kind: 'joint',
        enterprises: [{ id: 'ent-2', name: '肃州机械制造厂' }, { id: 'ent-3', name: '祁连物流公司' }],
        groups: [], secretaries: [{ id: park.ids.张伟, name: '张伟' }], memberCount: 2, peopleCount: 3,
      },
      {
        id: park.branches.A, name: '新能源公司党支部', kind: 'single',
        enterprises: [{ id: 'ent-1', name: '酒泉新能源有限公司' }],
        groups: [{ id: 'g-a1', name: '第一党小组' }], secretaries: [{ id: park.ids.李强, name: '李强' }], memberCount: 4, peopleCount: 5,
      },
    ]);
    const other = await otherAdmin().ok('org', 'branches.list');
    assert.deepEqual(other.branches.map((b: { id: string }) => b.id), [OTHER.branch]);
  });

  test('enterprises.create: stored in the caller’s park, audited; a duplicate name is a CONFLICT', async () => {
    const { enterprise } = await zhou().ok('org', 'enterprises.create', { name: '  祁连山水泥厂 ', industry: '建材', employees: 320 });
    assert.deepEqual({ ...enterprise, id: undefined }, { id: undefined, name: '祁连山水泥厂', industry: '建材', employees: 320, branch: null });
    ids.newEnt = enterprise.id;
    const stored = await doc(emu, 'enterprises', enterprise.id);
    assert.equal(stored.parkId, park.parkId);
    assert.equal(stored.name, '祁连山水泥厂');
    assert.equal(stored.employees, 320);
    const [entry] = await auditOf(emu, park.parkId, 'enterprises.create');
    assert.equal(entry.actor.name, '周涛');
    assert.equal(entry.detail.enterpriseId, enterprise.id);

    await refused(emu, zhou(), 'enterprises.create', { name: '祁连山水泥厂' }, 'CONFLICT', /已经有“祁连山水泥厂”/);
    // The same name in another park is fine: names are unique per park.
    const { enterprise: there } = await otherAdmin().ok('org', 'enterprises.create', { name: '祁连山水泥厂' });
    assert.equal((await doc(emu, 'enterprises', there.id)).parkId, OTHER.parkId);
    const { enterprise: spare } = await zhou().ok('org', 'enterprises.create', { name: '备用企业', industry: null, employees: null });
    ids.spare = spare.id;
  });

  test('branches.create: a joint branch over 2 enterprises, stored, enterprises claimed, audited', async () => {
    const { branch } = await zhou().ok('org', 'branches.create', { name: '西部联合党支部', kind: 'joint', enterpriseIds: ['ent-5', ids.newEnt] });
    ids.joint = branch.id;
    assert.deepEqual({ ...branch, id: undefined }, {
      id: undefined, name: '西部联合党支部', kind: 'joint',
      enterprises: [{ id: 'ent-5', name: '西部光电科技' }, { id: ids.newEnt, name: '祁连山水泥厂' }],
      groups: [], secretaries: [], memberCount: 0, peopleCount: 0,
    });
    const stored = await doc(emu, 'branches', branch.id);
    assert.equal(stored.parkId, park.parkId);
    assert.deepEqual(stored.enterpriseIds, ['ent-5', ids.newEnt]);
    assert.deepEqual(stored.groups, []);
    assert.equal((await doc(emu, 'enterprises', 'ent-5')).coveredBy, branch.id);
    const [entry] = await auditOf(emu, park.parkId, 'branches.create');
    assert.deepEqual({ actor: entry.actor, target: entry.target, detail: entry.detail }, {
      actor: { id: park.ids.周涛, name: '周涛' }, target: '西部联合党支部', detail: { branchId: branch.id, kind: 'joint', enterpriseIds: ['ent-5', ids.newEnt] },
    });
    const { enterprises } = await zhou().ok('org', 'enterprises.list');
    assert.deepEqual(enterprises.find((e: { id: string }) => e.id === 'ent-5').branch, { id: branch.id, name: '西部联合党支部' });
    const o = await zhou().ok('org', 'park.overview');
    assert.deepEqual([o.enterprises, o.coveredEnterprises, o.branches], [7, 5, 3]);
    assert.equal(o.coverageRate, 5 / 7);
  });

  test('branches.create: an enterprise another branch covers is a CONFLICT naming both', async () => {
    await refused(emu, zhou(), 'branches.create', { name: '挂靠党支部', kind: 'attached', enterpriseIds: ['ent-4', 'ent-1'] },
      'CONFLICT', /“酒泉新能源有限公司”已由“新能源公司党支部”覆盖/);
    await refused(emu, zhou(), 'branches.create', { name: '挂靠党支部', kind: 'attached', enterpriseIds: [ids.newEnt] },
      'CONFLICT', /“祁连山水泥厂”已由“西部联合党支部”覆盖/);
  });

  test('branches.create: a name already used in the park is a CONFLICT', async () => {
    await refused(emu, zhou(), 'branches.create', { name: '新能源公司党支部', kind: 'single', enterpriseIds: ['ent-4'] }, 'CONFLICT', /已经有叫“新能源公司党支部”的支部/);
  });

  test('branches.create: kind rules and enterprise ids are checked before anything is written (INVALID_INPUT with fields)', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['single with 2 enterprises', { name: '甲支部', kind: 'single', enterpriseIds: ['ent-4', ids.spare] }, 'enterpriseIds'],
      ['joint with 1 enterprise', { name: '甲支部', kind: 'joint', enterpriseIds: ['ent-4'] }, 'enterpriseIds'],
      ['joint with 6 enterprises', { name: '甲支部', kind: 'joint', enterpriseIds: ['ent-4', ids.spare, 'a', 'b', 'c', 'd'] }, 'enterpriseIds'],
      ['no enterprise', { name: '甲支部', kind: 'attached', enterpriseIds: [] }, 'enterpriseIds'],
      ['the same enterprise twice', { name: '甲支部', kind: 'joint', enterpriseIds: ['ent-4', 'ent-4'] }, 'enterpriseIds'],
      ['an unknown enterprise', { name: '甲支部', kind: 'attached', enterpriseIds: ['ent-4', 'ent-nope'] }, 'enterpriseIds'],
      ['another park’s enterprise', { name: '甲支部', kind: 'single', enterpriseIds: [OTHER.enterprise] }, 'enterpriseIds'],
      ['an empty name', { name: '   ', kind: 'single', enterpriseIds: ['ent-4'] }, 'name'],
      ['a name of 41 characters', { name: '党'.repeat(41), kind: 'single', enterpriseIds: ['ent-4'] }, 'name'],
      ['an unknown kind', { name: '甲支部', kind: 'mixed', enterpriseIds: ['ent-4'] }, 'kind'],
      ['a missing kind', { name: '甲支部', enterpriseIds: ['ent-4'] }, 'kind'],
      ['enterpriseIds not a list', { name: '甲支部', kind: 'single', enterpriseIds: 'ent-4' }, 'enterpriseIds'],
    ];
    for (const [why, input, field] of cases) {
      const e = await refused(emu, zhou(), 'branches.create', input, 'INVALID_INPUT');
      assert.ok(e.fields?.[field]?.length, `${why}: expected a message for ${field}, got ${JSON.stringify(e)}`);
    }
    // A server-owned field smuggled in is refused outright (strict input), not ignored.
    const e = await refused(emu, zhou(), 'branches.create', { name: '甲支部', kind: 'single', enterpriseIds: ['ent-4'], parkId: OTHER.parkId }, 'INVALID_INPUT');
    assert.ok(e.fields);
  });

  test('branches.update: rename, change kind and enterprises; released enterprises can be claimed again; audited with before/after', async () => {
    const B = park.branches.B;
    const { branch } = await zhou().ok('org', 'branches.update', { branchId: B, name: '园区第一联合党支部', kind: 'attached', enterpriseIds: ['ent-2', 'ent-4'] });
    assert.equal(branch.name, '园区第一联合党支部');
    assert.equal(branch.kind, 'attached');
    assert.deepEqual(branch.enterprises.map((e: { id: string }) => e.id), ['ent-2', 'ent-4']);
    assert.deepEqual(branch.secretaries, [{ id: park.ids.张伟, name: '张伟' }]);
    assert.equal(branch.peopleCount, 3);
    const stored = await doc(emu, 'branches', B);
    assert.deepEqual([stored.name, stored.kind, stored.enterpriseIds], ['园区第一联合党支部', 'attached', ['ent-2', 'ent-4']]);
    assert.equal((await doc(emu, 'enterprises', 'ent-4')).coveredBy, B);
    assert.equal((await doc(emu, 'enterprises', 'ent-3')).coveredBy, null); // released
    const [entry] = await auditOf(emu, park.parkId, 'branches.update');
    assert.deepEqual(entry.detail, {
      branchId: B,
      before: { name: '园区联合党支部', kind: 'joint', enterpriseIds: ['ent-2', 'ent-3'] },
      after: { name: '园区第一联合党支部', kind: 'attached', enterpriseIds: ['ent-2', 'ent-4'] },
    });
    // ent-3 is free again.
    await zhou().ok('org', 'branches.create', { name: '祁连物流党支部', kind: 'single', enterpriseIds: ['ent-3'] });
    // Only the name: kind and enterprises stay.
    const { branch: renamed } = await zhou().ok('org', 'branches.update', { branchId: B, name: '园区联合党支部' });
    assert.deepEqual([renamed.name, renamed.kind, renamed.enterprises.length], ['园区联合党支部', 'attached', 2]);
  });

  test('branches.update: refusals write nothing', async () => {
    const A = park.branches.A;
    const kindErr = await refused(emu, zhou(), 'branches.update', { branchId: park.branches.B, kind: 'single' }, 'INVALID_INPUT'); // it covers 2
    assert.ok(kindErr.fields?.enterpriseIds?.length);
    await refused(emu, zhou(), 'branches.update', { branchId: A, enterpriseIds: ['ent-2'] }, 'CONFLICT', /“肃州机械制造厂”已由“园区联合党支部”覆盖/);
    await refused(emu, zhou(), 'branches.update', { branchId: A, name: '园区联合党支部' }, 'CONFLICT', /已经有叫/);
    await refused(emu, zhou(), 'branches.update', { branchId: 'branch-nope', name: '新名字' }, 'NOT_FOUND');
    await refused(emu, zhou(), 'branches.update', { branchId: OTHER.branch, name: '新名字' }, 'NOT_FOUND'); // another park's
    await refused(emu, otherAdmin(), 'branches.update', { branchId: A, name: '被外园区改名' }, 'NOT_FOUND');
    const e = await refused(emu, zhou(), 'branches.update', { name: '新名字' }, 'INVALID_INPUT');
    assert.ok(e.fields?.branchId?.length);
  });

  test('concurrent claims: two branches racing for one enterprise, or for one name — exactly one wins', async () => {
    const [a, b] = await Promise.all([
      zhou().call('org', 'branches.create', { name: '抢占甲', kind: 'single', enterpriseIds: [ids.spare] }),
      zhou().call('org', 'branches.create', { name: '抢占乙', kind: 'single', enterpriseIds: [ids.spare] }),
    ]);
    assert.equal([a, b].filter((r) => r.ok).length, 1, JSON.stringify([a, b]));
    assertError([a, b].find((r) => !r.ok)!, 'CONFLICT', /备用企业/);
    const { data } = await emu.app().database().collection('branches').where({ enterpriseIds: ids.spare }).get();
    assert.equal(data.length, 1);

    const { enterprise: e1 } = await zhou().ok('org', 'enterprises.create', { name: '同名甲企业' });
    const { enterprise: e2 } = await zhou().ok('org', 'enterprises.create', { name: '同名乙企业' });
    const [c, d] = await Promise.all([
      zhou().call('org', 'branches.create', { name: '同名党支部', kind: 'single', enterpriseIds: [e1.id] }),
      zhou().call('org', 'branches.create', { name: '同名党支部', kind: 'single', enterpriseIds: [e2.id] }),
    ]);
    assert.equal([c, d].filter((r) => r.ok).length, 1, JSON.stringify([c, d]));
    assertError([c, d].find((r) => !r.ok)!, 'CONFLICT', /同名党支部/);
    // The loser claimed nothing: its enterprise is still free.
    const loser = c.ok ? e2 : e1;
    assert.ok(!(await doc(emu, 'enterprises', loser.id)).coveredBy);
    assert.equal((await emu.app().database().collection('branches').where({ parkId: park.parkId, name: '同名党支部' }).count()).total, 1);
  });

  test('groups.create: the branch’s secretary or a park admin adds a group; duplicates and other branches are refused', async () => {
    const A = park.branches.A;
    const { branch } = await as(emu, park, '李强').ok('org', 'groups.create', { branchId: A, name: '第二党小组' });
    assert.deepEqual(branch.groups.map((g: { name: string }) => g.name), ['第一党小组', '第二党小组']);
    const stored = await doc(emu, 'branches', A);
    assert.equal(stored.groups.length, 2);
    assert.equal(stored.groups[1].name, '第二党小组');
    assert.ok(stored.groups[1].id);
    const [entry] = await auditOf(emu, park.parkId, 'groups.create');
    assert.deepEqual([entry.actor.name, entry.detail.branchId, entry.detail.group], ['李强', A, stored.groups[1]]);

    await zhou().ok('org', 'groups.create', { branchId: park.branches.B, name: '第一党小组' }); // same name, other branch: fine
    await refused(emu, as(emu, park, '李强'), 'groups.create', { branchId: A, name: '第二党小组' }, 'CONFLICT', /已经有“第二党小组”/);
    await refused(emu, as(emu, park, '张伟'), 'groups.create', { branchId: A, name: '第三党小组' }, 'FORBIDDEN'); // another branch's secretary
    await refused(emu, as(emu, park, '李强'), 'groups.create', { branchId: park.branches.B, name: '第三党小组' }, 'FORBIDDEN');
    await refused(emu, otherAdmin(), 'groups.create', { branchId: A, name: '第三党小组' }, 'NOT_FOUND');
    await refused(emu, as(emu, null, { openid: OTHER.secretary.openid }), 'groups.create', { branchId: A, name: '第三党小组' }, 'FORBIDDEN');
    await refused(emu, zhou(), 'groups.create', { branchId: 'branch-nope', name: '第三党小组' }, 'NOT_FOUND');
    for (const input of [{ branchId: A, name: '' }, { branchId: A, name: '组'.repeat(21) }, { branchId: '', name: '第三党小组' }, { name: '第三党小组' }]) {
      const e = await refused(emu, zhou(), 'groups.create', input, 'INVALID_INPUT');
      assert.ok(Object.keys(e.fields ?? {}).length, JSON.stringify(e));
    }
  });

  test('enterprises.list: the park’s enterprises by name with the branch covering each; never another park’s', async () => {
    const { enterprises } = await as(emu, park, '张伟').ok('org', 'enterprises.list');
    const names = enterprises.map((e: { name: string }) => e.name);
    assert.deepEqual(names, [...names].sort());
    assert.ok(!enterprises.some((e: { id: string }) => e.id === OTHER.enterprise));
    assert.equal(enterprises.filter((e: { name: string }) => e.name === '祁连山水泥厂').length, 1); // the other park's namesake is not here
    assert.deepEqual(enterprises.find((e: { id: string }) => e.id === 'ent-1'), {
      id: 'ent-1', name: '酒泉新能源有限公司', industry: '服务业', employees: 50, branch: { id: park.branches.A, name: '新能源公司党支部' },
    });
    const { enterprises: theirs } = await otherAdmin().ok('org', 'enterprises.list');
    assert.deepEqual(theirs.map((e: { name: string }) => e.name).sort(), ['宣化钢铁公司', '祁连山水泥厂'].sort());
  });

  test('enterprises.create: bad inputs write nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: '' }, 'name'],
      [{ name: '企'.repeat(61) }, 'name'],
      [{ name: '某企业', employees: -1 }, 'employees'],
      [{ name: '某企业', employees: 1.5 }, 'employees'],
      [{ name: '某企业', industry: '行'.repeat(21) }, 'industry'],
      [{ name: 42 }, 'name'],
    ];
    for (const [input, field] of cases) {
      const e = await refused(emu, zhou(), 'enterprises.create', input, 'INVALID_INPUT');
      assert.ok(e.fields?.[field]?.length, `${JSON.stringify(input)} → ${JSON.stringify(e)}`);
    }
    await refused(emu, zhou(), 'enterprises.create', { name: '某企业', parkId: OTHER.parkId }, 'INVALID_INPUT');
    await refused(emu, zhou(), 'park.overview', { parkId: OTHER.parkId }, 'INVALID_INPUT'); // no way to ask for another park
  });

  test('every query these actions make uses an index (no collection scan)', async () => {
    await emu.api('POST', '/_emulator/stats/reset');
    const li = as(emu, park, '李强');
    await zhou().ok('org', 'park.overview');
    await li.ok('org', 'branches.list');
    await li.ok('org', 'enterprises.list');
    await zhou().ok('org', 'branches.update', { branchId: park.branches.A, name: '新能源公司党支部（改）' });
    await zhou().ok('org', 'groups.create', { branchId: park.branches.A, name: '索引小组' });
    const requests: Array<{ action: string; collection?: string; plan?: string; from?: string }> = await emu.api('GET', '/_emulator/requests?limit=1000');
    const planned = requests.filter((r) => r.from?.startsWith('org:') && r.plan);
    assert.ok(planned.length > 15, `only ${planned.length} planned requests`);
    const scans = planned.filter((r) => !/^(IXSCAN|IDS)/.test(r.plan!));
    assert.deepEqual(scans, []);
  });
});
