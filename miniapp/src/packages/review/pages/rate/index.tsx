// 评议 (review rate.submit): one member, the four grades as big choices, an optional comment (checked
// before it is kept; the branch reads it, the member never does). Not signed: the member sees only the
// branch's decision and the votes in all. Saving again replaces the earlier rating.
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { REVIEW_GRADES, type ReviewGrade, type ReviewRole } from '@shared/contract/labels';
import { BusyButton } from '../../../../components/BusyButton';
import { PageShell } from '../../../../components/PageShell';
import { Empty } from '../../../../components/States';
import { markStale } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { param } from '../../../../services/nav';
import { ErrorLines, Field } from '../../../ui';
import { Choice, useSubmit } from '../../../ui/form';
import { ROLE_AS, gradeLabel } from '../../common/area';
import '../../common/review.scss';

const HINTS: Record<ReviewGrade, string> = {
  excellent: '各方面表现突出，起到先锋模范作用',
  qualified: '能够履行党员义务，发挥作用',
  basic: '能履行义务，但有明显不足',
  unqualified: '理想信念动摇或不履行党员义务',
};

export default function ReviewRatePage() {
  const q = useRouter().params;
  const year = param(q.year);
  const memberId = param(q.memberId);
  const name = param(q.name);
  const role = param(q.role) as ReviewRole;
  const [grade, setGrade] = useState<ReviewGrade | ''>((param(q.grade) as ReviewGrade) || '');
  const [comment, setComment] = useState(param(q.comment));
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit();
  const changing = Boolean(param(q.grade));

  const save = async () => {
    const r = await submit(grade ? null : '请选择评议等次', () =>
      call('review', 'rate.submit', { year, memberId, grade: grade as ReviewGrade, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    );
    if (!r) return;
    markStale();
    setSaved(`已${r.replaced ? '修改' : '提交'}对${name}的评议：${gradeLabel(grade as ReviewGrade)}。`);
  };

  if (!memberId) {
    return (
      <PageShell>
        <View className='rp-body'>
          <Empty title='请从待评议名单进入' hint='首页或“三评议 · 待评议”里列出了需要您评议的同志。' />
        </View>
      </PageShell>
    );
  }
  return (
    <PageShell>
      <View className='rp-body rv-rate'>
        <View className='rp-section'>
          <Text className='rp-title rv-head'>评议{name}</Text>
          <Text className='rp-text'>{year}年度三评议 · {ROLE_AS[role] ?? '评议'}</Text>
          <Text className='rp-muted'>评议不记名，{name}只能看到支部的评定结果和评议票数，看不到是谁评的。</Text>
        </View>
        {saved ? (
          <View className='rp-done rv-rate__done'>
            <Text className='rp-text'>{saved}</Text>
            <Button className='rp-btn rv-rate__back' onClick={() => void Taro.navigateBack()}>
              返回名单
            </Button>
          </View>
        ) : (
          <View className='rp-section'>
            <Field label='评议等次'>
              <View className='rp-choices'>
                {REVIEW_GRADES.map((g) => (
                  <Choice key={g} className={`rv-grade rv-grade--${g}`} on={grade === g} title={gradeLabel(g)} hint={HINTS[g]} onClick={() => setGrade(g)} />
                ))}
              </View>
            </Field>
            <Field label='评语（可不填）' hint='写给支部看，最多 200 字'>
              <Textarea className='rp-textarea rv-rate__comment' value={comment} maxlength={200} placeholder='例如：工作积极，乐于帮助同事' onInput={(e) => setComment(e.detail.value)} />
            </Field>
            <ErrorLines error={error} />
            <BusyButton className='rp-btn rv-rate__submit' busy={busy} busyText='正在提交…' onClick={save}>
              {changing ? '保存修改' : '提交评议'}
            </BusyButton>
          </View>
        )}
      </View>
    </PageShell>
  );
}
