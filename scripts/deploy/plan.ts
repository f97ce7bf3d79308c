// A deploy is planned first (reads only), then applied: the plan lists, per area, what would be
// created or changed and what already matches; `problems` stop the deploy before anything is written.
export type Area = 'database' | 'functions' | 'miniprogram';
export const AREAS: readonly Area[] = ['database', 'functions', 'miniprogram'];
export const AREA_NAMES: Record<Area, string> = { database: '数据库', functions: '云函数', miniprogram: '小程序' };

export interface Step {
  area: Area;
  /** What the step is about: `集合 parks`, `云函数 study`. */
  target: string;
  status: 'create' | 'change' | 'same' | 'skip';
  /** What is created or changed, or why it matches / is skipped; never a secret's value. */
  details: string[];
  apply?: () => Promise<void>;
}

export interface AreaPlan {
  steps: Step[];
  /** Reasons not to deploy at all (a missing secret, a missing build…). */
  problems: string[];
}

const MARK: Record<Step['status'], string> = { create: '+ 新建', change: '~ 修改', same: '= 一致', skip: '- 跳过' };

export function formatPlan(steps: Step[]): string[] {
  return steps.flatMap((s) => [`  ${MARK[s.status]}  ${s.target}`, ...s.details.map((d) => `        ${d}`)]);
}
