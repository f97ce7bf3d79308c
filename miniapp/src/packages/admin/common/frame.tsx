/**
 * The frame of every park-admin page: PageShell (pull-to-refresh, large text), the area's SubNav and
 * the page's loading / error states around `children` (shown once the data is there).
 */
import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { ApiError } from '@shared/contract';
import { PageShell } from '../../../components/PageShell';
import { Loading, LoadFailed, refused } from '../../../components/States';
import { SubNav } from '../../ui';
import { ADMIN_NAV } from './area';
import './area.scss';

type State = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok' };

export function AdminFrame({ current, state, reload, children }: { current: string; state: State; reload: () => Promise<unknown>; children: () => ReactNode }) {
  return (
    <PageShell onRefresh={reload}>
      {!(state.status === 'error' && refused(state.error)) && <SubNav items={ADMIN_NAV} current={current} />}
      <View className='rp-body'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <LoadFailed error={state.error} onRetry={() => void reload()} />}
        {state.status === 'ok' && children()}
      </View>
    </PageShell>
  );
}
