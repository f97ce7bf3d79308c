// 绑定身份: the one-time invite code from the branch secretary links this WeChat to a roster entry,
// once the person has read the privacy notice (个人信息保护说明, shared/privacy.ts) and ticked
// 我已阅读并同意 — the box starts unticked, and 绑定 says what is missing instead of doing nothing.
// The code is typed in large letters, upper-cased as it is typed and cut to letters and digits, so the
// phone only checks its length (no zod in the main package); the function checks it against the contract
// and decides (wrong, used, expired), and its message is shown as is.
import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { PersonSelf } from '@shared/contract';
import { PRIVACY_TITLE, PRIVACY_VERSION } from '@shared/privacy';
import { BusyButton } from '../../components/BusyButton';
import { PageShell } from '../../components/PageShell';
import { PrivacyNotice } from '../../components/PrivacyNotice';
import { markStale } from '../../hooks/useRemote';
import { api } from '../../services/api';
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

/** The unticked-by-default agreement: a big tick box and its words, one tap target. */
function Agree({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <View className={`bind__agree${on ? ' bind__agree--on' : ''}`} onClick={() => onChange(!on)}>
      <View className='bind__tick'>{on ? '✓' : ''}</View>
      <Text className='bind__agree-text'>我已阅读并同意《{PRIVACY_TITLE}》</Text>
    </View>
  );
}

export default function Bind() {
  const [code, setCode] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [person, setPerson] = useState<PersonSelf | null>(null);

  const submit = async () => {
    if (code.length !== CODE_LENGTH) return setError(`请先输入完整的 ${CODE_LENGTH} 位邀请码（已输入 ${code.length} 位）`);
    if (!agreed) return setError('请先阅读上面的个人信息保护说明，并勾选“我已阅读并同意”，才能绑定');
    const input = { code, consent: { version: PRIVACY_VERSION } };
    setBusy(true);
    setError(null);
    const r = await api.user.bind(input);
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
          </View>
        )}
        {!person && (
          <View className='rp-section bind__privacy'>
            <Text className='rp-muted'>绑定前，请先了解我们会保存您的哪些信息。您同意后，我们才会保存。</Text>
            <PrivacyNotice />
            <Agree
              on={agreed}
              onChange={(on) => {
                setAgreed(on);
                setError(null);
              }}
            />
            {error && <Text className='rp-error-text bind__error'>{error}</Text>}
            <BusyButton busy={busy} busyText='正在绑定…' onClick={submit}>
              绑定
            </BusyButton>
          </View>
        )}
      </View>
    </PageShell>
  );
}
