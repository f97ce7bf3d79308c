// 支部名册: the branch's people in pinyin order (the function sorts), searchable by any part of a name
// or phone, 20 at a time (加载更多), with a 只看未绑定 filter. Each row shows what a secretary needs at a
// glance: category, bound or not, the enterprise in a 联合支部, posts and phone (full for the own
// secretary, as the function returns it). Unbound people can be ticked and given invite codes in one
// tap, or all of them at once (邀请全部未绑定: those without a valid code yet). 转接 (组织关系转接) is
// offered on Party members' rows only: 群众 have no Party organisational relation to transfer.
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

type List = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; people: PersonRow[]; total: number; unboundTotal: number };

/** invites.create takes at most this many people at once. */
const INVITE_MAX = 200;

/** Everyone unbound in the branch without a valid code yet (a new code would cancel the one handed out). */
async function unboundWithoutCode(branchId: string): Promise<{ ok: true; people: Picked[]; withCode: number } | { ok: false; error: ApiError }> {
  const people: PersonRow[] = [];
  for (let offset = 0; ; offset += 100) {
    const r = await call('org', 'people.list', { branchId, unbound: true, offset, limit: 100 });
    if (!r.ok) return r;
    people.push(...r.data.people);
    if (people.length >= r.data.total || !r.data.people.length) break;
  }
  const open = await call('org', 'invites.list', { branchId });
  if (!open.ok) return open;
  const hasCode = new Set(open.data.invites.map((i) => i.personId));
  const without = people.filter((p) => !hasCode.has(p.id));
  return { ok: true, people: without.map((p) => ({ id: p.id, name: p.name })), withCode: people.length - without.length };
}

// Tapping the tick box picks an unbound person for invite codes; tapping the rest of the row opens
// their entry for editing (posts, 责任区, 转正, group, phone).
function PersonItem({ p, picked, onPick, joint }: { p: PersonRow; picked: boolean; onPick: () => void; joint: boolean }) {
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
        {joint && <Text className='rp-item__line roster-person__enterprise'>所在企业：{p.enterprise?.name ?? '未填写（点姓名填写）'}</Text>}
        {p.posts.map((post) => (
          <Text key={`${post.kind}-${post.title}`} className='rp-item__line'>
            {POST_KIND_LABELS[post.kind]} · {post.title}
          </Text>
        ))}
        {p.responsibilityArea && <Text className='rp-item__line'>责任区：{p.responsibilityArea}</Text>}
        <Text className='rp-item__line'>手机：{p.phone}</Text>
      </View>
      {p.memberType !== 'none' && (
        <Text
          className='roster__transfer'
          onClick={(e) => {
            e.stopPropagation();
            go(`${SEC.transfer}?personId=${encodeURIComponent(p.id)}&name=${encodeURIComponent(p.name)}`);
          }}
        >
          转接
        </Text>
      )}
    </View>
  );
}

