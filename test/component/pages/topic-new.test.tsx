// 发布专题 / 修改专题 rendered whole (packages/secretary/pages/topic-new): the secretary's frame loads
// who I am and my branches, the form checks itself with the contract's schema in Chinese, confirms,
// publishes (topics.create) and keeps everything typed when the function refuses; with ?topicId= the
// published topic is edited (topics.draft → topics.update), a locked quiz only allows more attempts.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { act, render, screen, waitFor } from '@testing-library/react';
import type { ActionInput } from '@shared/contract';
import TopicNewPage from '../../../miniapp/src/packages/secretary/pages/topic-new/index';
import { BRANCH, OTHER_BRANCH, SECRETARY, fail, ok, topicSummary } from '../support/fixtures';
import { backend, router, taro } from '../support/taro';
import { fill, inputByPlaceholder, inputOf, pick, pickerFace, tap, type } from '../support/dom';
import { fakeToday, realClock } from '../support/clock';

const TITLE = '学习党的二十届三中全会精神';

beforeEach(() => {
  fakeToday('2026-11-10T02:00:00Z');
  backend.answer('user', 'me', ok({ bound: true, person: SECRETARY }));
  backend.answer('org', 'branches.list', ok({ branches: [BRANCH, OTHER_BRANCH] }));
});
afterEach(realClock);

async function openForm() {
  render(<TopicNewPage />);
  await screen.findByText('发布新专题');
}

/** The red lines under the form (the phone's or the function's message). */
const errors = () => [...document.querySelectorAll('.rp-errors .rp-error-text')].map((e) => e.textContent);

