/**
 * The frame of every secretary tab page: PageShell (pull-to-refresh, large text), the area's SubNav,
 * the loading / error states of the area itself, and the branch bar. The page's content is a render
 * function of the current branch; it is keyed by the branch, so switching branch starts it afresh.
 *
 *   const slot = useRefreshSlot();
 *   <SecretaryFrame current={SEC.invites} slot={slot}>{({ branch }) => <Invites branch={branch} slot={slot} />}</SecretaryFrame>
 *
 * The content puts its own reload into `slot.current`, so pull-to-refresh reloads both.
 */
import { type MutableRefObject, type ReactNode, useRef } from 'react';
import { View } from '@tarojs/components';
import type { Branch } from '@shared/contract';
import { PageShell } from '../../../components/PageShell';
import { Loading, LoadFailed, refused } from '../../../components/States';
import { SubNav } from '../../ui';
import { type AreaData, BranchBar, SEC_NAV, useArea } from './area';

export type RefreshSlot = MutableRefObject<(() => Promise<unknown>) | null>;
export const useRefreshSlot = (): RefreshSlot => useRef<(() => Promise<unknown>) | null>(null);

interface Props {
  current: string;
  slot?: RefreshSlot;
  children: (ctx: { branch: Branch; area: AreaData }) => ReactNode;
}

export function SecretaryFrame({ current, slot, children }: Props) {
  const { state, reload, branch, choose } = useArea();
  return (
    <PageShell onRefresh={async () => Promise.all([reload(), slot?.current?.()])}>
      {!(state.status === 'error' && refused(state.error)) && <SubNav items={SEC_NAV} current={current} />}
      <View className='rp-body'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <LoadFailed error={state.error} onRetry={reload} />}
        {state.status === 'ok' && branch && (
          <>
            <BranchBar branches={state.data.mine} current={branch} onChoose={choose} />
            <View key={branch.id}>{children({ branch, area: state.data })}</View>
          </>
        )}
      </View>
    </PageShell>
  );
}
