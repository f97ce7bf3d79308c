// 会议: the branch's 主题党日 and 大党课 (meetings.list), scheduling one (meetings.create), and per
// meeting the rotating check-in code as a QR (meetings.code, fetched again before it expires, like
// 亮码) — its text too in local mode, so a browser can check in — and who came (meetings.attendance).
import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ActionInput, ActionOutput, Branch } from '@shared/contract';
import { MEETING_KINDS, MEETING_KIND_LABELS } from '@shared/contract';
import { chinaDateString } from '@shared/time';
// Stylesheet order as on 亮码 (PageShell, QrCode, States), so the weapp CSS chunks agree.
import '../../../../components/PageShell';
import { QrCode } from '../../../../components/QrCode';
import { useRotatingCode } from '../../../../hooks/useRotatingCode';
import { type RefreshSlot, SecretaryFrame, useRefreshSlot } from '../../common/frame';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call, validate } from '../../../../services/api';
import { isLocalMode } from '../../../../services/persona';
import { ErrorLines, Field, Tag, chinaMinute } from '../../../ui';
import { Choice, useSubmit } from '../../../ui/form';
import { SEC } from '../../common/area';
import '../../common/study.scss';

type Meeting = ActionOutput<'study', 'meetings.list'>['meetings'][number];
type Kind = Meeting['kind'];

function CheckInCode({ meetingId }: { meetingId: string }) {
  const { code, error, secondsLeft, retry: fetchCode } = useRotatingCode(useCallback(() => call('study', 'meetings.code', { meetingId }), [meetingId]));
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true });
  }, []);

  if (error?.code === 'MEETING_NOT_TODAY') return <Text className='rp-text meeting-not-today'>{error.message}。会议当天再点“签到码”。</Text>;
  if (error) return <ErrorState message={error.message} onRetry={fetchCode} />;
  if (!code) return <Loading text='正在生成签到码…' />;
  return (
    <View className='st-qr meeting-qr'>
      <QrCode text={code.code} size={520} />
      <Text className='rp-text'>签到码 {secondsLeft} 秒后刷新</Text>
      <Text className='rp-muted st-center'>请党员打开红色园区小程序扫码签到。截图无效。</Text>
      {isLocalMode() && (
        <View className='meeting-local'>
          <Text className='rp-muted'>本地演示：签到码文字</Text>
          <Text className='st-code meeting-code' selectable userSelect>
            {code.code}
          </Text>
        </View>
      )}
    </View>
  );
}

function Attendance({ meetingId }: { meetingId: string }) {
  const { state, reload } = useRemote(() => call('study', 'meetings.attendance', { meetingId }));
  return (
    <View className='meeting-attendance'>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
      {state.status === 'ok' && (
        <>
          <Text className='rp-text meeting-attendance__count'>
            已签到 {state.data.present.length} 人，未到 {state.data.absent.length} 人
          </Text>
          {state.data.present.map((p) => (
            <View key={p.personId} className='rp-item meeting-attendance__present'>
              <View className='rp-item__body'>
                <Text className='rp-item__name'>{p.name}</Text>
                <Text className='rp-item__line'>{chinaMinute(p.at)} 签到</Text>
              </View>
              <Tag tone='green'>已到</Tag>
            </View>
          ))}
          {state.data.absent.length > 0 && <Text className='rp-muted meeting-attendance__absent'>未到：{state.data.absent.map((p) => p.name).join('、')}</Text>}
          <Button className='rp-btn rp-btn--ghost meeting-attendance__reload' onClick={reload}>
            刷新签到情况
          </Button>
        </>
      )}
    </View>
  );
}

type Panel = 'code' | 'attendance' | null;

