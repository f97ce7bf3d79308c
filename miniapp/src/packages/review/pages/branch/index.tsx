// 支部评定 (review branch.results / branch.decide): the secretary's (or a park admin's) view of one
// branch's 三评议 — per member the votes of each group (企业领导、职工、支部) and their comments, never who
// gave them; who has not been rated yet; and the branch's decision, recorded with the votes behind it.
// 优秀 at most one third of the branch's members: the summary says how many places are left, and the
// function refuses one more with the rule in words.
import { useEffect, useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { REVIEW_GRADES, REVIEW_ROLES, type ReviewGrade } from '@shared/contract/labels';
import { BusyButton } from '../../../../components/BusyButton';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { param } from '../../../../services/nav';
import { ErrorLines, Tag } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { GRADE_TONES, countsText, gradeLabel, reviewYearNow, roleLabel, windowLabel } from '../../common/area';
import '../../common/review.scss';
import { chinaDateString } from '@shared/time';

type Results = ActionOutput<'review', 'branch.results'>;
type Row = Results['rows'][number];

function Decide({ row, year, onDone }: { row: Row; year: string; onDone: () => void }) {
  const [grade, setGrade] = useState<ReviewGrade | ''>(row.decision?.grade ?? '');
  const [note, setNote] = useState(row.decision?.note ?? '');
  const [open, setOpen] = useState(false);
  const { busy, error, submit } = useSubmit();
  if (!open) {
    return (
      <BusyButton className={`rp-btn${row.decision ? ' rp-btn--ghost' : ''} rv-branch__open`} onClick={() => setOpen(true)}>
        {row.decision ? '修改评定' : '记录评定'}
      </BusyButton>
    );
  }
  const save = async () => {
    const r = await submit(grade ? null : '请选择评定等次', () => call('review', 'branch.decide', { year, memberId: row.memberId, grade: grade as ReviewGrade, ...(note.trim() ? { note: note.trim() } : {}) }));
    if (r) {
      setOpen(false);
      onDone();
    }
  };
  return (
    <View className='rv-branch__decide'>
      <View className='rv-chips'>
        {REVIEW_GRADES.map((g) => (
          <Text key={g} className={`rv-chip rv-decide__grade rv-decide__grade--${g}${grade === g ? ' rv-chip--on' : ''}`} onClick={() => setGrade(g)}>
            {gradeLabel(g)}
          </Text>
        ))}
      </View>
      <Textarea className='rp-textarea rv-branch__note' value={note} maxlength={200} placeholder='评定说明（可不填，本人能看到）' onInput={(e) => setNote(e.detail.value)} />
      <ErrorLines error={error} />
      <View className='rp-row-actions'>
        <BusyButton className='rp-btn rp-btn--ghost' onClick={() => setOpen(false)}>
          取消
        </BusyButton>
        <BusyButton className='rp-btn rv-branch__save' busy={busy} busyText='正在保存…' onClick={save}>
          保存评定
        </BusyButton>
      </View>
    </View>
  );
}

function Member({ row, year, onDone }: { row: Row; year: string; onDone: () => void }) {
  return (
    <View className='rv-row rv-branch__row' data-member={row.name}>
      <View className='rv-row__head'>
        <Text className='rv-row__name'>{row.name}</Text>
        {row.decision ? <Tag tone={GRADE_TONES[row.decision.grade]}>评定：{gradeLabel(row.decision.grade)}</Tag> : <Tag>未评定</Tag>}
      </View>
      {REVIEW_ROLES.map((r) => (
        <Text key={r} className='rv-row__line'>
          {roleLabel(r)}：{countsText(row.votes[r])}
        </Text>
      ))}
      {row.missing.length > 0 && <Text className='rv-row__line rv-branch__missing'>尚未评议：{row.missing.map(roleLabel).join('、')}</Text>}
      {row.comments.map((c, i) => (
        <Text key={i} className='rv-row__text'>
          「{c.text}」（{roleLabel(c.role)}）
        </Text>
      ))}
      {row.decision && (
        <Text className='rv-row__line'>
          {row.decision.by}记录{row.decision.note ? `：${row.decision.note}` : ''}
        </Text>
      )}
      <Decide row={row} year={year} onDone={onDone} />
    </View>
  );
}

function ResultsView({ r, year, branchId, setBranch, reload }: { r: Results; year: string; branchId: string; setBranch: (id: string) => void; reload: () => void }) {
  const switcher = r.branches.length > 1 && (
    <View className='rv-chips rv-branch__switch'>
      {r.branches.map((b) => (
        <Text key={b.id} className={`rv-chip${b.id === (branchId || r.branch.id) ? ' rv-chip--on' : ''}`} onClick={() => setBranch(b.id)}>
          {b.name}
        </Text>
      ))}
    </View>
  );
  if (!r.review) return <>{switcher}<Empty title={`${year}年度三评议还没有开启`} hint='园区党委开启后，这里会显示本支部党员的评议情况，并在此记录支部评定。' /></>;
  const notRated = r.rows.filter((x) => x.missing.length > 0);
  return (
    <>
      {switcher}
      <View className='rp-section'>
        <Text className='rp-title rv-head'>{r.branch.name}</Text>
        <Text className='rp-text'>{year}年度三评议 · 评议时间 {windowLabel(r.review)}</Text>
        <Text className='rv-summary rv-branch__quota'>
          本支部 {r.members} 名党员，优秀最多 {r.maxExcellent} 名，已评定优秀 {r.excellent} 名
        </Text>
        <Text className='rp-muted'>评议票数不显示评议人。支部评定后，本人能看到评定等次和票数合计。</Text>
      </View>
      <View className='rp-section rv-branch__not-rated'>
        <Text className='rp-title'>还没评完（{notRated.length}）</Text>
        {notRated.length === 0 ? (
          <Text className='rp-muted'>每位党员都已有各方面的评议。</Text>
        ) : (
          <Text className='rp-text'>{notRated.map((x) => x.name).join('、')}</Text>
        )}
      </View>
      <View className='rp-section'>
        <Text className='rp-title'>评议和评定</Text>
        {r.rows.length === 0 ? <Text className='rp-muted'>本支部还没有党员。</Text> : r.rows.map((row) => <Member key={row.memberId} row={row} year={year} onDone={reload} />)}
      </View>
    </>
  );
}

export default function ReviewBranchPage() {
  const q = useRouter().params;
  const year = param(q.year) || reviewYearNow(chinaDateString(new Date()));
  const [branchId, setBranchId] = useState(param(q.branchId));
  const { state, reload } = useRemote(() => call('review', 'branch.results', { year, ...(branchId ? { branchId } : {}) }));
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else void reload();
  }, [branchId, reload]);
  const setBranch = (id: string) => setBranchId(id);
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body rv-branch'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' &&
          (state.error.code === 'FORBIDDEN' ? (
            <Empty title='这里是支部书记的评定页面' hint='您可以在首页或“我的”查看自己的三评议结果。' />
          ) : (
            <ErrorState message={state.error.message} onRetry={() => void reload()} />
          ))}
        {state.status === 'ok' && <ResultsView r={state.data} year={year} branchId={branchId} setBranch={setBranch} reload={() => void reload()} />}
      </View>
    </PageShell>
  );
}
