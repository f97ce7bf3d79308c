// The first park admin in production (and locally): creates the park, its 园区党委 branch and the admin's
// roster entry, and prints a one-time invite code the admin redeems in the mini-program (我的 → 绑定身份).
//   npm run bootstrap:park -- --park-name 酒泉工业园区 --admin-name 张三 --admin-phone 139xxxxxxxx [--admin-joined 2001-07-01]
//        [--url http://127.0.0.1:8787]                     local emulator
//        [--env <CloudBase env id>]                        production, with TENCENTCLOUD_SECRETID / _SECRETKEY set
// Refuses when a park of that name exists. All four documents are written in one transaction.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from '../shared/contract/zod';
import { dateString, personName, phone, shortText } from '../shared/contract/common';
import { chinaFormat } from '../shared/time';
import { C } from '../cloudfunctions/_lib/db';
import type { BranchDoc, InviteDoc, ParkDoc, PersonDoc } from '../cloudfunctions/_lib/types';
import { INVITE_TTL_MS, newInviteCode } from '../cloudfunctions/org/actions/invites';
import { adminApp, type Database } from './lib/admin-app';

type Tx = Awaited<ReturnType<Database['startTransaction']>>;

export const PARK_COMMITTEE_BRANCH = '园区党委';

const bootstrapInput = z.object({
  parkName: shortText(40, '园区名称'),
  adminName: personName,
  adminPhone: phone,
  /** 入党日期, so the admin's card shows 党龄; optional. */
  adminJoinedOn: dateString.nullable().default(null),
});
export type BootstrapInput = z.input<typeof bootstrapInput>;

export interface BootstrapResult {
  parkId: string;
  branchId: string;
  personId: string;
  code: string;
  expiresAt: Date;
}

export class BootstrapError extends Error {}

const newId = (prefix: string) => `${prefix}-${randomBytes(8).toString('hex')}`;
const isDuplicate = (e: unknown) => /DUPLICATE/i.test(String((e as { code?: string }).code ?? (e as Error).message ?? ''));

export async function bootstrapPark(db: Database, raw: BootstrapInput, now = new Date()): Promise<BootstrapResult> {
  const parsed = bootstrapInput.safeParse(raw);
  if (!parsed.success) throw new BootstrapError(parsed.error.issues.map((i) => i.message).join('；'));
  const { parkName, adminName, adminPhone, adminJoinedOn } = parsed.data;
  const taken = await db.collection(C.parks).where({ name: parkName }).limit(1).get();
  if (taken.data.length) throw new BootstrapError(`已经有名为“${parkName}”的园区，没有做任何修改`);

  const park: ParkDoc = { _id: newId('park'), name: parkName, createdAt: now };
  // A new park has no branches yet: its committee's own branch holds the admin and covers no enterprise.
  const branch: BranchDoc = {
    _id: newId('branch'), parkId: park._id, name: PARK_COMMITTEE_BRANCH, kind: 'attached', enterpriseIds: [], groups: [], memberCount: 1, createdAt: now, updatedAt: now,
  };
  const person: PersonDoc = {
    _id: newId('person'), parkId: park._id, branchId: branch._id, groupId: null, name: adminName, phone: adminPhone,
    // 转正日期 unknown here: the card counts 党龄 from 入党日期 + 1 year until the admin fills it in (修改人员信息).
    memberType: 'full', joinedPartyOn: adminJoinedOn, fullMemberOn: null, posts: [], responsibilityArea: null, secretaryOf: [], organizer: false, parkAdmin: true,
    createdAt: now, updatedAt: now,
  };
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  // A code collision (unique index on code) fails the transaction; draw again.
  for (let attempt = 1; ; attempt++) {
    const invite: InviteDoc = {
      _id: newId('invite'), code: newInviteCode(), personId: person._id, parkId: park._id, branchId: branch._id,
      createdBy: 'bootstrap', createdAt: now, expiresAt, usedAt: null, revokedAt: null,
    };
    try {
      await db.runTransaction(async (tx: Tx) => {
        for (const [c, doc] of [[C.parks, park], [C.branches, branch], [C.people, person], [C.invites, invite]] as const) {
          const { _id, ...rest } = doc;
          await tx.collection(c).doc(_id).set(rest);
        }
      });
      return { parkId: park._id, branchId: branch._id, personId: person._id, code: invite.code, expiresAt };
    } catch (e) {
      if (!isDuplicate(e) || attempt >= 3) throw e;
      // The park name may have been taken meanwhile: the unique name index makes that a duplicate too.
      const again = await db.collection(C.parks).where({ name: parkName }).limit(1).get();
      if (again.data.length) throw new BootstrapError(`已经有名为“${parkName}”的园区，没有做任何修改`);
    }
  }
}

/** 2026-07-08 14:30, in China time. */
const chinaTime = (d: Date) => chinaFormat(d, 'YYYY-MM-DD HH:mm');

async function cli() {
  const { values } = parseArgs({
    options: {
      'park-name': { type: 'string' },
      'admin-name': { type: 'string' },
      'admin-phone': { type: 'string' },
      'admin-joined': { type: 'string' },
      url: { type: 'string' },
      env: { type: 'string' },
    },
  });
  if (!values['park-name'] || !values['admin-name'] || !values['admin-phone']) {
    throw new BootstrapError('用法：npm run bootstrap:park -- --park-name <园区名称> --admin-name <姓名> --admin-phone <手机号> [--admin-joined <入党日期 2001-07-01>] [--url <模拟器地址> | --env <环境 ID>]');
  }
  const { app, where } = adminApp({ url: values.url, env: values.env });
  const r = await bootstrapPark(app.database(), {
    parkName: values['park-name'], adminName: values['admin-name'], adminPhone: values['admin-phone'], adminJoinedOn: values['admin-joined'] ?? null,
  });
  console.log(`[bootstrap] ${where}: 已创建园区“${values['park-name']}”、支部“${PARK_COMMITTEE_BRANCH}”和园区党委管理员 ${values['admin-name']}。`);
  console.log(`[bootstrap] 邀请码：${r.code}（北京时间 ${chinaTime(r.expiresAt)} 前有效，只能用一次）`);
  console.log('[bootstrap] 请管理员在小程序“我的 → 绑定身份”中输入这个邀请码。');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli().catch((e) => {
    console.error(`[bootstrap] ${e instanceof BootstrapError ? e.message : `失败：${(e as Error).message}`}`);
    process.exit(1);
  });
}
