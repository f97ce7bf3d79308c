/**
 * Create or edit a branch: name, kind (单独 / 联合 / 挂靠 组建, with the rule for each) and the
 * enterprises it covers. An enterprise already covered by another branch cannot be chosen (one
 * enterprise, one branch). The kind rule is checked here too, for an instant message; the function
 * checks everything again and its message is shown as is. Nothing typed is lost on a failure.
 */
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { BRANCH_KINDS, BRANCH_KIND_LABELS, JOINT_BRANCH_MAX_ENTERPRISES, type Branch, type BranchKind, type Enterprise } from '@shared/contract';
import { call } from '../../../services/api';
import { validate } from '../../../services/validate';
import { ErrorLines, Field } from '../../ui';
import { Choice, useSubmit } from '../../ui/form';

const KIND_RULES: Record<BranchKind, string> = {
  single: '一家企业单独成立支部：只覆盖 1 家企业',
  joint: `几家企业联合成立支部：覆盖 2 到 ${JOINT_BRANCH_MAX_ENTERPRISES} 家企业`,
  attached: '企业党员挂靠到园区或其他单位的支部：覆盖 1 家或多家企业',
};

/** The kind's rule broken, in words, or null. */
export function kindProblem(kind: BranchKind, n: number): string | null {
  if (n < 1) return '请至少选择 1 家企业';
  if (kind === 'single' && n !== 1) return `单独组建只能覆盖 1 家企业（现在选了 ${n} 家），几家企业一起请选“联合组建”`;
  if (kind === 'joint' && (n < 2 || n > JOINT_BRANCH_MAX_ENTERPRISES)) return `联合组建应覆盖 2 到 ${JOINT_BRANCH_MAX_ENTERPRISES} 家企业（现在选了 ${n} 家）`;
  return null;
}

interface Props {
  enterprises: Enterprise[];
  /** The branch being edited; none to create one. */
  branch?: Branch;
  onDone: (b: Branch) => void;
  onCancel: () => void;
}

export function BranchForm({ enterprises, branch, onDone, onCancel }: Props) {
  const [name, setName] = useState(branch?.name ?? '');
  const [kind, setKind] = useState<BranchKind>(branch?.kind ?? 'single');
  const [ids, setIds] = useState<string[]>(branch?.enterprises.map((e) => e.id) ?? []);
  const { busy, error, setError, submit } = useSubmit();

  const free = (e: Enterprise) => !e.branch || e.branch.id === branch?.id;
  // Those that can be chosen first, then the ones other branches cover (shown, greyed).
  const options = [...enterprises.filter(free), ...enterprises.filter((e) => !free(e))];
  const toggle = (id: string) => {
    setIds((cur) => (cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id]));
    setError(null);
  };

  const save = async () => {
    if (branch) {
      const input = {
        branchId: branch.id,
        ...(name.trim() !== branch.name ? { name } : {}),
        ...(kind !== branch.kind ? { kind } : {}),
        ...(ids.slice().sort().join() !== branch.enterprises.map((e) => e.id).sort().join() ? { enterpriseIds: ids } : {}),
      };
      const problem = Object.keys(input).length === 1 ? '没有修改任何内容' : (validate('org', 'branches.update', input) ?? kindProblem(kind, ids.length));
      const r = await submit(problem, () => call('org', 'branches.update', input));
      if (r) onDone(r.branch);
    } else {
      const input = { name, kind, enterpriseIds: ids };
      const r = await submit(validate('org', 'branches.create', input) ?? kindProblem(kind, ids.length), () => call('org', 'branches.create', input));
      if (r) onDone(r.branch);
    }
  };

  return (
    <View className='rp-section adm-form branch-form'>
      <Text className='rp-title'>{branch ? `修改“${branch.name}”` : '新建支部'}</Text>
      <Field label='支部名称' hint='例如“某某公司党支部”'>
        <Input className='rp-input branch-form__name' value={name} maxlength={40} placeholder='支部名称' onInput={(e) => setName(e.detail.value)} />
      </Field>
      <Field label='组建方式'>
        {BRANCH_KINDS.map((k) => (
          <Choice key={k} className={`branch-form__kind branch-form__kind--${k}`} on={kind === k} title={BRANCH_KIND_LABELS[k]} hint={KIND_RULES[k]} onClick={() => setKind(k)} />
        ))}
      </Field>
      <Field label={`覆盖的企业（已选 ${ids.length} 家）`} hint={KIND_RULES[kind]}>
        {options.length === 0 && <Text className='rp-text'>园区还没有企业，请先在“企业”里添加。</Text>}
        {options.map((e) => (
          <Choice
            key={e.id}
            tick
            className='branch-form__enterprise'
            on={ids.includes(e.id)}
            disabled={!free(e)}
            title={e.name}
            hint={free(e) ? (e.branch ? '本支部已覆盖' : '未覆盖') : `已由“${e.branch!.name}”覆盖`}
            onClick={() => toggle(e.id)}
          />
        ))}
      </Field>
      <ErrorLines error={error} />
      <View className='rp-row-actions'>
        <Button className='rp-btn rp-btn--ghost branch-form__cancel' disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
        <Button className='rp-btn branch-form__save' disabled={busy || undefined} onClick={save}>
          {busy ? '正在保存…' : branch ? '保存修改' : '建立支部'}
        </Button>
      </View>
    </View>
  );
}
