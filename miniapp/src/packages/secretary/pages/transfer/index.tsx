// 组织关系转接: move one person of the current branch to another branch of the park, or out of the
// park (转出园区: to a Party organisation elsewhere; the person then leaves the park — phone and WeChat
// binding erased, off the roster, the branch's records keep the name). Pick the person (or arrive from
// 名册's 转接 with ?personId=&name=), where to, the reason; confirm in the page; then the history below
// shows it. A failed transfer keeps everything chosen and typed.
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { MEMBER_TYPE_LABELS, type Branch } from '@shared/contract';
import { markStale } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines, Field } from '../../../ui';
import { Choice, Confirm, useSubmit } from '../../../ui/form';
import { type AreaData, SEC } from '../../common/area';
import { type RefreshSlot, SecretaryFrame, useRefreshSlot } from '../../common/frame';
import { TransferHistory } from './history';
import { PersonPicker, type Who } from '../../../ui/person-picker';

function Transfer({ branch, area, slot }: { branch: Branch; area: AreaData; slot: RefreshSlot }) {
  const params = useRouter().params;
  const [who, setWho] = useState<Who | null>(() =>
    params.personId ? { id: params.personId, name: decodeURIComponent(params.name ?? '') || '所选人员' } : null,
  );
  const [to, setTo] = useState<Branch | null>(null);
  /** 转出园区: the organisation outside the park (null while a branch of the park is chosen). */
  const [outside, setOutside] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const { busy, error, setError, submit } = useSubmit();
  const targets = area.all.filter((b) => b.id !== branch.id);

  const input = outside !== null ? { personId: who?.id ?? '', toOrganization: outside, reason } : { personId: who?.id ?? '', toBranchId: to?.id ?? '', reason };
  const check = () => {
    if (!who) return '请先选择要转接的人';
    if (!to && outside === null) return '请选择转入的支部，或选“转出本园区”';
    if (outside !== null && !outside.trim()) return '请填写转入的组织，例如“某某公司党支部”';
    return validate('org', 'transfers.create', input);
  };
  const ask = () => {
    const problem = check();
    setError(problem);
    if (!problem) setConfirming(true);
  };
  const send = async () => {
    const r = await submit(check(), () => call('org', 'transfers.create', input));
    setConfirming(false);
    if (!r) return;
    markStale();
    setDone(
      r.transfer.toBranch
        ? `${r.transfer.personName}已从“${r.transfer.fromBranch.name}”转到“${r.transfer.toBranch.name}”。`
        : `${r.transfer.personName}已转出园区，转到“${r.transfer.toOrganization ?? ''}”；TA 的手机号和微信绑定已删除。`,
    );
    setWho(null);
    setTo(null);
    setOutside(null);
    setReason('');
    setRound((n) => n + 1);
  };

  return (
    <>
      <View className='rp-section transfer-form'>
        <Text className='rp-title'>办理转接</Text>
        <Field label='1. 转接谁' hint={`只能转出“${branch.name}”的人员`}>
          <PersonPicker branch={branch} chosen={who} hint={(p) => `${MEMBER_TYPE_LABELS[p.memberType]} · ${p.phone}`} onChoose={(p) => (setWho(p), setDone(null), setConfirming(false))} />
        </Field>
        <Field label='2. 转到哪里'>
          {targets.length === 0 && <Text className='rp-text'>园区里没有其他支部。</Text>}
          {targets.map((b) => (
            <Choice
              key={b.id}
              className='transfer-target'
              on={to?.id === b.id}
              title={b.name}
              hint={`${b.peopleCount} 人 · 党员 ${b.memberCount} 人`}
              onClick={() => (setTo(b), setOutside(null), setConfirming(false))}
            />
          ))}
          <Choice
            className='transfer-outside'
            on={outside !== null}
            title='转出本园区'
            hint='转到园区以外的党组织：TA 将离开园区'
            onClick={() => (setTo(null), setOutside(outside ?? ''), setConfirming(false))}
          />
          {outside !== null && (
            <Input
              className='rp-input transfer-organization'
              value={outside}
              maxlength={60}
              placeholder='转入的组织，例如“某某公司党支部”'
              onInput={(e) => (setOutside(e.detail.value), setConfirming(false))}
            />
          )}
        </Field>
        <Field label='3. 转接原因' hint='例如：工作调动到某某公司'>
          <Textarea
            className='rp-textarea transfer-reason'
            value={reason}
            maxlength={100}
            placeholder='请填写转接原因'
            onInput={(e) => (setReason(e.detail.value), setConfirming(false))}
          />
        </Field>
        {done && (
          <View className='rp-done transfer-done'>
            <Text className='rp-done__title'>转接完成</Text>
            <Text className='rp-text'>{done}</Text>
          </View>
        )}
        <ErrorLines error={error} />
        {confirming && who && (to || outside !== null) ? (
          <Confirm
            className='transfer-confirm'
            title='请确认转接'
            lines={
              to
                ? [`把 ${who.name} 从“${branch.name}”转到“${to.name}”。`, `原因：${reason.trim()}`, '转接后，TA 的党小组和未使用的邀请码会取消。']
                : [
                    `把 ${who.name} 转出本园区，转到“${(outside ?? '').trim()}”。`,
                    `原因：${reason.trim()}`,
                    '转出后，TA 不再在名册中，手机号和微信绑定立即删除，未使用的邀请码作废；支部的积分、学习、签到记录保留姓名。此操作不能撤销。',
                  ]
            }
            okText='确认转接'
            busy={busy}
            onOk={send}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <Button className='rp-btn transfer-submit' onClick={ask}>
            办理转接
          </Button>
        )}
      </View>
      <TransferHistory branch={branch} slot={slot} round={round} />
    </>
  );
}

export default function TransferPage() {
  const slot = useRefreshSlot();
  return (
    <SecretaryFrame current={SEC.transfer} slot={slot}>
      {({ branch, area }) => <Transfer branch={branch} area={area} slot={slot} />}
    </SecretaryFrame>
  );
}
