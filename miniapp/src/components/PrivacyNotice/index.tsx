/**
 * The privacy notice (个人信息保护说明) as people read it, from shared/privacy.ts — the same text as
 * docs/PRIVACY.md. Collapsed it shows the introduction and the list of what is kept, with a button to
 * read the whole notice; `open` shows it all from the start (我的信息).
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { PRIVACY_DATA, PRIVACY_INTRO, PRIVACY_SECTIONS, PRIVACY_TITLE, privacyVersionLabel } from '@shared/privacy';
import './index.scss';

export function PrivacyNotice({ open: openAtFirst = false }: { open?: boolean }) {
  const [open, setOpen] = useState(openAtFirst);
  const kept = PRIVACY_DATA.filter((d) => d.why !== '—');
  return (
    <View className='rp-privacy'>
      <Text className='rp-privacy__title'>{PRIVACY_TITLE}</Text>
      <Text className='rp-privacy__version'>版本：{privacyVersionLabel()}</Text>
      {PRIVACY_INTRO.map((p) => (
        <Text key={p} className='rp-privacy__p'>
          {p}
        </Text>
      ))}
      {!open && (
        <View className='rp-privacy__summary'>
          <Text className='rp-privacy__p'>我们保存：{kept.map((d) => d.title).join('、')}。</Text>
          <Text className='rp-privacy__p'>手机号只有您本人、您的支部书记和园区党委能看到。离开园区时，手机号和微信绑定立即删除。</Text>
        </View>
      )}
      {open && (
        <View className='rp-privacy__full'>
          <Text className='rp-privacy__h'>我们保存什么、为什么、谁能看到、保存多久</Text>
          {PRIVACY_DATA.map((d) => (
            <View key={d.key} className='rp-privacy__kind'>
              <Text className='rp-privacy__kind-title'>{d.title}</Text>
              <Text className='rp-privacy__p'>保存什么：{d.what}</Text>
              {d.why !== '—' && (
                <>
                  <Text className='rp-privacy__p'>为什么：{d.why}</Text>
                  <Text className='rp-privacy__p'>谁能看到：{d.who}</Text>
                  <Text className='rp-privacy__p'>保存多久：{d.howLong}</Text>
                </>
              )}
            </View>
          ))}
          {PRIVACY_SECTIONS.map((s) => (
            <View key={s.title} className='rp-privacy__kind'>
              <Text className='rp-privacy__h'>{s.title}</Text>
              {s.paragraphs.map((p) => (
                <Text key={p} className='rp-privacy__p'>
                  {p}
                </Text>
              ))}
            </View>
          ))}
        </View>
      )}
      {!openAtFirst && (
        <Button className='rp-btn rp-btn--ghost rp-privacy__toggle' onClick={() => setOpen(!open)}>
          {open ? '收起说明' : '展开阅读全文'}
        </Button>
      )}
    </View>
  );
}
