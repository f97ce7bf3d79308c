// 班次名单 (?shiftId=&activityId=): one shift on the day and after. The roster (shifts.roster): 已报名 in
// the order they got their seat, 候补 in line, sign-in and sign-out times, the hours the rule gives with
// its reason, 未到场 after the end, and rows the timer closed flagged 需核对. The tools, one open at a time:
// 签到码 (the rotating signed QR, big, for a phone or a screen; its text too in local mode), 扫亮码签到 (scan
// a volunteer's member card for someone who cannot scan: Taro.scanCode, a text field in H5), 手工登记 (a
// person from the roster or found by name, sign-in / sign-out times from pickers, a reason) and 确认时长
// (corrections per person with a reason, then the confirmed hours, which give points).
import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { ActionInput, ActionOutput } from '@shared/contract';
import { chinaDateString, chinaDateTimeString } from '@shared/time';
import { PageShell } from '../../../../components/PageShell';
import { QrCode } from '../../../../components/QrCode';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { BusyButton } from '../../../../components/BusyButton';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { useRotatingCode } from '../../../../hooks/useRotatingCode';
import { call } from '../../../../services/api';
import { ROUTES, go } from '../../../../services/nav';
import { isLocalMode } from '../../../../services/persona';
import { scanQrCode } from '../../../../services/wx-privacy';
import { clockOf, hoursText, rangeText, seatsText, shiftTime } from '../../../../utils/volunteer';
import { ErrorLines, Field, Tag } from '../../../ui';
import { Choice, Confirm, useSubmit } from '../../../ui/form';
import { param } from '../../common/area';
import { DatePick, TimePick } from '../../../../components/Pickers';
import { ShiftRatings } from './ratings';
import '../../common/organizer.scss';

type Roster = ActionOutput<'volunteer', 'shifts.roster'>;
type Row = Roster['rows'][number];
type Panel = 'code' | 'card' | 'mark' | 'confirm' | null;

/** Where a person stands on the shift, for the organizer. */
function rowState(r: Row, ended: boolean): { label: string; tone: 'red' | 'green' | 'gray' | 'gold' } {
  if (r.status === 'waitlist') return { label: `候补第 ${r.waitPosition ?? '?'} 位`, tone: 'gold' };
  if (r.confirmedHours !== null) return { label: `已确认 ${hoursText(r.confirmedHours)} 小时`, tone: 'green' };
  if (r.signedOutAt) return { label: `已签退 ${clockOf(r.signedOutAt)}`, tone: 'green' };
  if (r.signedInAt) return { label: `已签到 ${clockOf(r.signedInAt)}`, tone: 'green' };
  return ended ? { label: '未到场', tone: 'gray' } : { label: '未签到', tone: 'red' };
}

const needsReview = (r: Row) => r.signOutBy === 'timer' && r.confirmedHours === null;

function RosterRow({ r, ended, onMark }: { r: Row; ended: boolean; onMark?: () => void }) {
  const state = rowState(r, ended);
  return (
    <View className={`og-row sh-row${needsReview(r) ? ' og-row--review sh-row--review' : ''}`} data-person-id={r.personId}>
      <View className='og-row__head'>
        <Text className='og-row__name'>{r.name}</Text>
        <Tag tone={state.tone}>{state.label}</Tag>
        {needsReview(r) && <Tag tone='gold'>需核对</Tag>}
        {r.signOutBy === 'organizer' && <Tag>负责人登记</Tag>}
      </View>
      <Text className='og-row__line'>{r.branchName}</Text>
      {r.hoursNote && <Text className='og-note sh-row__note'>{r.hoursNote}</Text>}
      {r.confirmedHours !== null && r.confirmedHours !== (r.hours ?? 0) && (
        <Text className='og-row__line sh-row__corrected'>
          按规则计 {hoursText(r.hours ?? 0)} 小时，负责人确认为 {hoursText(r.confirmedHours)} 小时
        </Text>
      )}
      {needsReview(r) && <Text className='og-warn'>没有扫码签退：系统按班次结束时间记为签退，请核对后确认，或用“手工登记”改成实际时间。</Text>}
      {r.manualReason && <Text className='og-row__line'>手工登记：{r.manualReason}</Text>}
      {onMark && (
        <Text className='rp-link sh-row__mark' onClick={onMark}>
          登记 / 改时间
        </Text>
      )}
    </View>
  );
}

