// 邀请码: the people ticked on 名册 get their codes here (invites.create, once: the selection is
// cleared so reopening the page never regenerates and cancels codes already handed out), each in
// big letters with its expiry and a copy button; below, the branch's codes not used yet.
import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ApiError, Branch } from '@shared/contract';
import { type RefreshSlot, SecretaryFrame, useRefreshSlot } from '../../common/frame';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { ErrorLines } from '../../../ui';
import { SEC } from '../../common/area';
import { type Picked, getPicked, setPicked } from '../../common/selection';
import { type Invite, InviteCard, copy, inviteMessage } from './code';
import './index.scss';

type Made = { status: 'none' } | { status: 'making' } | { status: 'error'; error: ApiError } | { status: 'ok'; invites: Invite[] };

/** The codes just generated for the people picked on 名册. */
function NewCodes({ people, onMade }: { people: Picked[]; onMade: () => void }) {
  const [made, setMade] = useState<Made>({ status: people.length ? 'making' : 'none' });
  const started = useRef(false);

  const make = async () => {
    setMade({ status: 'making' });
    const r = await call('org', 'invites.create', { personIds: people.map((p) => p.id) });
    setMade(r.ok ? { status: 'ok', invites: r.data.invites } : { status: 'error', error: r.error });
    if (r.ok) onMade();
  };
  useEffect(() => {
    if (people.length && !started.current) {
      started.current = true;
      void make();
    }
  }, []);

  if (made.status === 'none') return null;
  return (
    <View className='rp-section invite-new'>
      <Text className='rp-title'>新生成的邀请码</Text>
      {made.status === 'making' && <Loading text={`正在为 ${people.length} 人生成邀请码…`} />}
      {made.status === 'error' && (
        <View className='invite-error'>
          <Text className='rp-text'>为 {people.map((p) => p.name).join('、')} 生成邀请码没有成功：</Text>
          <ErrorLines error={made.error} />
          <Button className='rp-btn' onClick={make}>
            重新生成
          </Button>
        </View>
      )}
      {made.status === 'ok' && (
        <>
          <Text className='rp-muted'>请把邀请码分别发给本人（点“复制”，再粘贴到微信）。每个码只能用一次，7 天内有效；以前发的码已作废。</Text>
          {made.invites.map((i) => (
            <InviteCard key={i.personId} invite={i} fresh />
          ))}
          {made.invites.length > 1 && (
            <Button className='rp-btn rp-btn--ghost invite-copy-all' onClick={() => copy(made.invites.map(inviteMessage).join('\n\n'), '已全部复制')}>
              复制全部 {made.invites.length} 个
            </Button>
          )}
        </>
      )}
    </View>
  );
}

function OpenCodes({ branch, slot, round }: { branch: Branch; slot: RefreshSlot; round: number }) {
  const { state, reload } = useRemote(() => call('org', 'invites.list', { branchId: branch.id }));
  slot.current = reload;
  useEffect(() => {
    if (round) void reload();
  }, [round]);

  return (
    <View className='rp-section invite-open'>
      <Text className='rp-title'>还没使用的邀请码</Text>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
      {state.status === 'ok' && state.data.invites.length === 0 && (
        <Empty
          title='没有待使用的邀请码'
          hint='在名册里勾选“未绑定”的人，点“生成邀请码”。'
          action={
            <Button className='rp-btn rp-btn--ghost' onClick={() => Taro.redirectTo({ url: SEC.roster })}>
              去名册选人
            </Button>
          }
        />
      )}
      {state.status === 'ok' && state.data.invites.length > 0 && (
        <>
          <Text className='rp-muted'>共 {state.data.invites.length} 个，对方绑定后会自动从这里消失。</Text>
          {state.data.invites.map((i) => (
            <InviteCard key={i.code} invite={i} />
          ))}
        </>
      )}
    </View>
  );
}

function Invites({ branch, slot }: { branch: Branch; slot: RefreshSlot }) {
  // Taken once: the selection is handed over from 名册 and then forgotten.
  const [people] = useState(() => getPicked());
  const [round, setRound] = useState(0);
  return (
    <>
      <NewCodes
        people={people}
        onMade={() => {
          setPicked([]);
          setRound((n) => n + 1);
        }}
      />
      <OpenCodes branch={branch} slot={slot} round={round} />
    </>
  );
}

export default function InvitesPage() {
  const slot = useRefreshSlot();
  return <SecretaryFrame current={SEC.invites} slot={slot}>{({ branch }) => <Invites branch={branch} slot={slot} />}</SecretaryFrame>;
}
