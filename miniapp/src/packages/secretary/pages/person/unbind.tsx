// 解除微信绑定 on the person page, for someone who changed WeChat (or lost their phone): with a reason
// and an in-page confirmation, people.unbind takes the old WeChat's access away (audited); the entry
// stays, and the page offers a new invite code at once.
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { PersonRow } from '@shared/contract';
import { markStale } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { go } from '../../../../services/nav';
import { ErrorLines, Field } from '../../../ui';
import { Confirm, useSubmit } from '../../../ui/form';
import { SEC } from '../../common/area';
import { setPicked } from '../../common/selection';

export function UnbindSection({ person, onUnbound }: { person: PersonRow; onUnbound: (p: PersonRow) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const { busy, error, setError, submit } = useSubmit();
  const input = { personId: person.id, reason };

  if (done || !person.bound) {
    return (
      <View className='rp-section person-unbind'>
        <Text className='rp-title'>微信绑定</Text>
        <Text className='rp-muted'>{done ? `已解除${person.name}原来的微信绑定。` : `${person.name}还没有绑定微信。`}生成邀请码发给 TA，用新的微信绑定。</Text>
        <Button
          className='rp-btn person-unbind__invite'
          onClick={() => {
            setPicked([{ id: person.id, name: person.name }]);
            go(SEC.invites);
          }}
        >
          生成邀请码
        </Button>
      </View>
    );
  }
  const send = async () => {
    const r = await submit(validate('org', 'people.unbind', input), () => call('org', 'people.unbind', input));
    setConfirming(false);
    if (!r) return;
    markStale();
    setDone(true);
    onUnbound(r.person);
  };
  return (
    <View className='rp-section person-unbind'>
      <Text className='rp-title'>微信绑定</Text>
      <Text className='rp-muted'>TA 换了微信或手机丢失时，先解除原来的绑定，再发新的邀请码。</Text>
      {!open ? (
        <Button className='rp-btn rp-btn--ghost person-unbind__open' onClick={() => setOpen(true)}>
          解除微信绑定
        </Button>
      ) : (
        <>
          <Field label='解除原因' hint='例如：换了新微信、手机丢失'>
            <Textarea
              className='rp-textarea person-unbind__reason'
              value={reason}
              maxlength={100}
              placeholder='请填写解除原因'
              onInput={(e) => (setReason(e.detail.value), setConfirming(false))}
            />
          </Field>
          <ErrorLines error={error} />
          {confirming ? (
            <Confirm
              className='person-unbind__confirm'
              title='请确认解除微信绑定'
              lines={[`${person.name}原来的微信将立即不能再使用红色园区。原因：${reason.trim()}`, '名册信息、积分和学习记录都保留；给 TA 发新的邀请码即可重新绑定。']}
              okText='确认解除'
              busy={busy}
              onOk={send}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <View className='rp-row-actions'>
              <Button className='rp-btn rp-btn--ghost' onClick={() => (setOpen(false), setError(null))}>
                不解除了
              </Button>
              <Button
                className='rp-btn person-unbind__submit'
                onClick={() => {
                  const problem = validate('org', 'people.unbind', input);
                  setError(problem);
                  if (!problem) setConfirming(true);
                }}
              >
                下一步
              </Button>
            </View>
          )}
        </>
      )}
    </View>
  );
}