function CodePanel({ shiftId }: { shiftId: string }) {
  const { code, error, secondsLeft, retry } = useRotatingCode(useCallback(() => call('volunteer', 'shifts.code', { shiftId }), [shiftId]));
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true });
  }, []);
  if (error?.code === 'SIGN_IN_NOT_OPEN' || error?.code === 'SIGN_IN_CLOSED') return <Text className='og-warn sh-code__closed'>{error.message}</Text>;
  if (error) return <ErrorState message={error.message} onRetry={retry} />;
  if (!code) return <Loading text='正在生成签到码…' />;
  return (
    <View className='og-qr sh-code'>
      <QrCode text={code.code} size={620} />
      <Text className='rp-text'>签到码 {secondsLeft} 秒后刷新</Text>
      <Text className='rp-muted og-center'>请志愿者打开红色园区小程序，在“志愿”页点“扫码签到 / 签退”扫这个码。到场扫一次签到，离开时再扫一次签退。截图无效。</Text>
      <Text className='rp-muted og-center'>可扫码时间：{rangeText(code.opensAt, code.closesAt)}</Text>
      {isLocalMode() && (
        <View className='sh-local'>
          <Text className='rp-muted'>本地演示：签到码文字</Text>
          <Text className='og-code sh-code__text' selectable userSelect>
            {code.code}
          </Text>
        </View>
      )}
    </View>
  );
}

function CardPanel({ shiftId, onDone }: { shiftId: string; onDone: () => void }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit();
  const send = async (cardCode: string) => {
    setResult(null);
    const r = await submit(cardCode.trim() ? null : '请先扫码或粘贴身份码', () => call('volunteer', 'shifts.scanCard', { shiftId, cardCode: cardCode.trim() }));
    if (!r) return;
    setText('');
    setResult(`${r.name}：${r.message}`);
    onDone();
  };
  const scan = async () => {
    const code = await scanQrCode(); // null: closed, or WeChat's privacy agreement refused
    if (code) await send(code);
  };
  return (
    <View className='sh-card'>
      <Text className='rp-muted'>志愿者没法扫码时（手机没电、不会用），请他在“我的”里点“亮码”，您扫他的身份码，帮他签到或签退。</Text>
      {result && <Text className='og-note sh-card__result'>{result}</Text>}
      <ErrorLines error={error} />
      {process.env.TARO_ENV === 'weapp' ? (
        <BusyButton className='rp-btn sh-card__scan' busy={busy} busyText='正在登记…' onClick={scan}>
          扫志愿者的亮码
        </BusyButton>
      ) : (
        <>
          <Text className='rp-muted'>本地演示：把志愿者“亮码”页上的身份码文字粘贴到这里。</Text>
          <Textarea className='rp-textarea sh-card__input' value={text} maxlength={500} placeholder='在这里粘贴身份码' onInput={(e) => setText(e.detail.value)} />
          <BusyButton className='rp-btn sh-card__send' busy={busy} busyText='正在登记…' onClick={() => send(text)}>
            帮他签到 / 签退
          </BusyButton>
        </>
      )}
    </View>
  );
}

type Person = { personId: string; name: string; branchName: string };

