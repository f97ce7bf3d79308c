// Building blocks shared by the action schemas. Messages are in Chinese: they reach people.
import { z } from './zod';
import { MEMBER_TYPES, POST_KINDS } from './labels';

/**
 * A document id. Composite ids (`<topicId>|<personId>` for progress and notes, reminders with a day,
 * meeting notices) join up to three 32-character ids, so the limit leaves room for them.
 */
export const id = z.string().min(1, '缺少编号').max(128);

/** A calendar date in China time, YYYY-MM-DD. */
export const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2024-07-01')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '没有这一天');

/** A date and time of day in China time, "YYYY-MM-DD HH:mm" (what the pickers give). */
export const dateTimeString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, '时间格式应为 2026-12-05 09:00')
  .refine((s) => {
    const d = new Date(`${s.replace(' ', 'T')}:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 16) === s.replace(' ', 'T');
  }, '没有这个时间');

export const phone = z.string().regex(/^1[3-9]\d{9}$/, '手机号应为 11 位数字');
export const personName = z.string().trim().min(2, '姓名至少 2 个字').max(20, '姓名最多 20 个字');
export const shortText = (max: number, label: string) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);

export { MEMBER_TYPES, MEMBER_TYPE_LABELS, type MemberType, POST_KINDS, POST_KIND_LABELS } from './labels';
export const memberType = z.enum(MEMBER_TYPES);
export const post = z.object({ kind: z.enum(POST_KINDS), title: shortText(20, '岗位名称') });
export type Post = z.infer<typeof post>;

export const BRANCH_KINDS = ['single', 'joint', 'attached'] as const;
export const branchKind = z.enum(BRANCH_KINDS);
export type BranchKind = z.infer<typeof branchKind>;
export const BRANCH_KIND_LABELS: Record<BranchKind, string> = { single: '单独组建', joint: '联合组建', attached: '挂靠组建' };
/** 支部工作条例: a joint branch covers at most 5 units. */
export const JOINT_BRANCH_MAX_ENTERPRISES = 5;

export const page = z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(100).default(20) });
