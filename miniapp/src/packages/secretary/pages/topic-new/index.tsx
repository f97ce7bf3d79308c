// 发布专题 and 修改专题 (?topicId=). The form: title, month (this month, China time, or the next one in the
// month's last week: values.ts defaultMonth) and deadline on pickers (not before today), the
// materials as simple blocks (小标题 / 段落 / 图片 / 链接: add, remove, move up and down), the note's
// minimum length and an optional quiz; for a park admin also 全园区. Checked on the phone with the
// contract's schema, then an in-page confirmation, then topics.create.
// With ?topicId= the published topic is loaded (topics.draft) into the same form: month and scope are
// shown but cannot change (they decide who is counted), the confirmation lists what changed, and
// topics.update saves it. Once someone has answered the quiz, only 最多答几次 may still go up.
// Nothing typed is lost when the function refuses.
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ActionOutput, ApiError, Branch } from '@shared/contract';
import { periodLabel } from '@shared/periods';
import { chinaDateString } from '@shared/time';
// The frame (PageShell) before States: stylesheet order as on the other secretary pages, so the weapp CSS chunks agree.
import { SecretaryFrame } from '../../common/frame';
import { BusyButton } from '../../../../components/BusyButton';
import { ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines, Field } from '../../../ui';
import { Choice, Confirm, digits, useSubmit } from '../../../ui/form';
import { type AreaData, SEC } from '../../common/area';
import { backTo, monthEnd, param, withQuery } from '../../common/study';
import { DatePick, MonthPick } from '../../../../components/Pickers';
import { Blocks, LockedQuiz, Question } from './parts';
import { type Draft, type QuestionDraft, type Values, changeLines, fromDraft, initial, newQuestion, passCount, toCreate, toUpdate } from './values';
import '../../common/study.scss';

type Topic = ActionOutput<'study', 'topics.create'>['topic'];

/** What the function said about one field (shown under it; ErrorLines shows the whole). */
function fieldError(error: ApiError | string | null, field: string): string | null {
  return error && typeof error === 'object' ? (error.fields?.[field]?.[0] ?? null) : null;
}

/** "2026年11月" from 2026-11. */

/** After publishing or saving: what happened, then 看完成情况 / 返回学习专题. */
function DonePanel({ topic, branch, title, text, className }: { topic: Topic; branch: Branch; title: string; text: string; className: string }) {
  return (
    <View className='rp-section'>
      <View className={`rp-done ${className}`} data-topic-id={topic.id}>
        <Text className='rp-done__title'>{title}</Text>
        <Text className='rp-text'>{text}</Text>
      </View>
      <Button
        className='rp-btn topic-created__progress'
        onClick={() => Taro.redirectTo({ url: withQuery(SEC.progress, { topicId: topic.id, branchId: branch.id, title: topic.title, quiz: topic.hasQuiz ? '1' : '' }) })}
      >
        看完成情况
      </Button>
      <Button className='rp-btn rp-btn--ghost topic-created__back' onClick={() => backTo(SEC.topics)}>
        返回学习专题
      </Button>
    </View>
  );
}

interface Done {
  topic: Topic;
  assignedMembers?: number;
}

