// 学习专题: the branch's topics (park-wide ones too) with each one's completion rate, a 发布新专题
// entry, and per topic 完成情况, 心得 and, for whoever may correct it, 修改 — every action within two
// taps of the tab.
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ActionOutput, ApiReply, Branch } from '@shared/contract';
import { type RefreshSlot, SecretaryFrame, useRefreshSlot } from '../../common/frame';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { Tag } from '../../../ui';
import { type AreaData, SEC } from '../../common/area';
import { percent, withQuery } from '../../common/study';
import '../../common/study.scss';

type Topic = ActionOutput<'study', 'topics.list'>['topics'][number];
interface Row {
  topic: Topic;
  progress: Topic['branchProgress'];
}

/** The topics with the branch's completion of each, in one call. */
async function load(branchId: string): Promise<ApiReply<Row[]>> {
  const list = await call('study', 'topics.list', { branchId });
  if (!list.ok) return list;
  return { ok: true, data: list.data.topics.map((topic) => ({ topic, progress: topic.branchProgress })) };
}

/** Who may correct a topic (the function checks again): a branch's topic → its secretary or a park admin; park-wide → a park admin. */
function mayEdit(topic: Topic, branch: Branch, area: AreaData): boolean {
  if (topic.scope === 'park') return area.me.roles.includes('parkAdmin');
  return topic.branchId === branch.id;
}

function TopicItem({ row, branch, area }: { row: Row; branch: Branch; area: AreaData }) {
  const { topic, progress } = row;
  const q = { topicId: topic.id, branchId: branch.id, title: topic.title };
  return (
    <View className='rp-section topics-item' data-topic-id={topic.id}>
      <View className='st-head'>
        <View className='rp-item__body'>
          <Text className='rp-item__name'>{topic.title}</Text>
          <Text className='rp-item__line'>
            {topic.month} · 截止 {topic.deadline}
            {topic.hasQuiz ? ' · 有测验' : ''}
          </Text>
          <View>
            {topic.scope === 'park' ? <Tag tone='gold'>全园区</Tag> : <Tag tone='red'>本支部</Tag>}
            {topic.closed ? <Tag tone='gray'>已截止</Tag> : <Tag tone='green'>进行中</Tag>}
            {topic.editedAt && (
              <Text className='topics-item__edited'>
                <Tag tone='gray'>已修改</Tag>
              </Text>
            )}
          </View>
        </View>
        <View className='st-rate topics-item__rate'>
          <Text>{progress ? percent(progress.rate) : '—'}</Text>
        </View>
      </View>
      <Text className='rp-muted'>{progress ? `已完成 ${progress.completed} / ${progress.members} 人` : '完成情况暂时读不到，下拉刷新重试'}</Text>
      <View className='rp-row-actions st-actions'>
        <Button className='rp-btn topics-item__progress' onClick={() => Taro.navigateTo({ url: withQuery(SEC.progress, { ...q, quiz: topic.hasQuiz ? '1' : '' }) })}>
          完成情况
        </Button>
        <Button className='rp-btn rp-btn--ghost topics-item__notes' onClick={() => Taro.navigateTo({ url: withQuery(SEC.notes, q) })}>
          心得
        </Button>
        {mayEdit(topic, branch, area) && (
          <Button
            className='rp-btn rp-btn--ghost topics-item__edit'
            onClick={() => Taro.navigateTo({ url: withQuery(SEC.topicNew, { topicId: topic.id, branchId: branch.id }) })}
          >
            修改
          </Button>
        )}
      </View>
    </View>
  );
}

function Topics({ branch, area, slot }: { branch: Branch; area: AreaData; slot: RefreshSlot }) {
  const { state, reload } = useRemote(() => load(branch.id));
  slot.current = reload;
  const publish = () => Taro.navigateTo({ url: withQuery(SEC.topicNew, { branchId: branch.id }) });
  return (
    <>
      <Button className='rp-btn topics-new' onClick={publish}>
        发布新专题
      </Button>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
      {state.status === 'ok' && state.data.length === 0 && <Empty title='还没有学习专题' hint='点上面的“发布新专题”，一月一个专题。' />}
      {state.status === 'ok' && state.data.map((row) => <TopicItem key={row.topic.id} row={row} branch={branch} area={area} />)}
    </>
  );
}

export default function TopicsPage() {
  const slot = useRefreshSlot();
  return <SecretaryFrame current={SEC.topics} slot={slot}>{({ branch, area }) => <Topics branch={branch} area={area} slot={slot} />}</SecretaryFrame>;
}
