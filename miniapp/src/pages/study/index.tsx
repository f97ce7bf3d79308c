// 学习 tab: an honest placeholder until 一月一专题 (monthly study topics) is built.
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { Empty } from '../../components/States';

export default function Study() {
  return (
    <PageShell>
      <View className='rp-body'>
        <Empty title='一月一专题 即将上线' hint='园区党委和支部每月发布一个学习专题。' />
        <View className='rp-section'>
          <Text className='rp-title'>上线后您可以：</Text>
          <Text className='rp-text'>· 阅读本月专题的学习材料</Text>
          <Text className='rp-text'>· 写下学习心得，参加小测验</Text>
          <Text className='rp-text'>· 看到自己完成了哪些学习任务</Text>
          <Text className='rp-muted'>学习记录只用于帮助您学习，不用于考核，也不统计在线时长。</Text>
        </View>
      </View>
    </PageShell>
  );
}
