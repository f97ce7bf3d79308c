// 我的: the member's card (亮身份) with 亮码 and 扫码验证, 我的积分 and 支部排行, the management areas
// their roles open, 我的信息 (everything kept about them, and its export), and the large-text switch. Someone not bound yet gets the way to bind instead of a card; a person
// who is not a Party member (群众) has no card but can still verify others.
import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { PersonSelf } from '@shared/contract';
import { ROLE_LABELS } from '@shared/contract/roles';
import { PageShell } from '../../components/PageShell';
import { CardView } from '../../components/CardView';
import { Empty, ErrorState, Loading } from '../../components/States';
import { RoleEntries } from '../../components/RoleEntries';
import { useRemote } from '../../hooks/useRemote';
import { api } from '../../services/api';
import { ROUTES, go } from '../../services/nav';
import { getLargeText, onLargeTextChange, setLargeText } from '../../services/prefs';

function MemberCard() {
  const { state, reload } = useRemote(api.user.card);
  if (state.status === 'loading') return <Loading text='正在加载身份卡…' />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={reload} />;
  return (
    <>
      <CardView card={state.data} />
      <View className='rp-section'>
        <Button className='rp-btn' onClick={() => go(ROUTES.cardShow)}>
          亮码（出示身份二维码）
        </Button>
        <Button className='rp-btn rp-btn--ghost' onClick={() => go(ROUTES.verify)}>
          扫码验证（查看对方身份）
        </Button>
      </View>
    </>
  );
}

function NonMember({ person }: { person: PersonSelf }) {
  return (
    <View className='rp-section'>
      <Text className='rp-title'>{person.name}</Text>
      <Text className='rp-text'>{person.roles.map((r) => ROLE_LABELS[r]).join('、')}</Text>
      <Text className='rp-text'>{person.branch.name}</Text>
      <Text className='rp-muted'>亮身份卡只面向党员。您可以扫码查看党员出示的身份卡。</Text>
      <Button className='rp-btn rp-btn--ghost' onClick={() => go(ROUTES.verify)}>
        扫码验证（查看对方身份）
      </Button>
    </View>
  );
}

/** 我的积分 and 支部排行, one tap each (the pages are in the member subpackage). */
function PointsEntries() {
  return (
    <View className='rp-section mine-points'>
      <Text className='rp-title'>积分和排行</Text>
      <Button className='rp-btn rp-btn--ghost mine-points__points' onClick={() => go(ROUTES.memberPoints)}>
        我的积分
      </Button>
      <Button className='rp-btn rp-btn--ghost mine-points__leaderboard' onClick={() => go(ROUTES.memberLeaderboard)}>
        支部排行
      </Button>
    </View>
  );
}

/** 我的信息: what Redpark keeps about me, and the export (member subpackage). */
function MyDataEntry() {
  return (
    <View className='rp-section mine-data'>
      <Text className='rp-title'>个人信息</Text>
      <Text className='rp-muted'>查看和导出红色园区保存的关于您的全部信息。</Text>
      <Button className='rp-btn rp-btn--ghost mine-data__open' onClick={() => go(ROUTES.memberData)}>
        我的信息
      </Button>
    </View>
  );
}

/** 我的三评议: my result of each year's 三评议 (members; the review subpackage). */
function ReviewEntry() {
  return (
    <View className='rp-section mine-review'>
      <Text className='rp-title'>三评议</Text>
      <Button className='rp-btn rp-btn--ghost mine-review__open' onClick={() => go(ROUTES.reviewMine)}>
        我的三评议结果
      </Button>
    </View>
  );
}

/** 消息提醒: which reminders come as WeChat messages (member subpackage). */
function RemindersEntry() {
  return (
    <View className='rp-section mine-reminders'>
      <Text className='rp-title'>消息提醒</Text>
      <Text className='rp-muted'>学习截止、主题党日、志愿服务等提醒，选择要不要发微信消息。</Text>
      <Button className='rp-btn rp-btn--ghost mine-reminders__open' onClick={() => go(ROUTES.memberReminders)}>
        消息提醒设置
      </Button>
    </View>
  );
}

function LargeTextToggle() {
  const [on, setOn] = useState(getLargeText);
  useEffect(() => onLargeTextChange(setOn), []);
  return (
    <View className='rp-section'>
      <Text className='rp-title'>大字模式</Text>
      <Text className='rp-muted'>把所有页面的字放大，看得更清楚。</Text>
      <Button className={`rp-btn${on ? '' : ' rp-btn--ghost'}`} onClick={() => setLargeText(!on)}>
        {on ? '大字模式：已打开（点一下关闭）' : '大字模式：已关闭（点一下打开）'}
      </Button>
    </View>
  );
}

export default function Mine() {
  const me = useRemote(api.user.me);
  // Remount the card on refresh so it reloads too.
  const [round, setRound] = useState(0);
  const refresh = async () => {
    await me.reload();
    setRound((n) => n + 1);
  };
  const person = me.state.status === 'ok' ? me.state.data.person : null;

  return (
    <PageShell onRefresh={refresh}>
      <View className='rp-body'>
        {me.state.status === 'loading' && <Loading />}
        {me.state.status === 'error' && <ErrorState message={me.state.error.message} onRetry={me.reload} />}
        {me.state.status === 'ok' && !person && (
          <Empty
            title='还没有绑定身份'
            hint='请用支部书记发给您的 8 位邀请码绑定，绑定后这里会显示您的党员身份卡。'
            action={
              <Button className='rp-btn' onClick={() => go(ROUTES.bind)}>
                绑定身份
              </Button>
            }
          />
        )}
        {person && (person.roles.includes('member') ? <MemberCard key={round} /> : <NonMember person={person} />)}
        {person && <PointsEntries />}
        {person && person.roles.includes('member') && <ReviewEntry />}
        {person && <RoleEntries person={person} />}
        {person && <MyDataEntry />}
        {person && <RemindersEntry />}
        <LargeTextToggle />
      </View>
    </PageShell>
  );
}
