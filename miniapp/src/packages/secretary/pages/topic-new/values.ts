// The 发布专题 / 修改专题 form's values and how they map to and from the study contract:
// topics.create (a new topic), topics.draft (a published topic as written, to fill the form) and
// topics.update (the whole new content). Pure functions; the form lives in index.tsx.
import type { ActionInput, ActionOutput, Branch } from '@shared/contract';
import { chinaDateString } from '@shared/time';
import { monthEnd } from '../../common/study';

const today = (): string => chinaDateString(new Date());

export type Kind = 'heading' | 'paragraph' | 'image' | 'link';
export const KIND_LABELS: Record<Kind, string> = { heading: '小标题', paragraph: '段落', image: '图片', link: '链接' };
export const KINDS: Kind[] = ['heading', 'paragraph', 'image', 'link'];

export interface BlockDraft {
  key: number;
  kind: Kind;
  text: string;
  url: string;
}
export interface QuestionDraft {
  key: number;
  text: string;
  kind: 'single' | 'multiple';
  choices: string[];
  answer: number[];
}
export interface Values {
  title: string;
  month: string;
  deadline: string;
  blocks: BlockDraft[];
  noteMin: string;
  quizOn: boolean;
  questions: QuestionDraft[];
  passPct: string;
  attempts: string;
  scope: 'branch' | 'park';
}

/** A published topic as its publisher wrote it (topics.draft). */
export type Draft = ActionOutput<'study', 'topics.draft'>;
/** What topics.update takes besides the topic's id (and what topics.create takes besides month and scope). */
export type Content = Omit<ActionInput<'study', 'topics.update'>, 'topicId'>;

let nextKey = 1;
/** A key for a new block or question (React lists), unique for the app's lifetime. */
export const newKey = (): number => nextKey++;
export const newQuestion = (): QuestionDraft => ({ key: newKey(), text: '', kind: 'single', choices: ['', ''], answer: [] });

/** A month with fewer days left than this (today included) is nearly over: a new topic defaults to the next one. */
export const NEARLY_OVER_DAYS = 7;

/**
 * The month a new topic defaults to on `today` (China, "2026-11-30"): this month, or the next one once fewer
 * than a week is left in this one (on the 30th a topic due today leaves members no time to study it).
 */
export function defaultMonth(today: string): string {
  const month = today.slice(0, 7);
  const left = Number(monthEnd(month).slice(8, 10)) - Number(today.slice(8, 10)) + 1;
  if (left >= NEARLY_OVER_DAYS) return month;
  return nextMonth(month);
}

/** "2026-12" after "2026-11", "2027-01" after "2026-12". */
export function nextMonth(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function initial(): Values {
  const month = defaultMonth(today());
  return { title: '', month, deadline: monthEnd(month), blocks: [], noteMin: '50', quizOn: false, questions: [], passPct: '60', attempts: '3', scope: 'branch' };
}

/** How many right answers a pass mark in % means (at least 1). Integer arithmetic: 70% of 10 is exactly 7. */
export const passCount = (pct: number, n: number): number => Math.max(1, Math.min(n, Math.ceil((pct * n) / 100)));

/** The % the form shows for a stored pass mark of `mark` right answers out of `n`: passCount gives `mark` back. */
export function pctFor(mark: number, n: number): number {
  if (n <= 0) return 60;
  const guess = Math.floor((mark * 100) / n);
  if (passCount(guess, n) === mark) return guess;
  for (let p = 0; p <= 100; p++) if (passCount(p, n) === mark) return p;
  return guess;
}

/** The form filled with a published topic (topics.draft). */
export function fromDraft(d: Draft): Values {
  const c = d.content;
  const quiz = c.quiz;
  return {
    title: c.title,
    month: d.topic.month,
    deadline: c.deadline,
    blocks: c.materials.map((b) => ({ key: newKey(), kind: b.kind, text: b.text, url: b.url ?? '' })),
    noteMin: String(c.noteMinLength),
    quizOn: quiz !== null,
    questions: quiz ? quiz.questions.map((q) => ({ key: newKey(), text: q.text, kind: q.kind, choices: [...q.choices], answer: [...q.answer] })) : [],
    passPct: quiz ? String(pctFor(quiz.passMark, quiz.questions.length)) : '60',
    attempts: quiz ? String(quiz.maxAttempts) : '3',
    scope: d.topic.scope,
  };
}

export function toContent(v: Values): Content {
  const pct = Number(v.passPct) || 0;
  return {
    title: v.title.trim(),
    deadline: v.deadline.trim(),
    materials: v.blocks.map((b) => {
      const needsUrl = b.kind === 'image' || b.kind === 'link';
      return needsUrl ? { kind: b.kind, text: b.text.trim(), url: b.url.trim() } : { kind: b.kind, text: b.text.trim() };
    }),
    noteMinLength: Number(v.noteMin) || 0,
    quiz: v.quizOn
      ? {
          questions: v.questions.map((q) => ({ text: q.text.trim(), kind: q.kind, choices: q.choices.map((c) => c.trim()), answer: q.answer })),
          passMark: passCount(pct, v.questions.length),
          maxAttempts: Number(v.attempts) || 0,
        }
      : null,
  };
}

export function toCreate(v: Values, branch: Branch): ActionInput<'study', 'topics.create'> {
  return { scope: v.scope, ...(v.scope === 'branch' ? { branchId: branch.id } : {}), month: v.month.trim(), ...toContent(v) };
}

/** The new content of a published topic; once its quiz is locked, the quiz as stored with only 最多答几次 from the form. */
export function toUpdate(v: Values, d: Draft): ActionInput<'study', 'topics.update'> {
  const content = toContent(v);
  const stored = d.content.quiz;
  if (d.quizLocked) content.quiz = stored ? { ...stored, maxAttempts: Number(v.attempts) || 0 } : null;
  return { topicId: d.topic.id, ...content };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What an edit changes, one line each, for the confirmation (empty: nothing changed). */
export function changeLines(before: Draft['content'], after: Content): string[] {
  const lines: string[] = [];
  if (before.title !== after.title) lines.push(`专题名称：“${before.title}” 改为 “${after.title}”`);
  if (before.deadline !== after.deadline) lines.push(`截止日期：${before.deadline} 改为 ${after.deadline}`);
  const materials = before.materials.map((b) => (b.url === undefined ? { kind: b.kind, text: b.text } : b));
  if (!same(materials, after.materials)) {
    lines.push(
      before.materials.length === after.materials.length
        ? `学习材料：内容有改动（共 ${after.materials.length} 段）`
        : `学习材料：${before.materials.length} 段 改为 ${after.materials.length} 段`,
    );
  }
  if (before.noteMinLength !== after.noteMinLength) lines.push(`心得字数：至少 ${before.noteMinLength} 字 改为 至少 ${after.noteMinLength} 字`);
  const a = before.quiz;
  const b = after.quiz;
  if (!a && b) lines.push(`测验：新加 ${b.questions.length} 道题`);
  else if (a && !b) lines.push('测验：取消测验');
  else if (a && b) {
    if (!same(a.questions, b.questions)) {
      lines.push(a.questions.length === b.questions.length ? `测验题目：有改动（共 ${b.questions.length} 题）` : `测验题目：${a.questions.length} 题 改为 ${b.questions.length} 题`);
    }
    if (a.passMark !== b.passMark) lines.push(`及格线：答对 ${a.passMark} 题 改为 答对 ${b.passMark} 题`);
    if (a.maxAttempts !== b.maxAttempts) lines.push(`最多答几次：${a.maxAttempts} 次 改为 ${b.maxAttempts} 次`);
  }
  return lines;
}
