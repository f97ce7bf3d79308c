// Who may call what: every action of the `user` and `org` functions (read from the contract, so a new
// action without a row fails this test) × every kind of caller, with a valid input aimed at branch A
// of the test park. Refused calls must write nothing. Then, for every action, inputs the contract
// refuses: INVALID_INPUT naming the field, nothing written.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { contract } from '../../../shared/contract';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Row, WHO, badInputProblems, matrixActor, matrixProblems, outcomes } from '../../support/matrix.js';
import { CONSENT, type TestPark } from '../../support/park.js';
import { csvText, utf8Base64 } from './roster-files.js';
import { OTHER, addPerson, snapshot, startSeeded } from './support.js';

/** Branch A's secretary and the park admin; B's secretary is refused; another park's admin finds nothing. */
const MANAGERS_OF_A = outcomes({ secA: 'ok', admin: 'ok', otherAdmin: 'NOT_FOUND' });
const SECRETARIES_AND_ADMINS = outcomes({ secA: 'ok', secB: 'ok', admin: 'ok', otherAdmin: 'ok' });
const ADMIN_ON_THIS_PARK = outcomes({ admin: 'ok', otherAdmin: 'NOT_FOUND' });
const EVERYONE_BOUND = outcomes({}, 'ok');
const PUBLIC = outcomes({ stranger: 'ok' }, 'ok');
const MEMBERS = outcomes({ member: 'ok', probationary: 'ok', secA: 'ok', secB: 'ok', admin: 'ok', otherAdmin: 'ok' });

