// The audit entries about the caller (auditEntriesAbout: three indexed, complete reads of the caller's
// park) as sentences: who did what, when; no ids.
import type { MyDataSection } from '../../../shared/contract/user';
import { POINT_ITEM_LABELS, type PointItem } from '../../../shared/points';
import { auditEntriesAbout } from '../../_lib/audit';
import { C } from '../../_lib/db';
import type { AuditDoc, BranchDoc, PersonDoc } from '../../_lib/types';
import { byIds, when } from './my-data-read';
import { type RoleState, roleChanges } from '../../../shared/audit-text';

type Item = MyDataSection['items'][number];
type Entry = AuditDoc & { _id: string };

const FIELD_LABELS: Record<string, string> = {
  name: '姓名', phone: '手机号', memberType: '类别', joinedPartyOn: '入党日期', fullMemberOn: '转正日期',
  groupId: '党小组', posts: '党员先锋岗、示范岗', responsibilityArea: '责任区',
};

/** What the entry says happened to the person, as one sentence. */
function sentence(e: Entry, branch: (id: string) => string): string {
  const who = e.actor.name;
  const d = e.detail as Record<string, any>;
  switch (e.action) {
    case 'people.create':
      return `${who}把您登记进${d.branchName ?? branch(d.branchId)}的名册`;
    case 'people.update': {
      const changed = Object.keys(d.after ?? {}).map((k) => FIELD_LABELS[k] ?? '其他信息');
      return `${who}修改了您的名册信息：${[...new Set(changed)].join('、') || '无变化'}`;
    }
    case 'roles.set':
      return `${who}调整了您的职务：${roleChanges(d.before ?? {}, d.after ?? {}, branch)}`;
    case 'invites.create':
      return `${who}为您生成了绑定邀请码`;
    case 'transfers.create':
      return `${who}为您办理了组织关系转接：从${branch(d.fromBranchId)}转到${d.toBranchId ? branch(d.toBranchId) : (d.toOrganization ?? '园区外')}，原因：${d.reason}`;
    case 'points.reverse':
      return `${who}更正了您的一条积分（${POINT_ITEM_LABELS[d.item as PointItem] ?? '积分'}，${d.points} 分），原因：${d.reason ?? '未填写'}`;
    default:
      return `${who}进行了一项与您有关的操作`;
  }
}

export async function auditAboutMe(me: PersonDoc): Promise<Item[]> {
  const list = await auditEntriesAbout(me.parkId, me._id);
  const branchIds = list.flatMap((e) => {
    const d = e.detail as Record<string, unknown>;
    const ids = [d.branchId, d.fromBranchId, d.toBranchId];
    for (const k of ['before', 'after'] as const) ids.push(...(((d[k] as RoleState | undefined)?.secretaryOf) ?? []));
    return ids.filter((x): x is string => typeof x === 'string');
  });
  const names = await byIds<BranchDoc>(C.branches, branchIds, { name: true });
  const branch = (id: string) => names.get(id)?.name ?? '已撤销的支部';
  return list.map((e) => ({ title: sentence(e, branch), fields: [{ label: '时间', value: when(e.at)! }, { label: '经办人', value: e.actor.name }] }));
}
