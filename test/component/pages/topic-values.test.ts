// The 发布专题 / 修改专题 form's values (packages/secretary/pages/topic-new/values.ts): the pass mark
// in % and back, the form filled from a published topic and sent back unchanged, a locked quiz, the
// confirmation's list of changes.
import { afterEach, describe, expect, test } from '@jest/globals';
import { contract } from '@shared/contract';
import {
  type Draft,
  changeLines,
  defaultMonth,
  fromDraft,
  initial,
  newQuestion,
  passCount,
  pctFor,
  toContent,
  toCreate,
  toUpdate,
} from '../../../miniapp/src/packages/secretary/pages/topic-new/values';
import { BRANCH, topicSummary } from '../support/fixtures';
import { fakeToday, realClock } from '../support/clock';

const DRAFT: Draft = {
  topic: topicSummary(),
  content: {
    title: '学习党的二十届三中全会精神',
    deadline: '2026-11-30',
    materials: [
      { kind: 'heading', text: '一、会议精神' },
      { kind: 'paragraph', text: '全会审议通过了《决定》。' },
      { kind: 'image', text: '', url: 'https://example.cn/a.png' },
      { kind: 'link', text: '原文链接', url: 'https://example.cn/doc' },
    ],
    noteMinLength: 100,
    quiz: {
      questions: [
        { text: '全会在哪一年召开？', kind: 'single', choices: ['2023', '2024'], answer: [1] },
        { text: '以下哪些是全会的主题？', kind: 'multiple', choices: ['改革', '开放', '休假'], answer: [0, 1] },
        { text: '全会审议通过了什么？', kind: 'single', choices: ['《决定》', '《通知》'], answer: [0] },
      ],
      passMark: 2,
      maxAttempts: 3,
    },
  },
  quizLocked: false,
};

afterEach(realClock);

describe('pass mark', () => {
  test('passCount: % of n rounded up, at least 1, at most n, exact for 70% of 10', () => {
    expect(passCount(60, 5)).toBe(3);
    expect(passCount(70, 10)).toBe(7);
    expect(passCount(0, 5)).toBe(1);
    expect(passCount(150, 5)).toBe(5);
  });

  test('pctFor gives back every stored pass mark, for 1 to 50 questions', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= 50; n++) {
      for (let mark = 1; mark <= n; mark++) if (passCount(pctFor(mark, n), n) !== mark) wrong.push(`${mark}/${n}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('values', () => {
  test('a new form: this month in China time, deadline its last day, branch scope, 50 字', () => {
    fakeToday('2026-11-30T17:00:00Z'); // already 1 December in China
    const v = initial();
    expect([v.month, v.deadline, v.scope, v.noteMin, v.quizOn]).toEqual(['2026-12', '2026-12-31', 'branch', '50', false]);
  });

  test('on the 30th or 31st (a month nearly over) a new topic defaults to the next month, not a deadline of today', () => {
    fakeToday('2026-11-30T02:00:00Z'); // 30 November, 10:00 in China
    expect([initial().month, initial().deadline]).toEqual(['2026-12', '2026-12-31']);
    fakeToday('2026-12-31T15:59:00Z'); // 31 December, 23:59 in China: next year's January
    expect([initial().month, initial().deadline]).toEqual(['2027-01', '2027-01-31']);
    fakeToday('2026-11-24T02:00:00Z'); // a week left (24th–30th): still this month
    expect([initial().month, initial().deadline]).toEqual(['2026-11', '2026-11-30']);
    fakeToday('2026-11-24T16:00:00Z'); // 25 November in China: six days left
    expect(initial().month).toBe('2026-12');
  });

  test('defaultMonth: fewer than 7 days left → the next month (February, leap years, December)', () => {
    expect(defaultMonth('2026-11-10')).toBe('2026-11');
    expect(defaultMonth('2026-11-24')).toBe('2026-11');
    expect(defaultMonth('2026-11-25')).toBe('2026-12');
    expect(defaultMonth('2027-02-22')).toBe('2027-02');
    expect(defaultMonth('2027-02-23')).toBe('2027-03');
    expect(defaultMonth('2028-02-23')).toBe('2028-02'); // 29 days: a week left
    expect(defaultMonth('2026-12-31')).toBe('2027-01');
    expect(defaultMonth('2026-01-01')).toBe('2026-01');
  });

  test('toCreate: a branch topic names its branch, a park topic none; text trimmed, urls only where needed', () => {
    const v = { ...initial(), title: '  专题  ', month: '2026-11', deadline: '2026-11-30', blocks: [{ key: 1, kind: 'paragraph' as const, text: ' 内容 ', url: 'ignored' }, { key: 2, kind: 'link' as const, text: '原文', url: ' https://example.cn ' }] };
    const branch = toCreate(v, BRANCH);
    expect(branch).toMatchObject({ scope: 'branch', branchId: BRANCH.id, title: '专题', materials: [{ kind: 'paragraph', text: '内容' }, { kind: 'link', text: '原文', url: 'https://example.cn' }] });
    expect(branch.materials[0]).not.toHaveProperty('url');
    expect(contract.study['topics.create'].input.safeParse(branch).success).toBe(true);
    const park = toCreate({ ...v, scope: 'park' }, BRANCH);
    expect(park).not.toHaveProperty('branchId');
    expect(contract.study['topics.create'].input.safeParse(park).success).toBe(true);
  });

  test('a published topic put in the form and sent back unchanged changes nothing', () => {
    const v = fromDraft(DRAFT);
    expect([v.title, v.noteMin, v.quizOn, v.passPct, v.attempts, v.blocks.length]).toEqual([DRAFT.content.title, '100', true, '66', '3', 4]);
    const back = toUpdate(v, DRAFT);
    expect(back).toEqual({ topicId: DRAFT.topic.id, ...DRAFT.content });
    expect(changeLines(DRAFT.content, toContent(v))).toEqual([]);
  });

  test('a locked quiz goes back as stored, with only 最多答几次 from the form', () => {
    const locked = { ...DRAFT, quizLocked: true };
    const v = fromDraft(locked);
    const edited = { ...v, attempts: '5', passPct: '100', questions: [newQuestion()] };
    expect(toUpdate(edited, locked).quiz).toEqual({ ...DRAFT.content.quiz, maxAttempts: 5 });
  });

  test('changeLines lists each change in words', () => {
    const v = fromDraft(DRAFT);
    const after = toContent({
      ...v,
      title: '学习新思想',
      deadline: '2026-12-10',
      blocks: v.blocks.slice(1),
      noteMin: '50',
      passPct: '100',
      attempts: '5',
    });
    expect(changeLines(DRAFT.content, after)).toEqual([
      '专题名称：“学习党的二十届三中全会精神” 改为 “学习新思想”',
      '截止日期：2026-11-30 改为 2026-12-10',
      '学习材料：4 段 改为 3 段',
      '心得字数：至少 100 字 改为 至少 50 字',
      '及格线：答对 2 题 改为 答对 3 题',
      '最多答几次：3 次 改为 5 次',
    ]);
    expect(changeLines(DRAFT.content, toContent({ ...v, quizOn: false }))).toEqual(['测验：取消测验']);
    expect(changeLines({ ...DRAFT.content, quiz: null }, toContent(v))).toEqual(['测验：新加 3 道题']);
    const reworded = v.questions.map((q, i) => (i === 0 ? { ...q, text: '全会于哪一年召开？' } : q));
    expect(changeLines(DRAFT.content, toContent({ ...v, questions: reworded }))).toEqual(['测验题目：有改动（共 3 题）']);
  });
});