describe('authorization matrix and bad inputs', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let n = 0;
  const fresh = () => ++n;
  const A = () => park.branches.A;

  const actor = (who: (typeof WHO)[number]) => matrixActor(emu, park, who, OTHER.admin.openid);
  const personInA = () => addPerson(emu, park.parkId, A(), { name: `矩阵${fresh()}` });
  const db = () => emu.app().database();

  const rows: Record<string, Record<string, Row>> = {
    user: {
      me: { input: () => ({}), expect: PUBLIC },
      bind: {
        input: async () => {
          const code = `MTRX${String(fresh()).padStart(4, '0')}`;
          const now = Date.now();
          await db().collection('invites').add({
            code, personId: await personInA(), parkId: park.parkId, branchId: A(), createdBy: park.ids.李强,
            createdAt: new Date(now), expiresAt: new Date(now + 86_400_000), usedAt: null, revokedAt: null,
          });
          return { code, consent: CONSENT };
        },
        expect: outcomes({ stranger: 'ok' }, 'ALREADY_BOUND'),
      },
      card: { input: () => ({}), expect: MEMBERS },
      cardCode: { input: () => ({}), expect: MEMBERS },
      verifyCard: { input: async () => ({ code: (await actor('member').ok('user', 'cardCode')).code }), expect: PUBLIC },
      myData: { input: () => ({}), expect: EVERYONE_BOUND },
      // 首页's to-do list: any WeChat user (an unbound one gets an empty list and 绑定身份).
      home: { input: () => ({}), expect: PUBLIC },
    },
    org: {
      'park.overview': { input: () => ({}), expect: SECRETARIES_AND_ADMINS },
      'branches.list': { input: () => ({}), expect: EVERYONE_BOUND },
      'branches.create': {
        input: async () => {
          const id = `ent-matrix-${fresh()}`;
          await db().collection('enterprises').add({ _id: id, parkId: park.parkId, name: `矩阵企业${n}`, industry: null, employees: null, createdAt: new Date() });
          return { name: `矩阵支部${n}`, kind: 'single', enterpriseIds: [id] };
        },
        // Another park's admin names enterprises that are not in their park: a field error, like any unknown id.
        expect: outcomes({ admin: 'ok', otherAdmin: 'INVALID_INPUT' }),
      },
      'branches.update': { input: () => ({ branchId: A(), name: `新能源公司党支部${fresh()}` }), expect: ADMIN_ON_THIS_PARK },
      'groups.create': { input: () => ({ branchId: A(), name: `矩阵小组${fresh()}` }), expect: MANAGERS_OF_A },
      'enterprises.list': { input: () => ({}), expect: SECRETARIES_AND_ADMINS },
      'enterprises.create': { input: () => ({ name: `矩阵新企业${fresh()}` }), expect: outcomes({ admin: 'ok', otherAdmin: 'ok' }) },
      'enterprises.update': { input: () => ({ enterpriseId: 'ent-4', employees: fresh() }), expect: ADMIN_ON_THIS_PARK },
      'people.list': { input: () => ({ branchId: A() }), expect: MANAGERS_OF_A },
      'people.create': {
        input: () => ({ branchId: A(), name: `矩阵新人${fresh()}`, phone: `1660000${String(n).padStart(4, '0')}`, memberType: 'none', joinedPartyOn: null, post: null, responsibilityArea: null }),
        expect: MANAGERS_OF_A,
      },
      'people.update': { input: () => ({ personId: park.ids.王芳, responsibilityArea: `矩阵责任区${fresh()}` }), expect: MANAGERS_OF_A },
      'roles.set': { input: async () => ({ personId: await personInA(), organizer: true }), expect: ADMIN_ON_THIS_PARK },
      'roster.import': {
        input: () => ({ branchId: A(), fileName: 'm.csv', contentBase64: utf8Base64(csvText([[`导入${fresh()}`, `1550000${String(n).padStart(4, '0')}`, '群众', null, null, null, null, null]])) }),
        expect: MANAGERS_OF_A,
      },
      'invites.create': { input: async () => ({ personIds: [await personInA()] }), expect: MANAGERS_OF_A },
      'invites.list': { input: () => ({ branchId: A() }), expect: MANAGERS_OF_A },
      'transfers.create': { input: async () => ({ personId: await personInA(), toBranchId: park.branches.B, reason: '矩阵调动' }), expect: MANAGERS_OF_A },
      'transfers.list': { input: () => ({ branchId: A() }), expect: MANAGERS_OF_A },
      'people.leave': { input: async () => ({ personId: await personInA(), reason: '调离本园区', leftOn: '2026-01-05' }), expect: MANAGERS_OF_A },
      'audit.list': { input: () => ({}), expect: outcomes({ admin: 'ok', otherAdmin: 'ok' }) },
      // Someone of branch A who bound WeChat: their secretary or a park admin may unbind them.
      'people.unbind': { input: async () => ({ personId: await addPerson(emu, park.parkId, A(), { name: `换微信${fresh()}`, openid: `o_matrix_unbind_${n}`, boundAt: new Date() }), reason: '换了微信' }), expect: MANAGERS_OF_A },
      'people.history': { input: () => ({ personId: park.ids.王芳 }), expect: MANAGERS_OF_A },
    },
  };

  beforeAll(async () => ({ emu, park } = await startSeeded()));
  afterAll(() => emu?.stop());

  test('every action of the contract has a row (and every row an action)', () => {
    for (const fn of ['user', 'org'] as const) {
      assert.deepEqual(Object.keys(rows[fn]!).sort(), Object.keys(contract[fn]).sort(), `${fn}: matrix rows vs contract actions`);
    }
  });

  for (const fn of ['user', 'org'] as const) {
    test(`${fn}: each action × each caller gives the expected outcome; refusals write nothing`, async () => {
      assert.deepEqual(await matrixProblems(emu, snapshot, fn, Object.keys(contract[fn]), rows[fn]!, actor), []);
    });
  }

  /** For every action: inputs the contract refuses, each with the field it must name. Called by someone allowed. */
  const BAD: Record<string, Record<string, Array<[unknown, string]>>> = {
    user: {
      me: [[{ openid: 'o_test_001' }, 'openid']],
      bind: [
        [{ code: 12345678, consent: CONSENT }, 'code'], [{ code: 'ABC', consent: CONSENT }, 'code'], [{ code: 'ABCDEFGH', consent: CONSENT, openid: 'o_test_001' }, 'openid'], [{}, 'code'],
        // No agreement, a malformed one, or agreement to an older notice: nothing is read or written.
        [{ code: 'ABCDEFGH' }, 'consent'], [{ code: 'ABCDEFGH', consent: true }, 'consent'], [{ code: 'ABCDEFGH', consent: {} }, 'consent'],
        [{ code: 'ABCDEFGH', consent: { version: '2020-01-01' } }, 'consent'], [{ code: 'ABCDEFGH', consent: { version: CONSENT.version, at: '2026-01-01' } }, 'consent'],
      ],
      card: [[{ personId: 'person-2' }, 'personId']],
      cardCode: [[{ openid: 'o_test_001' }, 'openid']],
      verifyCard: [[{ code: '' }, 'code'], [{ code: 'x'.repeat(513) }, 'code'], [{ code: ['RP1'] }, 'code']],
      myData: [[{ personId: 'person-2' }, 'personId']],
      home: [[{ personId: 'person-2' }, 'personId'], [{ openid: 'o_test_001' }, 'openid']],
    },
    org: {
      'park.overview': [[{ parkId: OTHER.parkId }, 'parkId']],
      'branches.list': [[{ parkId: OTHER.parkId }, 'parkId']],
      'branches.create': [[{ name: '支'.repeat(41), kind: 'single', enterpriseIds: ['ent-4'] }, 'name'], [{ name: '甲', kind: 'single', enterpriseIds: [] }, 'enterpriseIds']],
      'branches.update': [[{ branchId: 'branch-a', kind: 'other' }, 'kind'], [{ name: '甲' }, 'branchId']],
      'groups.create': [[{ branchId: 'branch-a', name: '组'.repeat(21) }, 'name'], [{ branchId: 5, name: '甲' }, 'branchId']],
      'enterprises.list': [[{ openid: 'o_test_001' }, 'openid']],
      'enterprises.create': [[{ name: '某企业', employees: '10' }, 'employees']],
      'enterprises.update': [[{ enterpriseId: 'ent-4', employees: 2_000_000 }, 'employees'], [{ enterpriseId: 'ent-4', parkId: OTHER.parkId }, 'parkId']],
      'people.list': [[{ limit: 500 }, 'limit']],
      'people.create': [
        [{ branchId: 'branch-a', name: '甲乙', phone: '12345', memberType: 'none', joinedPartyOn: null, post: null, responsibilityArea: null }, 'phone'],
        [{ branchId: 'branch-a', name: '甲乙', phone: '19900000001', memberType: 'full', joinedPartyOn: '2020-02-30', post: null, responsibilityArea: null }, 'joinedPartyOn'],
        [{ branchId: 'branch-a', name: '甲乙', phone: '19900000001', memberType: 'full', joinedPartyOn: '2020-01-01', fullMemberOn: '2021.01.01', post: null, responsibilityArea: null }, 'fullMemberOn'],
        [{ branchId: 'branch-a', name: '甲乙', phone: '19900000001', memberType: 'party', joinedPartyOn: null, post: null, responsibilityArea: null }, 'memberType'],
        [{ branchId: 'branch-a', name: '甲乙', phone: '19900000001', memberType: 'none', joinedPartyOn: null, post: null, responsibilityArea: '区'.repeat(41) }, 'responsibilityArea'],
        [{ branchId: 'branch-a', name: '甲乙', phone: '19900000001', memberType: 'none', joinedPartyOn: null, post: null, responsibilityArea: null, openid: 'o_x' }, 'openid'],
      ],
      'people.update': [
        [{ personId: 'person-1', joinedPartyOn: '2020/01/01' }, 'joinedPartyOn'],
        [{ personId: 'person-1', fullMemberOn: '2021-13-01' }, 'fullMemberOn'],
        [{ personId: 'person-1', fullMemberOn: '2009-07-01' }, 'fullMemberOn'], // before 王芳's 入党日期 (the rules, not the schema)
        [{ personId: 'person-1', posts: [{ kind: 'star', title: '岗' }] }, 'posts'],
        [{ personId: 'person-1', posts: Array.from({ length: 4 }, () => ({ kind: 'model', title: '岗' })) }, 'posts'],
        [{ personId: 'person-1', name: '王' }, 'name'],
        [{ personId: 'person-1', openid: 'o_hijack' }, 'openid'],
        [{ personId: 'person-1', secretaryOf: ['branch-b'] }, 'secretaryOf'],
      ],
      'roles.set': [[{ personId: 'person-1', parkAdmin: 'true' }, 'parkAdmin']],
      'roster.import': [[{ branchId: 'branch-a', fileName: 'a.pdf', contentBase64: 'QQ==' }, 'fileName']],
      'invites.create': [[{ personIds: [] }, 'personIds']],
      'invites.list': [[{ branchId: '' }, 'branchId']],
      'transfers.create': [
        [{ personId: 'person-1', toBranchId: 'branch-b', reason: '' }, 'reason'],
        [{ personId: 'person-1', toOrganization: '', reason: '调走' }, 'toOrganization'],
        [{ personId: 'person-1', toOrganization: '某'.repeat(61), reason: '调走' }, 'toOrganization'],
        [{ personId: 'person-1', toBranchId: 'branch-b', toOrganization: '某市某公司党支部', reason: '调走' }, 'toOrganization'], // both (the function's rule)
        [{ personId: 'person-1', reason: '调走' }, 'toBranchId'], // neither
      ],
      'people.leave': [
        [{ personId: 'person-1', reason: '', leftOn: '2026-01-05' }, 'reason'],
        [{ personId: 'person-1', reason: '离职', leftOn: '2026-02-30' }, 'leftOn'],
        [{ personId: 'person-1', reason: '离职', leftOn: '2999-01-01' }, 'leftOn'], // in the future (the function's rule)
        [{ personId: 'person-1', reason: '离职' }, 'leftOn'],
        [{ personId: 'person-1', reason: '离职', leftOn: '2026-01-05', phone: '13800000001' }, 'phone'],
      ],
      'transfers.list': [[{ personId: 42 }, 'personId']],
      'audit.list': [[{ action: 7 }, 'action'], [{ kind: 'everything' }, 'kind']],
      'people.unbind': [[{ personId: 'person-1', reason: '' }, 'reason'], [{ personId: 'person-1', reason: '换'.repeat(101) }, 'reason'], [{ reason: '换了微信' }, 'personId']],
      'people.history': [[{}, 'personId'], [{ personId: 'person-1', branchId: 'branch-a' }, 'branchId']],
    },
  };

  for (const fn of ['user', 'org'] as const) {
    test(`${fn}: bad inputs to every action are INVALID_INPUT naming the field; nothing written`, async () => {
      const caller = (action: string) => (fn === 'user' ? (action === 'bind' ? actor('stranger') : actor('member')) : actor('admin'));
      assert.deepEqual(await badInputProblems(emu, snapshot, fn, Object.keys(contract[fn]), BAD[fn]!, caller), []);
    });
  }
});
