// 学习专题 (?topicId=): the materials, then the member's three tasks — 我已阅读 (one tap, no reading
// time is measured), the self-study note (checked by the server: risky is refused and the text kept,
// some notes are held for the secretary) and the quiz (its own page) — and the completion state with
// the points the replies say were earned, in words (a cap reached says so). When the publisher corrected the topic, the head says on which day.
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { chinaDateString, monthDayLabel } from '@shared/time';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { ROUTES, go } from '../../../../services/nav';
import { copyText } from '../../../../services/wx-privacy';
import { dayLabel, monthLabel, noteLength, topicUrl } from '../../common';
import '../../common/study.scss';
import './index.scss';

type Detail = ActionOutput<'study', 'topics.get'>;
type Progress = NonNullable<Detail['progress']>;
type Block = Detail['materials'][number];

function LinkBlock({ b }: { b: Block }) {
  const url = b.url ?? '';
  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className='topic-block topic-block--link'>
        <a className='topic-link' href={url} target='_blank' rel='noopener noreferrer'>
          {b.text || url}
        </a>
      </View>
    );
  }
  // Mini-programs cannot open outside web pages: show the address and let it be copied.
  return (
    <View className='topic-block topic-block--link'>
      <Text className='topic-link__text'>{b.text || '链接'}</Text>
      <Text className='topic-link__url' userSelect>
        {url}
      </Text>
      <Button className='rp-btn rp-btn--ghost topic-link__copy' onClick={() => void copyText(url, '链接已复制')}>
        复制链接
      </Button>
      <Text className='rp-muted'>复制后可在浏览器中打开。</Text>
    </View>
  );
}

function Materials({ blocks }: { blocks: Block[] }) {
  return (
    <View className='rp-section topic-materials'>
      {blocks.map((b, i) => {
        const key = `${i}-${b.kind}`;
        if (b.kind === 'heading') return <Text key={key} className='topic-block topic-block--heading'>{b.text}</Text>;
        if (b.kind === 'paragraph') return <Text key={key} className='topic-block topic-block--paragraph' userSelect>{b.text}</Text>;
        if (b.kind === 'image')
          return (
            <View key={key} className='topic-block topic-block--image'>
              <Image className='topic-image' src={b.url ?? ''} mode='widthFix' onClick={() => b.url && void Taro.previewImage({ urls: [b.url] })} />
              {b.text && <Text className='rp-muted'>{b.text}</Text>}
            </View>
          );
        return <LinkBlock key={key} b={b} />;
      })}
    </View>
  );
}

type Tone = 'ok' | 'wait' | 'error';

/** "（内容已于 11月28日 更新）": the China day the publisher last changed the topic. */
function editedLine(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '（内容已更新）';
  return `（内容已于 ${monthDayLabel(chinaDateString(d))} 更新）`;
}

function NoteSection({ detail, progress, closed, onProgress }: { detail: Detail; progress: Progress; closed: boolean; onProgress: (p: Progress, points: string[]) => void }) {
  const note = progress.note;
  const [text, setText] = useState(note?.status === 'rejected' ? note.text : '');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ tone: Tone; text: string } | null>(null);
  const min = detail.noteMinLength;
  const count = noteLength(text);
  const editable = !closed && (!note || note.status === 'rejected');

  const submit = async () => {
    if (count < min) return setMsg({ tone: 'error', text: `心得至少 ${min} 字（现在 ${count} 字），请再写一些。` });
    setBusy(true);
    setMsg(null);
    const r = await call('study', 'notes.submit', { topicId: detail.topic.id, text });
    setBusy(false);
    if (!r.ok) {
      // Nothing was saved (risky content, deadline…): keep what was typed so it can be changed.
      return setMsg({ tone: 'error', text: r.error.code === 'CONTENT_RISKY' ? '心得里有不适宜发布的内容，没有保存。请修改后再提交。' : r.error.message });
    }
    markStale();
    setMsg(r.data.held ? { tone: 'wait', text: '已提交，审核中：支部书记看过后就会通过。' } : { tone: 'ok', text: '心得已提交，谢谢您的分享！' });
    onProgress(r.data.progress, r.data.points.map((x) => x.text));
  };

  const current: { tone: Tone; text: string } | null =
    msg ??
    (note?.status === 'accepted'
      ? { tone: 'ok', text: '✓ 心得已提交' }
      : note?.status === 'pending'
        ? { tone: 'wait', text: '审核中：支部书记看过后就会通过。' }
        : note?.status === 'rejected'
          ? { tone: 'error', text: '心得被退回了，请修改后重新提交。' }
          : null);

  return (
    <View className='rp-section topic-note-section'>
      <Text className='rp-title'>学习心得</Text>
      {current && <Text className={`topic-note-status topic-note-status--${current.tone}`}>{current.text}</Text>}
      {note?.reply && <Text className='topic-note__reply'>书记回复：{note.reply}</Text>}
      {editable ? (
        <>
          <Text className='rp-muted'>写下您的学习体会，至少 {min} 字（标点、空格不算）。</Text>
          <Textarea
            className='topic-note study-input'
            value={text}
            maxlength={2000}
            placeholder='在这里写学习心得'
            onInput={(e) => setText(e.detail.value)}
          />
          <Text className={`topic-note__count${count >= min ? ' topic-note__count--ok' : ''}`}>
            已写 {count} 字 / 至少 {min} 字
          </Text>
          <BusyButton className='rp-btn topic-note-submit' busy={busy} busyText='正在提交…' onClick={submit}>
            提交心得
          </BusyButton>
        </>
      ) : (
        note && <Text className='topic-note__text'>{note.text}</Text>
      )}
      {!note && closed && <Text className='rp-muted'>已过截止时间，不能再提交心得。</Text>}
    </View>
  );
}

