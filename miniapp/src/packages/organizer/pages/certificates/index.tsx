// 证明管理 (certificates.list view manage): the certificates of the bodies I issue for (the federation for
// organizers and park admins, my branch for a secretary) — 待出具 (issued or declined on 志愿待办), 已出具
// with the number, the hours and 撤销 with a reason (the public check then says 已撤销 and why), 已撤销 and
// 未出具 with their reasons. A correction that lowers a record revokes the certificates counting it by itself.
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { go } from '../../../../services/nav';
import { hoursText } from '../../../../utils/volunteer';
import { ErrorLines, Tag, chinaMinute } from '../../../ui';
import { Confirm, useSubmit } from '../../../ui/form';
import { ORG } from '../../common/area';
import '../../common/organizer.scss';

type Certificate = ActionOutput<'volunteer', 'certificates.list'>['certificates'][number];

const GROUPS: Array<{ status: Certificate['status']; title: string; tone: 'gold' | 'green' | 'red' | 'gray' }> = [
  { status: 'requested', title: '待出具', tone: 'gold' },
  { status: 'issued', title: '已出具', tone: 'green' },
  { status: 'revoked', title: '已撤销', tone: 'red' },
  { status: 'declined', title: '未出具', tone: 'gray' },
];

function RevokeForm({ c, onDone, onClose }: { c: Certificate; onDone: (line: string) => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { busy, error, submit, setError } = useSubmit();
  const send = async () => {
    const r = await submit(null, () => call('volunteer', 'certificates.revoke', { certificateId: c.id, reason: reason.trim() }));
    setConfirming(false);
    if (r) onDone(`已撤销：${c.number ?? ''}（${c.name}）。扫码查验会显示“已撤销”和原因。`);
  };
  return (
    <View className='cm-revoke'>
      <Input className='rp-input cm-revoke__reason' value={reason} maxlength={200} placeholder='撤销原因（查验时会显示）' onInput={(e) => setReason(e.detail.value)} />
      <ErrorLines error={error} />
      {confirming ? (
        <Confirm
          title='确定撤销这份证明吗？'
          lines={[`${c.number ?? ''} · ${c.name} · ${c.periodLabel}`, `原因：${reason.trim()}`, '撤销后不能恢复，需要时请本人重新申请。']}
          okText='确定撤销'
          busy={busy}
          onOk={send}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <View className='rp-row-actions og-actions'>
          <Button className='rp-btn rp-btn--ghost' onClick={onClose}>
            不撤销
          </Button>
          <Button className='rp-btn cm-revoke__ok' onClick={() => (reason.trim() ? setConfirming(true) : setError('请填写撤销原因'))}>
            撤销证明
          </Button>
        </View>
      )}
    </View>
  );
}

function Item({ c, tone, onDone }: { c: Certificate; tone: 'gold' | 'green' | 'red' | 'gray'; onDone: (line: string) => void }) {
  const [revoking, setRevoking] = useState(false);
  return (
    <View className='og-row cm-item' data-certificate-id={c.id}>
      <View className='og-row__head'>
        <Text className='og-row__name'>{c.name}</Text>
        <Tag tone={tone}>{c.periodLabel}</Tag>
      </View>
      {c.number && <Text className='og-row__line cm-item__number'>编号：{c.number}</Text>}
      <Text className='og-row__line'>出具单位：{c.issuer.name || '本支部'}</Text>
      {(c.status === 'issued' || c.status === 'revoked') && (
        <Text className='og-row__line'>
          信用时数 {hoursText(c.hours.credit)} 小时 · 补录时数 {hoursText(c.hours.makeup)} 小时 · {c.activities.length} 项活动
        </Text>
      )}
      <Text className='og-row__line'>
        申请 {chinaMinute(c.requestedAt)}
        {c.issuedAt ? ` · 出具 ${chinaMinute(c.issuedAt)}` : ''}
      </Text>
      {c.note && c.status !== 'issued' && <Text className='og-row__line cm-item__note'>原因：{c.note}</Text>}
      {c.status === 'issued' && !revoking && (
        <Button className='rp-btn rp-btn--ghost rp-btn--inline og-mini cm-item__revoke' onClick={() => setRevoking(true)}>
          撤销
        </Button>
      )}
      {revoking && <RevokeForm c={c} onClose={() => setRevoking(false)} onDone={onDone} />}
    </View>
  );
}

export default function CertificatesManagePage() {
  const { state, reload } = useRemote(() => call('volunteer', 'certificates.list', { view: 'manage' }));
  const [outcome, setOutcome] = useState<string | null>(null);
  const done = (line: string) => {
    setOutcome(line);
    markStale();
    void reload();
  };
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body cm-page'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' && (
          <>
            {outcome && (
              <View className='rp-done cm-outcome'>
                <Text className='rp-text'>{outcome}</Text>
              </View>
            )}
            {state.data.certificates.length === 0 && (
              <Empty
                title='还没有证明申请'
                hint='志愿者在“我的志愿记录”里申请证明后，会出现在“志愿待办”里等您出具。'
                action={
                  <Button className='rp-btn' onClick={() => go(ORG.todo)}>
                    去志愿待办
                  </Button>
                }
              />
            )}
            {GROUPS.map((g) => {
              const list = state.data.certificates.filter((c) => c.status === g.status);
              if (!list.length) return null;
              return (
                <View key={g.status} className={`rp-section cm-group-${g.status}`}>
                  <Text className='rp-title'>
                    {g.title}（{list.length}）
                  </Text>
                  {g.status === 'requested' && (
                    <Button className='rp-btn rp-btn--ghost cm-to-todo' onClick={() => go(ORG.todo)}>
                      到志愿待办出具
                    </Button>
                  )}
                  {list.map((c) => (
                    <Item key={`${c.id}|${c.status}`} c={c} tone={g.tone} onDone={done} />
                  ))}
                </View>
              );
            })}
          </>
        )}
      </View>
    </PageShell>
  );
}
