/**
 * WeChat's privacy authorization sheet (weapp only; PageShell renders it on every page, so a privacy
 * API called from any page is answered): shown while services/wx-privacy.ts holds a pending request.
 * 同意并继续 is a <Button openType='agreePrivacyAuthorization'>, as WeChat requires; 查看指引 opens the
 * 用户隐私保护指引 filled in the console; 不同意 refuses only this use.
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { type PendingPrivacy, answerPrivacy, onPrivacyRequest } from '../../services/wx-privacy';
import './index.scss';

const AGREE_ID = 'rp-privacy-agree';

const WHAT: Record<string, string> = {
  scanCode: '扫描二维码',
  chooseMessageFile: '从聊天中选择文件',
  setClipboardData: '复制内容到剪贴板',
  getClipboardData: '读取剪贴板',
};

export function PrivacyAuthSheet() {
  const [pending, setPending] = useState<PendingPrivacy | null>(null);
  useEffect(() => onPrivacyRequest(setPending), []);
  useEffect(() => {
    if (pending) pending.resolve({ event: 'exposureAuthorization' }); // tell WeChat the sheet was shown
  }, [pending]);
  if (!pending) return null;
  const what = WHAT[pending.referrer] ?? '使用这项功能';
  return (
    <View className='rp-privacy-sheet'>
      <View className='rp-privacy-sheet__box'>
        <Text className='rp-privacy-sheet__title'>需要您的同意</Text>
        <Text className='rp-privacy-sheet__text'>{`在${what}之前，请阅读并同意《红色园区用户隐私保护指引》。不同意也可以继续使用其他功能。`}</Text>
        <Button className='rp-btn rp-btn--ghost' onClick={() => Taro.openPrivacyContract({})}>
          查看指引
        </Button>
        <Button id={AGREE_ID} className='rp-btn' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => answerPrivacy(true, AGREE_ID)}>
          同意并继续
        </Button>
        <Button className='rp-btn rp-btn--ghost' onClick={() => answerPrivacy(false)}>
          不同意
        </Button>
      </View>
    </View>
  );
}
