// Replies shaped by the shared contract (the fake backend checks them against its output schemas):
// a small branch with a secretary, a member's card and roster entry, a topic with a quiz.
import type { ActionOutput, ApiReply, Branch, Card, PersonRow, PersonSelf } from '@shared/contract';
import { apiError, type ErrorCode } from '@shared/contract';

export const PARK = { id: 'park-1', name: '酒泉工业园区' };

export const BRANCH: Branch = {
  id: 'br-1',
  name: '第一联合党支部',
  kind: 'joint',
  enterprises: [{ id: 'ent-1', name: '祁连精密机械有限公司' }],
  groups: [
    { id: 'grp-1', name: '第一党小组' },
    { id: 'grp-2', name: '第二党小组' },
  ],
  secretaries: [{ id: 'p-sec', name: '李强' }],
  memberCount: 12,
  peopleCount: 20,
};

export const OTHER_BRANCH: Branch = { ...BRANCH, id: 'br-2', name: '第二联合党支部', groups: [], secretaries: [] };

export function person(over: Partial<PersonSelf> = {}): PersonSelf {
  return { id: 'p-wf', name: '王芳', memberType: 'full', roles: ['member'], branch: { id: BRANCH.id, name: BRANCH.name }, park: PARK, secretaryOf: [], ...over };
}

export const SECRETARY = person({ id: 'p-sec', name: '李强', roles: ['member', 'secretary'], secretaryOf: [BRANCH.id] });

export const CARD: Card = {
  name: '王芳',
  memberType: 'full',
  parkName: PARK.name,
  branchName: BRANCH.name,
  joinedPartyOn: '2012-07-01',
  partyYears: 13,
  posts: [{ kind: 'pioneer', title: '质检先锋岗' }],
  responsibilityArea: '二号车间',
  pledge: null,
  volunteerStars: null,
};

export function personRow(over: Partial<PersonRow> = {}): PersonRow {
  return {
    id: 'p-mxl',
    name: '马秀兰',
    memberType: 'probationary',
    branchId: BRANCH.id,
    groupId: null,
    phone: '13800001111',
    phoneMasked: false,
    joinedPartyOn: '2025-07-01',
    fullMemberOn: null,
    posts: [],
    responsibilityArea: null,
    roles: ['member'],
    bound: true,
    enterprise: null,
    ...over,
  };
}

type TopicSummary = ActionOutput<'study', 'topics.get'>['topic'];

export function topicSummary(over: Partial<TopicSummary> = {}): TopicSummary {
  return {
    id: 'topic-1',
    scope: 'branch',
    branchId: BRANCH.id,
    month: '2026-11',
    title: '学习党的二十届三中全会精神',
    deadline: '2026-11-30',
    closed: false,
    hasQuiz: true,
    completed: false,
    editedAt: null,
    ...over,
  };
}

export const ok = <T>(data: T): ApiReply<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message?: string, fields?: Record<string, string[]>): ApiReply<never> => ({
  ok: false,
  error: apiError(code, { ...(message ? { message } : {}), ...(fields ? { fields } : {}) }),
});
