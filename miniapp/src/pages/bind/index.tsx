// 绑定身份: the one-time invite code from the branch secretary links this WeChat to a roster entry.
// The code is typed in large letters, upper-cased as it is typed; the contract's schema checks its
// shape on the phone, the function decides (wrong, used, expired) and its message is shown as is.
import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { PersonSelf } from '@shared/contract';
import { BusyButton } from '../../components/BusyButton';
import { PageShell } from '../../components/PageShell';
import { markStale } from '../../hooks/useRemote';
import { api, validate } from '../../services/api';
import { ROUTES, go } from '../../services/nav';
import './index.scss';

const CODE_LENGTH = 8;
const GO_MINE_AFTER_MS = 3000;

/** Upper-case, drop spaces and anything that cannot be in a code (people paste "K7M2 Q9XA"). */
const clean = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, CODE_LENGTH);

function Bound({ person }: { person: PersonSelf }) {
  useEffect(() => {
    const t = setTimeout(() => go(ROUTES.mine), GO_MINE_AFTER_MS);
    return () => clearTimeout(t);
  }, []);
  return (
    <View className='rp-section bind__done'>
      <Text className='bind__ok'>绑定成功</Text>
      <Text className='rp-title'>{person.name}</Text>
      <Text className='rp-text'>{person.branch.name}</Text>
      <Text className='rp-muted'>马上为您打开“我的”，查看您的身份卡。</Text>
      <Button className='rp-btn' onClick={() => go(ROUTES.mine)}>
        进入“我的”
      </Button>
    </View>
  );
}

export default function Bind() {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [person, setPerson] = useState<PersonSelf | null>(null);

  const submit = async () => {
    const problem = validate('user', 'bind', { code });
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    const r = await api.user.bind(code);
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    markStale(); // 首页 and 我的 must now show the bound person
    setPerson(r.data.person);
  };

  return (
    <PageShell>
      <View className='rp-body'>
        {person ? (
          <Bound person={person} />
        ) : (
          <View className='rp-section'>
            <Text className='rp-title'>输入邀请码</Text>
            <Text className='rp-text'>邀请码由您所在支部的书记发给您，是 8 位字母或数字，例如 K7M2Q9XA。</Text>
            <Text className='rp-muted'>大小写都可以，不用输入空格。一个邀请码只能用一次，过期后请找书记重新生成。</Text>
            <Input
              className='bind__input'
              value={code}
              maxlength={CODE_LENGTH + 4}
              placeholder='8 位邀请码'
              confirmType='done'
              onInput={(e) => {
                const v = clean(e.detail.value);
                setCode(v);
                setError(null);
                return v;
              }}
              onConfirm={submit}
            />
            <Text className='rp-muted bind__count'>
              已输入 {code.length} / {CODE_LENGTH} 位
            </Text>
            {error && <Text className='rp-error-text bind__error'>{error}</Text>}
            <BusyButton busy={busy} busyText='正在绑定…' disabled={code.length !== CODE_LENGTH} onClick={submit}>
              绑定
            </BusyButton>
          </View>
        )}
      </View>
    </PageShell>
  );
}
