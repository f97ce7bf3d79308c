// 发布专题: title, month (this month, China time), deadline, the materials as simple blocks
// (小标题 / 段落 / 图片 / 链接: add, remove, move up and down), the note's minimum length and an
// optional quiz; for a park admin also 全园区. Checked on the phone with the contract's schema, then
// an in-page confirmation, then topics.create. Nothing typed is lost when the function refuses.
// (The backend has no topics.update: a published topic cannot be edited here.)
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { ActionInput, ActionOutput, Branch } from '@shared/contract';
import { BusyButton } from '../../../../components/BusyButton';
import { markStale } from '../../../../hooks/useRemote';
import { call, validate } from '../../../../services/api';
import { ErrorLines, Field } from '../../../ui';
import { Choice, Confirm, digits, useSubmit } from '../../../ui/form';
import { type AreaData, SEC } from '../../common/area';
import { SecretaryFrame } from '../../common/frame';
import { backTo, monthEnd, thisMonth, withQuery } from '../../common/study';
import '../../common/study.scss';

type Kind = 'heading' | 'paragraph' | 'image' | 'link';
const KIND_LABELS: Record<Kind, string> = { heading: '小标题', paragraph: '段落', image: '图片', link: '链接' };
const KINDS: Kind[] = ['heading', 'paragraph', 'image', 'link'];

