// 园区管理 · 企业: every enterprise of the park and the branch that covers it; the uncovered ones are
// highlighted (and can be shown alone), since raising 覆盖率 is the point. Add and edit enterprises.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Enterprise } from '@shared/contract';
import { AdminFrame } from '../../common/frame';
import { Empty } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { Tag } from '../../../ui';
import { ADMIN, percent } from '../../common/area';
import { EnterpriseForm } from './form';
import './index.scss';

const load = () => call('org', 'enterprises.list', {});

function EnterpriseItem({ e, onChanged }: { e: Enterprise; onChanged: () => Promise<unknown> }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <EnterpriseForm enterprise={e} onCancel={() => setEditing(false)} onDone={() => void onChanged().then(() => setEditing(false))} />;
  const facts = [e.industry, e.employees === null ? null : `${e.employees} 人`].filter(Boolean).join(' · ');
  return (
    <View className={`rp-item enterprise-item${e.branch ? '' : ' enterprise-item--uncovered'}`}>
      <View className='rp-item__body'>
        <Text className='rp-item__name'>{e.name}</Text>
        {e.branch ? <Tag tone='green'>已覆盖</Tag> : <Tag tone='gold'>未覆盖</Tag>}
        <Text className='rp-item__line enterprise-item__branch'>{e.branch ? `覆盖支部：${e.branch.name}` : '还没有支部覆盖这家企业'}</Text>
        {facts && <Text className='rp-item__line'>{facts}</Text>}
      </View>
      <Button className='rp-btn rp-btn--ghost rp-btn--inline enterprise-edit' onClick={() => setEditing(true)}>
        修改
      </Button>
    </View>
  );
}

export default function EnterprisesPage() {
  const { state, reload } = useRemote(load);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [onlyUncovered, setOnlyUncovered] = useState(false);

  return (
    <AdminFrame current={ADMIN.enterprises} state={state} reload={reload}>
      {() => {
        if (state.status !== 'ok') return null;
        const all = state.data.enterprises;
        const uncovered = all.filter((e) => !e.branch).length;
        const shown = onlyUncovered ? all.filter((e) => !e.branch) : all;
        return (
          <>
            <View className='rp-section enterprise-summary'>
              <Text className='rp-text'>
                共 {all.length} 家企业，{all.length - uncovered} 家已有支部覆盖，<Text className='enterprise-summary__uncovered'>{uncovered} 家未覆盖</Text>
              </Text>
              {all.length > 0 && <Text className='rp-muted'>企业党组织覆盖率 {percent((all.length - uncovered) / all.length)}。要覆盖一家企业，请在“支部”里新建或修改支部。</Text>}
              <Text className='rp-link' onClick={() => void Taro.redirectTo({ url: ADMIN.branches })}>
                去“支部”
              </Text>
            </View>
            {adding ? (
              <EnterpriseForm
                onCancel={() => setAdding(false)}
                onDone={(e) => {
                  setAdded(e.name);
                  setAdding(false);
                  void reload();
                }}
              />
            ) : (
              <Button className='rp-btn enterprise-new' onClick={() => (setAdding(true), setAdded(null))}>
                添加企业
              </Button>
            )}
            {added && (
              <View className='rp-done enterprise-added'>
                <Text className='rp-done__title'>已添加“{added}”</Text>
              </View>
            )}
            <View className='rp-section'>
              <View className='rp-section-head'>
                <Text className='rp-title'>{onlyUncovered ? `未覆盖的企业（${uncovered}）` : `全部企业（${all.length}）`}</Text>
                <Button className='rp-btn rp-btn--ghost rp-btn--inline enterprise-filter' onClick={() => setOnlyUncovered(!onlyUncovered)}>
                  {onlyUncovered ? '显示全部' : '只看未覆盖'}
                </Button>
              </View>
              {shown.length === 0 && <Empty title={onlyUncovered ? '所有企业都已覆盖' : '园区还没有企业'} hint={onlyUncovered ? '覆盖率 100%。' : '点“添加企业”登记园区里的企业。'} />}
              {shown.map((e) => (
                <EnterpriseItem key={e.id} e={e} onChanged={reload} />
              ))}
            </View>
          </>
        );
      }}
    </AdminFrame>
  );
}
