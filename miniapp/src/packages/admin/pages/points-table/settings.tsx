// 排行设置: the public individual ranking (off by default; must stay voluntary), the smallest branch
// that is ranked, and what the monthly 流动红旗 goes by. Sends only what changed.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { SHOWN_MEASURES, MEASURE_LABELS, type Measure } from '@shared/points';
import { BusyButton } from '../../../../components/BusyButton';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines, Field } from '../../../ui';
import { Choice, digits, useSubmit } from '../../../ui/form';

type Settings = ActionOutput<'score', 'settings.get'>;

export function SettingsEditor({ initial }: { initial: Settings }) {
  const [base, setBase] = useState<Settings>(initial);
  const [individual, setIndividual] = useState(initial.individualRanking);
  const [min, setMin] = useState(String(initial.minRankedMembers));
  const [flag, setFlag] = useState<Measure>(initial.flagMeasure);
  const [saved, setSaved] = useState(false);
  const { busy, error, setError, submit } = useSubmit();
  const touch = () => {
    setSaved(false);
    setError(null);
  };

  const save = async () => {
    const n = Number(min);
    const patch = {
      ...(individual !== base.individualRanking ? { individualRanking: individual } : {}),
      ...(min.trim() === '' || n !== base.minRankedMembers ? { minRankedMembers: n } : {}),
      ...(flag !== base.flagMeasure ? { flagMeasure: flag } : {}),
    };
    const problem =
      Object.keys(patch).length === 0
        ? '没有修改任何内容'
        : !min.trim()
          ? '请填写参与排名的最少人数'
          : n < 1 || n > 50
            ? '参与排名的最少人数应在 1 到 50 之间'
            : validate('score', 'settings.update', patch);
    const r = await submit(problem, () => call('score', 'settings.update', patch));
    if (!r) return;
    setBase(r);
    setIndividual(r.individualRanking);
    setMin(String(r.minRankedMembers));
    setFlag(r.flagMeasure);
    setSaved(true);
  };

  return (
    <View className='rp-section pt-settings'>
      <Text className='rp-title'>排行设置</Text>
      <Field label='个人积分榜'>
        <View className='pt-settings-warning'>
          <Text className='pt-settings-warning__title'>必须自愿，不得强制</Text>
          <Text className='rp-text'>按规定，不能搞强制的个人积分排名，也不能用积分和排名考核党员。打开后，只有本人在“我的积分”里自己选择参加的党员才会出现在榜上；不参加的人不显示、不受任何影响。</Text>
        </View>
        <Choice
          className='pt-settings-individual pt-settings-individual--off'
          on={!individual}
          title='关闭（推荐）'
          hint='只排支部，个人积分只有本人能看到'
          onClick={() => {
            setIndividual(false);
            touch();
          }}
        />
        <Choice
          className='pt-settings-individual pt-settings-individual--on'
          on={individual}
          title='打开，党员自愿参加'
          hint='自愿参加的党员显示在支部排行页的个人积分榜上'
          onClick={() => {
            setIndividual(true);
            touch();
          }}
        />
      </Field>
      <Field label='参与排名的最少人数' hint='人数少于这个数的支部只列出、不排名（支部工作条例：支部至少 3 名正式党员）'>
        <View className='pt-line'>
          <Input
            className='rp-input pt-input pt-settings-min'
            type='number'
            value={min}
            maxlength={2}
            onInput={(e) => {
              setMin(digits(e.detail.value, 2));
              touch();
            }}
          />
          <Text className='pt-line__unit'>人</Text>
        </View>
      </Field>
      <Field label='流动红旗按什么评' hint='每月这一项排第一的支部得流动红旗'>
        {SHOWN_MEASURES.map((m) => (
          <Choice
            key={m}
            className={`pt-settings-flag pt-settings-flag--${m}`}
            on={flag === m}
            title={MEASURE_LABELS[m]}
            onClick={() => {
              setFlag(m);
              touch();
            }}
          />
        ))}
      </Field>
      <ErrorLines error={error} />
      {saved && (
        <View className='rp-done pt-settings-done'>
          <Text className='rp-done__title'>排行设置已保存</Text>
        </View>
      )}
      <BusyButton className='rp-btn pt-settings-save' busy={busy} busyText='正在保存…' onClick={save}>
        保存排行设置
      </BusyButton>
    </View>
  );
}
