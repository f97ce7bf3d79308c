// 新建活动 and 修改活动 (?activityId=). The form: title, content (the same blocks as a study topic, with
// topic-new's block editor), category, place, who may join, the scope (全园区 for organizers; one of their
// branches for secretaries; a park admin either), the recruiting window, until when people may cancel,
// the contact, the risk notice and 已投保, the hours rule (presence share and rounding, in words) and the
// shifts (add / remove; date and times from the pickers, never typed; seats; an optional role).
// Checked on the phone with the contract's schema, each problem shown under its field; then 保存草稿 or
// 发布 (with a confirmation). Changing a published activity says that people signed up are told, and
// after saving how many were. Nothing typed is lost when the function refuses.
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { ApiError, ApiReply } from '@shared/contract';
import { AUDIENCE_LABELS, VOLUNTEER_CATEGORIES, VOLUNTEER_CATEGORY_LABELS } from '@shared/contract/volunteer';
import { chinaDateString } from '@shared/time';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { ROUTES } from '../../../../services/nav';
import { hoursRuleText } from '../../../../utils/volunteer';
import { ErrorLines, Field } from '../../../ui';
import { Choice, Confirm, digits } from '../../../ui/form';
import { Blocks } from '../../../secretary/pages/topic-new/parts';
import { ORG, type OrganizerArea, loadArea, param } from '../../common/area';
import { DatePick, TimePick, dateFace, timeFace } from '../../../../components/Pickers';
import '../../../secretary/common/study.scss';
import '../../common/organizer.scss';
import { PhotoGrid } from '../../../../components/PhotoGrid';
import {
  type Activity, type ShiftDraft, type Values, PRESENCE_CHOICES, ROUND_CHOICES, addDays, firstStart, fromActivity, initial, isOvernight, newShift,
  problemUnder, problems, recruitUntil, toCreate, toUpdate,
} from './values';

type Mode = { kind: 'new' } | { kind: 'edit'; activity: Activity };
type Done = { title: string; line: string; activityId: string };

/** "12月5日 周六 9:00" from "2026-12-05 09:00". */
const wallFace = (t: string, year: string) => (t ? `${dateFace(t.slice(0, 10), year)} ${timeFace(t.slice(11))}` : '');

function ShiftEditor(props: { s: ShiftDraft; index: number; count: number; today: string; year: string; error: string | null; onChange: (s: ShiftDraft) => void; onRemove: () => void }) {
  const { s, index, count, today, year, error, onChange, onRemove } = props;
  const set = (p: Partial<ShiftDraft>) => onChange({ ...s, ...p });
  return (
    <View className='og-shift-edit af-shift' data-index={index}>
      <View className='og-shift-edit__head'>
        <Text className='og-shift-edit__name'>班次 {index + 1}</Text>
        {count > 1 && s.taken === 0 && (
          <Button className='rp-btn rp-btn--ghost rp-btn--inline og-mini af-shift__remove' onClick={onRemove}>
            删除
          </Button>
        )}
      </View>
      <Text className='og-pick-label'>日期</Text>
      <DatePick className='af-shift__date' value={s.date} start={today} thisYear={year} onChange={(date) => set({ date })} />
      <View className='og-pick-row'>
        <View>
          <Text className='og-pick-label'>开始</Text>
          <TimePick className='af-shift__start' value={s.start} onChange={(start) => set({ start })} />
        </View>
        <View>
          <Text className='og-pick-label'>结束</Text>
          <TimePick className='af-shift__end' value={s.end} suffix={isOvernight(s) ? '次日' : undefined} onChange={(end) => set({ end })} />
        </View>
      </View>
      <View className='og-pick-row'>
        <View>
          <Text className='og-pick-label'>名额（人）</Text>
          <Input
            className='rp-input af-shift__capacity'
            type='number'
            value={s.capacity}
            maxlength={4}
            onInput={(e) => {
              const d = digits(e.detail.value, 4);
              set({ capacity: d });
              return d;
            }}
          />
        </View>
        <View>
          <Text className='og-pick-label'>岗位（可不填）</Text>
          <Input className='rp-input af-shift__role' value={s.role} maxlength={20} placeholder='如 引导、讲解' onInput={(e) => set({ role: e.detail.value })} />
        </View>
      </View>
      {s.taken > 0 && <Text className='rp-muted'>已有 {s.taken} 人报名：名额不能少于 {s.taken}，班次不能删除。</Text>}
      {isOvernight(s) && <Text className='rp-muted'>结束时间早于开始时间，按第二天结束计算（夜班）。</Text>}
      {error && <Text className='rp-error-text'>{error}</Text>}
    </View>
  );
}

