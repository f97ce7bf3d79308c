// 会议签到: at a 主题党日 or 大党课, scan the check-in code the secretary shows. In WeChat the camera
// scans it (Taro.scanCode, after WeChat's privacy agreement: services/wx-privacy.ts); in the H5 local
// demo, where there is no camera, the code's text is pasted (like 扫码验证). The only check-in in the app (FACTS.md §4).
import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import type { ActionOutput, ApiError } from '@shared/contract';
import { MEETING_KIND_LABELS } from '@shared/contract/labels';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { markStale } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { scanQrCode } from '../../../../services/wx-privacy';
import { meetingTimeLabel } from '@shared/schedule';
import { dayLabel } from '../../common';
import '../../common/study.scss';
import './index.scss';
import { askConsent } from '../../../../services/subscribe';

type Done = ActionOutput<'study', 'meetings.checkIn'>;


const ADVICE: Partial<Record<ApiError['code'], string>> = {
  CHECKIN_CODE_EXPIRED: '签到码每分钟更新一次，请扫描屏幕上最新的签到码。',
  CHECKIN_CODE_INVALID: '请扫描支部书记在活动现场展示的签到码；截图、照片或其他二维码都不能签到。',
  MEETING_NOT_TODAY: '签到只能在活动当天进行。',
  SIGN_IN_NOT_OPEN: '签到从活动开始前半小时开始，请稍后再扫。',
  SIGN_IN_CLOSED: '签到在活动结束一小时后关闭。如果您参加了，请找支部书记补记签到。',
  MEETING_CANCELLED: '支部书记已取消这次活动，不用签到了。活动安排请看“学习”页的“本支部活动”。',
  FORBIDDEN: '这是其他支部的活动，只有本支部的党员可以签到。',
  NOT_BOUND: '请先绑定身份再签到。',
};

export default function CheckinPage() {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const checkIn = async (code: string) => {
    if (!code.trim()) return;
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await call('study', 'meetings.checkIn', { code: code.trim() });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    markStale();
    setDone(r.data);
  };

  const scan = async () => {
    void askConsent('checkIn'); // first, from the tap: an await before it would lose the prompt
    const code = await scanQrCode(); // null: closed, or the privacy agreement refused
    if (code) await checkIn(code);
  };

  return (
    <PageShell>
      <View className='rp-body checkin-page'>
        {done && (
          <View className='rp-section checkin-done'>
            <Text className='checkin-done__title'>{done.alreadyCheckedIn ? '✓ 您已经签过到了' : '✓ 签到成功'}</Text>
            <Text className='checkin-done__kind'>{MEETING_KIND_LABELS[done.meeting.kind]}</Text>
            <Text className='checkin-done__meeting'>{done.meeting.title}</Text>
            <Text className='rp-text'>日期：{dayLabel(done.meeting.date)}</Text>
            <Text className='rp-text'>时间：{meetingTimeLabel(done.meeting)}</Text>
            {done.meeting.place && <Text className='rp-text'>地点：{done.meeting.place}</Text>}
            {/* What the check-in gave, in words: +10 分, or why nothing (本月…积分已记满). */}
            {done.points && <Text className='rp-text checkin-done__points'>积分：{done.points.text}</Text>}
          </View>
        )}
        {error && (
          <View className={`rp-section checkin-fail checkin-fail--${error.code}`}>
            <Text className='checkin-fail__title'>{error.code === 'MEETING_CANCELLED' ? '活动已取消' : '没有签上'}</Text>
            <Text className='rp-error-text'>{error.message}</Text>
            {ADVICE[error.code] && <Text className='rp-muted'>{ADVICE[error.code]}</Text>}
          </View>
        )}
        {process.env.TARO_ENV === 'weapp' ? (
          <View className='rp-section'>
            <Text className='rp-text'>在主题党日、大党课现场，点下面的按钮，扫描支部书记展示的签到码。</Text>
            <BusyButton className='rp-btn checkin-submit' busy={busy} busyText='正在签到…' onClick={scan}>
              {done ? '再扫一次' : '扫码签到'}
            </BusyButton>
          </View>
        ) : (
          <View className='rp-section'>
            <Text className='rp-title'>本地演示：粘贴签到码</Text>
            <Text className='rp-muted'>浏览器里没有摄像头扫码。请把支部书记“签到码”页面上的签到码文字粘贴到这里。</Text>
            <Textarea
              className='checkin-input study-input'
              value={text}
              maxlength={500}
              placeholder='在这里粘贴签到码'
              onInput={(e) => setText(e.detail.value)}
            />
            <BusyButton className='rp-btn checkin-submit' busy={busy} busyText='正在签到…' disabled={!text.trim()} onClick={() => checkIn(text)}>
              签到
            </BusyButton>
          </View>
        )}
      </View>
    </PageShell>
  );
}
