// 亮码 (show mode): big name, branch and posts, and a QR code of a signed card code that the
// function issues. A code lives about a minute, so the page fetches a new one before it is due
// (`refreshAt`) and counts down; someone scanning a photo of an old screen gets "expired".
import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ApiError } from '@shared/contract';
import { PageShell } from '../../components/PageShell';
import { CardHead } from '../../components/CardView';
import { QrCode } from '../../components/QrCode';
import { ErrorState, Loading } from '../../components/States';
import { useRemote } from '../../hooks/useRemote';
import { api, type Reply } from '../../services/api';
import { ROUTES, go } from '../../services/nav';
import { isLocalMode } from '../../services/persona';
import './index.scss';

type Issued = Extract<Reply<'user', 'cardCode'>, { ok: true }>['data'];

/**
 * When to fetch the next code, in ms from now. The server's refreshAt is in the server's clock; a
 * phone's clock may be minutes off. If refreshAt is not within the next minute the clocks disagree,
 * so assume the code was issued just now: it lives at most 60 s ("rotates at least every minute")
 * and the server wants it replaced (expiresAt − refreshAt) before the end.
 */
export function refreshDelayMs(c: Issued, nowMs: number): number {
  const byClock = Date.parse(c.refreshAt) - nowMs;
  if (byClock > 0 && byClock <= 60_000) return byClock;
  const margin = Date.parse(c.expiresAt) - Date.parse(c.refreshAt);
  return Math.max(5_000, 60_000 - (Number.isFinite(margin) ? margin : 15_000));
}

function useRotatingCode() {
  const [code, setCode] = useState<(Issued & { dueAt: number }) | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [now, setNow] = useState(Date.now());
  const [visible, setVisible] = useState(true);
  const fetching = useRef(false);

  const fetchCode = useCallback(async () => {
    if (fetching.current) return;
    fetching.current = true;
    const r = await api.user.cardCode();
    fetching.current = false;
    if (r.ok) {
      setError(null);
      setCode({ ...r.data, dueAt: Date.now() + refreshDelayMs(r.data, Date.now()) });
    } else {
      setError(r.error);
      setCode(null);
    }
  }, []);

  useEffect(() => void fetchCode(), [fetchCode]);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  // One tick a second while the page is on screen: the countdown, and the refresh when due.
  useEffect(() => {
    if (!visible) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [visible]);
  useEffect(() => {
    if (visible && code && now >= code.dueAt) void fetchCode();
  }, [visible, code, now, fetchCode]);

  return { code, error, secondsLeft: code ? Math.max(0, Math.ceil((code.dueAt - now) / 1000)) : 0, retry: fetchCode };
}

export default function CardShow() {
  const card = useRemote(api.user.card);
  const { code, error, secondsLeft, retry } = useRotatingCode();

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
