// Roles a person can hold (several at once). Derived from the roster entry, never from a request.
export const ROLES = ['member', 'masses', 'secretary', 'organizer', 'parkAdmin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  member: '党员',
  masses: '群众',
  secretary: '支部书记',
  organizer: '志愿服务组织者',
  parkAdmin: '园区党委管理员',
};
