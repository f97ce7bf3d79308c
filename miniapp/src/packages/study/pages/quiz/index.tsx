// 小测验 (?topicId=): single and multiple choice questions, one big tappable choice each; 交卷 sends
// one attempt (`quiz.submit`). The result shows right/wrong per question, the score against the pass
// mark and the attempts left; the correct choices only when the reply gives them (passed or no
// attempts left), so a retry cannot copy them. The result appears where 交卷 was — at the bottom, where
// the person is looking after answering the last question — and the page scrolls it into view.
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import '../../common/study.scss';
import './index.scss';

type Detail = ActionOutput<'study', 'topics.get'>;
type Quiz = NonNullable<Detail['quiz']>;
type Result = ActionOutput<'study', 'quiz.submit'>;

const LETTERS = 'ABCDEFGH';

function Quizzer({ detail, quiz }: { detail: Detail; quiz: Quiz }) {
  const blank = () => quiz.questions.map(() => [] as number[]);
  const [answers, setAnswers] = useState<number[][]>(blank);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  // The member's quiz progress as last heard from the function: from the page's load, then from each
  // attempt (it outlives the result, so after 再答一次 the count goes on from there).
  const [p, setP] = useState(detail.progress?.quiz ?? null);
  const passed = p?.passed === true;
  const left = p ? p.attemptsLeft : quiz.maxAttempts;
  const closed = detail.topic.closed;
  const canAnswer = !result && !passed && left > 0 && !closed && detail.progress !== null;

  const pick = (qi: number, ci: number) => {
    if (!canAnswer) return;
    setError(null);
    setAnswers((cur) =>
      cur.map((a, i) => {
        if (i !== qi) return a;
        if (quiz.questions[qi]!.kind === 'single') return [ci];
        return a.includes(ci) ? a.filter((x) => x !== ci) : [...a, ci].sort((x, y) => x - y);
      }),
    );
  };

  const submit = async () => {
    const missing = answers.findIndex((a) => a.length === 0);
    if (missing >= 0) return setError(`第 ${missing + 1} 题还没有选，请选好再交卷。`);
    setBusy(true);
    setError(null);
    const r = await call('study', 'quiz.submit', { topicId: detail.topic.id, answers });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    markStale();
    setP(r.data.progress.quiz);
    setResult(r.data);
  };

  // 交卷 was at the bottom: bring the result (which took its place) into view.
  useEffect(() => {
    if (result) void Taro.pageScrollTo({ selector: '.quiz-result', duration: 200 }).catch(() => undefined);
  }, [result]);

  const retry = () => {
    setResult(null);
    setAnswers(blank());
  };

  return (
    <>
      <View className='rp-section study-head'>
        <Text className='study-head__title'>{detail.topic.title}</Text>
        <Text className='rp-text'>
          共 {quiz.questions.length} 道题，答对 {quiz.passMark} 道为合格，可以答 {quiz.maxAttempts} 次。
        </Text>
        {!result && passed && <Text className='study-ok'>✓ 您已通过这个测验（答对 {p?.bestScore} 道）</Text>}
        {!result && !passed && left === 0 && <Text className='study-warn'>答题次数已用完。</Text>}
        {!result && !passed && left > 0 && closed && <Text className='study-warn'>已过截止时间，不能再答题。</Text>}
        {!result && canAnswer && p && p.attempts > 0 && <Text className='rp-muted'>这是第 {p.attempts + 1} 次答题，还可以答 {left} 次（含这次）。</Text>}
      </View>

      {quiz.questions.map((q, qi) => {
        const r = result?.results[qi];
        return (
          <View key={qi} className={`rp-section quiz-question${r ? (r.correct ? ' quiz-question--right' : ' quiz-question--wrong') : ''}`} data-index={qi}>
            <Text className='quiz-question__kind'>{q.kind === 'single' ? '单选题' : '多选题（可选多个）'}</Text>
            <Text className='quiz-question__text'>
              {qi + 1}. {q.text}
            </Text>
            {q.choices.map((c, ci) => {
              const on = (answers[qi] ?? []).includes(ci);
              const right = r?.correctChoices?.includes(ci) === true;
              return (
                <View
                  key={ci}
                  className={`quiz-option${on ? ' quiz-option--on' : ''}${right ? ' quiz-option--right' : ''}${canAnswer ? '' : ' quiz-option--locked'}`}
                  data-index={ci}
                  onClick={() => pick(qi, ci)}
                >
                  <Text className='quiz-option__mark'>{on ? (q.kind === 'single' ? '●' : '☑') : q.kind === 'single' ? '○' : '☐'}</Text>
                  <Text className='quiz-option__text'>
                    {LETTERS[ci]}. {c}
                  </Text>
                  {right && <Text className='quiz-option__right'>正确答案</Text>}
                </View>
              );
            })}
            {r && <Text className={`quiz-question__verdict${r.correct ? ' quiz-question__verdict--right' : ''}`}>{r.correct ? '✓ 答对了' : '✗ 答错了'}</Text>}
          </View>
        );
      })}

      {result && (
        <View className={`rp-section quiz-result quiz-result--${result.passed ? 'pass' : 'fail'}`} data-score={result.score}>
          <Text className='quiz-result__title'>{result.passed ? '✓ 合格' : '还没合格'}</Text>
          <Text className='quiz-result__score'>
            答对 {result.score} 道 / 共 {quiz.questions.length} 道（答对 {quiz.passMark} 道合格）
          </Text>
          {!result.passed && <Text className='rp-text'>{left > 0 ? `还可以再答 ${left} 次。` : '答题次数已用完。'}</Text>}
          <Text className='rp-muted'>每道题答对答错，见上面各题下方。</Text>
          {result.points.length > 0 && <Text className='quiz-result__points'>积分：{result.points.map((x) => x.text).join('；')}</Text>}
          {!result.passed && left > 0 && !closed && (
            <Button className='rp-btn quiz-retry' onClick={retry}>
              再答一次
            </Button>
          )}
        </View>
      )}

      {error && <Text className='rp-error-text quiz-error'>{error}</Text>}
      {canAnswer && (
        <BusyButton className='rp-btn quiz-submit' busy={busy} busyText='正在交卷…' onClick={submit}>
          交卷
        </BusyButton>
      )}
    </>
  );
}

export default function QuizPage() {
  const topicId = useRouter().params.topicId ?? '';
  const { state, reload } = useRemote(() => call('study', 'topics.get', { topicId }));
  return (
    <PageShell>
      <View className='rp-body quiz-page'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' &&
          (state.data.quiz ? <Quizzer detail={state.data} quiz={state.data.quiz} /> : <Empty title='这个专题没有测验' />)}
      </View>
    </PageShell>
  );
}