function MarkPanel({ roster, initial, onDone }: { roster: Roster; initial: Person | null; onDone: (line: string) => void }) {
  const shift = roster.shift;
  const [person, setPerson] = useState<Person | null>(initial);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ActionOutput<'volunteer', 'shifts.findPeople'>['people'] | null>(null);
  const startWall = chinaDateTimeString(new Date(shift.start));
  const endWall = chinaDateTimeString(new Date(shift.end));
  const row = roster.rows.find((r) => r.personId === person?.personId);
  const wall = (iso: string | null | undefined, fallback: string) => (iso ? chinaDateTimeString(new Date(iso)) : fallback);
  const [inDate, setInDate] = useState(wall(row?.signedInAt, startWall).slice(0, 10));
  const [inTime, setInTime] = useState(wall(row?.signedInAt, startWall).slice(11));
  const [out, setOut] = useState(true);
  const [outDate, setOutDate] = useState(wall(row?.signedOutAt, endWall).slice(0, 10));
  const [outTime, setOutTime] = useState(wall(row?.signedOutAt, endWall).slice(11));
  const [reason, setReason] = useState('');
  const finder = useSubmit();
  const { busy, error, submit } = useSubmit();
  const year = chinaDateString(new Date()).slice(0, 4);

  const choose = (p: Person) => {
    setPerson(p);
    const r = roster.rows.find((x) => x.personId === p.personId);
    const i = wall(r?.signedInAt, startWall);
    const o = wall(r?.signedOutAt, endWall);
    setInDate(i.slice(0, 10));
    setInTime(i.slice(11));
    setOutDate(o.slice(0, 10));
    setOutTime(o.slice(11));
  };
  const find = async () => {
    const r = await finder.submit(search.trim() ? null : '请输入姓名（开头一两个字也行）', () => call('volunteer', 'shifts.findPeople', { shiftId: shift.id, name: search.trim() }));
    if (r) setFound(r.people);
  };
  const save = async () => {
    if (!person) return;
    const input: ActionInput<'volunteer', 'shifts.markPresent'> = {
      shiftId: shift.id, personId: person.personId, signedInAt: `${inDate} ${inTime}`, signedOutAt: out ? `${outDate} ${outTime}` : null, reason: reason.trim(),
    };
    const problem = !reason.trim() ? '请填写原因，例如“手机没电，现场登记”' : out && input.signedOutAt! <= input.signedInAt ? '签退要晚于签到' : null;
    const r = await submit(problem, () => call('volunteer', 'shifts.markPresent', input));
    if (!r) return;
    onDone(`已登记 ${r.row.name}：${r.row.hoursNote ?? '已签到'}`);
  };

  const registered = roster.rows.filter((r) => r.status === 'registered');
  return (
    <View className='sh-mark'>
      <Text className='rp-muted'>给没带手机的人登记，或者改正签到、签退时间。登记会记入操作日志。</Text>
      <Field label='登记谁'>
        {registered.length > 0 && <Text className='og-pick-label'>名单里的人</Text>}
        {registered.map((r) => (
          <Choice key={r.personId} className='sh-mark__person' on={person?.personId === r.personId} title={r.name} hint={r.branchName} onClick={() => choose(r)} />
        ))}
        <Text className='og-pick-label'>不在名单里的人（现场来的）：按姓名找</Text>
        <View className='og-pick-row'>
          <Input className='rp-input sh-mark__search' value={search} maxlength={20} placeholder='姓名' onInput={(e) => setSearch(e.detail.value)} />
          <BusyButton className='rp-btn rp-btn--ghost sh-mark__find' busy={finder.busy} busyText='正在找…' onClick={find}>
            查找
          </BusyButton>
        </View>
        <ErrorLines error={finder.error} />
        {found && found.length === 0 && <Text className='rp-muted sh-mark__none'>没有找到能参加这个活动的人，请核对姓名。</Text>}
        {found
          ?.filter((p) => !registered.some((r) => r.personId === p.personId))
          .map((p) => (
            <Choice key={p.personId} className='sh-mark__found' on={person?.personId === p.personId} title={p.name} hint={`${p.branchName}${p.onRoster ? ' · 在候补名单里' : ''}`} onClick={() => choose(p)} />
          ))}
      </Field>
      {person && (
        <>
          <Field label={`${person.name}的签到时间`}>
            <View className='og-pick-row og-pick-row--date'>
              <DatePick className='sh-mark__in-date' value={inDate} thisYear={year} onChange={setInDate} />
              <TimePick className='sh-mark__in-time' value={inTime} onChange={setInTime} />
            </View>
          </Field>
          <Field label='签退时间'>
            <Choice className='sh-mark__no-out' tick on={!out} title='还没有签退' hint='离开时再扫码签退或再登记' onClick={() => setOut(!out)} />
            {out && (
              <View className='og-pick-row og-pick-row--date'>
                <DatePick className='sh-mark__out-date' value={outDate} thisYear={year} onChange={setOutDate} />
                <TimePick className='sh-mark__out-time' value={outTime} onChange={setOutTime} />
              </View>
            )}
          </Field>
          <Field label='原因'>
            <Input className='rp-input sh-mark__reason' value={reason} maxlength={100} placeholder='例如：手机没电，现场登记' onInput={(e) => setReason(e.detail.value)} />
          </Field>
          <ErrorLines error={error} />
          <BusyButton className='rp-btn sh-mark__save' busy={busy} busyText='正在登记…' onClick={save}>
            登记
          </BusyButton>
        </>
      )}
    </View>
  );
}

