import { View, Text } from '@tarojs/components';
import { chinaDateString } from '@shared/time';

import './index.scss';

// Placeholder home page: proves the app builds for weapp and h5 and that shared/ compiles in.
export default function Index() {
  const today = chinaDateString(new Date());

  return (
    <View className='home'>
      <Text className='home__title'>红色园区 Redpark</Text>
      <Text className='home__notice'>这是占位首页：功能页面尚在开发中，目前没有任何可用功能。</Text>
      <Text className='home__date'>今天（北京时间）：{today}</Text>
    </View>
  );
}
