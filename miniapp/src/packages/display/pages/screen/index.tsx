// 园区党建展示大屏 (issue 19): a full-screen page for a TV at 1920×1080 in the 党群服务中心, opened with the display key
// in the URL (?key=…, made by the park admin under 园区管理 · 大屏). It needs no identity and no navigation: it shows
// the month's 流动红旗, the branches by the park's measure, the coming 主题党日 / 党课 and volunteer activities, the
// pledges kept and the volunteer hours of the year, refreshes every minute (keeping the last figures on screen when
// the network drops) and keeps a clock. A revoked or unknown key shows a calm sentence, not an error.
// Sizes are in vh so the same layout fills any TV.
import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { DisplayScreen } from '@shared/contract/display';
import { MEETING_KIND_LABELS } from '@shared/contract/labels';
import { MEASURE_LABELS, type Measure } from '@shared/points';
import { chinaFormat } from '@shared/time';
import { displayGet } from '../../common/call';
import './index.scss';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const REFUSED = '此大屏链接已停用，请联系园区管理员';

type View_ = { status: 'loading' } | { status: 'refused'; message: string } | { status: 'ok'; data: DisplayScreen; offline: boolean; at: number };

/** A measure's value as people read it. */
function valueText(measure: Measure, v: number | null): string {
  if (v === null) return '—';
  if (measure === 'studyRate' || measure === 'pledgeRate') return `${Math.round(v * 100)}%`;
  if (measure === 'pointsPerMember') return `${Math.round(v * 10) / 10} 分/人`;
  return `${Math.round(v * 10) / 10} 小时/人`;
}

const monthText = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`;
const dayText = (date: string) => {
  const d = new Date(`${date}T12:00:00+08:00`);
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8))}日 周${WEEKDAYS[Number(chinaFormat(d, 'd'))]}`;
};
const instantDay = (iso: string) => dayText(chinaFormat(new Date(iso), 'YYYY-MM-DD'));
const instantTime = (iso: string) => chinaFormat(new Date(iso), 'HH:mm');

function Clock({ offsetMs }: { offsetMs: number }) {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now() + offsetMs), 1000);
    return () => clearInterval(t);
  }, [offsetMs]);
  const d = new Date(now);
  return (
    <View className='ds-clock'>
      <Text className='ds-clock__time'>{chinaFormat(d, 'HH:mm')}</Text>
      <Text className='ds-clock__date'>{`${chinaFormat(d, 'YYYY年M月D日')} 星期${WEEKDAYS[Number(chinaFormat(d, 'd'))]}`}</Text>
    </View>
  );
}

function Panel({ title, className, children }: { title: string; className?: string; children: React.ReactNode }) {
  return (
    <View className={`ds-panel${className ? ` ${className}` : ''}`}>
      <Text className='ds-panel__title'>{title}</Text>
      {children}
    </View>
  );
}

