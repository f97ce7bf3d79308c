// RoleEntries: one entry per management area a person's roles open, each one tap away.
import { describe, expect, test } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { RoleEntries } from '../../../miniapp/src/components/RoleEntries';
import { ROUTES } from '../../../miniapp/src/services/nav';
import { person } from '../support/fixtures';
import { taro } from '../support/taro';
import { tap } from '../support/dom';

const SECRETARY_ENTRY = '支部管理（名册、导入、邀请码、转接）';
const ADMIN_ENTRY = '园区管理（支部、企业、角色、积分）';
const VOLUNTEER_ENTRY = '组织志愿活动（发布、签到、确认时长）';
const REVIEW_BRANCH_ENTRY = '三评议（支部评定）';
const REVIEW_PARK_ENTRY = '三评议（开启、完成情况）';

describe('RoleEntries', () => {
  test('a member and a non-member employee see no 管理', () => {
    for (const roles of [['member'], ['masses']] as const) {
      const { container, unmount } = render(<RoleEntries person={person({ roles: [...roles] })} />);
      expect(container.textContent).toBe('');
      unmount();
    }
  });

  test('an organizer gets 组织志愿活动 only', () => {
    const { container } = render(<RoleEntries person={person({ roles: ['masses', 'organizer'] })} />);
    const labels = [...container.querySelectorAll('taro-button-core')].map((b) => b.textContent);
    expect(labels).toEqual([VOLUNTEER_ENTRY]);
    tap(VOLUNTEER_ENTRY);
    expect(taro.callsTo('navigateTo')).toEqual([{ url: ROUTES.organizerActivities }]);
  });

  test('a secretary gets the branch area, opened with navigateTo', () => {
    render(<RoleEntries person={person({ roles: ['member', 'secretary'], secretaryOf: ['br-1'] })} />);
    expect(screen.getByText('管理')).toBeTruthy();
    expect(screen.queryByText(ADMIN_ENTRY)).toBeNull();
    tap(SECRETARY_ENTRY);
    expect(taro.callsTo('navigateTo')).toEqual([{ url: ROUTES.secretaryRoster }]);
  });

  test('a park admin gets the park area', () => {
    render(<RoleEntries person={person({ roles: ['member', 'parkAdmin'] })} />);
    expect(screen.queryByText(SECRETARY_ENTRY)).toBeNull();
    tap(ADMIN_ENTRY);
    expect(taro.callsTo('navigateTo')).toEqual([{ url: ROUTES.adminBranches }]);
  });

  test('a secretary who is also park admin gets both, secretary first, then 组织志愿活动', () => {
    const { container } = render(<RoleEntries person={person({ roles: ['member', 'secretary', 'parkAdmin'], secretaryOf: ['br-1'] })} />);
    const labels = [...container.querySelectorAll('taro-button-core')].map((b) => b.textContent);
    expect(labels).toEqual([SECRETARY_ENTRY, ADMIN_ENTRY, REVIEW_BRANCH_ENTRY, REVIEW_PARK_ENTRY, VOLUNTEER_ENTRY]);
    tap(REVIEW_BRANCH_ENTRY);
    tap(REVIEW_PARK_ENTRY);
    expect(taro.callsTo('navigateTo')).toEqual([{ url: ROUTES.reviewBranch }, { url: ROUTES.reviewPark }]);
  });
});