type Fix = { hours: string; reason: string };

function ConfirmPanel({ roster, onDone }: { roster: Roster; onDone: (r: ActionOutput<'volunteer', 'shifts.confirm'>) => void }) {
  const rows = roster.rows.filter((r) => r.status === 'registered');
  const [fixes, setFixes] = useState<Record<string, Fix>>({});
  const [confirming, setConfirming] = useState(false);
  const { busy, error, setError, submit } = useSubmit();
  const max = (Date.parse(roster.shift.end) - Date.parse(roster.shift.start)) / 3_600_000;
  const hoursOf = (r: Row) => (fixes[r.personId] ? Number(fixes[r.personId]!.hours) : (r.hours ?? 0));
  const total = rows.reduce((n, r) => n + (Number.isFinite(hoursOf(r)) ? hoursOf(r) : 0), 0);

  const corrections = (): ActionInput<'volunteer', 'shifts.confirm'>['corrections'] | string => {
    const out = [];
    for (const [personId, f] of Object.entries(fixes)) {
      const name = rows.find((r) => r.personId === personId)?.name ?? '';
      const h = Number(f.hours);
      if (f.hours.trim() === '' || !Number.isFinite(h) || h < 0) return `请填写${name}的时长（小时，可以有小数）`;
      if (h > max) return `${name}的时长不能超过班次的 ${hoursText(max)} 小时`;
      if (!f.reason.trim()) return `请填写修改${name}时长的原因`;
      out.push({ personId, hours: h, reason: f.reason.trim() });
    }
    return out;
  };
  const send = async () => {
    const c = corrections();
    const r = await submit(typeof c === 'string' ? c : null, () => call('volunteer', 'shifts.confirm', { shiftId: roster.shift.id, corrections: typeof c === 'string' ? [] : c }));
    setConfirming(false);
    if (r) onDone(r);
  };

  if (rows.length === 0) return <Text className='rp-muted'>这个班次没有报名的人，不用确认。</Text>;
  return (
    <View className='sh-confirm'>
      <Text className='rp-muted'>班次结束后确认。下面是按规则算出的时长；和实际不符的，点“修改”填上实际时长和原因。确认后计入志愿时长和积分，不能再改。</Text>
      {rows.map((r) => {
        const f = fixes[r.personId];
        return (
          <View key={r.personId} className='og-row sh-confirm__row' data-person-id={r.personId}>
            <View className='og-row__head'>
              <Text className='og-row__name'>{r.name}</Text>
              <Text className='sh-confirm__hours'>{f ? `改为 ${f.hours || '?'} 小时` : `${hoursText(r.hours ?? 0)} 小时`}</Text>
              {needsReview(r) && <Tag tone='gold'>需核对</Tag>}
            </View>
            <Text className='og-row__line'>{r.hoursNote ?? '没有签到'}</Text>
            {f ? (
              <>
                <Text className='og-pick-label'>实际时长（小时）和修改原因</Text>
                <View className='og-pick-row'>
                  <Input
                    className='rp-input sh-confirm__fix-hours'
                    type='digit'
                    value={f.hours}
                    maxlength={5}
                    placeholder='小时'
                    onInput={(e) => setFixes({ ...fixes, [r.personId]: { ...f, hours: e.detail.value.replace(/[^\d.]/g, '') } })}
                  />
                  <Button
                    className='rp-btn rp-btn--ghost sh-confirm__unfix'
                    onClick={() => {
                      const { [r.personId]: _, ...rest } = fixes;
                      setFixes(rest);
                    }}
                  >
                    不改了
                  </Button>
                </View>
                <Input className='rp-input sh-confirm__fix-reason' value={f.reason} maxlength={100} placeholder='修改原因，例如：提前离开，已核实' onInput={(e) => setFixes({ ...fixes, [r.personId]: { ...f, reason: e.detail.value } })} />
              </>
            ) : (
              <Text className='rp-link sh-confirm__fix' onClick={() => setFixes({ ...fixes, [r.personId]: { hours: hoursText(r.hours ?? 0), reason: '' } })}>
                修改
              </Text>
            )}
          </View>
        );
      })}
      <ErrorLines error={error} />
      {confirming ? (
        <Confirm
          className='sh-confirm__confirm'
          title='确认这个班次的时长？'
          lines={[`${rows.length} 人，共 ${hoursText(total)} 小时${Object.keys(fixes).length ? `，其中修改 ${Object.keys(fixes).length} 人` : ''}。`, '确认后计入志愿时长和积分，不能再改。']}
          okText='确认时长'
          busy={busy}
          onOk={send}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <BusyButton
          className='rp-btn sh-confirm__go'
          busy={busy}
          busyText='正在确认…'
          onClick={() => {
            const c = corrections();
            if (typeof c === 'string') return setError(c);
            setError(null);
            setConfirming(true);
          }}
        >
          确认时长
        </BusyButton>
      )}
    </View>
  );
}