function DonePanel({ done }: { done: Done }) {
  return (
    <View className='rp-section'>
      <View className='rp-done af-done' data-activity-id={done.activityId}>
        <Text className='rp-done__title'>{done.title}</Text>
        <Text className='rp-text'>{done.line}</Text>
      </View>
      <Button className='rp-btn af-done__list' onClick={() => void Taro.redirectTo({ url: ORG.activities })}>
        返回活动列表
      </Button>
      <Button className='rp-btn rp-btn--ghost af-done__view' onClick={() => void Taro.navigateTo({ url: `${ROUTES.volunteerActivity}?activityId=${encodeURIComponent(done.activityId)}` })}>
        看看大家看到的活动页
      </Button>
    </View>
  );
}

function ActivityForm({ area, mode }: { area: OrganizerArea; mode: Mode }) {
  const editing = mode.kind === 'edit' ? mode.activity : null;
  const published = editing !== null && editing.stage !== 'draft';
  const signedUp = editing ? editing.shifts.reduce((n, s) => n + s.taken + s.waiting, 0) : 0;
  const [v, setV] = useState<Values>(() => (editing ? fromActivity(editing) : initial(area, new Date())));
  const [shown, setShown] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<ApiError | string | null>(null);
  const [confirming, setConfirming] = useState<null | 'publish' | 'save'>(null);
  const [busy, setBusy] = useState<null | 'draft' | 'publish' | 'save'>(null);
  const [done, setDone] = useState<Done | null>(null);
  const today = chinaDateString(new Date());
  const year = today.slice(0, 4);

  const set = (p: Partial<Values>) => {
    const next = { ...v, ...p };
    setV(next);
    setConfirming(null);
    // Once the problems are shown, they follow the edits (a fixed field loses its message at once).
    if (Object.keys(shown).length) {
      const again = problems(editing ? toUpdate(next, editing.id) : toCreate(next, true), editing !== null);
      setShown(again);
      if (!Object.keys(again).length) setServerError(null);
    }
  };
  const setShift = (i: number, s: ShiftDraft) => set({ shifts: v.shifts.map((x, k) => (k === i ? s : x)) });

  // A field's problem: the phone's own check first, then what the function said about it.
  const fieldError = (key: string): string | null => {
    const local = problemUnder(shown, key);
    if (local) return local;
    if (serverError && typeof serverError === 'object') return serverError.fields?.[key.split('.')[0]!]?.[0] ?? null;
    return null;
  };

  const input = (publish: boolean) => (editing ? toUpdate(v, editing.id) : toCreate(v, publish));
  /** Checks the form; true when it may be sent. */
  const check = (publish: boolean): boolean => {
    const p = problems(input(publish), editing !== null);
    setShown(p);
    setServerError(Object.keys(p).length ? '有几处需要修改，请看标红的说明。' : null);
    return Object.keys(p).length === 0;
  };

  const send = async (what: 'draft' | 'publish' | 'save') => {
    if (busy) return;
    setBusy(what);
    setServerError(null);
    let reply: ApiReply<Done>;
    if (!editing) {
      const r = await call('volunteer', 'activities.create', toCreate(v, what === 'publish'));
      reply = r.ok
        ? { ok: true, data: { activityId: r.data.activity.id, title: what === 'publish' ? `已发布：${r.data.activity.title}` : `已存为草稿：${r.data.activity.title}`, line: what === 'publish' ? '大家可以在“志愿”页看到并报名了。' : '草稿只有您和其他管理者能看到，在活动列表里点“发布”就能发布。' } }
        : r;
    } else {
      const r = await call('volunteer', 'activities.update', toUpdate(v, editing.id));
      if (r.ok && what === 'publish') {
        const p = await call('volunteer', 'activities.publish', { activityId: editing.id });
        reply = p.ok ? { ok: true, data: { activityId: editing.id, title: `已发布：${p.data.activity.title}`, line: '大家可以在“志愿”页看到并报名了。' } } : p;
      } else {
        reply = r.ok
          ? { ok: true, data: { activityId: editing.id, title: `已保存：${r.data.activity.title}`, line: r.data.told > 0 ? `已通知报名的 ${r.data.told} 人。` : published ? '这次修改不需要通知报名的人（时间、地点和名称没有变）。' : '草稿已保存。' } }
          : r;
      }
    }
    setBusy(null);
    setConfirming(null);
    if (!reply.ok) return setServerError(reply.error);
    markStale(); // the lists show it when shown again
    setDone(reply.data);
  };

  useEffect(() => {
    if (done) void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  }, [done]);

  if (done) return <DonePanel done={done} />;

  const bothScopes = area.park && area.branches.length > 0;
  const branchName = area.branches.find((b) => b.id === v.branchId)?.name ?? editing?.branch?.name ?? '';
  const first = firstStart(v);
  const errors = Object.keys(shown).length > 0 || serverError !== null;
  // Problems of the shifts as a whole (none, too many, the server's); each shift shows its own.
  const shiftsError = shown.shifts ?? (serverError && typeof serverError === 'object' ? (serverError.fields?.shifts?.[0] ?? null) : null);
  return (
    <View className='rp-section af-form'>
      <Text className='rp-title'>{editing ? '修改活动' : '新建志愿活动'}</Text>
      {published && signedUp > 0 && <Text className='og-warn af-told'>已报名的人会收到通知：改了时间、地点或名称时，系统会告诉他们。</Text>}

      <Field label='活动名称' hint='最多 60 个字' error={fieldError('title')}>
        <Input className='rp-input af-title' value={v.title} maxlength={60} placeholder='例如：园区环境整治志愿服务' onInput={(e) => set({ title: e.detail.value })} />
      </Field>

      <Field label='范围' error={fieldError('branchId')}>
        {editing ? (
          <Text className='rp-text af-scope-fixed'>{v.scope === 'park' ? '全园区（园区志愿服务联合会）' : `支部活动：${branchName}`}（发布后不能改）</Text>
        ) : (
          <>
            {bothScopes && (
              <View className='og-choices'>
                <Choice className='af-scope--park' on={v.scope === 'park'} title='全园区' onClick={() => set({ scope: 'park' })} />
                <Choice className='af-scope--branch' on={v.scope === 'branch'} title='支部活动' onClick={() => set({ scope: 'branch' })} />
              </View>
            )}
            {!bothScopes && area.park && <Text className='rp-text'>全园区（园区志愿服务联合会）</Text>}
            {v.scope === 'branch' &&
              (area.branches.length > 1 ? (
                <View className='af-branches'>
                  {area.branches.map((b) => (
                    <Choice key={b.id} className='af-branch' on={v.branchId === b.id} title={b.name} onClick={() => set({ branchId: b.id })} />
                  ))}
                </View>
              ) : (
                <Text className='rp-text'>支部活动：{branchName}</Text>
              ))}
          </>
        )}
      </Field>

      <Field label='谁可以报名' error={fieldError('audience')}>
        <View className='og-choices og-choices--wide'>
          <Choice className='af-audience--all' on={v.audience === 'all'} title={v.scope === 'branch' ? '本支部全体' : AUDIENCE_LABELS.all} hint='党员和群众都可以' onClick={() => set({ audience: 'all' })} />
          <Choice className='af-audience--members' on={v.audience === 'members'} title={AUDIENCE_LABELS.members} onClick={() => set({ audience: 'members' })} />
        </View>
      </Field>

      <Field label='服务类别' error={fieldError('category')}>
        <View className='og-choices'>
          {VOLUNTEER_CATEGORIES.map((c) => (
            <Choice key={c} className={`af-category af-category--${c}`} on={v.category === c} title={VOLUNTEER_CATEGORY_LABELS[c]} onClick={() => set({ category: c })} />
          ))}
        </View>
      </Field>

      <Field label='地点' hint='最多 60 个字' error={fieldError('place')}>
        <Input className='rp-input af-place' value={v.place} maxlength={60} placeholder='例如：园区中心广场' onInput={(e) => set({ place: e.detail.value })} />
      </Field>

      <Field label='活动内容' hint='要做什么、穿什么、带什么；图片和链接要以 https:// 开头' error={fieldError('content')}>
        <Blocks blocks={v.blocks} onChange={(blocks) => set({ blocks })} />
      </Field>

      <Field label='班次' hint='每个班次的日期、时间和名额；结束时间早于开始时间算第二天（夜班）' error={shiftsError}>
        {v.shifts.map((s, i) => (
          <ShiftEditor
            key={s.key}
            s={s}
            index={i}
            count={v.shifts.length}
            today={today}
            year={year}
            error={problemUnder(shown, `shifts.${i}`)}
            onChange={(x) => setShift(i, x)}
            onRemove={() => set({ shifts: v.shifts.filter((_, k) => k !== i) })}
          />
        ))}
        {v.shifts.length < 20 && (
          <Button
            className='rp-btn rp-btn--ghost af-shift-add'
            onClick={() => {
              const last = v.shifts[v.shifts.length - 1];
              set({ shifts: [...v.shifts, last ? { ...newShift(last.date, last.start, last.end, last.capacity), role: last.role } : newShift(addDays(today, 7))] });
            }}
          >
            + 添加班次
          </Button>
        )}
      </Field>

      <Field label='报名开始' error={fieldError('recruitFrom')}>
        <View className='og-pick-row og-pick-row--date'>
          <DatePick className='af-from-date' value={v.recruitFromDate} thisYear={year} onChange={(d) => set({ recruitFromDate: d })} />
          <TimePick className='af-from-time' value={v.recruitFromTime} onChange={(t) => set({ recruitFromTime: t })} />
        </View>
      </Field>
      <Field label='报名截止' hint='最晚到第一个班次开始' error={fieldError('recruitUntil')}>
        {v.recruitUntilAuto ? (
          <>
            <Text className='rp-text af-until-auto'>第一个班次开始时{first ? `（${wallFace(first, year)}）` : ''}</Text>
            <Button
              className='rp-btn rp-btn--ghost af-until-pick'
              onClick={() => set({ recruitUntilAuto: false, recruitUntilDate: first.slice(0, 10) || today, recruitUntilTime: first.slice(11) || '18:00' })}
            >
              另选截止时间
            </Button>
          </>
        ) : (
          <>
            <View className='og-pick-row og-pick-row--date'>
              <DatePick className='af-until-date' value={v.recruitUntilDate} thisYear={year} onChange={(d) => set({ recruitUntilDate: d })} />
              <TimePick className='af-until-time' value={v.recruitUntilTime} onChange={(t) => set({ recruitUntilTime: t })} />
            </View>
            <Text className='rp-link af-until-auto-back' onClick={() => set({ recruitUntilAuto: true })}>
              改为第一个班次开始时截止
            </Text>
          </>
        )}
      </Field>

      <Field label='取消报名' hint='班次开始前多少小时以内不能再取消（0：开始前都能取消）' error={fieldError('cancelBeforeHours')}>
        <Input
          className='rp-input af-cancel-hours'
          type='number'
          value={v.cancelBeforeHours}
          maxlength={3}
          onInput={(e) => {
            const d = digits(e.detail.value, 3);
            set({ cancelBeforeHours: d });
            return d;
          }}
        />
      </Field>

      <Field label='联系人' error={fieldError('contact')}>
        <View className='og-pick-row'>
          <Input className='rp-input af-contact-name' value={v.contactName} maxlength={20} placeholder='姓名' onInput={(e) => set({ contactName: e.detail.value })} />
          <Input className='rp-input af-contact-phone' value={v.contactPhone} maxlength={13} placeholder='手机或座机' onInput={(e) => set({ contactPhone: e.detail.value })} />
        </View>
      </Field>

      <Field label='风险提示' hint='报名前大家会看到（志愿服务条例第十二条）；最多 500 字' error={fieldError('riskNotice')}>
        <Textarea className='rp-textarea af-risk' value={v.riskNotice} maxlength={500} placeholder='例如：户外活动，注意防晒和交通安全' onInput={(e) => set({ riskNotice: e.detail.value })} />
        <Choice className='af-insured' tick on={v.insured} title='已为志愿者购买保险' hint='有风险的活动应当投保（志愿服务条例第十七条）' onClick={() => set({ insured: !v.insured })} />
      </Field>

      <Field label='时长规则' hint={`${hoursRuleText({ minPresence: v.minPresence, roundTo: v.roundTo })}。`} error={fieldError('hoursRule')}>
        <Text className='og-pick-label'>在岗至少占班次时长的</Text>
        <View className='og-choices'>
          {PRESENCE_CHOICES.map((p) => (
            <Choice key={p} className={`af-presence af-presence--${Math.round(p * 100)}`} on={v.minPresence === p} title={`${Math.round(p * 100)}%`} onClick={() => set({ minPresence: p })} />
          ))}
        </View>
        <Text className='og-pick-label'>时长向下取整到</Text>
        <View className='og-choices'>
          {ROUND_CHOICES.map((r) => (
            <Choice key={r.value} className={`af-round af-round--${String(r.value).replace('.', '_')}`} on={v.roundTo === r.value} title={r.label} onClick={() => set({ roundTo: r.value })} />
          ))}
        </View>
      </Field>

      <ErrorLines error={serverError} />
      {confirming === 'publish' && (
        <Confirm
          className='af-confirm'
          title='确认发布这个活动？'
          lines={[
            v.title.trim(),
            v.scope === 'park' ? '范围：全园区' : `范围：${branchName}`,
            `${v.shifts.length} 个班次，共 ${v.shifts.reduce((n, s) => n + (Number(s.capacity) || 0), 0)} 个名额`,
            `报名：${wallFace(`${v.recruitFromDate} ${v.recruitFromTime}`, year)} 至 ${wallFace(recruitUntil(v), year)}`,
            '发布后大家就能在“志愿”页看到并报名。范围发布后不能改。',
          ]}
          okText='确认发布'
          busy={busy !== null}
          onOk={() => void send('publish')}
          onCancel={() => setConfirming(null)}
        />
      )}
      {confirming === 'save' && (
        <Confirm
          className='af-confirm'
          title='保存这些修改？'
          lines={signedUp > 0 ? ['已报名的人会收到通知（时间、地点或名称有变化时）。'] : ['还没有人报名。']}
          okText='确认保存'
          busy={busy !== null}
          onOk={() => void send('save')}
          onCancel={() => setConfirming(null)}
        />
      )}
      {confirming === null && (
        <View className='af-actions'>
          {published ? (
            <BusyButton className='rp-btn af-save' busy={busy === 'save'} busyText='正在保存…' onClick={() => check(false) && setConfirming('save')}>
              保存修改
            </BusyButton>
          ) : (
            <>
              <BusyButton className='rp-btn af-publish' busy={busy === 'publish'} busyText='正在发布…' onClick={() => check(true) && setConfirming('publish')}>
                发布
              </BusyButton>
              <BusyButton className='rp-btn rp-btn--ghost af-draft' busy={busy === 'draft'} busyText='正在保存…' onClick={() => check(false) && void send('draft')}>
                保存草稿
              </BusyButton>
            </>
          )}
          {errors && <Text className='rp-muted'>改好后再点一次。</Text>}
        </View>
      )}
    </View>
  );
}

