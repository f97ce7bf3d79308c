/**
 * Links to the management areas a person's roles open (secretary → branch roster, park admin →
 * branches; organizer, secretary and park admin → 组织志愿活动). Shown on 首页 and 我的 so each is one
 * tap away; the functions check the role again.
 */
import { Button, View } from '@tarojs/components';
import type { PersonSelf } from '@shared/contract';
import { ROUTES, go } from '../../services/nav';

export function RoleEntries({ person }: { person: PersonSelf }) {
  const secretary = person.roles.includes('secretary');
  const admin = person.roles.includes('parkAdmin');
  const organizer = person.roles.includes('organizer');
  if (!secretary && !admin && !organizer) return null;
  return (
    <View className='rp-section'>
      <View className='rp-title'>管理</View>
      {secretary && (
        <Button className='rp-btn rp-btn--ghost' onClick={() => go(ROUTES.secretaryRoster)}>
          支部管理（名册、导入、邀请码、转接）
        </Button>
      )}
      {admin && (
        <Button className='rp-btn rp-btn--ghost' onClick={() => go(ROUTES.adminBranches)}>
          园区管理（支部、企业、角色、积分）
        </Button>
      )}
      {secretary && (
        <Button className='rp-btn rp-btn--ghost role-entry--review-branch' onClick={() => go(ROUTES.reviewBranch)}>
          三评议（支部评定）
        </Button>
      )}
      {admin && (
        <Button className='rp-btn rp-btn--ghost role-entry--review-park' onClick={() => go(ROUTES.reviewPark)}>
          三评议（开启、完成情况）
        </Button>
      )}
      <Button className='rp-btn rp-btn--ghost role-entry--volunteer' onClick={() => go(ROUTES.organizerActivities)}>
        组织志愿活动（发布、签到、确认时长）
      </Button>
    </View>
  );
}
