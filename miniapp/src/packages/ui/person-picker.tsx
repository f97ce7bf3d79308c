// Choosing one person of a branch (whom to transfer, who is responsible for a branch pledge): a name search
// over the branch's roster (people.list, any part of the name or phone), 20 at a time, each result a big
// option; the one chosen stays shown with 换一个人.
import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ApiError, Branch, PersonRow } from '@shared/contract';
import { Loading } from '../../components/States';
import { call } from '../../services/api';
import { ErrorLines } from '.';
import { Choice } from './form';

export interface Who {
  id: string;
  name: string;
}

type Found = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; people: PersonRow[]; total: number };

export function PersonPicker({ branch, chosen, onChoose, hint, emptyRoster = '本支部名册里还没有人' }: {
  branch: Branch;
  chosen: Who | null;
  onChoose: (p: Who | null) => void;
  /** The line under each name (e.g. 正式党员 · 186****0001). */
  hint: (p: PersonRow) => string;
  /** What an empty roster says (what to do next). */
  emptyRoster?: string;
}) {
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
      <View className='rp-person rp-person--chosen'>
        <Text className='rp-item__name rp-person__name'>{chosen.name}</Text>
        <Button className='rp-btn rp-btn--ghost rp-btn--inline rp-person__change' onClick={() => onChoose(null)}>
          换一个人
        </Button>
      </View>
    );
  }
  return (
    <View className='rp-person'>
      <View className='rp-person__search'>
        <Input
          className='rp-input rp-person__input'
          value={text}
          placeholder='输入姓名查找'
          confirmType='search'
          onInput={(e) => setText(e.detail.value)}
          onConfirm={() => setSearch(text.trim())}
        />
        <Button className='rp-btn rp-btn--inline rp-person__find' onClick={() => setSearch(text.trim())}>
          查找
        </Button>
      </View>
      {found.status === 'loading' && <Loading />}
      {found.status === 'error' && <ErrorLines error={found.error} />}
      {found.status === 'ok' && found.people.length === 0 && <Text className='rp-text'>{search ? `本支部没有姓名含“${search}”的人` : emptyRoster}</Text>}
      {found.status === 'ok' &&
        found.people.map((p) => (
          <Choice key={p.id} className='rp-person__option' on={false} title={p.name} hint={hint(p)} onClick={() => onChoose({ id: p.id, name: p.name })} />
        ))}
      {found.status === 'ok' && found.total > found.people.length && <Text className='rp-muted'>只显示了前 {found.people.length} 人，请输入姓名查找。</Text>}
    </View>
  );
}
