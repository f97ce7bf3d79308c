// 首页: who I am (name and branch), what I have to do next (user.home's to-do list per role: todo.tsx),
// for members 本月积分 · 支部排行, the everyday entries one tap away, and for a WeChat user who is not on
// the roster yet, the way to bind. The unread count goes on the 学习 tab's badge.
import { Button, Text, View } from '@tarojs/components';
import { chinaDateString } from '@shared/time';
import type { PersonSelf } from '@shared/contract';
import type { Home as HomeData } from '@shared/contract/user';
import { PageShell } from '../../components/PageShell';
import { ErrorState, Loading } from '../../components/States';
import { RoleEntries } from '../../components/RoleEntries';
import { useRemote } from '../../hooks/useRemote';
import { call } from '../../services/api';
import { showUnread } from '../../services/badge';
import { ROUTES, go } from '../../services/nav';
import { TodoList } from './todo';
import './index.scss';

/** 本月积分 N · 支部排行: two taps to either page; the number is left out if it cannot be loaded. */
function PointsCard() {
  const { state } = useRemote(() => call('score', 'me.summary', {}));
  return (
    <View className='rp-section home-points'>
      <View className='home-points__part home-points__mine' onClick={() => go(ROUTES.memberPoints)}>
        <Text className='home-points__label'>本月积分</Text>
        <Text className='home-points__month'>{state.status === 'ok' ? String(Math.round(state.data.month * 100) / 100) : state.status === 'loading' ? '…' : '查看'}</Text>
      </View>
      <View className='home-points__part home-points__lb' onClick={() => go(ROUTES.memberLeaderboard)}>
        <Text className='home-points__label'>支部排行</Text>
        <Text className='home-points__go'>各支部比一比 ›</Text>
      </View>
    </View>
  );
}

function Greeting({ person, home }: { person: PersonSelf; home: HomeData }) {
  const member = person.roles.includes('member');
  return (
    <>
      <View className='rp-section home__hello'>
        <Text className='home__name'>{person.name}，您好</Text>
        <Text className='rp-text'>{person.branch.name}</Text>
        <Text className='rp-muted'>{person.park.name}</Text>
      </View>
      <TodoList home={home} />
      {member && <PointsCard />}
      <View className='rp-section'>
        {member && (
          <Button className='rp-btn' onClick={() => go(ROUTES.cardShow)}>
            亮码（出示身份二维码）
          </Button>
        )}
        <Button className='rp-btn rp-btn--ghost' onClick={() => go(ROUTES.mine)}>
          {member ? '我的身份卡' : '我的信息'}
        </Button>
        <Button className='rp-btn rp-btn--ghost' onClick={() => go(ROUTES.verify)}>
          扫码验证（查看对方身份）
        </Button>
      </View>
      <PledgeEntries person={person} />
      <RoleEntries person={person} />
    </>
  );
}

/** 承诺践诺: my pledges (members), the branch's approvals (secretaries), the public board and 评诺 (everyone). */
function PledgeEntries({ person }: { person: PersonSelf }) {
  const member = person.roles.includes('member');
  const secretary = person.roles.includes('secretary');
  return (
    <View className='rp-section home-pledges'>
      <View className='rp-title'>承诺践诺</View>
      {member && (
        <Button className='rp-btn rp-btn--ghost home-pledges__mine' onClick={() => go(ROUTES.pledgeMine)}>
          我的承诺（写承诺、记进展、申报践诺）
        </Button>
      )}
      {secretary && (
        <Button className='rp-btn rp-btn--ghost home-pledges__review' onClick={() => go(ROUTES.pledgeReview)}>
          承诺审核（审核、确认践诺、撤回）
        </Button>
      )}
      <Button className='rp-btn rp-btn--ghost home-pledges__board' onClick={() => go(ROUTES.pledgeBoard)}>
        公开承诺栏和评诺
      </Button>
    </View>
  );
}

function BindCall() {
  return (
    <>
      <View className='rp-section home__hello'>
        <Text className='home__name'>欢迎使用红色园区</Text>
        <Text className='rp-text'>您的微信还没有绑定身份。请用支部书记发给您的 8 位邀请码绑定。</Text>
      </View>
      <View className='rp-section'>
        <Button className='rp-btn' onClick={() => go(ROUTES.bind)}>
          绑定身份
        </Button>
        <Button className='rp-btn rp-btn--ghost' onClick={() => go(ROUTES.verify)}>
          扫码验证（查看对方身份）
        </Button>
      </View>
    </>
  );
}

export default function Home() {
  const { state, reload } = useRemote(async () => {
    const r = await call('user', 'home', {});
    if (r.ok) showUnread(r.data.unread);
    return r;
  });
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
        {state.status === 'ok' && (state.data.person ? <Greeting person={state.data.person} home={state.data} /> : <BindCall />)}
        <Text className='rp-muted home__date'>今天（北京时间）：{chinaDateString(new Date())}</Text>
      </View>
    </PageShell>
  );
}
