// Choosing whom to transfer: a name search over the current branch's people (people.list), each
// result a big option. The one chosen stays shown with 换一个人.
import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { MEMBER_TYPE_LABELS, type ApiError, type Branch, type PersonRow } from '@shared/contract';
import { Loading } from '../../../../components/States';
import { call } from '../../../../services/api';
import { ErrorLines } from '../../../ui';
import { Choice } from '../../../ui/form';

export interface Who {
  id: string;
  name: string;
}

type Found = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; people: PersonRow[]; total: number };

export function PersonPicker({ branch, chosen, onChoose }: { branch: Branch; chosen: Who | null; onChoose: (p: Who | null) => void }) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Found>({ status: 'loading' });

  useEffect(() => {
    if (chosen) return;
    let live = true;
    setFound({ status: 'loading' });
    void call('org', 'people.list', { branchId: branch.id, limit: 20, ...(search ? { search } : {}) }).then((r) => {
      if (live) setFound(r.ok ? { status: 'ok', people: r.data.people, total: r.data.total } : { status: 'error', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [branch.id, search, chosen === null]);

  if (chosen) {
    return (
      <View className='transfer-person transfer-person--chosen'>
        <Text className='rp-item__name transfer-person__name'>{chosen.name}</Text>
        <Button className='rp-btn rp-btn--ghost' onClick={() => onChoose(null)}>
          换一个人
        </Button>
      </View>
    );
  }
  return (
    <View className='transfer-person'>
      <View className='transfer-search'>
        <Input
          className='rp-input transfer-search__input'
          value={text}
          placeholder='输入姓名查找'
          confirmType='search'
          onInput={(e) => setText(e.detail.value)}
          onConfirm={() => setSearch(text.trim())}
        />
        <Button className='rp-btn rp-btn--inline' onClick={() => setSearch(text.trim())}>
          查找
        </Button>
      </View>
      {found.status === 'loading' && <Loading />}
      {found.status === 'error' && <ErrorLines error={found.error} />}
      {found.status === 'ok' && found.people.length === 0 && <Text className='rp-text'>{search ? `本支部没有姓名以“${search}”开头的人` : '本支部名册里还没有人'}</Text>}
      {found.status === 'ok' &&
        found.people.map((p) => (
          <Choice
            key={p.id}
            className='transfer-person__option'
            on={false}
            title={p.name}
            hint={`${MEMBER_TYPE_LABELS[p.memberType]} · ${p.phone}`}
            onClick={() => onChoose({ id: p.id, name: p.name })}
          />
        ))}
      {found.status === 'ok' && found.total > found.people.length && <Text className='rp-muted'>只显示了前 {found.people.length} 人，请输入姓名查找。</Text>}
    </View>
  );
}
