// 扫码验证: scan someone's 亮码 and see their verified public card. In WeChat the camera scans it
// (Taro.scanCode, after WeChat's privacy agreement: services/wx-privacy.ts); in the H5 local demo,
// where there is no camera, the code's text is pasted.
// Anyone may verify (bound or not); the function only returns public fields.
import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { BusyButton } from '../../components/BusyButton';
import { PageShell } from '../../components/PageShell';
import { CardView } from '../../components/CardView';
import { api, type Reply } from '../../services/api';
import { scanQrCode } from '../../services/wx-privacy';
import { chinaDateTime } from '../../utils/format';
import './index.scss';

const ADVICE: Record<string, string> = {
  CARD_CODE_EXPIRED: '二维码每分钟更新一次。请对方保持“亮码”页面打开，等二维码刷新后再扫一次。',
  CARD_CODE_INVALID: '请确认扫描的是红色园区小程序“亮码”页面上的二维码；截图、打印或其他二维码都无效。',
};

function Result({ reply }: { reply: Reply<'user', 'verifyCard'> }) {
  if (!reply.ok) {
    return (
      <View className='rp-section verify__fail'>
        <Text className='verify__fail-title'>未通过验证</Text>
        <Text className='rp-error-text'>{reply.error.message}</Text>
        {ADVICE[reply.error.code] && <Text className='rp-muted'>{ADVICE[reply.error.code]}</Text>}
      </View>
    );
  }
  return (
    <View className='verify__ok-wrap'>
      <View className='verify__ok'>
        <Text className='verify__ok-title'>✔ 已验证</Text>
        <Text className='verify__ok-time'>验证时间：{chinaDateTime(reply.data.verifiedAt)}</Text>
      </View>
      <CardView card={reply.data.card} />
    </View>
  );
}

export default function Verify() {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [reply, setReply] = useState<Reply<'user', 'verifyCard'> | null>(null);

  const verify = async (code: string) => {
    if (!code.trim()) return;
    setBusy(true);
    setReply(null);
    setReply(await api.user.verifyCard(code.trim()));
    setBusy(false);
  };

  const scan = async () => {
    const code = await scanQrCode(); // null: closed, or the privacy agreement refused
    if (code) await verify(code);
  };

  return (
    <PageShell>
      <View className='rp-body'>
        {process.env.TARO_ENV === 'weapp' ? (
          <View className='rp-section'>
            <Text className='rp-text'>请对方打开“亮码”，然后点下面的按钮扫描二维码。</Text>
            <BusyButton busy={busy} busyText='正在验证…' onClick={scan}>
              {reply ? '再扫一个' : '扫一扫'}
            </BusyButton>
          </View>
        ) : (
          <View className='rp-section'>
            <Text className='rp-title'>本地演示：粘贴身份码</Text>
            <Text className='rp-muted'>浏览器里没有摄像头扫码。请把对方“亮码”页面下方的身份码文字粘贴到这里。</Text>
            <Textarea
              className='verify__input'
              value={text}
              maxlength={512}
              placeholder='在这里粘贴身份码'
              onInput={(e) => setText(e.detail.value)}
            />
            <BusyButton busy={busy} busyText='正在验证…' disabled={!text.trim()} onClick={() => verify(text)}>
              验证
            </BusyButton>
          </View>
        )}
        {reply && <Result reply={reply} />}
      </View>
    </PageShell>
  );
}