function Editor({ area, activityId }: { area: OrganizerArea; activityId: string }) {
  const { state, reload } = useRemote(() => call('volunteer', 'activities.get', { activityId }));
  if (state.status === 'loading') return <Loading text='正在读取活动…' />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  const a = state.data.activity;
  if (!a.manages) return <ErrorState message='这个活动不是您组织的，不能修改' />;
  if (a.stage === 'cancelled' || a.stage === 'finished') {
    return (
      <View className='rp-section'>
        <Text className='rp-text'>这个活动{a.stage === 'cancelled' ? '已取消' : '已结束'}，不能再修改。</Text>
        <Button className='rp-btn rp-btn--ghost' onClick={() => void Taro.redirectTo({ url: ORG.activities })}>
          返回活动列表
        </Button>
      </View>
    );
  }
  return (
    <>
      <View className='rp-section af-cover'>
        <Text className='rp-title'>封面图片</Text>
        <PhotoGrid record={{ kind: 'activity', id: activityId }} purposes={['cover']} />
      </View>
      <ActivityForm area={area} mode={{ kind: 'edit', activity: a }} />
    </>
  );
}

export default function ActivityEditPage() {
  const activityId = param(useRouter().params.activityId);
  const area = useRemote(loadArea);
  useEffect(() => {
    if (activityId) void Taro.setNavigationBarTitle({ title: '修改活动' });
  }, [activityId]);
  return (
    <PageShell onRefresh={area.reload}>
      <View className='rp-body af-page'>
        {area.state.status === 'loading' && <Loading />}
        {area.state.status === 'error' && <ErrorState message={area.state.error.message} onRetry={() => void area.reload()} />}
        {area.state.status === 'ok' && (activityId ? <Editor area={area.state.data} activityId={activityId} /> : <ActivityForm area={area.state.data} mode={{ kind: 'new' }} />)}
      </View>
    </PageShell>
  );
}
