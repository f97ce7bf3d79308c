// 志愿 tab: an honest placeholder until volunteer service is built.
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { Empty } from '../../components/States';

export default function Volunteer() {
  return (
    <PageShell>
      <View className='rp-body'>
        <Empty title='志愿服务 即将上线' hint='园区志愿服务联合会的活动将在这里发布。' />
        <View className='rp-section'>
          <Text className='rp-title'>上线后您可以：</Text>
          <Text className='rp-text'>· 报名参加志愿活动，名额满了可以排队候补</Text>
          <Text className='rp-text'>· 到场后扫码签到、签退，服务时长自动记录</Text>
          <Text className='rp-text'>· 查看自己的服务时长、志愿星级和志愿服务证明</Text>
        </View>
      </View>
    </PageShell>
  );
}