interface BlockDraft {
  key: number;
  kind: Kind;
  text: string;
  url: string;
}
interface QuestionDraft {
  key: number;
  text: string;
  kind: 'single' | 'multiple';
  choices: string[];
  answer: number[];
}
interface Values {
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

let nextKey = 1;
const newQuestion = (): QuestionDraft => ({ key: nextKey++, text: '', kind: 'single', choices: ['', ''], answer: [] });

function initial(): Values {
  const month = thisMonth();
  return { title: '', month, deadline: monthEnd(month), blocks: [], noteMin: '50', quizOn: false, questions: [], passPct: '60', attempts: '3', scope: 'branch' };
}

/** How many right answers a pass mark in % means (at least 1). */
const passCount = (pct: number, n: number) => Math.max(1, Math.min(n, Math.ceil((pct / 100) * n)));

function toInput(v: Values, branch: Branch): ActionInput<'study', 'topics.create'> {
  const pct = Number(v.passPct) || 0;
  return {
    scope: v.scope,
    ...(v.scope === 'branch' ? { branchId: branch.id } : {}),
    month: v.month.trim(),
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

function move<T>(list: T[], i: number, d: number): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return list;
  const out = list.slice();
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

function Blocks({ blocks, onChange }: { blocks: BlockDraft[]; onChange: (b: BlockDraft[]) => void }) {
  const set = (i: number, p: Partial<BlockDraft>) => onChange(blocks.map((b, k) => (k === i ? { ...b, ...p } : b)));
  return (
    <View className='topic-form__blocks'>
      {blocks.length === 0 && <Text className='rp-muted'>还没有材料。点下面的按钮添加一段文字、小标题、图片或链接。</Text>}
      {blocks.map((b, i) => (
        <View key={b.key} className={`st-block topic-form__block topic-form__block--${b.kind}`}>
          <View className='st-block__head'>
            <Text className='st-block__kind'>
              {i + 1}. {KIND_LABELS[b.kind]}
            </Text>
            <View className='st-block__tools'>
              <Button className='rp-btn rp-btn--ghost rp-btn--inline st-mini topic-form__block-up' disabled={i === 0 || undefined} onClick={() => onChange(move(blocks, i, -1))}>
                上移
              </Button>
              <Button
                className='rp-btn rp-btn--ghost rp-btn--inline st-mini topic-form__block-down'
                disabled={i === blocks.length - 1 || undefined}
                onClick={() => onChange(move(blocks, i, 1))}
              >
                下移
              </Button>
              <Button className='rp-btn rp-btn--ghost rp-btn--inline st-mini topic-form__block-remove' onClick={() => onChange(blocks.filter((_, k) => k !== i))}>
                删除
              </Button>
            </View>
          </View>
          {b.kind === 'paragraph' ? (
            <Textarea
              className='rp-textarea topic-form__block-text'
              value={b.text}
              maxlength={5000}
              autoHeight
              placeholder='学习内容，例如原文摘录'
              onInput={(e) => set(i, { text: e.detail.value })}
            />
          ) : (
            <Input
              className='rp-input topic-form__block-text'
              value={b.text}
              maxlength={200}
              placeholder={b.kind === 'heading' ? '小标题' : b.kind === 'image' ? '图片说明（可不填）' : '链接文字，例如“原文链接”'}
              onInput={(e) => set(i, { text: e.detail.value })}
            />
          )}
          {(b.kind === 'image' || b.kind === 'link') && (
            <Input
              className='rp-input topic-form__block-url'
              value={b.url}
              maxlength={500}
              placeholder={b.kind === 'image' ? '图片地址 https://…' : '链接地址 https://…'}
              onInput={(e) => set(i, { url: e.detail.value })}
            />
          )}
        </View>
      ))}
      <View className='st-adds'>
        {KINDS.map((k) => (
          <Button
            key={k}
            className={`rp-btn rp-btn--ghost topic-form__block-add topic-form__block-add--${k}`}
            onClick={() => onChange([...blocks, { key: nextKey++, kind: k, text: '', url: '' }])}
          >
            + {KIND_LABELS[k]}
          </Button>
        ))}
      </View>
    </View>
  );
}

function Question({ q, index, onChange, onRemove }: { q: QuestionDraft; index: number; onChange: (q: QuestionDraft) => void; onRemove: () => void }) {
  const set = (p: Partial<QuestionDraft>) => onChange({ ...q, ...p });
  const toggle = (i: number) => {
    if (q.kind === 'single') set({ answer: [i] });
    else set({ answer: q.answer.includes(i) ? q.answer.filter((a) => a !== i) : [...q.answer, i].sort((a, b) => a - b) });
  };
  const removeChoice = (i: number) =>
    set({ choices: q.choices.filter((_, k) => k !== i), answer: q.answer.filter((a) => a !== i).map((a) => (a > i ? a - 1 : a)) });
  return (
    <View className='st-block topic-form__question'>
      <View className='st-block__head'>
        <Text className='st-block__kind'>第 {index + 1} 题</Text>
        <Button className='rp-btn rp-btn--ghost rp-btn--inline st-mini topic-form__question-remove' onClick={onRemove}>
          删除
        </Button>
      </View>
      <Input className='rp-input topic-form__question-text' value={q.text} maxlength={500} placeholder='题目' onInput={(e) => set({ text: e.detail.value })} />
      <View className='rp-row-actions st-actions'>
        <Choice className='topic-form__kind--single' on={q.kind === 'single'} title='单选' onClick={() => set({ kind: 'single', answer: q.answer.slice(0, 1) })} />
        <Choice className='topic-form__kind--multiple' on={q.kind === 'multiple'} title='多选' onClick={() => set({ kind: 'multiple' })} />
      </View>
      {q.choices.map((c, i) => (
        <View key={i} className='st-option'>
          <Input
            className='rp-input topic-form__option'
            value={c}
            maxlength={200}
            placeholder={`选项 ${String.fromCharCode(65 + i)}`}
            onInput={(e) => set({ choices: q.choices.map((x, k) => (k === i ? e.detail.value : x)) })}
          />
          <View className={`st-correct topic-form__correct${q.answer.includes(i) ? ' st-correct--on' : ''}`} data-index={i} onClick={() => toggle(i)}>
            <Text>{q.answer.includes(i) ? '✓ 正确' : '设为正确'}</Text>
          </View>
          {q.choices.length > 2 && (
            <Button className='rp-btn rp-btn--ghost rp-btn--inline st-mini topic-form__option-remove' onClick={() => removeChoice(i)}>
              删
            </Button>
          )}
        </View>
      ))}
      {q.choices.length < 8 && (
        <Button className='rp-btn rp-btn--ghost topic-form__option-add' onClick={() => set({ choices: [...q.choices, ''] })}>
          + 添加选项
        </Button>
      )}
    </View>
  );
}

type Created = ActionOutput<'study', 'topics.create'>;

function TopicForm({ branch, area }: { branch: Branch; area: AreaData }) {
  const isParkAdmin = area.me.roles.includes('parkAdmin');
  const [v, setV] = useState<Values>(initial);
  const [confirming, setConfirming] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const { busy, error, setError, submit } = useSubmit();
  const set = (p: Partial<Values>) => {
    setV((cur) => ({ ...cur, ...p }));
    setConfirming(false);
  };
  const setQuestion = (i: number, q: QuestionDraft) => set({ questions: v.questions.map((x, k) => (k === i ? q : x)) });

  const check = () => {
    const problem = v.quizOn && v.questions.length === 0 ? '请添加测验题目，或关闭测验' : validate('study', 'topics.create', toInput(v, branch));
    setError(problem);
    setConfirming(!problem);
  };
  const publish = async () => {
    const input = toInput(v, branch);
    const r = await submit(validate('study', 'topics.create', input), () => call('study', 'topics.create', input));
    setConfirming(false);
    if (!r) return;
    markStale(); // 学习专题 shows it when shown again
    setCreated(r);
  };

  if (created) {
    const t = created.topic;
    return (
      <View className='rp-section'>
        <View className='rp-done topic-created' data-topic-id={t.id}>
          <Text className='rp-done__title'>已发布：{t.title}</Text>
          <Text className='rp-text'>
            {t.month} 专题，截止 {t.deadline}，共 {created.assignedMembers} 名党员要学习。
          </Text>
        </View>
        <Button
          className='rp-btn topic-created__progress'
          onClick={() => Taro.redirectTo({ url: withQuery(SEC.progress, { topicId: t.id, branchId: branch.id, title: t.title, quiz: t.hasQuiz ? '1' : '' }) })}
        >
          看完成情况
        </Button>
        <Button className='rp-btn rp-btn--ghost topic-created__back' onClick={() => backTo(SEC.topics)}>
          返回学习专题
        </Button>
      </View>
    );
  }

  const n = v.questions.length;
  const pct = Number(v.passPct) || 0;
  return (
    <View className='rp-section topic-form'>
      <Text className='rp-title'>发布新专题</Text>
      <Field label='专题名称' hint='最多 60 个字'>
        <Input className='rp-input topic-form__title' value={v.title} maxlength={60} placeholder='例如：学习党的二十届三中全会精神' onInput={(e) => set({ title: e.detail.value })} />
      </Field>
      <Field label='月份' hint='写成 2026-11，默认本月'>
        <Input className='rp-input topic-form__month' value={v.month} maxlength={7} onInput={(e) => set({ month: e.detail.value })} />
      </Field>
      <Field label='截止日期' hint='写成 2026-11-30，当天 24 点前有效'>
        <Input className='rp-input topic-form__deadline' value={v.deadline} maxlength={10} placeholder='2026-11-30' onInput={(e) => set({ deadline: e.detail.value })} />
      </Field>
      {isParkAdmin && (
        <Field label='范围'>
          <Choice className='topic-form__scope--branch' on={v.scope === 'branch'} title={`本支部：${branch.name}`} onClick={() => set({ scope: 'branch' })} />
          <Choice className='topic-form__scope--park' on={v.scope === 'park'} title='全园区' hint='园区所有支部的党员都要学习' onClick={() => set({ scope: 'park' })} />
        </Field>
      )}
      <Field label='学习材料' hint='按顺序显示给党员；图片和链接要以 https:// 开头'>
        <Blocks blocks={v.blocks} onChange={(blocks) => set({ blocks })} />
      </Field>
      <Field label='学习任务' hint='阅读材料（必做），写学习心得；测验可选'>
        <Text className='rp-text'>心得至少多少字</Text>
        <Input className='rp-input topic-form__note-min' type='number' value={v.noteMin} maxlength={4} onInput={(e) => {
          const d = digits(e.detail.value, 4);
          set({ noteMin: d });
          return d;
        }} />
        <Choice className='topic-form__quiz-toggle' tick on={v.quizOn} title='加一个小测验' hint='选择题，答对够数算通过' onClick={() => set({ quizOn: !v.quizOn })} />
      </Field>
      {v.quizOn && (
        <Field label='测验题目' hint='每题至少 2 个选项，点“设为正确”标出答案'>
          {v.questions.map((q, i) => (
            <Question key={q.key} q={q} index={i} onChange={(x) => setQuestion(i, x)} onRemove={() => set({ questions: v.questions.filter((_, k) => k !== i) })} />
          ))}
          <Button className='rp-btn rp-btn--ghost topic-form__question-add' onClick={() => set({ questions: [...v.questions, newQuestion()] })}>
            + 添加题目
          </Button>
          <Text className='rp-text'>及格线（%）</Text>
          <Input className='rp-input topic-form__pass' type='number' value={v.passPct} maxlength={3} onInput={(e) => {
            const d = digits(e.detail.value, 3);
            set({ passPct: d });
            return d;
          }} />
          {n > 0 && <Text className='rp-muted'>即 {n} 题中答对 {passCount(pct, n)} 题算通过</Text>}
          <Text className='rp-text'>最多答几次</Text>
          <Input className='rp-input topic-form__attempts' type='number' value={v.attempts} maxlength={2} onInput={(e) => {
            const d = digits(e.detail.value, 2);
            set({ attempts: d });
            return d;
          }} />
        </Field>
      )}
      <ErrorLines error={error} />
      {confirming ? (
        <Confirm
          className='topic-form__confirm'
          title='确认发布这个专题？'
          lines={[
            `${v.title.trim()}（${v.month.trim()}，截止 ${v.deadline.trim()}）`,
            v.scope === 'park' ? '范围：全园区所有支部' : `范围：${branch.name}`,
            `材料 ${v.blocks.length} 段；心得至少 ${v.noteMin} 字${v.quizOn ? `；测验 ${n} 题` : ''}`,
            '发布后不能修改，党员会在“学习”里看到。',
          ]}
          okText='确认发布'
          busy={busy}
          onOk={publish}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <BusyButton className='rp-btn topic-form__submit' busy={busy} busyText='正在发布…' onClick={check}>
          发布
        </BusyButton>
      )}
    </View>
  );
}

export default function TopicNewPage() {
  return <SecretaryFrame current={SEC.topicNew}>{({ branch, area }) => <TopicForm branch={branch} area={area} />}</SecretaryFrame>;
}
