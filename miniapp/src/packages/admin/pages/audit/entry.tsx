// One audit entry as the function wrote it in words (audit.list's `text`, shared/audit-text.ts): the
// sentence, when, and — when there is something to open — a 查看 that goes to it (the person, the
// branch's roster or meetings, the topic's completion, the activity, the admin pages).
import { Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { ROUTES, go } from '../../../../services/nav';
import { chinaMinute } from '../../../ui';
import { ADMIN, rosterOf } from '../../common/area';

export type AuditEntry = ActionOutput<'org', 'audit.list'>['entries'][number];
type Link = NonNullable<AuditEntry['link']>;

const SEC_PAGES = {
  person: '/packages/secretary/pages/person/index',
  progress: '/packages/secretary/pages/progress/index',
  meetings: '/packages/secretary/pages/meetings/index',
} as const;

const q = (params: Record<string, string>) => Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

/** The page an entry links to. */
export function linkUrl(link: Link, e: AuditEntry): string {
  const title = typeof e.detail.title === 'string' ? e.detail.title : '';
  switch (link.to) {
    case 'person': return `${SEC_PAGES.person}?${q({ personId: link.personId, branchId: link.branchId })}`;
    case 'branch': return rosterOf(link.branchId);
    case 'topic': return link.branchId ? `${SEC_PAGES.progress}?${q({ topicId: link.topicId, branchId: link.branchId, title })}` : `${ADMIN.study}?${q({ topicId: link.topicId })}`;
    case 'meetings': return `${SEC_PAGES.meetings}?${q({ branchId: link.branchId })}`;
    case 'activity': return `${ROUTES.volunteerActivity}?${q({ activityId: link.activityId })}`;
    case 'enterprises': return ADMIN.enterprises;
    case 'roles': return ADMIN.roles;
    case 'pointsTable': return ADMIN.pointsTable;
  }
}

export function AuditItem({ e }: { e: AuditEntry }) {
  const link = e.link;
  return (
    <View className={`rp-item audit-entry${link ? ' audit-entry--link' : ''}`} data-action={e.action} onClick={link ? () => go(linkUrl(link, e)) : undefined}>
      <View className='rp-item__body'>
        <Text className='audit-entry__what'>{e.text}</Text>
        <Text className='rp-item__line audit-entry__who'>{chinaMinute(e.at)}</Text>
      </View>
      {link && <Text className='audit-entry__go'>查看</Text>}
    </View>
  );
}
