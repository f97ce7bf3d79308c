// 小测验 (packages/study/pages/quiz?topicId=): choosing answers (one for 单选, several for 多选),
// 交卷 with a missing answer, the result (score against the pass mark, right/wrong per question,
// attempts left, points in words; shown where 交卷 was and scrolled to), 再答一次, the correct choices only when the reply gives them, and the
// states a member may arrive in (passed, out of attempts, past the deadline).
import { beforeEach, describe, expect, test } from '@jest/globals';
import { render, screen, waitFor } from '@testing-library/react';
import type { ActionOutput } from '@shared/contract';
import QuizPage from '../../../miniapp/src/packages/study/pages/quiz/index';
import { fail, ok, topicSummary } from '../support/fixtures';
import { backend, router, taro } from '../support/taro';
import { tap } from '../support/dom';

type Detail = ActionOutput<'study', 'topics.get'>;
type Result = ActionOutput<'study', 'quiz.submit'>;
type QuizProgress = NonNullable<NonNullable<Detail['progress']>['quiz']>;

/** What the function says each award gave (a cap reached included). */
const POINT_TEXTS: Record<string, [number, string]> = {
  quizPassed: [5, '专题测验合格 +5 分'],
  topicCompleted: [0, '本月「完成月度专题学习」积分已记满（应得 10 分），这次不加分'],
};

const QUIZ: NonNullable<Detail['quiz']> = {
  questions: [
    { text: '全会在哪一年召开？', kind: 'single', choices: ['2023 年', '2024 年'] },
    { text: '以下哪些是全会的主题？', kind: 'multiple', choices: ['改革', '开放', '休假'] },
    { text: '全会审议通过了什么？', kind: 'single', choices: ['《决定》', '《通知》'] },
  ],
  passMark: 2,
  maxAttempts: 3,
};

function detail(quiz: QuizProgress | null = null, over: Partial<Detail> = {}): Detail {
  return {
    topic: topicSummary(),
    materials: [{ kind: 'paragraph', text: '全会审议通过了《决定》。' }],
    noteMinLength: 50,
    quiz: QUIZ,
    progress: { read: true, note: null, quiz, completed: false },
    ...over,
  };
}

function result(score: number, passed: boolean, quiz: QuizProgress, right: boolean[], correctChoices: number[][] | null, points: string[] = []): Result {
  return {
    score,
    passed,
    results: right.map((correct, i) => ({ correct, correctChoices: correctChoices ? correctChoices[i]! : null })),
    progress: { read: true, note: null, quiz, completed: passed },
    pointsAwarded: points,
    points: points.map((item) => ({ item: item as Result['points'][number]['item'], points: POINT_TEXTS[item]![0], text: POINT_TEXTS[item]![1] })),
  };
}

/** The nth question's block, and an option by its text. */
const question = (n: number) => document.querySelectorAll<HTMLElement>('.quiz-question')[n]!;
const option = (label: string) => screen.getByText(label, { selector: '.quiz-option__text' }).closest('.quiz-option') as HTMLElement;
const chosen = (q: number) => [...question(q).querySelectorAll('.quiz-option--on .quiz-option__text')].map((e) => e.textContent);
const pick = (label: string) => tap(label);

async function openQuiz(d: Detail) {
  router.params = { topicId: 'topic-1' };
  backend.answer('study', 'topics.get', ok(d));
  render(<QuizPage />);
  await screen.findByText(d.topic.title);
}

beforeEach(() => {
  router.params = {};
});

