// 离开园区 on the person page: the branch's secretary (or a park admin) records that the person has
// left the park, with the reason and the day (today unless changed). After the in-page confirmation
// the function erases their phone and WeChat binding, revokes open codes and takes them off the
// roster; the branch's records keep the name. Then the page says so and leads back to 名册.
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { PersonRow } from '@shared/contract';
import { chinaDateString } from '@shared/time';
import { DatePick } from '../../../../components/Pickers';
import { markStale } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines, Field } from '../../../ui';
import { Confirm, useSubmit } from '../../../ui/form';

export function LeaveSection({ person, onLeft }: { person: PersonRow; onLeft: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [leftOn, setLeftOn] = useState(() => chinaDateString(new Date()));
  const [confirming, setConfirming] = useState(false);
  const { busy, error, setError, submit } = useSubmit();
  const input = { personId: person.id, reason, leftOn: leftOn.trim() };

  const ask = () => {
    const problem = validate('org', 'people.leave', input);
    setError(problem);
    if (!problem) setConfirming(true);
  };
  const send = async () => {
    const r = await submit(validate('org', 'people.leave', input), () => call('org', 'people.leave', input));
    setConfirming(false);
    if (!r) return;
    markStale(); // 名册 and the counts no longer hold the person
    onLeft(`${r.name}已于 ${r.leftOn} 离开园区。手机号和微信绑定已删除${r.revokedInvites ? `，${r.revokedInvites} 个未使用的邀请码已作废` : ''}；支部的积分、学习、签到记录保留姓名。`);
  };

  if (!open) {
    return (
      <View className='rp-section person-leave'>
        <Text className='rp-title'>离开园区</Text>
        <Text className='rp-muted'>TA 离职或不再在园区工作时办理。转到园区内其他支部，请用“转接”。</Text>
        <Button className='rp-btn rp-btn--ghost person-leave__open' onClick={() => setOpen(true)}>
          办理离开园区
        </Button>
      </View>
    );
  }
  return (
    <View className='rp-section person-leave'>
      <Text className='rp-title'>离开园区</Text>
      <Field label='离开原因' hint='例如：离职、企业迁出园区'>
        <Textarea
          className='rp-textarea person-leave__reason'
          value={reason}
          maxlength={100}
          placeholder='请填写离开原因'
          onInput={(e) => (setReason(e.detail.value), setConfirming(false))}
        />
      </Field>
      <Field label='离开日期' hint='不能晚于今天'>
        <DatePick className='person-leave__date' value={leftOn} end={chinaDateString(new Date())} onChange={(d) => (setLeftOn(d), setConfirming(false))} />
      </Field>
      <ErrorLines error={error} />
      {confirming ? (
        <Confirm
          className='person-leave__confirm'
          title='请确认离开园区'
          lines={[
            `${person.name}于 ${leftOn.trim()} 离开园区。原因：${reason.trim()}`,
            'TA 将不再出现在名册中，手机号和微信绑定立即删除，未使用的邀请码作废。',
            '支部的积分、学习、签到记录保留姓名，台账不受影响。此操作不能撤销。',
          ]}
          okText='确认离开'
          busy={busy}
          onOk={send}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <View className='rp-row-actions'>
          <Button className='rp-btn rp-btn--ghost person-leave__cancel' onClick={() => (setOpen(false), setError(null))}>
            不办了
          </Button>
          <Button className='rp-btn person-leave__submit' onClick={ask}>
            下一步
          </Button>
        </View>
      )}
    </View>
  );
}
