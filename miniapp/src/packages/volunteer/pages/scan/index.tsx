// 扫码签到 / 签退 at a volunteer activity: scan the rotating code the organizer shows. The first scan signs
// in, the next (when leaving) signs out; the times are the server's. In WeChat the camera scans it
// (Taro.scanCode); in the H5 local demo, where there is no camera, the code's text is pasted, as on
// 会议签到. The result is shown big: 签到成功 9:12 / 签退成功，计 1.5 小时（待负责人确认）, with why.
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { ActionOutput, ApiError } from '@shared/contract';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { markStale } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { scanQrCode } from '../../../../services/wx-privacy';
import { ROUTES, go } from '../../../../services/nav';
import { shiftTime } from '../../../../utils/volunteer';
import './index.scss';

type Done = ActionOutput<'volunteer', 'scan'>;

const ADVICE: Partial<Record<ApiError['code'], string>> = {
  CHECKIN_CODE_EXPIRED: '签到码每分钟更新一次，请扫描负责人屏幕上最新的签到码。',
  CHECKIN_CODE_INVALID: '请扫描活动负责人在现场出示的签到码；截图、照片或其他二维码都不能签到。',
  NOT_REGISTERED: '只有报名了这个班次、拿到名额的人才能签到。没带手机或没报上名，请找活动负责人现场登记。',
  SIGN_IN_NOT_OPEN: '班次开始前半小时开始签到，请稍后再扫。',
  SIGN_IN_CLOSED: '班次已经结束。如果您参加了，请找活动负责人补登。',
  NOT_BOUND: '请先绑定身份再签到。',
};

/** The headline above the function's sentence (which already says 签到成功 / 签退成功). */
const MARKS: Record<Done['step'], string> = { signedIn: '✓', signedOut: '✓', alreadyDone: '这次扫码没有新的记录' };

export default function ScanPage() {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const send = async (code: string) => {
    if (!code.trim()) return;
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await call('volunteer', 'scan', { code: code.trim() });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    markStale();
    setText('');
    setDone(r.data);
  };

  const scan = async () => {
    const code = await scanQrCode(); // null: closed, or WeChat's privacy agreement refused
    if (code) await send(code);
  };

  return (
    <PageShell>
      <View className='rp-body vs-page'>
        {done && (
          <View className={`rp-section vs-done vs-done--${done.step}`}>
            <Text className={`vs-done__title${done.step === 'alreadyDone' ? '' : ' vs-done__title--mark'}`}>{MARKS[done.step]}</Text>
            <Text className='vs-done__message'>{done.message}</Text>
            <Text className='vs-done__activity'>{done.activity.title}</Text>
            <Text className='rp-text'>
              {shiftTime(done.shift)}
              {done.shift.role ? ` · ${done.shift.role}` : ''}
            </Text>
            {done.registration.hoursNote && <Text className='rp-muted vs-done__note'>{done.registration.hoursNote}</Text>}
            {done.step === 'signedIn' && <Text className='rp-muted'>服务结束离开时，请再扫一次签到码签退。</Text>}
            {done.step === 'signedOut' && <Text className='rp-muted'>时长由活动负责人确认后，记入您的志愿时长和积分。</Text>}
            <Button className='rp-btn rp-btn--ghost vs-done__open' onClick={() => go(`${ROUTES.volunteerActivity}?activityId=${encodeURIComponent(done.activity.id)}`)}>
              查看这个活动
            </Button>
          </View>
        )}
        {error && (
          <View className={`rp-section vs-fail vs-fail--${error.code}`}>
            <Text className='vs-fail__title'>没有签上</Text>
            <Text className='rp-error-text'>{error.message}</Text>
            {ADVICE[error.code] && <Text className='rp-muted'>{ADVICE[error.code]}</Text>}
          </View>
        )}
        {process.env.TARO_ENV === 'weapp' ? (
          <View className='rp-section'>
            <Text className='rp-text'>到了活动现场，点下面的按钮，扫描负责人出示的签到码。签到、签退都扫同一个码。</Text>
            <BusyButton className='rp-btn vs-submit' busy={busy} busyText='正在提交…' onClick={scan}>
              {done ? '再扫一次' : '扫码签到 / 签退'}
            </BusyButton>
          </View>
        ) : (
          <View className='rp-section'>
            <Text className='rp-title'>本地演示：粘贴签到码</Text>
            <Text className='rp-muted'>浏览器里没有摄像头扫码。请把负责人“签到码”页面上的签到码文字粘贴到这里。签到、签退都用它。</Text>
            <Textarea className='vs-input' value={text} maxlength={500} placeholder='在这里粘贴签到码' onInput={(e) => setText(e.detail.value)} />
            <BusyButton className='rp-btn vs-submit' busy={busy} busyText='正在提交…' disabled={!text.trim()} onClick={() => send(text)}>
              签到 / 签退
            </BusyButton>
          </View>
        )}
        <Text className='rp-muted vs-hint'>签到、签退的时间以服务器时间为准，时长按实际在岗时间计算。</Text>
      </View>
    </PageShell>
  );
}
