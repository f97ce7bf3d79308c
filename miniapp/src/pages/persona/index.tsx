// H5 local mode only (not in the weapp build): choose who the browser acts as. In WeChat the
// platform identifies the user; against the local emulator the chosen openid is sent in a header
// (services/persona.ts). The personas are local/personas.json, which the demo seed matches.
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { markStale } from '../../hooks/useRemote';
import { restart } from '../../services/nav';
import { OPENID_PATTERN, getPersona, setPersona, type Persona } from '../../services/persona';
import personas from '../../local/personas.json';
import './index.scss';

interface DemoPersona extends Persona {
  note: string;
}

function choose(p: Persona) {
  setPersona({ openid: p.openid, name: p.name, label: p.label });
  markStale();
  restart();
}

export default function PersonaPage() {
  const current = getPersona();
  const [openid, setOpenid] = useState('');
  const [error, setError] = useState<string | null>(null);

  const applyOpenid = () => {
    const v = openid.trim();
    if (!OPENID_PATTERN.test(v)) return setError('openid 只能由字母、数字、_ 或 - 组成，最多 64 位');
    choose({ openid: v, name: v, label: '' });
  };

  return (
    <PageShell requirePersona={false}>
      <View className='rp-body'>
        <View className='rp-section'>
          <Text className='rp-title'>红色园区 · 本地演示</Text>
          <Text className='rp-text'>在微信里，您的身份由微信自动确认。这里是本地演示，请选择一个身份来体验。</Text>
          {current && <Text className='rp-muted'>当前身份：{current.name}{current.label ? `（${current.label}）` : ''}</Text>}
        </View>
        {(personas as DemoPersona[]).map((p) => (
          <View key={p.openid} className={`rp-section persona${current?.openid === p.openid ? ' persona--current' : ''}`} onClick={() => choose(p)}>
            <View className='persona__head'>
              <Text className='persona__name'>{p.name}</Text>
              <Text className='persona__label'>{p.label}</Text>
            </View>
            <Text className='rp-muted'>{p.note}</Text>
          </View>
        ))}
        <View className='rp-section'>
          <Text className='rp-title'>其他微信用户</Text>
          <Text className='rp-muted'>输入任意 openid，例如测试园区的 o_test_001。</Text>
          <Input
            className='persona__input'
            value={openid}
            placeholder='openid'
            onInput={(e) => {
              setOpenid(e.detail.value);
              setError(null);
            }}
            onConfirm={applyOpenid}
          />
          {error && <Text className='rp-error-text'>{error}</Text>}
          <Button className='rp-btn rp-btn--ghost' onClick={applyOpenid}>
            使用这个 openid
          </Button>
        </View>
      </View>
    </PageShell>
  );
}
