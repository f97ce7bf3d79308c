// 会议: the branch's 主题党日 and 大党课 (meetings.list: coming ones first), scheduling one or a monthly /
// quarterly series (schedule-form.tsx), and per meeting the rotating check-in code as a QR
// (meetings.code, fetched again before it expires, like 亮码) — its text too in local mode, so a
// browser can check in — who came (meetings.attendance) with 补记签到 for someone without a phone or whose
// scan failed (meetings.markPresent: a reason, audited, the same points), 修改 and 取消 (edit-forms.tsx).
// A cancelled meeting stays listed, muted, with its reason.
import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ActionOutput, Branch } from '@shared/contract';
import { MEETING_KIND_LABELS, MEETING_REPEAT_LABELS } from '@shared/contract';
import { meetingTimeLabel } from '@shared/schedule';
import { chinaDateString } from '@shared/time';
import { BusyButton } from '../../../../components/BusyButton';
// Stylesheet order as on 亮码 (PageShell, QrCode, States), so the weapp CSS chunks agree.
import '../../../../components/PageShell';
import { QrCode } from '../../../../components/QrCode';
import { useRotatingCode } from '../../../../hooks/useRotatingCode';
import { type RefreshSlot, SecretaryFrame, useRefreshSlot } from '../../common/frame';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { go } from '../../../../services/nav';
import { isLocalMode } from '../../../../services/persona';
import { ErrorLines, Tag, chinaMinute } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { SEC } from '../../common/area';
import '../../common/study.scss';
import { CancelMeeting, EditMeeting, type Outcome } from './edit-forms';
import { ScheduleForm } from './schedule-form';
import { PhotoGrid } from '../../../../components/PhotoGrid';

type Meeting = ActionOutput<'study', 'meetings.list'>['meetings'][number];

function CheckInCode({ meetingId }: { meetingId: string }) {
  const { code, error, secondsLeft, retry: fetchCode } = useRotatingCode(useCallback(() => call('study', 'meetings.code', { meetingId }), [meetingId]));
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true });
  }, []);

  if (error?.code === 'MEETING_NOT_TODAY') return <Text className='rp-text meeting-not-today'>{error.message}。会议当天再点“签到码”。</Text>;
  if (error?.code === 'SIGN_IN_NOT_OPEN') return <Text className='rp-text meeting-not-today'>{error.message}。到时再点“签到码”。</Text>;
  if (error?.code === 'SIGN_IN_CLOSED') return <Text className='rp-text meeting-not-today'>{error.message}。没签上的人可以在“签到情况”里补记。</Text>;
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

