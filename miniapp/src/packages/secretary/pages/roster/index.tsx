// 支部名册: the branch's people, searchable by name, 20 at a time (加载更多). Each row shows what a
// secretary needs at a glance: category, bound or not, posts and phone (full for the own secretary,
// as the function returns it). Unbound people can be ticked and given invite codes in one tap.
import { type MutableRefObject, useEffect, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { MEMBER_TYPE_LABELS, POST_KIND_LABELS, type ApiError, type Branch, type PersonRow } from '@shared/contract';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { call } from '../../../../services/api';
import { go } from '../../../../services/nav';
import { SubNav, Tag, Tick } from '../../../ui';
import { BranchBar, SEC, SEC_NAV, useArea } from '../../common/area';
import { type Picked, setPicked } from '../../common/selection';
import './index.scss';

const PAGE = 20;

type List = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; people: PersonRow[]; total: number };

// Tapping the tick box picks an unbound person for invite codes; tapping the rest of the row opens
// their entry for editing (posts, 责任区, 转正, group, phone).
function PersonItem({ p, picked, onPick }: { p: PersonRow; picked: boolean; onPick: () => void }) {
  return (
    <View
      className='rp-item roster__item roster-person'
      onClick={() => go(`${SEC.person}?personId=${encodeURIComponent(p.id)}&branchId=${encodeURIComponent(p.branchId)}&name=${encodeURIComponent(p.name)}`)}
    >
      <View
        className='roster__pick'
        onClick={(e) => {
          e.stopPropagation();
          if (!p.bound) onPick();
        }}
      >
        <Tick on={picked} disabled={p.bound} />
      </View>
      <View className='rp-item__body'>
        <Text className='rp-item__name'>{p.name}</Text>
        <View>
          <Tag tone={p.memberType === 'none' ? 'gray' : 'red'}>{MEMBER_TYPE_LABELS[p.memberType]}</Tag>
          {p.bound ? <Tag tone='green'>已绑定</Tag> : <Tag tone='gold'>未绑定</Tag>}
        </View>
        {p.posts.map((post) => (
          <Text key={`${post.kind}-${post.title}`} className='rp-item__line'>
            {POST_KIND_LABELS[post.kind]} · {post.title}
          </Text>
        ))}
        {p.responsibilityArea && <Text className='rp-item__line'>责任区：{p.responsibilityArea}</Text>}
        <Text className='rp-item__line'>手机：{p.phone}</Text>
      </View>
      <Text
        className='roster__transfer'
        onClick={(e) => {
          e.stopPropagation();
          go(`${SEC.transfer}?personId=${encodeURIComponent(p.id)}&name=${encodeURIComponent(p.name)}`);
        }}
      >
        转接
      </Text>
    </View>
  );
}

function Roster({ branch, refreshRef }: { branch: Branch; refreshRef: MutableRefObject<(() => Promise<void>) | null> }) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [list, setList] = useState<List>({ status: 'loading' });
  const [more, setMore] = useState(false);
  const [picked, setPickedState] = useState<Picked[]>([]);
  const ticket = useRef(0);

  /** The first page again (search, branch change, pull-to-refresh); only the latest request counts. */
  const loadFirst = async () => {
    const t = ++ticket.current;
    const r = await call('org', 'people.list', { branchId: branch.id, offset: 0, limit: PAGE, ...(search ? { search } : {}) });
    if (t !== ticket.current) return;
    setList(r.ok ? { status: 'ok', people: r.data.people, total: r.data.total } : { status: 'error', error: r.error });
  };
  refreshRef.current = loadFirst;

  useEffect(() => {
    setList({ status: 'loading' });
    setPickedState([]);
    void loadFirst();
  }, [branch.id, search]);

  const loadMore = async () => {
    if (list.status !== 'ok') return;
    setMore(true);
    const t = ticket.current;
    const r = await call('org', 'people.list', { branchId: branch.id, offset: list.people.length, limit: PAGE, ...(search ? { search } : {}) });
    setMore(false);
    if (t !== ticket.current) return;
    if (!r.ok) return setList({ status: 'error', error: r.error });
    const seen = new Set(list.people.map((p) => p.id));
    setList({ status: 'ok', people: [...list.people, ...r.data.people.filter((p) => !seen.has(p.id))], total: r.data.total });
  };

  const toggle = (p: PersonRow) =>
    setPickedState((cur) => (cur.some((x) => x.id === p.id) ? cur.filter((x) => x.id !== p.id) : [...cur, { id: p.id, name: p.name }]));

  const invite = () => {
    setPicked(picked);
    go(SEC.invites);
  };

  return (
    <>
      <View className='rp-section roster__search'>
        <Input
          className='rp-input roster__input'
          value={text}
          placeholder='输入姓名查找'
          confirmType='search'
          onInput={(e) => setText(e.detail.value)}
          onConfirm={() => setSearch(text.trim())}
        />
        <Button className='rp-btn rp-btn--inline roster__go' onClick={() => setSearch(text.trim())}>
          查找
        </Button>
      </View>
      {search && (
        <View className='roster__searching'>
          <Text className='rp-muted'>姓名以“{search}”开头的人</Text>
          <Text
            className='roster__clear'
            onClick={() => {
              setText('');
              setSearch('');
            }}
          >
            显示全部
          </Text>
        </View>
      )}
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorState message={list.error.message} onRetry={loadFirst} />}
      {list.status === 'ok' && list.people.length === 0 && (
        <Empty
          title={search ? `没有找到姓“${search}”的人` : '名册里还没有人'}
          hint={search ? '请检查姓名，或点“显示全部”' : '用 Excel 表格一次导入全支部的人员'}
          action={
            search ? undefined : (
              <Button className='rp-btn' onClick={() => go(SEC.import)}>
                导入名册
              </Button>
            )
          }
        />
      )}
      {list.status === 'ok' && list.people.length > 0 && (
        <View className='rp-section'>
          <Text className='rp-muted'>
            共 {list.total} 人，已显示 {list.people.length} 人。点姓名可修改岗位、责任区等信息；勾选“未绑定”的人，可以给他们生成邀请码。
          </Text>
          {list.people.map((p) => (
            <PersonItem key={p.id} p={p} picked={picked.some((x) => x.id === p.id)} onPick={() => toggle(p)} />
          ))}
          {list.people.length < list.total && (
            <Button className='rp-btn rp-btn--ghost roster__more' disabled={more || undefined} onClick={loadMore}>
              {more ? '正在加载…' : `加载更多（还有 ${list.total - list.people.length} 人）`}
            </Button>
          )}
        </View>
      )}
      {picked.length > 0 && (
        <>
          <View className='rp-bottom-space' />
          <View className='rp-bottom-bar'>
            <Button className='rp-btn' onClick={invite}>
              生成邀请码（已选 {picked.length} 人）
            </Button>
          </View>
        </>
      )}
    </>
  );
}

export default function RosterPage() {
  const { state, reload, branch, choose } = useArea();
  // The list's own reload, for pull-to-refresh (set by the mounted Roster).
  const listRefresh = useRef<(() => Promise<void>) | null>(null);
  return (
    <PageShell onRefresh={async () => Promise.all([reload(), listRefresh.current?.()])}>
      <SubNav items={SEC_NAV} current={SEC.roster} />
      <View className='rp-body'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
        {state.status === 'ok' && branch && (
          <>
            <BranchBar branches={state.data.mine} current={branch} onChoose={choose} />
            <Roster key={branch.id} branch={branch} refreshRef={listRefresh} />
          </>
        )}
      </View>
    </PageShell>
  );
}
