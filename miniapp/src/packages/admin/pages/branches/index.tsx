// The park-admin subpackage's entry (支部). Placeholder: the branch, enterprise and role pages are
// built on this subpackage next; 我的 and 首页 already link here for park admins.
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/PageShell';
import { Empty } from '../../../../components/States';

export default function Branches() {
  return (
    <PageShell>
      <View className='rp-body'>
        <Empty title='园区管理 即将上线' hint='园区党委在这里管理支部和企业。' />
        <View className='rp-section'>
          <Text className='rp-title'>上线后您可以：</Text>
          <Text className='rp-text'>· 管理支部（单独、联合、挂靠）和党小组</Text>
          <Text className='rp-text'>· 管理园区企业，查看党组织覆盖率</Text>
          <Text className='rp-text'>· 设置支部书记、组织者等角色</Text>
        </View>
      </View>
    </PageShell>
  );
}
