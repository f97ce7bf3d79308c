// 活动照片: the photos and the attendance-sheet photo of a 主题党日 / 大党课 (?meetingId=), for the people of its
// branch, its secretary (who adds them; also from 会议 in the secretary's pages) and the park admins. Opened
// without a meeting: the branch's meetings, latest first, each leading to its photos. The pictures and who may
// see them come from the `files` function (components/PhotoGrid).
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { MEETING_KIND_LABELS } from '@shared/contract/labels';
import { PageShell } from '../../../../components/PageShell';
import { PhotoGrid } from '../../../../components/PhotoGrid';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { ROUTES, go } from '../../../../services/nav';
import { dayLabel } from '../../common';
import '../../common/study.scss';
import './index.scss';

function param(v: string | undefined): string {
  if (!v) return '';
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

function MeetingList() {
  const { state, reload } = useRemote(() => call('study', 'meetings.list', {}));
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return state.error.code === 'NOT_BOUND' ? <Empty title='绑定身份后才能看本支部的活动照片' /> : <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  const meetings = [...state.data.meetings].filter((m) => !m.cancelled).sort((a, b) => b.date.localeCompare(a.date));
  if (meetings.length === 0) return <Empty title='本支部还没有安排活动' hint='支部书记安排主题党日或大党课后，活动照片会在这里。' />;
  return (
    <View className='rp-section mp-list'>
      <Text className='rp-title'>本支部活动</Text>
      {meetings.map((m) => (
        <View key={m.id} className='mp-list__item' data-meeting-id={m.id}>
          <View className='mp-list__text'>
            <Text className='mp-list__title'>{m.title}</Text>
            <Text className='rp-muted'>
              {MEETING_KIND_LABELS[m.kind]} · {dayLabel(m.date)}
            </Text>
          </View>
          <Button className='rp-btn rp-btn--ghost mp-list__open' onClick={() => go(`${ROUTES.studyMeetingPhotos}?meetingId=${encodeURIComponent(m.id)}`)}>
            看照片
          </Button>
        </View>
      ))}
    </View>
  );
}

export default function MeetingPhotosPage() {
  const meetingId = param(useRouter().params.meetingId);
  return (
    <PageShell>
      <View className='rp-body mp-page'>
        {meetingId ? (
          <View className='rp-section'>
            <PhotoGrid
              record={{ kind: 'meeting', id: meetingId }}
              purposes={['photo', 'sheet']}
              showTitle
              noAccess='这是其他支部的活动，只有本支部的同志能看到它的照片。'
            />
          </View>
        ) : (
          <MeetingList />
        )}
      </View>
    </PageShell>
  );
}
