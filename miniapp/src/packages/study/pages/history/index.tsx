// 往期专题: the topics of earlier months that apply to me, newest first, each with whether I completed
// it; tap one to read it again.
import { Text, View } from '@tarojs/components';
import { chinaPeriods } from '@shared/periods';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { ROUTES, go } from '../../../../services/nav';
import { dayLabel, monthLabel, topicUrl } from '../../common';
import './index.scss';

export default function HistoryPage() {
  const { state, reload } = useRemote(() => call('study', 'topics.list', {}));
  const month = chinaPeriods(new Date()).month;
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body history-page'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' &&
          (() => {
            const past = state.data.topics.filter((t) => t.month < month);
            if (past.length === 0) return <Empty title='还没有往期专题' hint='以前月份的学习专题会显示在这里。' />;
            return past.map((t) => (
              <View key={t.id} className='rp-section study-history-item' data-topic-id={t.id} onClick={() => go(topicUrl(ROUTES.studyTopic, t.id))}>
                <Text className='study-history-item__month'>
                  {monthLabel(t.month)} · {t.scope === 'park' ? '园区党委专题' : '本支部专题'}
                </Text>
                <Text className='study-history-item__title'>{t.title}</Text>
                <Text className={`study-history-item__state study-history-item__state--${t.completed ? 'done' : 'not'}`}>
                  {t.completed === null ? '无需完成' : t.completed ? '✓ 已完成' : `未完成（${dayLabel(t.deadline)} 已截止）`}
                </Text>
                <Text className='study-history-item__open'>查看 ›</Text>
              </View>
            ));
          })()}
      </View>
    </PageShell>
  );
}
