// Error codes every action may return, with the message a person sees (plain Chinese, no jargon).
export const ERROR_MESSAGES = {
  UNAUTHENTICATED: '无法确认您的微信身份，请重新打开小程序',
  NOT_BOUND: '请先用支部书记发给您的邀请码绑定身份',
  FORBIDDEN: '您没有权限进行这项操作',
  INVALID_INPUT: '填写的内容有误，请按提示修改',
  NOT_FOUND: '没有找到相关内容，可能已被删除',
  CONFLICT: '内容刚被他人修改，请刷新后再试',
  ALREADY_BOUND: '您的微信已经绑定了身份',
  INVITE_INVALID: '邀请码不正确，请核对后再输入',
  INVITE_EXPIRED: '邀请码已过期，请联系支部书记重新生成',
  INVITE_USED: '邀请码已被使用，请联系支部书记',
  CARD_CODE_INVALID: '这不是有效的身份码',
  CARD_CODE_EXPIRED: '身份码已过期，请对方刷新后再扫',
  CONTENT_RISKY: '内容含有不适宜发布的信息，没有保存，请修改后再提交',
  DEADLINE_PASSED: '已过截止时间，不能再提交',
  QUIZ_NO_ATTEMPTS: '测验次数已用完',
  CHECKIN_CODE_INVALID: '这不是有效的签到码',
  CHECKIN_CODE_EXPIRED: '签到码已过期，请扫描屏幕上的新码',
  MEETING_NOT_TODAY: '只能在活动当天签到',
  MEETING_CANCELLED: '这次活动已取消',
  NOT_RECRUITING: '这个活动现在不在招募时间内',
  NOT_REGISTERED: '您没有报名这个班次',
  CANCEL_CLOSED: '已过取消期限，如不能参加请联系活动负责人',
  SIGN_IN_NOT_OPEN: '还没到签到时间',
  SIGN_IN_CLOSED: '这个班次已经结束，不能再签到',
  ROSTER_INVALID: '名册里有错误，没有导入任何数据，请按报告修改后重新导入',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  UNKNOWN_ACTION: '小程序版本过旧，请更新后再试',
  INTERNAL: '系统繁忙，请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Per-field problems for forms (zod's flattened field errors). */
  fields?: Record<string, string[]>;
  /** Structured detail, e.g. a roster import's bad rows. */
  detail?: unknown;
}

export type ApiReply<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export function apiError(code: ErrorCode, extra: Partial<Omit<ApiError, 'code'>> = {}): ApiError {
  return { code, message: extra.message ?? ERROR_MESSAGES[code], ...extra };
}