function Roster({ branch, refreshRef }: { branch: Branch; refreshRef: MutableRefObject<(() => Promise<void>) | null> }) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [onlyUnbound, setOnlyUnbound] = useState(false);
  const [inviting, setInviting] = useState<{ busy: boolean; note: string | null }>({ busy: false, note: null });
  const joint = branch.kind !== 'single';
  const filters = { ...(search ? { search } : {}), ...(onlyUnbound ? { unbound: true } : {}) };
  const [list, setList] = useState<List>({ status: 'loading' });
  const [more, setMore] = useState(false);
  const [picked, setPickedState] = useState<Picked[]>([]);
  const ticket = useRef(0);

  /** The first page again (search, branch change, pull-to-refresh); only the latest request counts. */
  const loadFirst = async () => {
    const t = ++ticket.current;
    const r = await call('org', 'people.list', { branchId: branch.id, offset: 0, limit: PAGE, ...filters });
    if (t !== ticket.current) return;
    setList(r.ok ? { status: 'ok', people: r.data.people, total: r.data.total, unboundTotal: r.data.unboundTotal } : { status: 'error', error: r.error });
  };
  refreshRef.current = loadFirst;

  useEffect(() => {
    setList({ status: 'loading' });
    setPickedState([]);
    void loadFirst();
  }, [branch.id, search, onlyUnbound]);

  const loadMore = async () => {
    if (list.status !== 'ok') return;
    setMore(true);
    const t = ticket.current;
    const r = await call('org', 'people.list', { branchId: branch.id, offset: list.people.length, limit: PAGE, ...filters });
    setMore(false);
    if (t !== ticket.current) return;
    if (!r.ok) return setList({ status: 'error', error: r.error });
    const seen = new Set(list.people.map((p) => p.id));
    setList({ status: 'ok', people: [...list.people, ...r.data.people.filter((p) => !seen.has(p.id))], total: r.data.total, unboundTotal: r.data.unboundTotal });
  };

  const toggle = (p: PersonRow) =>
    setPickedState((cur) => (cur.some((x) => x.id === p.id) ? cur.filter((x) => x.id !== p.id) : [...cur, { id: p.id, name: p.name }]));

  const invite = () => {
    setPicked(picked);
    go(SEC.invites);
  };
  const inviteAll = async () => {
    setInviting({ busy: true, note: null });
    const r = await unboundWithoutCode(branch.id);
    if (!r.ok) return setInviting({ busy: false, note: r.error.message });
    if (!r.people.length) return setInviting({ busy: false, note: `未绑定的 ${r.withCode} 人都已有有效的邀请码，可以在“邀请码”页查看和复制。` });
    setInviting({ busy: false, note: null });
    setPicked(r.people.slice(0, INVITE_MAX));
    go(SEC.invites);
  };

  return (
    <>
      <View className='rp-section roster__search'>
        <Input
          className='rp-input roster__input'
          value={text}
          placeholder='姓名中的字或手机号'
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
          <Text className='rp-muted'>{/^\d+$/.test(search) ? `手机号含“${search}”的人` : `姓名含“${search}”的人`}</Text>
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
      <View className='roster__filters'>
        <Text className={`roster__filter${onlyUnbound ? '' : ' roster__filter--on'}`} onClick={() => setOnlyUnbound(false)}>
          全部
        </Text>
        <Text className={`roster__filter roster__filter--unbound${onlyUnbound ? ' roster__filter--on' : ''}`} onClick={() => setOnlyUnbound(true)}>
          只看未绑定{list.status === 'ok' ? `（${list.unboundTotal}）` : ''}
        </Text>
      </View>
      {list.status === 'ok' && list.unboundTotal > 0 && (
        <View className='rp-section roster__invite-all'>
          <Text className='rp-muted'>还有 {list.unboundTotal} 人没有绑定微信，绑定后才能亮身份、学习和签到。</Text>
          <Button className='rp-btn rp-btn--ghost roster__invite-all-btn' disabled={inviting.busy || undefined} onClick={inviteAll}>
            {inviting.busy ? '正在查找…' : '给未绑定的人生成邀请码'}
          </Button>
          {inviting.note && <Text className='rp-text roster__invite-note'>{inviting.note}</Text>}
        </View>
      )}
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorState message={list.error.message} onRetry={loadFirst} />}
      {list.status === 'ok' && list.people.length === 0 && (
        <Empty
          title={search ? `没有找到“${search}”` : onlyUnbound ? '所有人都已绑定微信' : '名册里还没有人'}
          hint={search ? '请检查姓名或手机号，或点“显示全部”' : onlyUnbound ? '点“全部”查看整个名册' : '用 Excel 表格一次导入全支部的人员'}
          action={
            search || onlyUnbound ? undefined : (
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
            共 {list.total} 人，已显示 {list.people.length} 人，按姓名拼音排序。点姓名查看 TA 的学习、签到、志愿服务和积分，或修改信息；勾选“未绑定”的人，可以给他们生成邀请码。
          </Text>
          {list.people.map((p) => (
            <PersonItem key={p.id} p={p} joint={joint} picked={picked.some((x) => x.id === p.id)} onPick={() => toggle(p)} />
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
