// 查验志愿服务证明 (certificates.verify, public: nobody needs to be bound): opened by the certificate's QR
// code (`?c=<code>`; in WeChat a 普通链接二维码 arrives as `?q=<the link>`), or by pasting the link or the
// code. Shows the number, the name masked (王*), the period, 信用时数 and 补录时数, the issuer and the date,
// and whether it stands: 有效, or 已撤销 with the reason.
import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import type { ApiReply, ActionOutput } from '@shared/contract';
import { HOURS_COUNTED_LABELS } from '@shared/contract/volunteer-record';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { Loading } from '../../../../components/States';
import { call } from '../../../../services/api';
import { scanQrCode } from '../../../../services/wx-privacy';
import { hoursText } from '../../../../utils/volunteer';
import { codeFromLink, dateLabel } from '../../common/certificate';
import '../../common/record.scss';

type Verified = ActionOutput<'volunteer', 'certificates.verify'>;

function Row({ k, v }: { k: string; v: string }) {
  return (
    <View className='vr-verify__row'>
      <Text className='vr-verify__key'>{k}</Text>
      <Text className='vr-verify__value'>{v}</Text>
    </View>
  );
}

function Result({ reply }: { reply: ApiReply<Verified> }) {
  if (!reply.ok) {
    return (
      <View className='rp-section vr-verify'>
        <Text className='vr-verify__bad'>未通过查验</Text>
        <Text className='rp-error-text'>{reply.error.message}</Text>
        <Text className='rp-muted'>请确认扫描的是志愿服务证明上的二维码。证明有疑问，请联系证明上写的出具单位。</Text>
      </View>
    );
  }
  const v = reply.data;
  return (
    <View className='rp-section vr-verify'>
      {v.valid ? <Text className='vr-verify__ok'>✔ 证明有效</Text> : <Text className='vr-verify__bad'>✘ 证明已撤销</Text>}
      {!v.valid && v.revokedReason && <Text className='rp-text vr-verify__reason'>撤销原因：{v.revokedReason}</Text>}
      <Row k='证明编号' v={v.number} />
      <Row k='志愿者' v={v.name} />
      <Row k='证明期间' v={v.periodLabel} />
      <Row k='信用时数' v={`${hoursText(v.hours.credit)} 小时`} />
      <Row k='补录时数' v={`${hoursText(v.hours.makeup)} 小时`} />
      <Row k='计入' v={HOURS_COUNTED_LABELS[v.hoursCounted]} />
      <Row k='出具单位' v={v.issuer} />
      <Row k='出具日期' v={dateLabel(v.issuedAt)} />
      <Text className='rp-muted'>为保护个人信息，姓名只显示第一个字。</Text>
    </View>
  );
}

export default function VerifyCertificatePage() {
  const params = useRouter().params;
  const fromLink = codeFromLink(params.c ? `?c=${params.c}` : (params.q ?? ''));
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(!!fromLink);
  const [reply, setReply] = useState<ApiReply<Verified> | null>(null);

  const verify = async (raw: string) => {
    const code = codeFromLink(raw);
    if (!code) return;
    setBusy(true);
    setReply(null);
    setReply(await call('volunteer', 'certificates.verify', { code }));
    setBusy(false);
  };
  useEffect(() => {
    if (fromLink) void verify(fromLink);
  }, [fromLink]);

  return (
    <PageShell>
      <View className='rp-body vr-page'>
        {busy && !reply && <Loading text='正在查验…' />}
        {reply && <Result reply={reply} />}
        <View className='rp-section vr-verify__ask'>
          <Text className='rp-title'>{reply ? '查验另一份证明' : '查验志愿服务证明'}</Text>
          {process.env.TARO_ENV === 'weapp' ? (
            <>
              <Text className='rp-muted'>扫描志愿服务证明上的二维码。</Text>
              <BusyButton busy={busy} busyText='正在查验…' onClick={async () => {
                const scanned = await scanQrCode();
                if (scanned) await verify(scanned);
              }}>
                扫一扫
              </BusyButton>
            </>
          ) : (
            <>
              <Text className='rp-muted'>用手机扫描证明上的二维码即可打开本页；也可以把二维码里的链接粘贴到这里。</Text>
              <Textarea className='rp-textarea vr-verify__input' value={text} maxlength={600} placeholder='粘贴证明二维码的链接' onInput={(e) => setText(e.detail.value)} />
              <BusyButton className='vr-verify__send' busy={busy} busyText='正在查验…' disabled={!text.trim()} onClick={() => verify(text)}>
                查验
              </BusyButton>
            </>
          )}
        </View>
      </View>
    </PageShell>
  );
}
