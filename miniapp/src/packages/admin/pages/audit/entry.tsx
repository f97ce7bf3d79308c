// One audit entry in words: when, who, what (label), on what, and the detail a reader needs.
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS, type ActionOutput } from '@shared/contract';
import { chinaMinute } from '../../../ui';
import { AUDIT_ACTION_LABELS } from '../../common/area';

export type AuditEntry = ActionOutput<'org', 'audit.list'>['entries'][number];

type Roles = { secretaryOf?: string[]; organizer?: boolean; parkAdmin?: boolean };

function rolesSummary(r: Roles | undefined): string {
  if (!r) return '无';
  const out = [
    ...(r.secretaryOf?.length ? [`${ROLE_LABELS.secretary}（${r.secretaryOf.length} 个支部）`] : []),
    ...(r.organizer ? [ROLE_LABELS.organizer] : []),
    ...(r.parkAdmin ? [ROLE_LABELS.parkAdmin] : []),
  ];
  return out.join('、') || '无';
}

/** The lines worth showing for the actions we know; others show nothing extra. */
function detailLines(e: AuditEntry): string[] {
  const d = e.detail as Record<string, unknown>;
  switch (e.action) {
    case 'roles.set':
      return [`之前：${rolesSummary(d.before as Roles)}`, `之后：${rolesSummary(d.after as Roles)}`];
    case 'roster.import':
      return [`导入 ${String(d.count ?? '')} 人${d.fileName ? `（${String(d.fileName)}）` : ''}`];
    case 'invites.create':
      return [`为 ${String(d.count ?? '')} 人生成`];
    case 'transfers.create':
      return [...(d.toOrganization ? [`转出园区，转到${String(d.toOrganization)}`] : []), ...(d.reason ? [`原因：${String(d.reason)}`] : [])];
    case 'people.leave':
      return [`离开日期：${String(d.leftOn ?? '')}`, `原因：${String(d.reason ?? '')}`];
    default:
      return [];
  }
}

/** What the change was made to, in words: some actions record ids as the target, their detail has the name. */
function targetText(e: AuditEntry): string {
  const d = e.detail as Record<string, unknown>;
  if ((e.action === 'transfers.create' || e.action === 'people.leave') && typeof d.personName === 'string') return d.personName;
  if (e.action === 'roster.import' && typeof d.branchName === 'string') return d.branchName;
  if (e.action === 'invites.create') return '';
  return e.target;
}

export function AuditItem({ e }: { e: AuditEntry }) {
  return (
    <View className='rp-item audit-entry' data-action={e.action}>
      <View className='rp-item__body'>
        <Text className='rp-item__name audit-entry__what'>
          {AUDIT_ACTION_LABELS[e.action] ?? e.action}
          {targetText(e) ? ` · ${targetText(e)}` : ''}
        </Text>
        {detailLines(e).map((l) => (
          <Text key={l} className='rp-item__line'>
            {l}
          </Text>
        ))}
        <Text className='rp-item__line audit-entry__who'>
          {chinaMinute(e.at)} · {e.actor.name}
        </Text>
      </View>
    </View>
  );
}