describe('小测验', () => {
  test('shows the questions and the rules', async () => {
    await openQuiz(detail());
    expect(backend.inputs('study', 'topics.get')).toEqual([{ topicId: 'topic-1' }]);
    expect(screen.getByText('共 3 道题，答对 2 道为合格，可以答 3 次。')).toBeTruthy();
    expect(screen.getAllByText('单选题')).toHaveLength(2);
    expect(screen.getByText('多选题（可选多个）')).toBeTruthy();
    expect(screen.getByText('2. 以下哪些是全会的主题？')).toBeTruthy();
    expect(screen.getByText('交卷')).toBeTruthy();
    expect(option('A. 2023 年').className).not.toContain('quiz-option--locked');
  });

  test('单选 keeps one choice, 多选 toggles several', async () => {
    await openQuiz(detail());
    pick('A. 2023 年');
    pick('B. 2024 年');
    expect(chosen(0)).toEqual(['B. 2024 年']);
    pick('C. 休假');
    pick('A. 改革');
    pick('B. 开放');
    pick('C. 休假');
    expect(chosen(1)).toEqual(['A. 改革', 'B. 开放']);
  });

  test('交卷 with a question left out says which one and sends nothing', async () => {
    await openQuiz(detail());
    pick('B. 2024 年');
    pick('A. 《决定》');
    tap('交卷');
    expect(screen.getByText('第 2 题还没有选，请选好再交卷。')).toBeTruthy();
    expect(backend.inputs('study', 'quiz.submit')).toEqual([]);
    pick('A. 改革'); // choosing clears the message
    expect(screen.queryByText('第 2 题还没有选，请选好再交卷。')).toBeNull();
  });

  test('a failed attempt: the score against the pass mark, right and wrong, attempts left, no answers given away; 再答一次 starts afresh', async () => {
    backend.answer('study', 'quiz.submit', ok(result(1, false, { attempts: 1, attemptsLeft: 2, passed: false, bestScore: 1 }, [true, false, false], null)));
    await openQuiz(detail());
    pick('B. 2024 年');
    pick('B. 开放');
    pick('A. 改革');
    pick('B. 《通知》');
    tap('交卷');
    await screen.findByText('还没合格');
    expect(backend.inputs('study', 'quiz.submit')).toEqual([{ topicId: 'topic-1', answers: [[1], [0, 1], [1]] }]);
    expect(screen.getByText('答对 1 道 / 共 3 道（答对 2 道合格）')).toBeTruthy();
    expect(screen.getByText('还可以再答 2 次。')).toBeTruthy();
    expect([...document.querySelectorAll('.quiz-question__verdict')].map((e) => e.textContent)).toEqual(['✓ 答对了', '✗ 答错了', '✗ 答错了']);
    expect(screen.queryByText('正确答案')).toBeNull();
    expect(screen.queryByText('交卷')).toBeNull();
    // The result is where 交卷 was — after the last question, where the person is looking — and scrolled into view.
    const questions = document.querySelectorAll('.quiz-question');
    const shown = document.querySelector('.quiz-result')!;
    expect(questions[questions.length - 1]!.compareDocumentPosition(shown) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await waitFor(() => expect(taro.callsTo('pageScrollTo')).toEqual([{ selector: '.quiz-result', duration: 200 }]));
    pick('A. 2023 年'); // the sheet is locked while the result shows
    expect(chosen(0)).toEqual(['B. 2024 年']);

    tap('再答一次');
    expect(screen.queryByText('还没合格')).toBeNull();
    expect(chosen(0)).toEqual([]);
    expect(screen.getByText('这是第 2 次答题，还可以答 2 次（含这次）。')).toBeTruthy();
    expect(screen.getByText('交卷')).toBeTruthy();
  });

  test('a pass: 合格, the points earned in words, the correct choices marked', async () => {
    backend.answer(
      'study',
      'quiz.submit',
      ok(result(3, true, { attempts: 1, attemptsLeft: 2, passed: true, bestScore: 3 }, [true, true, true], [[1], [0, 1], [0]], ['quizPassed', 'topicCompleted'])),
    );
    await openQuiz(detail());
    pick('B. 2024 年');
    pick('A. 改革');
    pick('B. 开放');
    pick('A. 《决定》');
    tap('交卷');
    await screen.findByText('✓ 合格');
    expect(screen.getByText('积分：专题测验合格 +5 分；本月「完成月度专题学习」积分已记满（应得 10 分），这次不加分')).toBeTruthy();
    expect([...document.querySelectorAll('.quiz-option--right .quiz-option__text')].map((e) => e.textContent)).toEqual([
      'B. 2024 年',
      'A. 改革',
      'B. 开放',
      'A. 《决定》',
    ]);
    expect(screen.queryByText('再答一次')).toBeNull();
    expect(screen.queryByText('交卷')).toBeNull();
  });

  test('after 再答一次 the count goes on from the attempts made, not from when the page opened', async () => {
    let attempts = 1;
    backend.answer('study', 'quiz.submit', () => {
      attempts++;
      return ok(result(1, false, { attempts, attemptsLeft: 3 - attempts, passed: false, bestScore: 1 }, [true, false, false], null));
    });
    await openQuiz(detail({ attempts: 1, attemptsLeft: 2, passed: false, bestScore: 1 }));
    expect(screen.getByText('这是第 2 次答题，还可以答 2 次（含这次）。')).toBeTruthy();
    pick('B. 2024 年');
    pick('C. 休假');
    pick('B. 《通知》');
    tap('交卷');
    await screen.findByText('还可以再答 1 次。');
    tap('再答一次');
    expect(screen.getByText('这是第 3 次答题，还可以答 1 次（含这次）。')).toBeTruthy();
  });

  test('the last attempt failed: out of attempts, the correct choices shown, no retry', async () => {
    backend.answer('study', 'quiz.submit', ok(result(1, false, { attempts: 3, attemptsLeft: 0, passed: false, bestScore: 1 }, [true, false, false], [[1], [0, 1], [0]])));
    await openQuiz(detail({ attempts: 2, attemptsLeft: 1, passed: false, bestScore: 1 }));
    expect(screen.getByText('这是第 3 次答题，还可以答 1 次（含这次）。')).toBeTruthy();
    pick('B. 2024 年');
    pick('C. 休假');
    pick('B. 《通知》');
    tap('交卷');
    await screen.findByText('还没合格');
    expect(screen.getByText('答题次数已用完。')).toBeTruthy();
    expect(screen.getAllByText('正确答案')).toHaveLength(4);
    expect(screen.queryByText('再答一次')).toBeNull();
  });

  test('the function’s refusal shows, and the answers stay chosen', async () => {
    backend.answer('study', 'quiz.submit', fail('DEADLINE_PASSED'));
    await openQuiz(detail());
    pick('B. 2024 年');
    pick('A. 改革');
    pick('A. 《决定》');
    tap('交卷');
    await screen.findByText('已过截止时间，不能再提交');
    expect(chosen(0)).toEqual(['B. 2024 年']);
    expect(screen.getByText('交卷')).toBeTruthy();
  });

  test('arriving after passing, out of attempts, or past the deadline: said plainly, nothing to answer', async () => {
    await openQuiz(detail({ attempts: 1, attemptsLeft: 2, passed: true, bestScore: 3 }));
    expect(screen.getByText('✓ 您已通过这个测验（答对 3 道）')).toBeTruthy();
    expect(screen.queryByText('交卷')).toBeNull();
  });

  test('out of attempts on arrival', async () => {
    await openQuiz(detail({ attempts: 3, attemptsLeft: 0, passed: false, bestScore: 1 }));
    expect(screen.getByText('答题次数已用完。')).toBeTruthy();
    expect(screen.queryByText('交卷')).toBeNull();
  });

  test('past the deadline on arrival', async () => {
    await openQuiz(detail(null, { topic: topicSummary({ closed: true }) }));
    expect(screen.getByText('已过截止时间，不能再答题。')).toBeTruthy();
    expect(screen.queryByText('交卷')).toBeNull();
  });

  test('a topic without a quiz, and one that cannot be read', async () => {
    router.params = { topicId: 'topic-1' };
    backend.answer('study', 'topics.get', ok(detail(null, { quiz: null })));
    const { unmount } = render(<QuizPage />);
    await screen.findByText('这个专题没有测验');
    unmount();
    backend.answer('study', 'topics.get', fail('NOT_FOUND'));
    render(<QuizPage />);
    await screen.findByText('没有找到相关内容，可能已被删除');
    await waitFor(() => expect(screen.getByText('重试')).toBeTruthy());
  });
});
