// 园区管理 · 支部: the park overview (企业党组织覆盖率 and head counts), then every branch with its
// enterprises, secretaries and counts; create a branch, edit one, add a Party group, open its roster.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ApiReply, Branch, Enterprise } from '@shared/contract';
import { AdminFrame } from '../../common/frame';
import { Empty } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { BranchForm } from '../../common/BranchForm';
import { ADMIN } from '../../common/area';
import { BranchItem } from './item';
import { type Overview, ParkOverview } from './overview';
import './index.scss';

interface Data {
  overview: Overview;
  branches: Branch[];
  enterprises: Enterprise[];
}

async function load(): Promise<ApiReply<Data>> {
  const [o, b, e] = await Promise.all([call('org', 'park.overview', {}), call('org', 'branches.list', {}), call('org', 'enterprises.list', {})]);
  if (!o.ok) return o;
  if (!b.ok) return b;
  if (!e.ok) return e;
  return { ok: true, data: { overview: o.data, branches: b.data.branches, enterprises: e.data.enterprises } };
}

export default function BranchesPage() {
  const { state, reload } = useRemote(load);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  return (
    <AdminFrame current={ADMIN.branches} state={state} reload={reload}>
      {() => {
        if (state.status !== 'ok') return null;
        const { overview, branches, enterprises } = state.data;
        return (
          <>
            <ParkOverview o={overview} />
            {creating ? (
              <BranchForm
                enterprises={enterprises}
                onCancel={() => setCreating(false)}
                onDone={(b) => {
                  setCreated(b.name);
                  setCreating(false);
                  void reload();
                }}
              />
            ) : (
              <Button className='rp-btn branch-new' onClick={() => (setCreating(true), setCreated(null))}>
                新建支部
              </Button>
            )}
            {created && (
              <View className='rp-done branch-created'>
                <Text className='rp-done__title'>已建立“{created}”</Text>
                <Text className='rp-text'>下一步：在“角色”里为它设置支部书记。</Text>
              </View>
            )}
            <View className='rp-section-head'>
              <Text className='rp-title'>支部（{branches.length}）</Text>
              <Text className='rp-link' onClick={() => void Taro.redirectTo({ url: ADMIN.enterprises })}>
                查看企业
              </Text>
            </View>
            {branches.length === 0 && <Empty title='园区还没有支部' hint='点“新建支部”，选择它覆盖的企业。' />}
            {branches.map((b) => (
              <BranchItem key={b.id} branch={b} enterprises={enterprises} onChanged={reload} />
            ))}
          </>
        );
      }}
    </AdminFrame>
  );
}