/** 补记签到: one absent member marked present by hand, with a reason (required; kept in the audit log). */
function MarkPresent({ meetingId, person, onDone, onCancel }: { meetingId: string; person: { personId: string; name: string }; onDone: (line: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit();
  const save = async () => {
    const input = { meetingId, personId: person.personId, reason: reason.trim() };
    const r = await submit(reason.trim() ? null : '请填写补记原因', () => call('study', 'meetings.markPresent', input));
    if (!r) return;
    onDone(r.alreadyPresent ? `${r.name}已经签到过了。` : `已为${r.name}补记签到。${r.points ? `${r.points.text}。` : ''}`);
  };
  return (
    <View className='rp-confirm meeting-mark'>
      <Text className='rp-confirm__title'>为{person.name}补记签到</Text>
      <Input className='rp-input meeting-mark__reason' value={reason} maxlength={100} placeholder='原因，例如：没有智能手机、扫码失败' onInput={(e) => setReason(e.detail.value)} />
      <Text className='rp-muted'>补记会写入操作记录；积分和扫码签到一样。</Text>
      <ErrorLines error={error} />
      <View className='rp-row-actions rp-confirm__actions'>
        <Button className='rp-btn rp-btn--ghost meeting-mark__back' disabled={busy || undefined} onClick={onCancel}>
          不补记
        </Button>
        <BusyButton className='rp-btn meeting-mark__ok' busy={busy} busyText='正在补记…' onClick={save}>
          确认补记
        </BusyButton>
      </View>
    </View>
  );
}

function Attendance({ meetingId, onMarked }: { meetingId: string; onMarked: () => void }) {
  const { state, reload } = useRemote(() => call('study', 'meetings.attendance', { meetingId }));
  const [marking, setMarking] = useState<{ personId: string; name: string } | null>(null);
  const [marked, setMarked] = useState<string | null>(null);
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
                <Text className='rp-item__line'>{p.byHand ? `${p.byHand.by}补记：${p.byHand.reason}` : `${chinaMinute(p.at)} 签到`}</Text>
              </View>
              <Tag tone='green'>已到</Tag>
            </View>
          ))}
          {marked && (
            <View className='rp-done meeting-marked'>
              <Text className='rp-text'>{marked}</Text>
            </View>
          )}
          {state.data.absent.length > 0 && <Text className='rp-muted meeting-attendance__absent'>未到：{state.data.absent.map((p) => p.name).join('、')}</Text>}
          {state.data.absent.length > 0 && !state.data.meeting.cancelled && (
            <View className='meeting-attendance__mark'>
              <Text className='rp-muted'>没带手机或扫码失败的，可以点姓名补记签到：</Text>
              <View className='meeting-attendance__people'>
                {state.data.absent.map((p) => (
                  <Button
                    key={p.personId}
                    className='rp-btn rp-btn--ghost meeting-attendance__absent-person'
                    onClick={() => {
                      setMarked(null);
                      setMarking(p);
                    }}
                  >
                    {p.name}
                  </Button>
                ))}
              </View>
            </View>
          )}
          {marking && (
            <MarkPresent
              meetingId={meetingId}
              person={marking}
              onCancel={() => setMarking(null)}
              onDone={(line) => {
                setMarking(null);
                setMarked(line);
                void reload();
                onMarked(); // the list's 已签到 count
              }}
            />
          )}
          <Button className='rp-btn rp-btn--ghost meeting-attendance__reload' onClick={reload}>
            刷新签到情况
          </Button>
        </>
      )}
    </View>
  );
}

type Panel = 'code' | 'attendance' | 'edit' | 'cancel' | 'photos' | null;

/** Opens one of a meeting's panels (filled while open, `收起` closes it). */
function PanelButton(props: { name: NonNullable<Panel>; label: string; closeLabel?: string; open: Panel; onToggle: (p: Panel) => void }) {
  const on = props.open === props.name;
  return (
    <Button className={`rp-btn${on ? '' : ' rp-btn--ghost'} meetings-item__${props.name}`} onClick={() => props.onToggle(props.name)}>
      {on ? (props.closeLabel ?? '收起') : props.label}
    </Button>
  );
}

