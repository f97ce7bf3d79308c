// 完成情况 (?topicId=&branchId=&title=&quiz=1): the branch's completion rate in big figures, who has
// not finished and what is missing (未绑定微信 for those no reminder can reach), and 一键提醒 (an inbox
// message, at most once a person a day): its reply names who was reached and who cannot be.
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ActionOutput, Branch } from '@shared/contract';
import { type RefreshSlot, SecretaryFrame, useRefreshSlot } from '../../common/frame';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { ErrorLines, Tag } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { SEC } from '../../common/area';
import { backTo, param, percent } from '../../common/study';
import '../../common/study.scss';

type Progress = ActionOutput<'study', 'topics.progress'>;
type Row = Progress['notFinished'][number];

/** What someone still has to do, in plain words. */
function missing(r: Row, hasQuiz: boolean): string {
  const out: string[] = [];
  if (!r.read) out.push('未阅读材料');
  if (r.note === null) out.push('未交心得');
  else if (r.note === 'pending') out.push('心得待审核');
  else if (r.note === 'rejected') out.push('心得被退回');
  if (hasQuiz && !r.quizPassed) out.push('测验未通过');
  return out.join('、') || '未完成';
}

function Remind({ topicId, branchId, unbound }: { topicId: string; branchId: string; unbound: number }) {
  const { busy, error, submit } = useSubmit();
  const [done, setDone] = useState<ActionOutput<'study', 'topics.remind'> | null>(null);
  const remind = async () => {
    const r = await submit(null, () => call('study', 'topics.remind', { topicId, branchId }));
    if (r) setDone(r);
  };
  return (
    <>
      <BusyButton className='rp-btn progress-remind' busy={busy} busyText='正在提醒…' onClick={remind}>
        一键提醒未完成的人
      </BusyButton>
      {!done && unbound > 0 && <Text className='rp-muted progress-unbound-note'>{unbound} 人还没绑定微信，提醒不到，请当面或电话告知，并给他们发邀请码。</Text>}
      <ErrorLines error={error} />
      {done && (
        <View className='rp-done progress-reminded'>
          <Text className='rp-done__title'>{done.reminded > 0 ? `已提醒 ${done.reminded} 人` : '这次没有新提醒的人'}</Text>
          {done.reached.length > 0 && <Text className='rp-text progress-reached'>已提醒：{done.reached.join('、')}</Text>}
          {done.alreadyToday > 0 && <Text className='rp-text'>另有 {done.alreadyToday} 人今天已经提醒过，不再重复提醒。</Text>}
          {done.reached.length > 0 && <Text className='rp-muted'>他们打开小程序会在“学习”里看到提醒。</Text>}
          {done.unreachable.length > 0 && (
            <Text className='rp-text progress-unreachable'>
              提醒不到（还没绑定微信）：{done.unreachable.join('、')}。请当面或电话告知，并在“邀请码”里给他们发邀请码。
            </Text>
          )}
        </View>
      )}
    </>
  );
}

function ProgressView({ branch, slot }: { branch: Branch; slot: RefreshSlot }) {
  const params = useRouter().params;
  const topicId = param(params.topicId);
  const title = param(params.title);
  const hasQuiz = params.quiz === '1';
  const { state, reload } = useRemote(() => call('study', 'topics.progress', { topicId, branchId: branch.id }));
  slot.current = reload;
  const [showFinished, setShowFinished] = useState(false);

  return (
    <>
      <View className='rp-section'>
        {title && <Text className='rp-title'>{title}</Text>}
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
        {state.status === 'ok' && (
          <>
            <Text className='st-big progress-rate'>{percent(state.data.rate)}</Text>
            <Text className='st-center rp-text'>
              {branch.name}：{state.data.completed} / {state.data.members} 人已完成
            </Text>
          </>
        )}
      </View>
      {state.status === 'ok' && (
        <>
          <View className='rp-section'>
            <Text className='rp-title'>还没完成（{state.data.notFinished.length} 人）</Text>
            {state.data.notFinished.length === 0 ? (
              <Empty title='全部完成了' hint='本支部党员都已完成这个专题。' />
            ) : (
              <>
                <Remind topicId={topicId} branchId={branch.id} unbound={state.data.notFinished.filter((r) => !r.bound).length} />
                {state.data.notFinished.map((r) => (
                  <View key={r.personId} className='rp-item progress-missing' data-person-id={r.personId}>
                    <View className='rp-item__body'>
                      <Text className='rp-item__name'>{r.name}</Text>
                      <Text className='rp-item__line'>{missing(r, hasQuiz)}</Text>
                    </View>
                    {!r.bound && <Tag tone='gray'>未绑定微信</Tag>}
                  </View>
                ))}
              </>
            )}
          </View>
          {state.data.finished.length > 0 && (
            <View className='rp-section'>
              <View className='rp-section-head'>
                <Text className='rp-title'>已完成（{state.data.finished.length} 人）</Text>
                <Button className='rp-btn rp-btn--ghost rp-btn--inline progress-finished-toggle' onClick={() => setShowFinished(!showFinished)}>
                  {showFinished ? '收起' : '展开'}
                </Button>
              </View>
              {showFinished && <Text className='rp-text progress-finished'>{state.data.finished.map((r) => r.name).join('、')}</Text>}
            </View>
          )}
        </>
      )}
      <Button className='rp-btn rp-btn--ghost' onClick={() => backTo(SEC.topics)}>
        返回学习专题
      </Button>
    </>
  );
}

export default function ProgressPage() {
  const slot = useRefreshSlot();
  return <SecretaryFrame current={SEC.progress} slot={slot}>{({ branch }) => <ProgressView branch={branch} slot={slot} />}</SecretaryFrame>;
}