function QuizSection({ detail, progress, closed }: { detail: Detail; progress: Progress; closed: boolean }) {
  const quiz = detail.quiz;
  if (!quiz) return null;
  const q = progress.quiz;
  const passed = q?.passed === true;
  const left = q ? q.attemptsLeft : quiz.maxAttempts;
  return (
    <View className='rp-section topic-quiz'>
      <Text className='rp-title'>小测验</Text>
      <Text className='rp-text'>
        共 {quiz.questions.length} 道题，答对 {quiz.passMark} 道为合格，可以答 {quiz.maxAttempts} 次。
      </Text>
      {passed ? (
        <Text className='study-ok'>✓ 已合格（答对 {q?.bestScore} 道）</Text>
      ) : q && q.attempts > 0 ? (
        <Text className='rp-text'>
          已答 {q.attempts} 次，最好成绩答对 {q.bestScore} 道；{left > 0 ? `还可以答 ${left} 次。` : '次数已用完。'}
        </Text>
      ) : null}
      {closed && !passed && <Text className='rp-muted'>已过截止时间，不能再答题。</Text>}
      <Button className={`rp-btn${passed || left === 0 || closed ? ' rp-btn--ghost' : ''} topic-quiz-open`} onClick={() => go(topicUrl(ROUTES.studyQuiz, detail.topic.id))}>
        {passed || left === 0 || closed ? '查看测验' : q && q.attempts > 0 ? '再答一次' : '开始答题'}
      </Button>
    </View>
  );
}

function Tasks({ detail }: { detail: Detail }) {
  const [progress, setProgress] = useState<Progress | null>(detail.progress);
  const [earned, setEarned] = useState<string[]>([]);
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  useEffect(() => setProgress(detail.progress), [detail]);
  const closed = detail.topic.closed;

  if (!progress) {
    return (
      <View className='rp-section'>
        <Text className='rp-muted'>这个专题不需要您完成学习任务，可以随时阅读材料。</Text>
      </View>
    );
  }
  const update = (p: Progress, points: string[]) => {
    setProgress(p);
    if (points.length > 0) setEarned((e) => [...e, ...points.filter((x) => !e.includes(x))]);
  };
  const markRead = async () => {
    setReading(true);
    setReadError(null);
    const r = await call('study', 'topics.markRead', { topicId: detail.topic.id });
    setReading(false);
    if (!r.ok) return setReadError(r.error.message);
    markStale();
    update(r.data.progress, r.data.points.map((x) => x.text));
  };

  return (
    <>
      {progress.completed && (
        <View className='rp-section topic-done'>
          <Text className='topic-done__title'>✓ 本专题已完成</Text>
          {earned.length > 0 && <Text className='topic-done__points'>积分：{earned.join('；')}</Text>}
          <Text className='rp-muted'>谢谢您的认真学习！积分可以在“我的积分”里查看。</Text>
        </View>
      )}
      <View className='rp-section topic-read-section'>
        {progress.read ? (
          <Text className='study-ok topic-read-done'>✓ 您已阅读学习材料</Text>
        ) : closed ? (
          <Text className='rp-muted'>已过截止时间。</Text>
        ) : (
          <>
            <Text className='rp-muted'>读完上面的材料后，点一下这个按钮。</Text>
            <BusyButton className='rp-btn topic-read' busy={reading} busyText='正在记录…' onClick={markRead}>
              我已阅读
            </BusyButton>
          </>
        )}
        {readError && <Text className='rp-error-text'>{readError}</Text>}
      </View>
      <NoteSection detail={detail} progress={progress} closed={closed} onProgress={update} />
      <QuizSection detail={detail} progress={progress} closed={closed} />
      {!progress.completed && earned.length > 0 && <Text className='study-ok topic-points'>积分：{earned.join('；')}</Text>}
    </>
  );
}

export default function TopicPage() {
  const topicId = useRouter().params.topicId ?? '';
  const { state, reload } = useRemote(() => call('study', 'topics.get', { topicId }));
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body topic-page'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' && (
          <>
            <View className='rp-section study-head'>
              <Text className='study-head__scope'>
                {monthLabel(state.data.topic.month)} · {state.data.topic.scope === 'park' ? '园区党委专题' : '本支部专题'}
              </Text>
              <Text className='study-head__title'>{state.data.topic.title}</Text>
              <Text className={`study-head__deadline${state.data.topic.closed ? ' study-head__deadline--closed' : ''}`}>
                {state.data.topic.closed ? `已于 ${dayLabel(state.data.topic.deadline)} 截止` : `截止：${dayLabel(state.data.topic.deadline)}（北京时间当天 24 点前）`}
              </Text>
              {state.data.topic.editedAt && <Text className='rp-muted study-head__edited'>{editedLine(state.data.topic.editedAt)}</Text>}
            </View>
            <Materials blocks={state.data.materials} />
            <Tasks detail={state.data} />
          </>
        )}
      </View>
    </PageShell>
  );
}