/** The form: a new topic (no `draft`) or a published one (`draft` from topics.draft). */
function TopicForm({ branch, area, draft }: { branch: Branch; area: AreaData; draft?: Draft }) {
  const editing = draft !== undefined;
  const locked = draft?.quizLocked === true;
  const isParkAdmin = area.me.roles.includes('parkAdmin');
  // ?scope=park (from 园区管理 · 学习): a park admin publishes for the whole park.
  const parkWide = useRouter().params.scope === 'park' && isParkAdmin;
  const [v, setV] = useState<Values>(() => (draft ? fromDraft(draft) : { ...initial(), ...(parkWide ? { scope: 'park' as const } : {}) }));
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const { busy, error, setError, submit } = useSubmit();
  const today = chinaDateString(new Date());
  const set = (p: Partial<Values>) => {
    setV((cur) => ({ ...cur, ...p }));
    setConfirming(false);
  };
  const setQuestion = (i: number, q: QuestionDraft) => set({ questions: v.questions.map((x, k) => (k === i ? q : x)) });

  /** A problem the phone can see before sending (null: none). */
  const problem = (): string | null => {
    if (!draft && v.deadline && v.deadline < today) return '截止日期不能早于今天';
    if (!draft) return v.quizOn && v.questions.length === 0 ? '请添加测验题目，或关闭测验' : validate('study', 'topics.create', toCreate(v, branch));
    const input = toUpdate(v, draft);
    if (!locked && v.quizOn && v.questions.length === 0) return '请添加测验题目，或关闭测验';
    const bad = validate('study', 'topics.update', input);
    if (bad) return bad;
    const before = draft.content;
    if (locked && before.quiz && input.quiz && input.quiz.maxAttempts < before.quiz.maxAttempts) return `已有党员答过测验，最多答几次只能增加（现在 ${before.quiz.maxAttempts} 次）`;
    if (input.deadline.slice(0, 7) < draft.topic.month) return `截止日期不能早于专题所在月份（${draft.topic.month}）`;
    if (input.deadline !== before.deadline && input.deadline < chinaDateString(new Date())) return '新的截止日期不能早于今天';
    if (changeLines(before, input).length === 0) return '内容没有改动，不需要保存';
    return null;
  };
  const check = () => {
    const p = problem();
    setError(p);
    setConfirming(!p);
  };
  const send = async () => {
    let r: Done | null;
    if (draft) {
      const input = toUpdate(v, draft);
      r = await submit(validate('study', 'topics.update', input), () => call('study', 'topics.update', input));
    } else {
      const input = toCreate(v, branch);
      r = await submit(validate('study', 'topics.create', input), () => call('study', 'topics.create', input));
    }
    setConfirming(false);
    if (!r) return;
    markStale(); // 学习专题 shows it when shown again
    setDone(r);
  };

  if (done && editing) {
    const t = done.topic;
    return <DonePanel topic={t} branch={branch} className='topic-saved' title={`已保存：${t.title}`} text={`截止 ${t.deadline}。党员再打开这个专题时会看到新的内容，并注明“内容已更新”。`} />;
  }
  if (done) {
    const t = done.topic;
    return (
      <DonePanel topic={t} branch={branch} className='topic-created' title={`已发布：${t.title}`} text={`${t.month} 专题，截止 ${t.deadline}，共 ${done.assignedMembers ?? 0} 名党员要学习。`} />
    );
  }

  const n = v.questions.length;
  const pct = Number(v.passPct) || 0;
  const scopeText = v.scope === 'park' ? '全园区所有支部' : draft && draft.topic.branchId !== branch.id ? '一个支部' : `本支部：${branch.name}`;
  const changes = draft ? changeLines(draft.content, toUpdate(v, draft)) : [];
  return (
    <View className={`rp-section topic-form${editing ? ' topic-form--edit' : ''}`}>
      <Text className='rp-title'>{editing ? '修改专题' : '发布新专题'}</Text>
      <Field label='专题名称' hint='最多 60 个字' error={fieldError(error, 'title')}>
        <Input className='rp-input topic-form__title' value={v.title} maxlength={60} placeholder='例如：学习党的二十届三中全会精神' onInput={(e) => set({ title: e.detail.value })} />
      </Field>
      {editing ? (
        <Field label='月份和范围' hint='发布后不能改：它们决定哪些党员要学、算在哪个月的学习完成率里'>
          <Text className='rp-text topic-form__fixed'>
            {periodLabel(v.month)} · {scopeText}
          </Text>
        </Field>
      ) : (
        <Field label='月份' hint='默认本月；月底前一周内默认下个月' error={fieldError(error, 'month')}>
          {/* A new month moves the deadline to its last day (the usual choice), as the default does. */}
          <MonthPick className='topic-form__month' value={v.month} start={today.slice(0, 7)} onChange={(month) => set({ month, deadline: monthEnd(month) })} />
        </Field>
      )}
      <Field label='截止日期' hint={editing ? '当天 24 点前有效；改的话不能早于今天' : '当天 24 点前有效，不能早于今天'} error={fieldError(error, 'deadline')}>
        <DatePick
          className='topic-form__deadline'
          value={v.deadline}
          start={editing && draft && draft.content.deadline < today ? draft.content.deadline : today}
          onChange={(deadline) => set({ deadline })}
        />
      </Field>
      {isParkAdmin && !editing && (
        <Field label='范围'>
          <Choice className='topic-form__scope--branch' on={v.scope === 'branch'} title={`本支部：${branch.name}`} onClick={() => set({ scope: 'branch' })} />
          <Choice className='topic-form__scope--park' on={v.scope === 'park'} title='全园区' hint='园区所有支部的党员都要学习' onClick={() => set({ scope: 'park' })} />
        </Field>
      )}
      <Field label='学习材料' hint='按顺序显示给党员；图片和链接要以 https:// 开头' error={fieldError(error, 'materials')}>
        <Blocks blocks={v.blocks} onChange={(blocks) => set({ blocks })} />
      </Field>
      <Field label='学习任务' hint='阅读材料（必做），写学习心得；测验可选' error={fieldError(error, 'noteMinLength')}>
        <Text className='rp-text'>心得至少多少字</Text>
        <Input className='rp-input topic-form__note-min' type='number' value={v.noteMin} maxlength={4} onInput={(e) => {
          const d = digits(e.detail.value, 4);
          set({ noteMin: d });
          return d;
        }} />
        {!locked && (
          <Choice className='topic-form__quiz-toggle' tick on={v.quizOn} title='加一个小测验' hint='选择题，答对够数算通过' onClick={() => set({ quizOn: !v.quizOn })} />
        )}
      </Field>
      {locked && (
        <Field label='测验' error={fieldError(error, 'quiz')}>
          <LockedQuiz quiz={draft?.content.quiz ?? null} attempts={v.attempts} onAttempts={(attempts) => set({ attempts })} />
        </Field>
      )}
      {!locked && v.quizOn && (
        <Field label='测验题目' hint='每题至少 2 个选项，点“设为正确”标出答案' error={fieldError(error, 'quiz')}>
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
      {confirming && editing && (
        <Confirm
          className='topic-form__confirm'
          title='确认保存这些修改？'
          lines={[...changes, '党员再打开这个专题时会看到新的内容，并注明“内容已更新”。']}
          okText='确认保存'
          busy={busy}
          onOk={send}
          onCancel={() => setConfirming(false)}
        />
      )}
      {confirming && !editing && (
        <Confirm
          className='topic-form__confirm'
          title='确认发布这个专题？'
          lines={[
            `${v.title.trim()}（${v.month.trim()}，截止 ${v.deadline.trim()}）`,
            v.scope === 'park' ? '范围：全园区所有支部' : `范围：${branch.name}`,
            `材料 ${v.blocks.length} 段；心得至少 ${v.noteMin} 字${v.quizOn ? `；测验 ${n} 题` : ''}`,
            '党员会在“学习”里看到。发布后名称、截止日期、材料和心得字数还可以修改，测验在有人答过之前也可以改；月份和范围不能再改。',
          ]}
          okText='确认发布'
          busy={busy}
          onOk={send}
          onCancel={() => setConfirming(false)}
        />
      )}
      {!confirming && (
        <BusyButton className='rp-btn topic-form__submit' busy={busy} busyText={editing ? '正在保存…' : '正在发布…'} onClick={check}>
          {editing ? '保存修改' : '发布'}
        </BusyButton>
      )}
    </View>
  );
}

/** 修改专题: the published topic as written, then the form filled with it. */
function TopicEditor({ topicId, branch, area }: { topicId: string; branch: Branch; area: AreaData }) {
  const { state, reload } = useRemote(() => call('study', 'topics.draft', { topicId }));
  if (state.status === 'loading') return <Loading text='正在读取专题…' />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  return <TopicForm branch={branch} area={area} draft={state.data} />;
}

export default function TopicNewPage() {
  const topicId = param(useRouter().params.topicId);
  useEffect(() => {
    if (topicId) void Taro.setNavigationBarTitle({ title: '修改专题' });
  }, [topicId]);
  return (
    <SecretaryFrame current={SEC.topicNew}>
      {({ branch, area }) => (topicId ? <TopicEditor topicId={topicId} branch={branch} area={area} /> : <TopicForm branch={branch} area={area} />)}
    </SecretaryFrame>
  );
}