function PanelButton(props: { name: NonNullable<Panel>; label: string; open: Panel; onToggle: (p: Panel) => void }) {
  const on = props.open === props.name;
  return (
    <Button className={`rp-btn${on ? '' : ' rp-btn--ghost'} sh-tool sh-tool--${props.name}`} onClick={() => props.onToggle(props.name)}>
      {on ? '收起' : props.label}
    </Button>
  );
}

function ShiftView({ roster, reload }: { roster: Roster; reload: () => Promise<unknown> }) {
  const [panel, setPanel] = useState<Panel>(null);
  const [marking, setMarking] = useState<Person | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const { activity: a, shift } = roster;
  const ended = Date.now() >= Date.parse(shift.end);
  const registered = roster.rows.filter((r) => r.status === 'registered');
  const waiting = roster.rows.filter((r) => r.status === 'waitlist');
  const present = registered.filter((r) => r.signedInAt).length;
  const toggle = (p: Panel) => {
    setPanel(panel === p ? null : p);
    setMarking(null);
    setOutcome(null);
  };
  const changed = (line: string | null) => {
    if (line) setOutcome(line);
    markStale();
    void reload();
  };

  return (
    <>
      <View className='rp-section sh-head'>
        <Text className='rp-muted'>{a.scope === 'park' ? '全园区活动' : (a.branch?.name ?? '支部活动')}</Text>
        <Text className='og-item__title'>{a.title}</Text>
        <Text className='rp-text sh-head__time'>
          {shiftTime(shift)}
          {shift.role ? ` · ${shift.role}` : ''}
        </Text>
        <Text className='rp-muted'>地点：{a.place}</Text>
        {!ended && <Text className='rp-muted'>{seatsText(shift)}</Text>}
        <Text className='rp-text sh-head__count'>
          已报名 {registered.length} 人 · 已签到 {present} 人{waiting.length ? ` · 候补 ${waiting.length} 人` : ''}
        </Text>
        {shift.confirmed && <Text className='og-note sh-confirmed'>✓ 时长已确认</Text>}
        {roster.needsReview > 0 && !shift.confirmed && <Text className='og-warn sh-head__review'>有 {roster.needsReview} 人没有扫码签退，需核对</Text>}
      </View>

      <View className='rp-section sh-tools'>
        {!shift.confirmed && (
          <View className='rp-row-actions'>
            <PanelButton name='code' label='显示签到码' open={panel} onToggle={toggle} />
            <PanelButton name='card' label='扫亮码签到' open={panel} onToggle={toggle} />
          </View>
        )}
        {shift.confirmed && !outcome && <Text className='rp-muted'>这个班次的时长已经确认，计入了志愿时长和积分。</Text>}
        {!shift.confirmed && (
          <View className='rp-row-actions'>
            <PanelButton name='mark' label='手工登记' open={panel} onToggle={toggle} />
            <PanelButton name='confirm' label='确认时长' open={panel} onToggle={toggle} />
          </View>
        )}
        {outcome && <Text className='og-note sh-outcome'>{outcome}</Text>}
        {panel === 'code' && <CodePanel shiftId={shift.id} />}
        {panel === 'card' && <CardPanel shiftId={shift.id} onDone={() => changed(null)} />}
        {panel === 'mark' && (
          <MarkPanel
            key={marking?.personId ?? 'none'}
            roster={roster}
            initial={marking}
            onDone={(line) => {
              setPanel(null);
              setMarking(null);
              changed(line);
            }}
          />
        )}
        {panel === 'confirm' && (
          <ConfirmPanel
            roster={roster}
            onDone={(r) => {
              setPanel(null);
              changed(`已确认：${r.confirmed} 人，共 ${hoursText(r.hours)} 小时。积分已记入各人的“我的积分”。`);
            }}
          />
        )}
      </View>

      <View className='rp-section sh-roster'>
        <Text className='rp-title'>已报名（{registered.length}）</Text>
        {registered.length === 0 && <Text className='rp-muted'>还没有人报名。</Text>}
        {registered.map((r) => (
          <RosterRow
            key={r.personId}
            r={r}
            ended={ended}
            onMark={
              shift.confirmed
                ? undefined
                : () => {
                    setMarking(r);
                    setPanel('mark');
                    setOutcome(null);
                    void Taro.pageScrollTo({ selector: '.sh-tools', duration: 200 }).catch(() => undefined);
                  }
            }
          />
        ))}
      </View>
      {waiting.length > 0 && (
        <View className='rp-section sh-waitlist'>
          <Text className='rp-title'>候补（{waiting.length}）</Text>
          <Text className='rp-muted'>有人取消时，按顺序自动递补并通知本人。</Text>
          {waiting.map((r) => (
            <RosterRow key={r.personId} r={r} ended={ended} />
          ))}
        </View>
      )}
      {ended && <ShiftRatings roster={roster} />}
      <Button className='rp-btn rp-btn--ghost sh-reload' onClick={() => void reload()}>
        刷新名单
      </Button>
      <Button className='rp-btn rp-btn--ghost sh-view' onClick={() => go(`${ROUTES.volunteerActivity}?activityId=${encodeURIComponent(a.id)}`)}>
        查看活动页
      </Button>
    </>
  );
}

export default function ShiftPage() {
  const shiftId = param(useRouter().params.shiftId);
  const { state, reload } = useRemote(() => call('volunteer', 'shifts.roster', { shiftId }), { skip: !shiftId });
  return (
    <PageShell onRefresh={shiftId ? reload : undefined}>
      <View className='rp-body sh-page'>
        {!shiftId ? (
          <Empty
            title='没有指定班次'
            hint='请在“组织活动”的活动列表里，点班次旁边的“名单 · 签到”打开。'
            action={
              <Button className='rp-btn' onClick={() => go(ROUTES.organizerActivities)}>
                去组织活动
              </Button>
            }
          />
        ) : (
          <>
            {state.status === 'loading' && <Loading />}
            {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
            {state.status === 'ok' && <ShiftView roster={state.data} reload={reload} />}
          </>
        )}
      </View>
    </PageShell>
  );
}
