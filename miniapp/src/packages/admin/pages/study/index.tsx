// 园区管理 · 学习: the park admin's park-wide place for 一月一专题. 发布全园区专题 (the topic form with
// 全园区 chosen), the park-wide topics newest first, and for each its completion in every branch
// (topics.parkProgress: the park's rate, then each branch lowest first, each opening that branch's
// 完成情况 with names and 一键提醒). Arriving with ?topicId= (from the audit log) opens that topic.
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ActionOutput, ApiReply } from '@shared/contract';
import { periodLabel } from '@shared/periods';
import { AdminFrame } from '../../common/frame';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { go } from '../../../../services/nav';
import { Tag } from '../../../ui';
import { ADMIN, percent } from '../../common/area';
import './index.scss';

type Topic = ActionOutput<'study', 'topics.list'>['topics'][number];

const TOPIC_NEW = '/packages/secretary/pages/topic-new/index';
const PROGRESS = '/packages/secretary/pages/progress/index';
const q = (params: Record<string, string>) => Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

async function load(): Promise<ApiReply<Topic[]>> {
  const r = await call('study', 'topics.list', {});
  if (!r.ok) return r;
  return { ok: true, data: r.data.topics.filter((t) => t.scope === 'park') };
}

function Completion({ topic }: { topic: Topic }) {
  const { state, reload } = useRemote(() => call('study', 'topics.parkProgress', { topicId: topic.id }));
  if (state.status === 'loading') return <Loading text='正在统计各支部完成情况…' />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={reload} />;
  const p = state.data;
  if (!p.branches.length) return <Text className='rp-muted'>园区还没有党员，导入名册后这里会显示各支部的完成情况。</Text>;
  return (
    <View className='park-study__progress'>
      <Text className='rp-text park-study__total'>
        全园区 {p.members} 名党员，已完成 {p.completed} 人（{percent(p.rate)}）
      </Text>
      {p.branches.map((b) => (
        <View
          key={b.id}
          className='rp-item park-study__branch'
          onClick={() => go(`${PROGRESS}?${q({ topicId: topic.id, branchId: b.id, title: topic.title, quiz: topic.hasQuiz ? '1' : '' })}`)}
        >
          <View className='rp-item__body'>
            <Text className='rp-item__name'>{b.name}</Text>
            <Text className='rp-item__line'>
              {b.completed} / {b.members} 人完成 · {percent(b.rate)}
            </Text>
            <View className='park-study__bar'>
              <View className='park-study__fill' style={{ width: percent(b.rate) }} />
            </View>
          </View>
          <Text className='park-study__go'>名单</Text>
        </View>
      ))}
    </View>
  );
}

function TopicCard({ topic, open, onToggle }: { topic: Topic; open: boolean; onToggle: () => void }) {
  return (
    <View className='rp-section park-study__topic' data-topic-id={topic.id}>
      <Text className='rp-title park-study__title'>{topic.title}</Text>
      <View>
        <Tag tone='red'>全园区</Tag>
        {topic.closed ? <Tag tone='gray'>已截止</Tag> : <Tag tone='green'>进行中</Tag>}
      </View>
      <Text className='rp-muted'>
        {periodLabel(topic.month)} · 截止 {topic.deadline}
      </Text>
      <Button className={`rp-btn ${open ? 'rp-btn--ghost ' : ''}park-study__toggle`} onClick={onToggle}>
        {open ? '收起完成情况' : '看各支部完成情况'}
      </Button>
      {open && <Completion topic={topic} />}
    </View>
  );
}

export default function ParkStudyPage() {
  const params = useRouter().params;
  const { state, reload } = useRemote(load);
  const [open, setOpen] = useState<string | null>(params.topicId ?? null);
  const [round, setRound] = useState(0);
  const refresh = async () => {
    await reload();
    setRound((n) => n + 1);
  };
  // The newest topic is opened by default, so the month's completion is one tap from the admin area.
  const shown = state.status === 'ok' ? open ?? state.data[0]?.id ?? null : null;
  return (
    <AdminFrame current={ADMIN.study} state={state} reload={refresh}>
      {() =>
        state.status === 'ok' && (
          <>
            <View className='rp-section'>
              <Text className='rp-text'>全园区专题发给园区所有支部的党员；各支部书记在本支部的“学习”页也能看到并提醒。</Text>
              <Button className='rp-btn park-study__new' onClick={() => go(`${TOPIC_NEW}?scope=park`)}>
                发布全园区专题
              </Button>
            </View>
            {state.data.length === 0 && <Empty title='还没有全园区专题' hint='点上面的“发布全园区专题”，园区所有支部的党员都会收到。' />}
            {state.data.map((t) => (
              <TopicCard key={`${t.id}-${round}`} topic={t} open={shown === t.id} onToggle={() => setOpen(shown === t.id ? '' : t.id)} />
            ))}
          </>
        )
      }
    </AdminFrame>
  );
}
