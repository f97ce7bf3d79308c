// The edit form of one roster entry. Only the fields that changed are sent (people.update); the
// contract's schema checks them on the phone first, the server's message is shown otherwise, and
// nothing typed is lost on a failure.
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { MEMBER_TYPES, MEMBER_TYPE_LABELS, type ActionInput, type Branch, type MemberType, type PersonRow, type Post } from '@shared/contract';
import { chinaDateString } from '@shared/time';
import { markStale } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines, Field } from '../../../ui';
import { Choice, digits, useSubmit } from '../../../ui/form';
import { DatePick } from '../../../../components/Pickers';
import { PostsEditor } from './posts';

/** The earliest 入党日期 the wheel offers (the Party's founding). */
const PARTY_FOUNDED = '1921-07-01';

interface Values {
  name: string;
  phone: string;
  memberType: MemberType;
  joinedPartyOn: string;
  /** 转正日期; '' when unknown. */
  fullMemberOn: string;
  groupId: string | null;
  posts: Post[];
  responsibilityArea: string;
  /** 所在企业 (联合支部 / 挂靠); null when not recorded. */
  enterpriseId: string | null;
}

const valuesOf = (p: PersonRow): Values => ({
  name: p.name,
  phone: p.phone,
  memberType: p.memberType,
  joinedPartyOn: p.joinedPartyOn ?? '',
  fullMemberOn: p.fullMemberOn ?? '',
  groupId: p.groupId,
  posts: p.posts,
  responsibilityArea: p.responsibilityArea ?? '',
  enterpriseId: p.enterprise?.id ?? null,
});

const TYPE_HINTS: Record<MemberType, string> = { full: '', probationary: '入党后一年预备期', none: '入党积极分子、职工等' };

/** The people.update input: only what differs from `was`. */
function changes(personId: string, was: Values, now: Values, phoneMasked: boolean): ActionInput<'org', 'people.update'> {
  const out: ActionInput<'org', 'people.update'> = { personId };
  if (now.name.trim() !== was.name) out.name = now.name.trim();
  if (!phoneMasked && now.phone !== was.phone) out.phone = now.phone;
  if (now.memberType !== was.memberType) out.memberType = now.memberType;
  if (now.joinedPartyOn.trim() !== was.joinedPartyOn) out.joinedPartyOn = now.joinedPartyOn.trim() || null;
  // Only full members have a 转正日期; the server clears it when the person is no longer one, and on
  // 转正 with the field left empty records today.
  if (now.memberType === 'full' && now.fullMemberOn.trim() !== was.fullMemberOn) out.fullMemberOn = now.fullMemberOn.trim() || null;
  if (now.groupId !== was.groupId) out.groupId = now.groupId;
  if (JSON.stringify(now.posts) !== JSON.stringify(was.posts)) out.posts = now.posts.map((p) => ({ kind: p.kind, title: p.title.trim() }));
  if (now.responsibilityArea.trim() !== was.responsibilityArea) out.responsibilityArea = now.responsibilityArea.trim() || null;
  if (now.enterpriseId !== was.enterpriseId) out.enterpriseId = now.enterpriseId;
  return out;
}

