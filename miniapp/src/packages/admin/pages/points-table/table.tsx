// The points table editor (积分规则): per item on/off, points and the three caps (不限 = no cap). Saves
// a new version with the version it loaded; when someone else saved meanwhile (CONFLICT) it loads
// theirs and keeps what this person typed next to each item, to take back with one tap.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { POINT_ITEMS, POINT_ITEM_LABELS, type PointItem } from '@shared/points';
import { BusyButton } from '../../../../components/BusyButton';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines, chinaMinute } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { CAPS, CAP_CLASS, CAP_LABELS, type CapKey, type Draft, type DraftRule, changedItems, fromDraft, ruleText, ruleWarning, sameRule, toDraft } from './draft';

export type TableData = ActionOutput<'score', 'table.get'>;

const FIELDS = ['enabled', 'points', ...CAPS] as const;

interface ItemProps {
  item: PointItem;
  rule: DraftRule;
  changed: boolean;
  /** What this person had typed before a conflict, when it differs from the form. */
  mine: DraftRule | null;
  onChange: (r: DraftRule) => void;
}

function ItemEditor({ item, rule, changed, mine, onChange }: ItemProps) {
  const set = (patch: Partial<DraftRule>) => onChange({ ...rule, ...patch });
  const warning = ruleWarning(rule);
  const unit = item === 'volunteerHours' ? '分 / 每小时' : '分 / 每次';
  return (
    <View className={`pt-item pt-item--${item}${rule.enabled ? '' : ' pt-item--off'}${changed ? ' pt-item--changed' : ''}`}>
      <View className='pt-item__head'>
        <Text className='pt-item__name'>
          {POINT_ITEM_LABELS[item]}
          {changed && <Text className='pt-item__changed'>（已修改）</Text>}
        </Text>
      </View>
      <Text className={`pt-item__toggle pt-item__toggle--${rule.enabled ? 'on' : 'off'}`} onClick={() => set({ enabled: !rule.enabled })}>
        {rule.enabled ? '✓ 已开启（点一下关闭）' : '已关闭，不加分（点一下开启）'}
      </Text>
      <View className='pt-line'>
        <Text className='pt-line__label'>分值</Text>
        <Input className='rp-input pt-input pt-item__points' type='digit' value={rule.points} maxlength={7} onInput={(e) => set({ points: e.detail.value })} />
        <Text className='pt-line__unit'>{unit}</Text>
      </View>
      {CAPS.map((c: CapKey) => (
        <View key={c} className='pt-line'>
          <Text className='pt-line__label'>{CAP_LABELS[c]}</Text>
          {rule[c] === null ? (
            <Text className={`pt-cap-none pt-item__cap pt-item__cap--${CAP_CLASS[c]}`}>不限</Text>
          ) : (
            <Input
              className={`rp-input pt-input pt-item__cap pt-item__cap--${CAP_CLASS[c]}`}
              type='digit'
              value={rule[c] ?? ''}
              maxlength={9}
              placeholder='分数'
              onInput={(e) => set({ [c]: e.detail.value } as Partial<DraftRule>)}
            />
          )}
          <Text
            className={`pt-unlimited pt-item__unlimited pt-item__unlimited--${CAP_CLASS[c]}${rule[c] === null ? ' pt-unlimited--on' : ''}`}
            onClick={() => set({ [c]: rule[c] === null ? '' : null } as Partial<DraftRule>)}
          >
            {rule[c] === null ? '✓ 不限' : '不限'}
          </Text>
        </View>
      ))}
      {warning && <Text className='pt-item__warning'>提醒：{warning}</Text>}
      {mine && (
        <View className='pt-item__mine'>
          <Text className='pt-item__mine-title'>您刚才填的（还没保存）：</Text>
          <Text className='pt-item__mine-text'>{ruleText(mine, item)}</Text>
          <Text className='rp-link pt-item__use-mine' onClick={() => onChange(mine)}>
            用我填的
          </Text>
        </View>
      )}
    </View>
  );
}