function MeetingItem({ m, today }: { m: Meeting; today: string }) {
  const [panel, setPanel] = useState<Panel>(null);
  const toggle = (p: Panel) => setPanel(panel === p ? null : p);
  return (
    <View className='rp-section meetings-item' data-meeting-id={m.id}>
      <View className='rp-section-head'>
        <Text className='rp-title'>{m.title}</Text>
        <Tag tone={m.kind === 'partyDay' ? 'red' : 'gold'}>{MEETING_KIND_LABELS[m.kind]}</Tag>
      </View>
      <Text className='rp-muted'>
        {m.date}
        {m.date === today ? '（今天）' : ''} · {m.place} · 已签到 {m.attendees} 人
      </Text>
      <View className='rp-row-actions st-actions'>
        <Button className={`rp-btn${panel === 'code' ? '' : ' rp-btn--ghost'} meetings-item__code`} onClick={() => toggle('code')}>
          {panel === 'code' ? '收起签到码' : '签到码'}
        </Button>
        <Button className={`rp-btn${panel === 'attendance' ? '' : ' rp-btn--ghost'} meetings-item__attendance`} onClick={() => toggle('attendance')}>
          {panel === 'attendance' ? '收起' : '签到情况'}
        </Button>
      </View>
      {panel === 'code' && <CheckInCode meetingId={m.id} />}
      {panel === 'attendance' && <Attendance meetingId={m.id} />}
    </View>
  );
}

function NewMeeting({ branch, onCreated, onCancel }: { branch: Branch; onCreated: () => void; onCancel: () => void }) {
  const [kind, setKind] = useState<Kind>('partyDay');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(() => chinaDateString(new Date()));
  const [place, setPlace] = useState('');
  const { busy, error, submit } = useSubmit();
  const save = async () => {
    const input: ActionInput<'study', 'meetings.create'> = { branchId: branch.id, kind, title: title.trim(), date: date.trim(), place: place.trim() };
    const r = await submit(validate('study', 'meetings.create', input), () => call('study', 'meetings.create', input));
    if (r) onCreated();
  };
  return (
    <View className='rp-section meeting-form'>
      <Text className='rp-title'>安排会议</Text>
      <Field label='类型'>
        {MEETING_KINDS.map((k) => (
          <Choice key={k} className={`meeting-form__kind--${k}`} on={kind === k} title={MEETING_KIND_LABELS[k]} onClick={() => setKind(k)} />
        ))}
      </Field>
      <Field label='主题' hint='最多 60 个字'>
        <Input className='rp-input meeting-form__title' value={title} maxlength={60} placeholder='例如：重温入党誓词' onInput={(e) => setTitle(e.detail.value)} />
      </Field>
      <Field label='日期' hint='写成 2026-11-30；签到码只在当天能用'>
        <Input className='rp-input meeting-form__date' value={date} maxlength={10} onInput={(e) => setDate(e.detail.value)} />
      </Field>
      <Field label='地点'>
        <Input className='rp-input meeting-form__place' value={place} maxlength={60} placeholder='例如：党群服务中心二楼' onInput={(e) => setPlace(e.detail.value)} />
      </Field>
      <ErrorLines error={error} />
      <BusyButton className='rp-btn meeting-form__submit' busy={busy} busyText='正在保存…' onClick={save}>
        保存
      </BusyButton>
      <Button className='rp-btn rp-btn--ghost meeting-form__cancel' onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}

function Meetings({ branch, slot }: { branch: Branch; slot: RefreshSlot }) {
  const { state, reload } = useRemote(() => call('study', 'meetings.list', { branchId: branch.id }));
  slot.current = reload;
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState(false);
  const today = chinaDateString(new Date());
  return (
    <>
      {adding ? (
        <NewMeeting
          branch={branch}
          onCancel={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            setCreated(true);
            void reload();
          }}
        />
      ) : (
        <Button
          className='rp-btn meetings-new'
          onClick={() => {
            setAdding(true);
            setCreated(false);
          }}
        >
          安排主题党日 / 大党课
        </Button>
      )}
      {created && (
        <View className='rp-done meeting-created'>
          <Text className='rp-done__title'>会议已安排</Text>
          <Text className='rp-text'>会议当天点“签到码”，请大家扫码签到。</Text>
        </View>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
      {state.status === 'ok' && state.data.meetings.length === 0 && <Empty title='还没有安排会议' hint='点上面的按钮安排主题党日或大党课。' />}
      {state.status === 'ok' && state.data.meetings.map((m) => <MeetingItem key={m.id} m={m} today={today} />)}
    </>
  );
}

export default function MeetingsPage() {
  const slot = useRefreshSlot();
  return <SecretaryFrame current={SEC.meetings} slot={slot}>{({ branch }) => <Meetings branch={branch} slot={slot} />}</SecretaryFrame>;
}
