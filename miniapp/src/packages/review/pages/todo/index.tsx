// 待评议 (review rate.todo): the members I rate in this year's 三评议 — still to rate first, then those I
// rated (with my grade, changeable until the branch decides). Each row opens the 评议 form. Outside the
// window, or when I rate nobody, the page says so and what happens next.
import { Button, Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { go } from '../../../../services/nav';
import { Tag } from '../../../ui';
import { GRADE_TONES, REV, ROLE_AS, gradeLabel, windowLabel, withQuery } from '../../common/area';
import '../../common/review.scss';

type Todo = ActionOutput<'review', 'rate.todo'>;
type Item = Todo['items'][number];

function Row({ it, year, open }: { it: Item; year: string; open: boolean }) {
  const canRate = open && !it.decided;
  const tap = () => go(withQuery(REV.rate, { year, memberId: it.memberId, name: it.name, role: it.role, grade: it.grade ?? '', comment: it.comment }));
  return (
    <View className='rv-row rv-todo__row' data-member={it.name}>
      <View className='rv-row__head'>
        <Text className='rv-row__name'>{it.name}</Text>
        {it.grade && <Tag tone={GRADE_TONES[it.grade]}>{gradeLabel(it.grade)}</Tag>}
      </View>
      <Text className='rv-row__line'>
        {it.branchName} · {ROLE_AS[it.role]}
      </Text>
      {it.decided ? (
        <Text className='rv-row__line'>支部已作出评定，评议不能再修改</Text>
      ) : (
        canRate && (
          <Button className={`rp-btn${it.grade ? ' rp-btn--ghost' : ''} rv-todo__rate`} onClick={tap}>
            {it.grade ? '修改评议' : '评议'}
          </Button>
        )
      )}
    </View>
  );
}

function TodoView({ t }: { t: Todo }) {
  const r = t.review;
  if (!r) return <Empty title='园区还没有开启三评议' hint='园区党委开启年度三评议后，需要您评议的同志会列在这里。' />;
  const head = (
    <View className='rp-section'>
      <Text className='rp-title rv-head'>{r.year}年度三评议</Text>
      <Text className='rp-text'>评议时间：{windowLabel(r)}</Text>
      <Text className='rp-muted'>评议不记名：被评议的同志看不到是谁评的。每位同志您只评一次，支部评定之前可以修改。</Text>
    </View>
  );
  if (r.upcoming) return <>{head}<Empty title='评议还没有开始' hint={`${windowLabel(r)}期间，需要您评议的同志会列在这里。`} /></>;
  if (!t.items.length) return <>{head}<Empty title='没有需要您评议的同志' hint='三评议由企业领导、同一企业的职工和党支部进行。如果您是企业领导或支委而没有看到名单，请联系园区党委。' /></>;
  const todo = t.items.filter((i) => i.grade === null);
  const done = t.items.filter((i) => i.grade !== null);
  return (
    <>
      {head}
      {!r.open && <View className='rp-section'><Text className='rp-text'>评议已结束，下面是您的评议记录。</Text></View>}
      <View className='rp-section rv-todo__left'>
        <Text className='rp-title'>待评议（{todo.length}）</Text>
        {todo.length === 0 ? <Text className='rp-muted'>您已评完全部 {done.length} 位同志，谢谢！</Text> : todo.map((it) => <Row key={it.memberId} it={it} year={r.year} open={r.open} />)}
      </View>
      {done.length > 0 && (
        <View className='rp-section rv-todo__done'>
          <Text className='rp-title'>已评议（{done.length}）</Text>
          {done.map((it) => <Row key={it.memberId} it={it} year={r.year} open={r.open} />)}
        </View>
      )}
    </>
  );
}

export default function ReviewTodoPage() {
  const { state, reload } = useRemote(() => call('review', 'rate.todo', {}));
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body rv-todo'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' && <TodoView t={state.data} />}
      </View>
    </PageShell>
  );
}