describe('发布专题', () => {
  test('opens on the secretary’s branch with this month and its last day filled in', async () => {
    await openForm();
    expect(screen.getByText('第一联合党支部', { selector: '.sec-branch__title' })).toBeTruthy();
    // On pickers, nothing typed: the month and the deadline, in words.
    expect(await pickerFace('月份')).toBe('2026年11月');
    expect(await pickerFace('截止日期')).toBe('2026年11月30日 周一');
    expect(screen.queryByText(/写成/)).toBeNull();
    expect(screen.queryByText('全园区')).toBeNull(); // only a park admin may publish park-wide
  });

  test('says what is missing, one thing at a time, and sends nothing', async () => {
    await openForm();
    tap('发布');
    expect(errors()).toEqual(['请填写专题名称']);
    await fill('专题名称', TITLE);
    tap('发布');
    expect(errors()).toEqual(['请添加学习材料']);
    tap('+ 链接');
    type(await inputByPlaceholder('链接地址 https://…'), 'http://example.cn/doc');
    type(await inputByPlaceholder('链接文字，例如“原文链接”'), '原文');
    tap('发布');
    expect(errors()).toEqual(['链接应以 https:// 开头']);
    type(await inputByPlaceholder('链接地址 https://…'), 'https://example.cn/doc');
    tap('加一个小测验');
    tap('发布');
    expect(errors()).toEqual(['请添加测验题目，或关闭测验']);
    expect(backend.inputs('study', 'topics.create')).toEqual([]);
  });

  test('confirms, publishes what was typed, and says how many members must study', async () => {
    backend.answer('study', 'topics.create', (input) =>
      ok({ topic: topicSummary({ id: 'topic-9', title: input.title, month: input.month, deadline: input.deadline, hasQuiz: false }), assignedMembers: 12 }),
    );
    await openForm();
    await fill('专题名称', `  ${TITLE} `);
    tap('+ 小标题');
    tap('+ 段落');
    type(await inputByPlaceholder('小标题'), '一、会议精神');
    type(await inputByPlaceholder('学习内容，例如原文摘录'), '全会审议通过了《决定》。');
    await pick('截止日期', '2026-11-25');
    tap('发布');
    expect(screen.getByText('确认发布这个专题？')).toBeTruthy();
    expect(screen.getByText(`${TITLE}（2026-11，截止 2026-11-25）`)).toBeTruthy();
    expect(screen.getByText('范围：第一联合党支部')).toBeTruthy();
    expect(screen.getByText('材料 2 段；心得至少 50 字')).toBeTruthy();
    expect(backend.inputs('study', 'topics.create')).toEqual([]);

    tap('确认发布');
    await screen.findByText(`已发布：${TITLE}`);
    const sent: ActionInput<'study', 'topics.create'>[] = backend.inputs('study', 'topics.create');
    expect(sent).toEqual([
      {
        scope: 'branch',
        branchId: BRANCH.id,
        month: '2026-11',
        title: TITLE,
        deadline: '2026-11-25',
        materials: [
          { kind: 'heading', text: '一、会议精神' },
          { kind: 'paragraph', text: '全会审议通过了《决定》。' },
        ],
        noteMinLength: 50,
        quiz: null,
      },
    ]);
    expect(screen.getByText('2026-11 专题，截止 2026-11-25，共 12 名党员要学习。')).toBeTruthy();
    tap('看完成情况');
    expect(taro.callsTo('redirectTo')).toEqual([
      { url: `/packages/secretary/pages/progress/index?topicId=topic-9&branchId=${BRANCH.id}&title=${encodeURIComponent(TITLE)}` },
    ]);
  });

  test('a quiz question needs a right answer; the pass mark is shown in questions', async () => {
    backend.answer('study', 'topics.create', (input) => ok({ topic: topicSummary({ title: input.title }), assignedMembers: 12 }));
    await openForm();
    await fill('专题名称', TITLE);
    tap('+ 段落');
    type(await inputByPlaceholder('学习内容，例如原文摘录'), '全会审议通过了《决定》。');
    tap('加一个小测验');
    tap('+ 添加题目');
    type(await inputByPlaceholder('题目'), '全会在哪一年召开？');
    type(await inputByPlaceholder('选项 A'), '2023 年');
    type(await inputByPlaceholder('选项 B'), '2024 年');
    tap('发布');
    expect(errors()).toEqual(['请选择正确答案']);
    const correct = document.querySelectorAll('.topic-form__correct');
    act(() => void (correct[1] as HTMLElement).click());
    expect(screen.getByText('✓ 正确')).toBeTruthy();
    expect(screen.getByText('即 1 题中答对 1 题算通过')).toBeTruthy();
    tap('发布');
    expect(screen.getByText('材料 1 段；心得至少 50 字；测验 1 题')).toBeTruthy();
    tap('确认发布');
    await screen.findByText(`已发布：${TITLE}`);
    expect(backend.inputs('study', 'topics.create')[0]!.quiz).toEqual({
      questions: [{ text: '全会在哪一年召开？', kind: 'single', choices: ['2023 年', '2024 年'], answer: [1] }],
      passMark: 1,
      maxAttempts: 3,
    });
  });

  test('when the function refuses, its message shows (also under the field) and nothing typed is lost', async () => {
    backend.answer('study', 'topics.create', fail('INVALID_INPUT', '填写的内容有误，请按提示修改', { title: ['本月已有同名专题'] }));
    await openForm();
    await fill('专题名称', TITLE);
    tap('+ 段落');
    type(await inputByPlaceholder('学习内容，例如原文摘录'), '全会审议通过了《决定》。');
    tap('发布');
    tap('确认发布');
    await waitFor(() => expect(errors()).toEqual(['填写的内容有误，请按提示修改', '本月已有同名专题']));
    expect(screen.getAllByText('本月已有同名专题')).toHaveLength(2); // the list, and under 专题名称
    expect((await inputOf('专题名称')).value).toBe(TITLE);
    expect((await inputByPlaceholder('学习内容，例如原文摘录')).value).toBe('全会审议通过了《决定》。');
    expect(screen.getByText('发布')).toBeTruthy();
  });
});