function Board({ s }: { s: DisplayScreen }) {
  const maxHours = Math.max(1, ...s.hours.byMonth.map((m) => m.hours));
  return (
    <View className='ds-grid'>
      <View className='ds-col'>
        <View className='ds-flag'>
          <Text className='ds-flag__kicker'>{s.flag ? `${monthText(s.flag.month)} 流动红旗` : '流动红旗'}</Text>
          <Text className='ds-flag__name'>{s.flag ? s.flag.branchName : '本月评选中'}</Text>
          {s.flag && <Text className='ds-flag__value'>{`${MEASURE_LABELS[s.flag.measure]} ${valueText(s.flag.measure, s.flag.value)}`}</Text>}
        </View>
        <Panel title={`本月支部排行 · ${MEASURE_LABELS[s.ranking.measure]}`} className='ds-rank'>
          {s.ranking.rows.length === 0 && <Text className='ds-empty'>本月还没有排行数据</Text>}
          <View className='ds-list'>
            {s.ranking.rows.slice(0, 8).map((r) => (
              <View key={r.name} className={`ds-rank__row${r.rank !== null && r.rank <= 3 && (r.value ?? 0) > 0 ? ' ds-rank__row--top' : ''}`}>
                <Text className='ds-rank__no'>{r.rank ?? '—'}</Text>
                <Text className='ds-rank__name'>{r.name}</Text>
                <Text className='ds-rank__value'>{valueText(s.ranking.measure, r.value)}</Text>
              </View>
            ))}
          </View>
        </Panel>
      </View>
      <View className='ds-col'>
        <Panel title='近期主题党日与党课' className='ds-events'>
          {s.meetings.length === 0 && <Text className='ds-empty'>近四周暂无安排</Text>}
          <View className='ds-list'>
            {s.meetings.slice(0, 4).map((m) => (
              <View key={`${m.date}${m.title}${m.branchName}`} className='ds-event'>
                <Text className='ds-event__when'>{`${dayText(m.date)}${m.startTime ? ` ${m.startTime}` : ''}`}</Text>
                <Text className='ds-event__title'>{m.title.includes(MEETING_KIND_LABELS[m.kind]) ? m.title : `【${MEETING_KIND_LABELS[m.kind]}】${m.title}`}</Text>
                <Text className='ds-event__where'>{[m.branchName, m.place].filter(Boolean).join(' · ')}</Text>
              </View>
            ))}
          </View>
        </Panel>
        <Panel title='志愿服务活动' className='ds-events'>
          {s.activities.length === 0 && <Text className='ds-empty'>近四周暂无活动</Text>}
          <View className='ds-list'>
            {s.activities.slice(0, 4).map((a) => (
              <View key={`${a.startsAt}${a.title}`} className='ds-event'>
                <Text className='ds-event__when'>{`${instantDay(a.startsAt)} ${instantTime(a.startsAt)}–${instantTime(a.endsAt)}`}</Text>
                <Text className='ds-event__title'>{a.title}</Text>
                <Text className='ds-event__where'>{[a.organizer, a.place].filter(Boolean).join(' · ')}</Text>
              </View>
            ))}
          </View>
        </Panel>
      </View>
      <View className='ds-col'>
        <Panel title={`${s.year}年承诺践诺`} className='ds-pledges'>
          <View className='ds-big'>
            <Text className='ds-big__number'>{s.pledges.kept}</Text>
            <Text className='ds-big__unit'>项承诺已兑现</Text>
          </View>
          <View className='ds-list'>
            {s.pledges.latest.map((p) => (
              <View key={`${p.keptOn}${p.what}`} className='ds-pledge'>
                <Text className='ds-pledge__what'>{p.what}</Text>
                <Text className='ds-pledge__who'>{p.branchName}</Text>
              </View>
            ))}
          </View>
        </Panel>
        <Panel title={`${s.year}年志愿服务时长`} className='ds-hours'>
          <View className='ds-big'>
            <Text className='ds-big__number'>{s.hours.total}</Text>
            <Text className='ds-big__unit'>小时</Text>
          </View>
          <View className='ds-bars'>
            {s.hours.byMonth.map((m) => (
              <View key={m.month} className='ds-bar'>
                <Text className='ds-bar__value'>{m.hours ? String(m.hours) : ''}</Text>
                <View className='ds-bar__fill' style={{ height: `${Math.round((m.hours / maxHours) * 100)}%` }} />
                <Text className='ds-bar__month'>{`${Number(m.month.slice(5))}月`}</Text>
              </View>
            ))}
          </View>
        </Panel>
        {s.individuals && s.individuals.length > 0 && (
          <Panel title='个人积分榜（本人自愿公开）' className='ds-people'>
            {s.individuals.slice(0, 5).map((p) => (
              <View key={`${p.name}${p.branchName}`} className='ds-rank__row'>
                <Text className='ds-rank__no'>{p.rank}</Text>
                <Text className='ds-rank__name'>{p.name}</Text>
                <Text className='ds-rank__value'>{`${p.points} 分`}</Text>
              </View>
            ))}
          </Panel>
        )}
      </View>
    </View>
  );
}

export default function DisplayScreenPage() {
  const key = useRouter().params.key ?? '';
  const [view, setView] = useState<View_>({ status: 'loading' });
  const offset = useRef(0);

  useEffect(() => {
    if (!key) {
      setView({ status: 'refused', message: REFUSED });
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const r = await displayGet(decodeURIComponent(key));
      if (stopped) return;
      let next = 60;
      if (r.ok) {
        offset.current = new Date(r.data.now).getTime() - Date.now();
        next = r.data.refreshSec;
        setView({ status: 'ok', data: r.data, offline: false, at: Date.now() });
      } else if (r.error.code === 'NOT_FOUND' || r.error.code === 'INVALID_INPUT') {
        setView({ status: 'refused', message: REFUSED });
      } else {
        // Keep the last figures on screen; say so quietly; try again sooner.
        next = 20;
        setView((v) => (v.status === 'ok' ? { ...v, offline: true } : v));
      }
      timer = setTimeout(load, next * 1000);
    };
    void load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [key]);

  return (
    <View className='rp-page ds'>
      <View className='ds-head'>
        <View className='ds-head__titles'>
          <Text className='ds-head__park'>{view.status === 'ok' ? view.data.parkName : '红色园区'}</Text>
          <Text className='ds-head__title'>党建工作展示</Text>
        </View>
        <Clock offsetMs={offset.current} />
      </View>
      {view.status === 'loading' && (
        <View className='ds-calm'>
          <Text className='ds-calm__text'>正在加载…</Text>
        </View>
      )}
      {view.status === 'refused' && (
        <View className='ds-calm ds-calm--refused'>
          <Text className='ds-calm__text'>{view.message}</Text>
        </View>
      )}
      {view.status === 'ok' && <Board s={view.data} />}
      {view.status === 'ok' && (
        <View className='ds-foot'>
          <Text>{view.data.label}</Text>
          <Text>{view.offline ? '网络连接中断，显示的是上次的数据，正在重试' : `每分钟自动更新 · ${chinaFormat(new Date(view.at + offset.current), 'HH:mm')} 更新`}</Text>
        </View>
      )}
    </View>
  );
}
