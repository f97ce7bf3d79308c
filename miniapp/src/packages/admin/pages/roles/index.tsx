// 园区管理 · 角色: find a person of the park by name (people.list), then set their roles (the editor
// below the results). The change is confirmed first and recorded in 日志.
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { MEMBER_TYPE_LABELS, ROLE_LABELS, type ApiError, type PersonRow } from '@shared/contract';
import { AdminFrame } from '../../common/frame';
import { Empty, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines } from '../../../ui';
import { Choice } from '../../../ui/form';
import { ADMIN } from '../../common/area';
import { RoleEditor } from './editor';
import './index.scss';

type Found = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: ApiError | string } | { status: 'ok'; search: string; people: PersonRow[]; total: number };

const SHOWN = 20;
const rolesText = (p: PersonRow) => p.roles.filter((r) => r !== 'member' && r !== 'masses').map((r) => ROLE_LABELS[r]).join('、');

export default function RolesPage() {
  const branches = useRemote(() => call('org', 'branches.list', {}));
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found>({ status: 'idle' });
  const [chosen, setChosen] = useState<PersonRow | null>(null);

  const find = async () => {
    const search = text.trim();
    const input = { search, limit: SHOWN };
    const problem = search ? validate('org', 'people.list', input) : '请输入要查找的姓名';
    if (problem) return setFound({ status: 'error', error: problem });
    setFound({ status: 'loading' });
    setChosen(null);
    const r = await call('org', 'people.list', input);
    setFound(r.ok ? { status: 'ok', search, people: r.data.people, total: r.data.total } : { status: 'error', error: r.error });
  };
  const saved = (p: PersonRow) => {
    setChosen(p);
    if (found.status === 'ok') setFound({ ...found, people: found.people.map((x) => (x.id === p.id ? p : x)) });
    void branches.reload();
  };

  return (
    <AdminFrame current={ADMIN.roles} state={branches.state} reload={branches.reload}>
      {() => {
        if (branches.state.status !== 'ok') return null;
        const all = branches.state.data.branches;
        return (
          <>
            <View className='rp-section roles-search'>
              <Text className='rp-title'>设置角色</Text>
              <Text className='rp-muted'>先按姓名找到这个人，再勾选他担任的角色。</Text>
              <View className='roles-search__bar'>
                <Input
                  className='rp-input roles-search__input'
                  value={text}
                  maxlength={20}
                  placeholder='输入姓名查找'
                  confirmType='search'
                  onInput={(e) => setText(e.detail.value)}
                  onConfirm={find}
                />
                <Button className='rp-btn rp-btn--inline roles-search__go' onClick={find}>
                  查找
                </Button>
              </View>
              {found.status === 'loading' && <Loading text='正在查找…' />}
              {found.status === 'error' && <ErrorLines error={found.error} />}
              {found.status === 'ok' && found.people.length === 0 && <Empty title={`没有找到姓名以“${found.search}”开头的人`} hint='请检查姓名；人员要先在支部名册里。' />}
              {found.status === 'ok' &&
                found.people.map((p) => (
                  <Choice
                    key={p.id}
                    className='roles-person'
                    on={chosen?.id === p.id}
                    title={p.name}
                    hint={[all.find((b) => b.id === p.branchId)?.name, MEMBER_TYPE_LABELS[p.memberType], rolesText(p)].filter(Boolean).join(' · ')}
                    onClick={() => setChosen(p)}
                  />
                ))}
              {found.status === 'ok' && found.total > found.people.length && <Text className='rp-muted'>只显示前 {found.people.length} 人，请输入更完整的姓名。</Text>}
            </View>
            {chosen && <RoleEditor key={chosen.id} person={chosen} branches={all} onSaved={saved} />}
          </>
        );
      }}
    </AdminFrame>
  );
}