describe('修改专题', () => {
  const draft = {
    topic: topicSummary({ id: 'topic-1', title: TITLE }),
    content: {
      title: TITLE,
      deadline: '2026-11-30',
      materials: [{ kind: 'paragraph' as const, text: '全会审议通过了《决定》。' }],
      noteMinLength: 50,
      quiz: { questions: [{ text: '全会在哪一年召开？', kind: 'single' as const, choices: ['2023 年', '2024 年'], answer: [1] }], passMark: 1, maxAttempts: 3 },
    },
    quizLocked: true,
  };

  beforeEach(() => {
    router.params = { topicId: 'topic-1' };
    backend.answer('study', 'topics.draft', ok(draft));
  });

  async function openEditor() {
    render(<TopicNewPage />);
    await screen.findByText('修改专题', { selector: '.rp-title' });
  }

  test('shows the topic as published, month and scope fixed, the answered quiz read-only', async () => {
    await openEditor();
    expect(taro.callsTo('setNavigationBarTitle')).toEqual([{ title: '修改专题' }]);
    expect(backend.inputs('study', 'topics.draft')).toEqual([{ topicId: 'topic-1' }]);
    expect((await inputOf('专题名称')).value).toBe(TITLE);
    expect(screen.getByText('2026年11月 · 本支部：第一联合党支部')).toBeTruthy();
    expect(screen.getByText(/题目和答案不能再改/)).toBeTruthy();
    expect(screen.getByText('第 1 题（单选）：全会在哪一年召开？')).toBeTruthy();
    expect(screen.getByText('B. 2024 年 ✓ 正确')).toBeTruthy();
    expect(screen.queryByText('加一个小测验')).toBeNull();
  });

  test('nothing changed, or fewer attempts: says so and saves nothing', async () => {
    await openEditor();
    tap('保存修改');
    expect(errors()).toEqual(['内容没有改动，不需要保存']);
    await fill('测验', '2');
    tap('保存修改');
    expect(errors()).toEqual(['已有党员答过测验，最多答几次只能增加（现在 3 次）']);
    await pick('截止日期', '2026-11-05'); // below the wheel's start (today): still checked
    await fill('测验', '3');
    tap('保存修改');
    expect(errors()).toEqual(['新的截止日期不能早于今天']);
    expect(backend.inputs('study', 'topics.update')).toEqual([]);
  });

  test('more attempts and a new title: the confirmation lists both, the stored quiz is sent with 5 attempts', async () => {
    backend.answer('study', 'topics.update', (input) => ok({ topic: topicSummary({ id: input.topicId, title: input.title, editedAt: '2026-11-10T02:00:00.000Z' }) }));
    await openEditor();
    await fill('专题名称', '学习全会精神');
    await fill('测验', '5');
    tap('保存修改');
    expect(screen.getByText('确认保存这些修改？')).toBeTruthy();
    expect(screen.getByText('专题名称：“学习党的二十届三中全会精神” 改为 “学习全会精神”')).toBeTruthy();
    expect(screen.getByText('最多答几次：3 次 改为 5 次')).toBeTruthy();
    tap('确认保存');
    await screen.findByText('已保存：学习全会精神');
    expect(backend.inputs('study', 'topics.update')).toEqual([
      { topicId: 'topic-1', title: '学习全会精神', deadline: '2026-11-30', materials: draft.content.materials, noteMinLength: 50, quiz: { ...draft.content.quiz, maxAttempts: 5 } },
    ]);
  });
});

describe('发布专题 at the end of a month', () => {
  test('on the 30th the form opens on next month, due its last day; choosing a month moves the deadline to its end', async () => {
    fakeToday('2026-11-30T02:00:00Z'); // 30 November, 10:00 in China
    await openForm();
    expect(await pickerFace('月份')).toBe('2026年12月');
    expect(await pickerFace('截止日期')).toBe('2026年12月31日 周四');
    await pick('月份', '2027-01');
    expect(await pickerFace('截止日期')).toBe('2027年1月31日 周日');
  });
});
