// 园区管理 · 日志: the park's audit log (audit.list), newest first, 20 at a time (加载更多), with a
// filter by kind of change. Role changes, imports, invites, transfers and structure changes.
import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ApiReply } from '@shared/contract';
import { AdminFrame } from '../../common/frame';
import { Empty } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { ErrorLines } from '../../../ui';
import { ADMIN, AUDIT_ACTION_LABELS } from '../../common/area';
import { type AuditEntry, AuditItem } from './entry';
import './index.scss';

const PAGE = 20;
const FILTERS: Array<{ action: string; label: string }> = [
  { action: '', label: '全部' },
  ...['roles.set', 'roster.import', 'invites.create', 'transfers.create', 'people.update', 'branches.create', 'branches.update', 'enterprises.create'].map((a) => ({
    action: a,
    label: AUDIT_ACTION_LABELS[a]!,
  })),
];

type Page = { entries: AuditEntry[]; total: number };

export default function AuditPage() {
  const [action, setAction] = useState('');
  const [extra, setExtra] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const load = (): Promise<ApiReply<Page>> => call('org', 'audit.list', { offset: 0, limit: PAGE, ...(action ? { action } : {}) });
  const { state, reload } = useRemote(load);

  const refresh = async () => {
    setExtra([]);
    await reload();
  };
  const choose = (a: string) => {
    setAction(a);
    setExtra([]);
    setMore({ busy: false, error: null });
  };
  // A new filter: load its first page (`load` reads the filter; useRemote itself loads the first time).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else void reload();
  }, [action]);

  const shown = state.status === 'ok' ? [...state.data.entries, ...extra.filter((x) => !state.data.entries.some((y) => y.id === x.id))] : [];
  const total = state.status === 'ok' ? state.data.total : 0;
  const loadMore = async () => {
    setMore({ busy: true, error: null });
    const r = await call('org', 'audit.list', { offset: shown.length, limit: PAGE, ...(action ? { action } : {}) });
    if (!r.ok) return setMore({ busy: false, error: r.error.message });
    setExtra((cur) => [...cur, ...r.data.entries]);
    setMore({ busy: false, error: null });
  };

  return (
    <AdminFrame current={ADMIN.audit} state={state} reload={refresh}>
      {() => (
        <>
          <View className='audit-filters'>
            {FILTERS.map((f) => (
              <Text key={f.action || 'all'} className={`audit-filter${f.action === action ? ' audit-filter--on' : ''}`} onClick={() => choose(f.action)}>
                {f.label}
              </Text>
            ))}
          </View>
          <View className='rp-section audit-list'>
            <Text className='rp-muted'>
              共 {total} 条{total ? `，已显示 ${shown.length} 条` : ''}。时间为北京时间。
            </Text>
            {shown.length === 0 && <Empty title='还没有记录' hint='设置角色、导入名册、生成邀请码、转接等操作会记在这里。' />}
            {shown.map((e) => (
              <AuditItem key={e.id} e={e} />
            ))}
            <ErrorLines error={more.error} />
            {shown.length < total && (
              <Button className='rp-btn rp-btn--ghost audit-more' disabled={more.busy || undefined} onClick={loadMore}>
                {more.busy ? '正在加载…' : `加载更多（还有 ${total - shown.length} 条）`}
              </Button>
            )}
          </View>
        </>
      )}
    </AdminFrame>
  );
}
