// One branch in the list: kind, enterprises covered, secretaries, counts, Party groups, and its
// actions (修改, 添加党小组, 查看名册). Editing replaces the item with the form, in place.
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { BRANCH_KIND_LABELS, type Branch, type Enterprise } from '@shared/contract';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { go } from '../../../../services/nav';
import { ErrorLines, Tag } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { BranchForm } from '../../common/BranchForm';
import { rosterOf } from '../../common/area';

function GroupForm({ branch, onDone, onCancel }: { branch: Branch; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const { busy, error, submit } = useSubmit();
  const save = async () => {
    const input = { branchId: branch.id, name };
    if (await submit(validate('org', 'groups.create', input), () => call('org', 'groups.create', input))) onDone();
  };
  return (
    <View className='group-form'>
      <Text className='rp-field__label'>新党小组名称</Text>
      <Input className='rp-input group-name' value={name} maxlength={20} placeholder='例如“第二党小组”' onInput={(e) => setName(e.detail.value)} onConfirm={save} />
      <ErrorLines error={error} />
      <View className='adm-actions'>
        <Button className='rp-btn rp-btn--ghost' disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
        <Button className='rp-btn group-save' disabled={busy || undefined} onClick={save}>
          {busy ? '正在添加…' : '添加'}
        </Button>
      </View>
    </View>
  );
}

export function BranchItem({ branch, enterprises, onChanged }: { branch: Branch; enterprises: Enterprise[]; onChanged: () => Promise<unknown> }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'group'>('view');
  if (mode === 'edit') {
    return <BranchForm enterprises={enterprises} branch={branch} onCancel={() => setMode('view')} onDone={() => void onChanged().then(() => setMode('view'))} />;
  }
  return (
    <View className='rp-section branch-item' data-branch-id={branch.id}>
      <Text className='rp-item__name branch-item__name'>{branch.name}</Text>
      <View>
        <Tag tone='red'>{BRANCH_KIND_LABELS[branch.kind]}</Tag>
        {branch.secretaries.length === 0 && <Tag tone='gold'>未设书记</Tag>}
      </View>
      <Text className='rp-item__line branch-item__enterprises'>
        覆盖企业（{branch.enterprises.length}）：{branch.enterprises.map((e) => e.name).join('、') || '无'}
      </Text>
      <Text className='rp-item__line branch-item__secretaries'>书记：{branch.secretaries.map((s) => s.name).join('、') || '未设置'}</Text>
      <Text className='rp-item__line branch-item__counts'>
        {branch.peopleCount} 人 · 党员 {branch.memberCount} 人
      </Text>
      <Text className='rp-item__line branch-item__groups'>党小组：{branch.groups.map((g) => g.name).join('、') || '暂无'}</Text>
      {mode === 'group' ? (
        <GroupForm branch={branch} onCancel={() => setMode('view')} onDone={() => void onChanged().then(() => setMode('view'))} />
      ) : (
        <View className='adm-actions'>
          <Button className='rp-btn rp-btn--ghost branch-edit' onClick={() => setMode('edit')}>
            修改
          </Button>
          <Button className='rp-btn rp-btn--ghost branch-add-group' onClick={() => setMode('group')}>
            加党小组
          </Button>
          <Button className='rp-btn rp-btn--ghost branch-roster' onClick={() => go(rosterOf(branch.id))}>
            名册
          </Button>
        </View>
      )}
    </View>
  );
}