function MeetingItem({ m, today, onChanged, onMarked }: { m: Meeting; today: string; onChanged: (o: Outcome) => void; onMarked: () => void }) {
  const [panel, setPanel] = useState<Panel>(null);
  const toggle = (p: Panel) => setPanel(panel === p ? null : p);
  const done = (o: Outcome) => {
    setPanel(null);
    onChanged(o);
  };
  const cls = `rp-section meetings-item${m.cancelled ? ' meetings-item--cancelled' : ''}`;
  return (
    <View className={cls} data-meeting-id={m.id} data-date={m.date}>
      <Text className='rp-title meetings-item__title'>{m.title}</Text>
      <View className='meetings-item__tags'>
        {m.cancelled && <Tag tone='gray'>已取消</Tag>}
        <Tag tone={m.cancelled ? 'gray' : m.kind === 'partyDay' ? 'red' : 'gold'}>{MEETING_KIND_LABELS[m.kind]}</Tag>
        {m.seriesId !== null && m.repeat !== 'once' && <Tag tone='gray'>{MEETING_REPEAT_LABELS[m.repeat]}</Tag>}
      </View>
      <Text className='rp-muted meetings-item__when'>
        {m.date}
        {m.date === today ? '（今天）' : ''} {meetingTimeLabel(m)} · {m.place}
        {m.cancelled ? '' : ` · 已签到 ${m.attendees} 人`}
      </Text>
      {m.cancelled ? (
        <Text className='rp-text meetings-item__reason'>取消原因：{m.cancelReason ?? '未填写'}</Text>
      ) : (
        <>
          <View className='rp-row-actions st-actions'>
            <PanelButton name='code' label='签到码' closeLabel='收起签到码' open={panel} onToggle={toggle} />
            <PanelButton name='attendance' label='签到情况' open={panel} onToggle={toggle} />
          </View>
          <View className='rp-row-actions st-actions'>
            <PanelButton name='edit' label='修改' open={panel} onToggle={toggle} />
            <PanelButton name='cancel' label='取消' open={panel} onToggle={toggle} />
          </View>
          {panel === 'code' && <CheckInCode meetingId={m.id} />}
          {panel === 'attendance' && <Attendance meetingId={m.id} onMarked={onMarked} />}
          {panel === 'edit' && <EditMeeting m={m} onDone={done} onCancel={() => setPanel(null)} />}
          {panel === 'cancel' && <CancelMeeting m={m} onDone={done} onCancel={() => setPanel(null)} />}
          <View className='rp-row-actions st-actions'>
            <PanelButton name='photos' label='活动照片' closeLabel='收起照片' open={panel} onToggle={toggle} />
          </View>
          {panel === 'photos' && <PhotoGrid record={{ kind: 'meeting', id: m.id }} purposes={['photo', 'sheet']} />}
          {m.date <= today && (
            <Button className='rp-btn rp-btn--ghost meetings-item__record' onClick={() => go(`${SEC.record}?meetingId=${encodeURIComponent(m.id)}`)}>
              {m.recorded ? '查看和修改会议记录' : '填写会议记录'}
            </Button>
          )}
        </>
      )}
    </View>
  );
}

function Meetings({ branch, slot }: { branch: Branch; slot: RefreshSlot }) {
  const { state, reload } = useRemote(() => call('study', 'meetings.list', { branchId: branch.id }));
  slot.current = reload;
  const [adding, setAdding] = useState(false);
  const [outcome, setOutcome] = useState<(Outcome & { kind: 'created' | 'changed' }) | null>(null);
  const today = chinaDateString(new Date());
  // A change is made further down the list: bring its result into view.
  useEffect(() => {
    if (outcome?.kind === 'changed') void Taro.pageScrollTo({ selector: '.meeting-changed', duration: 200 }).catch(() => undefined);
  }, [outcome]);
  return (
    <>
      {adding ? (
        <ScheduleForm
          branch={branch}
          onCancel={() => setAdding(false)}
          onCreated={(r) => {
            setAdding(false);
            const n = r.meetings.length;
            setOutcome({
              kind: 'created',
              title: n > 1 ? `已安排 ${n} 次${MEETING_KIND_LABELS[r.meeting.kind]}` : '会议已安排',
              line: '会议当天点“签到码”，请大家扫码签到。',
            });
            void reload();
          }}
        />
      ) : (
        <Button
          className='rp-btn meetings-new'
          onClick={() => {
            setAdding(true);
            setOutcome(null);
          }}
        >
          安排主题党日 / 大党课
        </Button>
      )}
      {outcome && (
        <View className={`rp-done ${outcome.kind === 'created' ? 'meeting-created' : 'meeting-changed'}`}>
          <Text className='rp-done__title'>{outcome.title}</Text>
          <Text className='rp-text'>{outcome.line}</Text>
        </View>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
      {state.status === 'ok' && state.data.meetings.length === 0 && <Empty title='还没有安排会议' hint='点上面的按钮安排主题党日或大党课。' />}
      {state.status === 'ok' &&
        state.data.meetings.map((m) => (
          <MeetingItem
            key={`${m.id}|${m.date}|${String(m.cancelled)}`}
            m={m}
            today={today}
            onMarked={() => void reload()}
            onChanged={(o) => {
              setOutcome({ ...o, kind: 'changed' });
              void reload();
            }}
          />
        ))}
    </>
  );
}

export default function MeetingsPage() {
  const slot = useRefreshSlot();
  return <SecretaryFrame current={SEC.meetings} slot={slot}>{({ branch }) => <Meetings branch={branch} slot={slot} />}</SecretaryFrame>;
}
