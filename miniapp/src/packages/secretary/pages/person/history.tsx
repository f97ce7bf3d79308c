// What the person has done (people.history): 学习 of the last 12 months, 主题党日 / 大党课 attendance,
// 志愿服务 and 积分, each a short list with a one-line summary, newest first. Read-only; the function
// checks that the viewer manages the person's branch.
import { Text, View } from '@tarojs/components';
import { type ActionOutput, MEETING_KIND_LABELS } from '@shared/contract';
import { periodLabel } from '@shared/periods';
import { chinaDateString } from '@shared/time';
import { Tag } from '../../../ui';

export type History = ActionOutput<'org', 'people.history'>;

const STUDY = { done: ['已完成', 'green'], started: ['学习中', 'gold'], notStarted: ['未开始', 'gray'] } as const;
const VOLUNTEER = { confirmed: '已确认', registered: '已报名', waitlist: '候补', cancelled: '已取消' } as const;
const day = (iso: string) => chinaDateString(new Date(iso));
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function PersonHistory({ h }: { h: History }) {
  const member = h.person.memberType !== 'none';
  const done = h.study.filter((s) => s.state === 'done').length;
  const attended = h.meetings.filter((m) => m.attended).length;
  return (
    <>
      {member && (
        <View className='rp-section person-history person-history--study'>
          <Text className='rp-title'>学习</Text>
          <Text className='rp-muted'>{h.study.length ? `近一年 ${h.study.length} 个专题，完成 ${done} 个` : '近一年还没有学习专题'}</Text>
          {h.study.map((s) => (
            <View key={s.topicId} className='rp-item person-history__row'>
              <View className='rp-item__body'>
                <Text className='rp-item__name'>{s.title}</Text>
                <Text className='rp-item__line'>
                  {periodLabel(s.month)}
                  {s.park ? ' · 全园区' : ''}
                </Text>
                {s.completedAt && <Text className='rp-item__line'>{day(s.completedAt)} 完成</Text>}
              </View>
              <Tag tone={STUDY[s.state][1]}>{STUDY[s.state][0]}</Tag>
            </View>
          ))}
        </View>
      )}
      {member && (
        <View className='rp-section person-history person-history--meetings'>
          <Text className='rp-title'>主题党日和党课</Text>
          <Text className='rp-muted'>{h.meetings.length ? `近一年 ${h.meetings.length} 次，签到 ${attended} 次` : '近一年本支部还没有举行主题党日或党课'}</Text>
          {h.meetings.map((m) => (
            <View key={m.meetingId} className='rp-item person-history__row'>
              <View className='rp-item__body'>
                <Text className='rp-item__name'>{m.title}</Text>
                <Text className='rp-item__line'>
                  {MEETING_KIND_LABELS[m.kind]} · {m.date}
                </Text>
              </View>
              {m.attended ? <Tag tone='green'>已签到</Tag> : <Tag tone='gray'>未签到</Tag>}
            </View>
          ))}
        </View>
      )}
      <View className='rp-section person-history person-history--volunteer'>
        <Text className='rp-title'>志愿服务</Text>
        <Text className='rp-muted'>{h.volunteer.items.length ? `已确认 ${h.volunteer.hours} 小时` : '还没有参加志愿服务'}</Text>
        {h.volunteer.items.map((v, i) => (
          <View key={`${v.start}-${i}`} className='rp-item person-history__row'>
            <View className='rp-item__body'>
              <Text className='rp-item__name'>{v.title}</Text>
              <Text className='rp-item__line'>
                {day(v.start)}
                {v.hours !== null ? ` · ${v.hours} 小时` : ''}
              </Text>
            </View>
            <Tag tone={v.state === 'confirmed' ? 'green' : 'gray'}>{VOLUNTEER[v.state]}</Tag>
          </View>
        ))}
      </View>
      <View className='rp-section person-history person-history--points'>
        <Text className='rp-title'>积分</Text>
        <Text className='rp-muted'>{h.points.items.length ? `今年 ${h.points.total} 分；下面是最近的记录` : '还没有积分记录'}</Text>
        {h.points.items.map((p, i) => (
          <View key={`${p.at}-${i}`} className='rp-item person-history__row'>
            <View className='rp-item__body'>
              <Text className='rp-item__name'>{p.label}</Text>
              <Text className='rp-item__line'>
                {day(p.at)}
                {p.note ? ` · ${p.note}` : ''}
              </Text>
            </View>
            <Text className='person-history__points'>{signed(p.points)}</Text>
          </View>
        ))}
      </View>
    </>
  );
}
