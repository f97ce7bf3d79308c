// Setting one person's roles (roles.set): secretary of which branches, volunteer organizer, park
// admin. The changes are listed in words and confirmed before they are saved; every change is
// written to the audit log by the function.
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { MEMBER_TYPE_LABELS, type ActionInput, type Branch, type PersonRow } from '@shared/contract';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines, Field, Tag } from '../../../ui';
import { Choice, Confirm, useSubmit } from '../../../ui/form';

const MAX_SECRETARY_OF = 5;

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function RoleEditor({ person, branches, onSaved }: { person: PersonRow; branches: Branch[]; onSaved: (p: PersonRow) => void }) {
  const wasSec = branches.filter((b) => b.secretaries.some((s) => s.id === person.id)).map((b) => b.id);
  const wasOrganizer = person.roles.includes('organizer');
  const wasAdmin = person.roles.includes('parkAdmin');
  const [sec, setSec] = useState(wasSec);
  const [organizer, setOrganizer] = useState(wasOrganizer);
  const [admin, setAdmin] = useState(wasAdmin);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const { busy, error, setError, submit } = useSubmit();
  const name = (id: string) => branches.find((b) => b.id === id)?.name ?? '某支部';
  const full = person.memberType === 'full';

  const input: ActionInput<'org', 'roles.set'> = {
    personId: person.id,
    ...(sameSet(sec, wasSec) ? {} : { secretaryOf: sec }),
    ...(organizer !== wasOrganizer ? { organizer } : {}),
    ...(admin !== wasAdmin ? { parkAdmin: admin } : {}),
  };
  const lines = [
    ...sec.filter((id) => !wasSec.includes(id)).map((id) => `担任“${name(id)}”支部书记`),
    ...wasSec.filter((id) => !sec.includes(id)).map((id) => `不再担任“${name(id)}”支部书记`),
    ...(organizer !== wasOrganizer ? [organizer ? '设为志愿服务组织者' : '取消志愿服务组织者'] : []),
    ...(admin !== wasAdmin ? [admin ? '设为园区党委管理员' : '取消园区党委管理员'] : []),
  ];
  const edit = (f: () => void) => {
    f();
    setConfirming(false);
    setDone(false);
    setError(null);
  };
  const toggleSec = (id: string) => edit(() => setSec((cur) => (cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id])));

  const ask = () => {
    const problem = lines.length === 0 ? '没有修改任何角色' : sec.length > MAX_SECRETARY_OF ? `一个人最多担任 ${MAX_SECRETARY_OF} 个支部的书记` : validate('org', 'roles.set', input);
    setError(problem);
    if (!problem) setConfirming(true);
  };
  const save = async () => {
    const r = await submit(null, () => call('org', 'roles.set', input));
    setConfirming(false);
    if (!r) return;
    setDone(true);
    onSaved(r.person);
  };

  return (
    <View className='rp-section adm-form roles-editor'>
      <Text className='rp-title roles-editor__name'>{person.name}</Text>
      <View>
        <Tag tone={person.memberType === 'none' ? 'gray' : 'red'}>{MEMBER_TYPE_LABELS[person.memberType]}</Tag>
      </View>
      <Text className='rp-muted'>{name(person.branchId)}</Text>
      <Field label='支部书记' hint={full ? `可担任 1 到 ${MAX_SECRETARY_OF} 个支部的书记` : '只有正式党员可以担任支部书记'}>
        {branches.map((b) => {
          const on = sec.includes(b.id);
          const others = b.secretaries.filter((s) => s.id !== person.id).map((s) => s.name);
          return (
            <Choice
              key={b.id}
              tick
              className='roles-branch'
              on={on}
              disabled={!full && !on}
              title={b.name}
              hint={others.length ? `现任书记：${others.join('、')}` : '暂无书记'}
              onClick={() => toggleSec(b.id)}
            />
          );
        })}
      </Field>
      <Field label='其他角色'>
        <Choice tick className='roles-organizer' on={organizer} title='志愿服务组织者' hint='发布志愿活动、签到、确认时长' onClick={() => edit(() => setOrganizer(!organizer))} />
        <Choice tick className='roles-admin' on={admin} title='园区党委管理员' hint='管理支部、企业和所有人的角色' onClick={() => edit(() => setAdmin(!admin))} />
      </Field>
      {done && (
        <View className='rp-done roles-done'>
          <Text className='rp-done__title'>角色已更新</Text>
          <Text className='rp-text'>对方下次打开小程序时生效。</Text>
        </View>
      )}
      <ErrorLines error={error} />
      {confirming ? (
        <Confirm className='roles-confirm' title={`确认修改 ${person.name} 的角色`} lines={lines} okText='确认修改' busy={busy} onOk={save} onCancel={() => setConfirming(false)} />
      ) : (
        <Button className='rp-btn roles-save' onClick={ask}>
          保存角色
        </Button>
      )}
    </View>
  );
}