export function PersonForm({ person, branch, onSaved }: { person: PersonRow; branch: Branch; onSaved: (p: PersonRow) => void }) {
  const [was, setWas] = useState(() => valuesOf(person));
  const [v, setV] = useState(was);
  const [saved, setSaved] = useState(false);
  const today = chinaDateString(new Date());
  const { busy, error, submit } = useSubmit();
  const set = (p: Partial<Values>) => {
    setV((cur) => ({ ...cur, ...p }));
    setSaved(false);
  };

  const save = async () => {
    const input = changes(person.id, was, v, person.phoneMasked);
    const problem = Object.keys(input).length === 1 ? '没有修改任何内容' : validate('org', 'people.update', input);
    const r = await submit(problem, () => call('org', 'people.update', input));
    if (!r) return;
    markStale(); // 名册 shows the change when it is shown again
    const next = valuesOf(r.person);
    setWas(next);
    setV(next);
    setSaved(true);
    onSaved(r.person);
  };

  return (
    <View className='rp-section person-form'>
      <Field label='姓名'>
        <Input className='rp-input person-name' value={v.name} maxlength={20} onInput={(e) => set({ name: e.detail.value })} />
      </Field>
      <Field label='手机号' hint={person.phoneMasked ? '只有本人所在支部的书记能看到和修改完整手机号' : undefined}>
        <Input
          className='rp-input person-phone'
          type='number'
          value={v.phone}
          disabled={person.phoneMasked || undefined}
          maxlength={11}
          onInput={(e) => {
            const d = digits(e.detail.value, 11);
            set({ phone: d });
            return d;
          }}
        />
      </Field>
      <Field label='类别' hint={was.memberType === 'probationary' ? '预备期满、经支部大会通过后，选“正式党员”即为转正' : undefined}>
        {MEMBER_TYPES.map((t) => (
          <Choice
            key={t}
            className={`person-type person-type--${t}`}
            on={v.memberType === t}
            title={t === 'full' && was.memberType === 'probationary' ? '正式党员（转正）' : MEMBER_TYPE_LABELS[t]}
            hint={TYPE_HINTS[t] || undefined}
            onClick={() => set({ memberType: t, ...(t === 'none' ? { posts: [] } : {}) })}
          />
        ))}
      </Field>
      {v.memberType !== 'none' && (
        <Field label='入党日期' hint='不能晚于今天'>
          <DatePick className='person-joined' value={v.joinedPartyOn} start={PARTY_FOUNDED} end={today} onChange={(d) => set({ joinedPartyOn: d })} />
        </Field>
      )}
      {v.memberType === 'full' && (
        <Field label='转正日期' hint={`党龄从转正之日算起，不能晚于今天${was.memberType === 'probationary' ? '。不选则记为今天' : '；可不选'}`}>
          <DatePick
            className='person-full-member'
            value={v.fullMemberOn}
            start={v.joinedPartyOn || PARTY_FOUNDED}
            end={today}
            placeholder={was.memberType === 'probationary' ? '今天' : '可不选'}
            onChange={(d) => set({ fullMemberOn: d })}
          />
          {v.fullMemberOn !== '' && (
            <Button className='rp-btn rp-btn--ghost rp-btn--inline person-full-member__clear' onClick={() => set({ fullMemberOn: '' })}>
              不填转正日期
            </Button>
          )}
        </Field>
      )}
      <Field label='党小组' hint={branch.groups.length ? undefined : '本支部还没有党小组（由书记或园区党委添加）'}>
        <Choice className='person-group' on={v.groupId === null} title='不分党小组' onClick={() => set({ groupId: null })} />
        {branch.groups.map((g) => (
          <Choice key={g.id} className='person-group' on={v.groupId === g.id} title={g.name} onClick={() => set({ groupId: g.id })} />
        ))}
      </Field>
      {branch.kind !== 'single' && branch.enterprises.length > 0 && (
        <Field label='所在企业' hint='联合支部的人员来自几家企业，名册上会显示'>
          <Choice className='person-enterprise' on={v.enterpriseId === null} title='未填写' onClick={() => set({ enterpriseId: null })} />
          {branch.enterprises.map((e) => (
            <Choice key={e.id} className='person-enterprise' on={v.enterpriseId === e.id} title={e.name} onClick={() => set({ enterpriseId: e.id })} />
          ))}
        </Field>
      )}
      {v.memberType !== 'none' && (
        <Field label='党员先锋岗 / 示范岗' hint='显示在身份卡上，最多 3 个'>
          <PostsEditor posts={v.posts} onChange={(posts) => set({ posts })} />
        </Field>
      )}
      <Field label='责任区' hint='显示在身份卡上，例如“二号车间”，最多 40 个字'>
        <Input className='rp-input person-area' value={v.responsibilityArea} maxlength={40} placeholder='可不填' onInput={(e) => set({ responsibilityArea: e.detail.value })} />
      </Field>
      <ErrorLines error={error} />
      {saved && (
        <View className='rp-done person-saved'>
          <Text className='rp-done__title'>已保存</Text>
        </View>
      )}
      <Button className='rp-btn person-save' disabled={busy || undefined} onClick={save}>
        {busy ? '正在保存…' : '保存修改'}
      </Button>
    </View>
  );
}
