// 园区管理 · 日志: the park's audit log (audit.list), newest first, 20 at a time (加载更多), each entry
// a sentence with a link, filtered by kind of change (人员, 角色, 支部和企业, 学习, 会议, 积分, 志愿服务).
import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ApiReply } from '@shared/contract';
import { AdminFrame } from '../../common/frame';
import { Empty } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { ErrorLines } from '../../../ui';
import { AUDIT_KINDS, AUDIT_KIND_KEYS, type AuditKind } from '@shared/audit-text';
import { ADMIN } from '../../common/area';
import { type AuditEntry, AuditItem } from './entry';
import './index.scss';

const PAGE = 20;
const FILTERS: Array<{ kind: AuditKind | ''; label: string }> = [{ kind: '', label: '全部' }, ...AUDIT_KIND_KEYS.map((k) => ({ kind: k, label: AUDIT_KINDS[k].label }))];

type Page = { entries: AuditEntry[]; total: number };

export default function AuditPage() {
  const [action, setAction] = useState<AuditKind | ''>('');
  const [extra, setExtra] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const load = (): Promise<ApiReply<Page>> => call('org', 'audit.list', { offset: 0, limit: PAGE, ...(action ? { kind: action } : {}) });
  const { state, reload } = useRemote(load);

  const refresh = async () => {
    setExtra([]);
    await reload();
  };
  const choose = (a: AuditKind | '') => {
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
    const r = await call('org', 'audit.list', { offset: shown.length, limit: PAGE, ...(action ? { kind: action } : {}) });
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
              <Text key={f.kind || 'all'} className={`audit-filter${f.kind === action ? ' audit-filter--on' : ''}`} onClick={() => choose(f.kind)}>
                {f.label}
              </Text>
            ))}
          </View>
          <View className='rp-section audit-list'>
            <Text className='rp-muted'>
              共 {total} 条{total ? `，已显示 ${shown.length} 条` : ''}。时间为北京时间。
            </Text>
            {shown.length === 0 && <Empty title='还没有记录' hint='设置角色、导入名册、生成邀请码、转接、发布专题、安排会议等操作会记在这里。' />}
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
