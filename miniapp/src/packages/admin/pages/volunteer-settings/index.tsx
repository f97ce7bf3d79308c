// 园区管理 · 志愿 (volunteer settings.get / settings.update, park admins): the hours for 1–5 stars (rising),
// which hours count for stars and certificates (信用时数和补录时数, or 仅信用时数), the federation that issues
// park-wide certificates (name, person in charge, handler, contact phone) and the working-day calendar of
// the 10-working-day recording window: public holidays on weekdays and worked weekend days (调休上班), each
// added with the date picker and removed with 删除. Saved as one; the function checks it all again.
import { useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import type { ActionOutput, ApiError } from '@shared/contract';
import { HOURS_COUNTED, HOURS_COUNTED_LABELS, type VolunteerSettings } from '@shared/contract/volunteer-record';
import { chinaDateString } from '@shared/time';
import { AdminFrame } from '../../common/frame';
import { BusyButton } from '../../../../components/BusyButton';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ADMIN } from '../../common/area';
import { ErrorLines, Field, chinaMinute } from '../../../ui';
import { Choice, useSubmit } from '../../../ui/form';
import { addDay, dayFace, starsFromText } from './values';
import './index.scss';

type Loaded = ActionOutput<'volunteer', 'settings.get'>;

function DayList({ title, hint, days, onChange, className }: { title: string; hint: string; days: string[]; onChange: (d: string[]) => void; className: string }) {
  const today = chinaDateString(new Date());
  return (
    <View className={`rp-section ${className}`}>
      <Text className='rp-title'>
        {title}（{days.length}）
      </Text>
      <Text className='rp-muted'>{hint}</Text>
      {days.map((d) => (
        <View key={d} className='vs-day'>
          <Text className='vs-day__text'>{dayFace(d)}</Text>
          <Button className='rp-btn rp-btn--ghost rp-btn--inline vs-day__remove' onClick={() => onChange(days.filter((x) => x !== d))}>
            删除
          </Button>
        </View>
      ))}
      <Picker mode='date' value={today} textProps={{ okText: '确定', cancelText: '取消' }} onChange={(e) => onChange(addDay(days, String(e.detail.value)))}>
        <View className='rp-btn rp-btn--ghost vs-day__add'>
          <Text>添加日期</Text>
        </View>
      </Picker>
    </View>
  );
}

function Editor({ initial }: { initial: Loaded }) {
  const [s, setS] = useState<VolunteerSettings>(initial.settings);
  const [stars, setStars] = useState(initial.settings.stars.map(String));
  const [saved, setSaved] = useState<string | null>(initial.updatedAt);
  const [done, setDone] = useState(false);
  const { busy, error, submit } = useSubmit();
  const fed = (k: keyof VolunteerSettings['federation'], v: string) => setS({ ...s, federation: { ...s.federation, [k]: v } });
  const save = async () => {
    const parsed = starsFromText(stars);
    const input = { ...s, stars: parsed ?? [] };
    const problem = parsed === null ? '星级门槛请填整数小时' : validate('volunteer', 'settings.update', input);
    setDone(false);
    const r = await submit(problem, () => call('volunteer', 'settings.update', input));
    if (!r) return;
    setSaved(r.updatedAt);
    setDone(true);
  };
  return (
    <>
      <View className='rp-section vs-stars'>
        <Text className='rp-title'>星级门槛（累计小时）</Text>
        <Text className='rp-muted'>默认按《中国社区志愿者注册管理办法》：100 / 300 / 600 / 1000 / 1500 小时。要逐级升高。</Text>
        <View className='vs-stars__row'>
          {stars.map((v, i) => (
            <View key={i} className='vs-stars__cell'>
              <Text className='vs-stars__label'>{i + 1} 星</Text>
              <Input
                className={`rp-input vs-stars__input vs-stars__input-${i + 1}`}
                type='number'
                value={v}
                maxlength={6}
                onInput={(e) => setStars(stars.map((x, j) => (j === i ? e.detail.value : x)))}
              />
            </View>
          ))}
        </View>
      </View>
      <View className='rp-section vs-counted'>
        <Text className='rp-title'>计入星级和证明的时长</Text>
        {HOURS_COUNTED.map((k) => (
          <Choice key={k} className={`vs-counted__${k}`} on={s.hoursCounted === k} title={HOURS_COUNTED_LABELS[k]} hint={k === 'both' ? '补录时数经两人审核，与信用时数分开显示' : '只算扫码签到、负责人确认的时长'} onClick={() => setS({ ...s, hoursCounted: k })} />
        ))}
      </View>
      <View className='rp-section vs-federation'>
        <Text className='rp-title'>志愿服务联合会（全园区活动的证明出具单位）</Text>
        <Field label='组织名称'>
          <Input className='rp-input vs-fed-name' value={s.federation.name} maxlength={40} onInput={(e) => fed('name', e.detail.value)} />
        </Field>
        <Field label='负责人'>
          <Input className='rp-input vs-fed-person' value={s.federation.personInCharge} maxlength={20} onInput={(e) => fed('personInCharge', e.detail.value)} />
        </Field>
        <Field label='经办人'>
          <Input className='rp-input vs-fed-handler' value={s.federation.handler} maxlength={20} onInput={(e) => fed('handler', e.detail.value)} />
        </Field>
        <Field label='联系电话' hint='写在证明上，供查验的人联系'>
          <Input className='rp-input vs-fed-phone' type='text' value={s.federation.contactPhone} maxlength={14} onInput={(e) => fed('contactPhone', e.detail.value)} />
        </Field>
      </View>
      <DayList
        className='vs-holidays'
        title='法定节假日（工作日放假）'
        hint='志愿时长要在活动后 10 个工作日内确认，节假日不算工作日。请按国务院每年公布的安排填写落在周一到周五的放假日。'
        days={s.holidays}
        onChange={(holidays) => setS({ ...s, holidays })}
      />
      <DayList
        className='vs-workdays'
        title='调休上班日（周末上班）'
        hint='因调休要上班的周六、周日，算作工作日。'
        days={s.workdays}
        onChange={(workdays) => setS({ ...s, workdays })}
      />
      <View className='rp-section'>
        <ErrorLines error={error as ApiError | string | null} />
        {done && <Text className='vs-saved'>已保存。</Text>}
        <Text className='rp-muted'>{saved ? `上次保存：${chinaMinute(saved)}` : '还没有保存过，现在显示的是默认设置。'}</Text>
        <BusyButton className='rp-btn vs-save' busy={busy} busyText='正在保存…' onClick={save}>
          保存志愿服务设置
        </BusyButton>
      </View>
    </>
  );
}

export default function VolunteerSettingsPage() {
  const { state, reload } = useRemote(() => call('volunteer', 'settings.get', {}));
  const [round, setRound] = useState(0);
  const refresh = async () => {
    await reload();
    setRound((n) => n + 1);
  };
  return (
    <AdminFrame current={ADMIN.volunteerSettings} state={state} reload={refresh}>
      {() => state.status === 'ok' && <Editor key={round} initial={state.data} />}
    </AdminFrame>
  );
}

