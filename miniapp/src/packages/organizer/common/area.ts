/**
 * Who the organizer's pages are for and what they may publish: the federation's organizers publish
 * for the whole park; a secretary for one of their branches; a park admin both (any branch). The
 * functions check every call again: this only decides what the pages offer.
 */
import { type ApiReply, type Branch, type PersonSelf, apiError } from '@shared/contract';
import { api, call } from '../../../services/api';

export const ORG = {
  activities: '/packages/organizer/pages/activities/index',
  /** 新建活动, or ?activityId= to change one. */
  edit: '/packages/organizer/pages/activity-edit/index',
  /** ?shiftId=&activityId= */
  shift: '/packages/organizer/pages/shift/index',
  /** 志愿待办: shifts to confirm (working days left), make-ups to approve, corrections, certificate requests. */
  todo: '/packages/organizer/pages/todo/index',
  /** 补录时长, ?activityId= optional. */
  makeup: '/packages/organizer/pages/makeup/index',
  /** 证明管理: issued certificates, revoke with a reason. */
  certificates: '/packages/organizer/pages/certificates/index',
} as const;

export interface OrganizerArea {
  me: PersonSelf;
  /** May publish for the whole park (organizer, park admin). */
  park: boolean;
  /** Branches they may publish for (secretary: theirs; park admin: all). */
  branches: Branch[];
}

export async function loadArea(): Promise<ApiReply<OrganizerArea>> {
  const [me, branches] = await Promise.all([api.user.me(), call('org', 'branches.list', {})]);
  if (!me.ok) return me;
  const person = me.data.person;
  if (!person) return { ok: false, error: apiError('NOT_BOUND') };
  if (!branches.ok) return branches;
  const admin = person.roles.includes('parkAdmin');
  const park = admin || person.roles.includes('organizer');
  const mine = admin ? branches.data.branches : branches.data.branches.filter((b) => person.secretaryOf.includes(b.id));
  if (!park && !mine.length) {
    return { ok: false, error: apiError('FORBIDDEN', { message: '组织活动只对志愿服务组织者、支部书记和园区党委管理员开放' }) };
  }
  return { ok: true, data: { me: person, park, branches: mine } };
}

/** A page URL with its query (values encoded). */
export function withQuery(url: string, q: Record<string, string | undefined>): string {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
  return parts.length ? `${url}?${parts.join('&')}` : url;
}

export { param } from '../../../services/nav';