export function TableEditor({ initial }: { initial: TableData }) {
  const [base, setBase] = useState<TableData>(initial);
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial.table));
  const [conflict, setConflict] = useState<{ mine: Partial<Draft>; theirs: TableData } | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const { busy, error, setError, submit } = useSubmit();

  const baseDraft = toDraft(base.table);
  const changed = changedItems(draft, baseDraft);
  const setItem = (k: PointItem, r: DraftRule) => {
    setDraft((d) => ({ ...d, [k]: r }));
    setSaved(null);
    setError(null);
  };

  const save = async () => {
    const parsed = fromDraft(draft);
    const input = { version: base.version, table: parsed.table };
    const problem = changed.length === 0 ? '没有修改任何内容' : (parsed.problem ?? validate('score', 'table.update', input));
    let conflicted = false;
    const r = await submit(problem, async () => {
      const reply = await call('score', 'table.update', { version: base.version, table: parsed.table! });
      if (!reply.ok && reply.error.code === 'CONFLICT') {
        const latest = await call('score', 'table.get', {});
        if (latest.ok) {
          conflicted = true;
          return { ok: true as const, data: latest.data };
        }
      }
      return reply;
    });
    if (!r) return;
    if (conflicted) {
      // Theirs in the form; next to each item this person changed, their version with this person's
      // changed fields on top (so taking it back does not undo the other person's other changes).
      const theirs = toDraft(r.table);
      const mine: Partial<Draft> = {};
      for (const k of changed) {
        const m: DraftRule = { ...theirs[k] };
        for (const f of FIELDS) if (draft[k][f] !== baseDraft[k][f]) (m as unknown as Record<string, unknown>)[f] = draft[k][f];
        mine[k] = m;
      }
      setConflict({ mine, theirs: r });
      setBase(r);
      setDraft(toDraft(r.table));
      setSaved(null);
      void Taro.pageScrollTo({ selector: '.pt-table', duration: 200 }).catch(() => undefined);
      return;
    }
    setBase(r);
    setDraft(toDraft(r.table));
    setConflict(null);
    setSaved(r.version);
  };

  const mineFor = (k: PointItem): DraftRule | null => {
    const m = conflict?.mine[k];
    return m && !sameRule(m, draft[k]) ? m : null;
  };
  const pendingMine = conflict ? POINT_ITEMS.filter((k) => mineFor(k)) : [];

  return (
    <>
      <View className='rp-section pt-table'>
        <Text className='rp-title'>积分规则</Text>
        <Text className='rp-muted pt-version'>
          现在是第 {base.version} 版{base.updatedAt ? `，${base.updatedBy ? `${base.updatedBy} ` : ''}于 ${chinaMinute(base.updatedAt)} 修改` : '（默认规则）'}。保存后生成新的一版，旧版保留；已经得到的积分不变。
        </Text>
        <Text className='rp-muted'>每一项都建议设上限，防止“刷分”。“不限”表示没有这一级的上限。</Text>
        {conflict && (
          <View className='pt-conflict'>
            <Text className='pt-conflict__title'>有人在您之前保存了积分规则</Text>
            <Text className='rp-text'>
              {conflict.theirs.updatedBy ? `${conflict.theirs.updatedBy} ` : ''}
              {conflict.theirs.updatedAt ? `于 ${chinaMinute(conflict.theirs.updatedAt)} ` : ''}保存了第 {conflict.theirs.version} 版。下面已换成这一版，您填的内容没有丢：列在各项下面，点“用我填的”就能放回去，核对后再保存。
            </Text>
            {pendingMine.length > 0 ? (
              <Text
                className='rp-link pt-conflict-use-mine'
                onClick={() => {
                  setDraft((d) => ({ ...d, ...Object.fromEntries(pendingMine.map((k) => [k, conflict.mine[k]!])) }));
                  setError(null);
                }}
              >
                全部用我填的（{pendingMine.length} 项）
              </Text>
            ) : (
              <Text className='rp-muted'>您填的内容已全部放回。</Text>
            )}
          </View>
        )}
        {POINT_ITEMS.map((k) => (
          <ItemEditor key={k} item={k} rule={draft[k]} changed={changed.includes(k)} mine={mineFor(k)} onChange={(r) => setItem(k, r)} />
        ))}
        {saved !== null && changed.length === 0 && (
          <View className='rp-done pt-done'>
            <Text className='rp-done__title'>已保存，现在是第 {saved} 版</Text>
            <Text className='rp-text'>以后的积分按新规则计算。</Text>
          </View>
        )}
      </View>
      {(changed.length > 0 || error) && (
        <>
          <View className='rp-bottom-space' />
          <View className='rp-bottom-bar pt-bar'>
            <ErrorLines error={error} />
            <BusyButton className='rp-btn pt-save' busy={busy} busyText='正在保存…' onClick={save}>
              {changed.length > 0 ? `保存积分规则（改了 ${changed.length} 项）` : '保存积分规则'}
            </BusyButton>
          </View>
        </>
      )}
    </>
  );
}
