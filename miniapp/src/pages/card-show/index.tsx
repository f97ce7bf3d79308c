// 亮码 (show mode): big name, branch and posts, and a QR code of a signed card code that the
// function issues. A code lives about a minute, so the page fetches a new one before it is due
// (`refreshAt`) and counts down; someone scanning a photo of an old screen gets "expired".
import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { CardHead } from '../../components/CardView';
import { QrCode } from '../../components/QrCode';
import { ErrorState, Loading } from '../../components/States';
import { useRemote } from '../../hooks/useRemote';
import { useRotatingCode } from '../../hooks/useRotatingCode';
import { api } from '../../services/api';
import { ROUTES, go } from '../../services/nav';
import { isLocalMode } from '../../services/persona';
import './index.scss';

export default function CardShow() {
  const card = useRemote(api.user.card);
  const { code, error, secondsLeft, retry } = useRotatingCode(api.user.cardCode);

  useEffect(() => {
    // Keep the screen on while someone scans it (WeChat only; a browser has no such switch).
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true });
  }, []);

  const failed = card.state.status === 'error' ? card.state.error : error;
  const retryAll = () => {
    void card.reload();
    void retry();
  };
  if (failed) {
    return (
      <PageShell>
        <View className='rp-body'>
          <ErrorState message={failed.message} onRetry={failed.code === 'NOT_BOUND' ? undefined : retryAll} />
          {failed.code === 'NOT_BOUND' && (
            <Button className='rp-btn' onClick={() => go(ROUTES.bind)}>
              绑定身份
            </Button>
          )}
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell>
      <View className='rp-body show'>
        {card.state.status === 'ok' ? <CardHead card={card.state.data} /> : <Loading text='正在加载身份卡…' />}
        <View className='show__qr'>
          {code ? <QrCode text={code.code} size={560} /> : <Loading text='正在生成二维码…' />}
        </View>
        {code && <Text className='show__countdown'>二维码 {secondsLeft} 秒后刷新</Text>}
        <Text className='rp-muted show__hint'>请对方打开红色园区小程序，点“扫码验证”扫描此码。截图无效。</Text>
        {code && isLocalMode() && (
          <View className='show__local'>
            <Text className='rp-muted'>本地演示：身份码文字（可复制到“扫码验证”）</Text>
            <Text className='show__code' selectable userSelect>
              {code.code}
            </Text>
          </View>
        )}
      </View>
    </PageShell>
  );
}
