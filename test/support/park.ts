// A small test park seeded straight into the database (as an admin would), and callers that act as
// a named person through the real SDK: `const wang = as(emu, park, '王芳'); await wang.call('user', 'card')`.
import type { ApiReply } from '../../shared/contract';
import { PRIVACY_VERSION } from '../../shared/privacy';
import type { EmulatorHandle } from './emulator.js';

export const PERSONAS = {
  王芳: { role: 'member', branch: 'A' },
  李强: { role: 'secretary of A', branch: 'A' },
  赵敏: { role: 'probationary member', branch: 'A' },
  陈静: { role: 'masses', branch: 'A' },
  孙丽: { role: 'member, not bound yet', branch: 'A' },
  张伟: { role: 'secretary of B', branch: 'B' },
  刘洋: { role: 'organizer (masses)', branch: 'B' },
  周涛: { role: 'park admin (member)', branch: 'B' },
} as const;
export type Persona = keyof typeof PERSONAS;

export interface TestPark {
  parkId: string;
  branches: { A: string; B: string };
  enterprises: string[];
  /** Person ids by name. */
  ids: Record<Persona, string>;
  /** Openids by name (孙丽 has none: she is not bound). */
  openids: Partial<Record<Persona, string>>;
}

const openidOf = (n: number) => `o_test_${String(n).padStart(3, '0')}`;

export async function seedTestPark(emu: EmulatorHandle): Promise<TestPark> {
  const db = emu.app().database();
  const now = new Date();
  const parkId = 'park-test';
  await db.collection('parks').add({ _id: parkId, name: '测试工业园区', createdAt: now });
  const enterprises = ['ent-1', 'ent-2', 'ent-3', 'ent-4', 'ent-5'];
  const names = ['酒泉新能源有限公司', '肃州机械制造厂', '祁连物流公司', '雄关食品有限公司', '西部光电科技'];
  await db.collection('enterprises').add(
    enterprises.map((id, i) => ({ _id: id, parkId, name: names[i], industry: i % 2 ? '制造业' : '服务业', employees: 50 + i * 30, createdAt: now })),
  );
  const branches = { A: 'branch-a', B: 'branch-b' };
  await db.collection('branches').add([
    { _id: branches.A, parkId, name: '新能源公司党支部', kind: 'single', enterpriseIds: ['ent-1'], groups: [{ id: 'g-a1', name: '第一党小组' }], memberCount: 4, createdAt: now, updatedAt: now },
    { _id: branches.B, parkId, name: '园区联合党支部', kind: 'joint', enterpriseIds: ['ent-2', 'ent-3'], groups: [], memberCount: 2, createdAt: now, updatedAt: now },
  ]);
  const base = { parkId, groupId: null, posts: [], responsibilityArea: null, secretaryOf: [], organizer: false, parkAdmin: false, createdAt: now, updatedAt: now };
  const people: Array<Record<string, unknown> & { name: Persona }> = [
    { ...base, name: '王芳', branchId: branches.A, groupId: 'g-a1', phone: '13800000001', memberType: 'full', joinedPartyOn: '2010-07-01', fullMemberOn: '2011-07-01', posts: [{ kind: 'pioneer', title: '质检先锋岗' }], responsibilityArea: '二号车间' },
    { ...base, name: '李强', branchId: branches.A, phone: '13800000002', memberType: 'full', joinedPartyOn: '1998-06-15', secretaryOf: [branches.A] },
    { ...base, name: '赵敏', branchId: branches.A, phone: '13800000003', memberType: 'probationary', joinedPartyOn: '2026-03-01' },
    { ...base, name: '陈静', branchId: branches.A, phone: '13800000004', memberType: 'none', joinedPartyOn: null },
    { ...base, name: '孙丽', branchId: branches.A, phone: '13800000005', memberType: 'full', joinedPartyOn: '2015-05-04' },
    { ...base, name: '张伟', branchId: branches.B, phone: '13800000006', memberType: 'full', joinedPartyOn: '2005-10-01', secretaryOf: [branches.B] },
    { ...base, name: '刘洋', branchId: branches.B, phone: '13800000007', memberType: 'none', joinedPartyOn: null, organizer: true },
    { ...base, name: '周涛', branchId: branches.B, phone: '13800000008', memberType: 'full', joinedPartyOn: '1995-07-01', parkAdmin: true },
  ];
  const ids = {} as Record<Persona, string>;
  const openids: Partial<Record<Persona, string>> = {};
  people.forEach((p, i) => {
    ids[p.name] = `person-${i + 1}`;
    if (p.name !== '孙丽') openids[p.name] = openidOf(i + 1);
  });
  await db.collection('people').add(
    people.map((p) => ({ _id: ids[p.name], ...p, ...(openids[p.name] ? { openid: openids[p.name], boundAt: now } : {}) })),
  );
  return { parkId, branches, enterprises, ids, openids };
}

export interface Actor {
  openid: string;
  call<T = any>(fn: string, action: string, input?: unknown): Promise<ApiReply<T>>;
  /** Like call, but fails the test unless the reply is ok; returns the data. */
  ok<T = any>(fn: string, action: string, input?: unknown): Promise<T>;
}

/** Act as a person of the test park, or as any WeChat user by openid (e.g. an unbound stranger). */
export function as(emu: EmulatorHandle, park: TestPark | null, who: Persona | { openid: string }): Actor {
  const openid = typeof who === 'string' ? park?.openids[who] : who.openid;
  if (!openid) throw new Error(`${String(who)} has no openid (not bound)`);
  const app = emu.appAs(openid);
  const call = async (fn: string, action: string, input?: unknown) =>
    (await app.callFunction({ name: fn, data: { action, input } })).result as ApiReply<any>;
  return {
    openid,
    call,
    async ok(fn, action, input) {
      const r = await call(fn, action, input);
      if (!r.ok) throw new Error(`${fn}.${action} as ${String(typeof who === 'string' ? who : who.openid)}: ${r.error.code} ${r.error.message}`);
      return r.data;
    },
  };
}

/** user.bind's agreement to the current privacy notice (what the bind page sends once its box is ticked). */
export const CONSENT = { version: PRIVACY_VERSION } as const;

/** The product's emulator setup: product functions and collections, manual timers. */
export const PRODUCT = { spec: 'cloudfunctions/collections.json', args: ['--functions', 'cloudfunctions', '--manual-timers'] };
