// 志愿服务证明 (certificates.request / list view mine): ask the organizing body — 园区志愿服务联合会 for
// park-wide activities, my branch for its own — for a year or all time, and follow each request (待出具,
// 已出具 with its number, 未出具 with the reason, 已撤销 with the reason). An issued one becomes an image
// (common/certificate.ts: drawn on a canvas with a QR code to the public check) saved to the album in
// WeChat or downloaded in the browser.
import { useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { type ApiReply, type PersonSelf, apiError } from '@shared/contract';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { api, call } from '../../../../services/api';
import { hoursText } from '../../../../utils/volunteer';
import { ErrorLines, Tag } from '../../../ui';
import { Choice, useSubmit } from '../../../ui/form';
import { type Certificate, dateLabel, drawCertificate, saveCertificate } from '../../common/certificate';
import '../../common/record.scss';

interface Data {
  me: PersonSelf;
  years: string[];
  federation: string;
  certificates: Certificate[];
}

async function load(): Promise<ApiReply<Data>> {
  const [me, record, list, settings] = await Promise.all([
    api.user.me(),
    call('volunteer', 'record.mine', {}),
    call('volunteer', 'certificates.list', { view: 'mine' }),
    call('volunteer', 'settings.get', {}),
  ]);
  if (!me.ok) return me;
  if (!me.data.person) return { ok: false, error: apiError('NOT_BOUND') };
  if (!record.ok) return record;
  if (!list.ok) return list;
  if (!settings.ok) return settings;
  return { ok: true, data: { me: me.data.person, years: record.data.byYear.map((y) => y.year), federation: settings.data.settings.federation.name, certificates: list.data.certificates } };
}

export const CERT_STATE: { [k in Certificate['status']]: { label: string; tone: 'gold' | 'green' | 'gray' | 'red' } } = {
  requested: { label: '待出具', tone: 'gold' },
  issued: { label: '已出具', tone: 'green' },
  declined: { label: '未出具', tone: 'gray' },
  revoked: { label: '已撤销', tone: 'red' },
};

function RequestForm({ data, onDone }: { data: Data; onDone: (line: string) => void }) {
  const [issuer, setIssuer] = useState<'park' | string>('park');
  const [period, setPeriod] = useState<string>(data.years[0] ?? 'all');
  const { busy, error, submit } = useSubmit();
  const send = async () => {
    const r = await submit(null, () =>
      call('volunteer', 'certificates.request', { issuer, period: period === 'all' ? { kind: 'all' } : { kind: 'year', year: period } }),
    );
    if (r) onDone(`已申请：${r.certificate.periodLabel}的志愿服务证明。出具后会显示在下面，可以保存为图片。`);
  };
  return (
    <View className='rp-section vr-request'>
      <Text className='rp-title'>申请证明</Text>
      <Text className='rp-muted'>证明由组织活动的单位免费出具：全园区活动找志愿服务联合会，支部活动找本支部。</Text>
      <Text className='rp-text vr-request__label'>向谁申请</Text>
      <Choice className='vr-request__park' on={issuer === 'park'} title={data.federation} hint='全园区的志愿活动' onClick={() => setIssuer('park')} />
      <Choice className='vr-request__branch' on={issuer === data.me.branch.id} title={data.me.branch.name} hint='本支部组织的活动' onClick={() => setIssuer(data.me.branch.id)} />
      <Text className='rp-text vr-request__label'>证明哪段时间</Text>
      {data.years.map((y) => (
        <Choice key={y} className={`vr-request__year-${y}`} on={period === y} title={`${y}年`} onClick={() => setPeriod(y)} />
      ))}
      <Choice className='vr-request__all' on={period === 'all'} title='全部时间' onClick={() => setPeriod('all')} />
      <ErrorLines error={error} />
      <BusyButton className='rp-btn vr-request__send' busy={busy} busyText='正在申请…' onClick={send}>
        申请证明
      </BusyButton>
    </View>
  );
}

function CertificateItem({ c }: { c: Certificate }) {
  const [image, setImage] = useState<string | null>(null);
  const [line, setLine] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const s = CERT_STATE[c.status];
  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      setImage(await drawCertificate(c));
    } catch (e) {
      console.warn('certificate image', e);
      setError('生成图片失败，请再试一次');
    }
    setBusy(false);
  };
  const save = async () => {
    if (!image) return;
    try {
      const done = await saveCertificate(c, image);
      if (done) setLine(done);
    } catch (e) {
      console.warn('save certificate', e);
      setError('保存失败，请再试一次');
    }
  };
  return (
    <View className='vr-entry vr-cert' data-certificate-id={c.id}>
      <View className='vr-entry__head'>
        <Text className='vr-entry__title'>{c.periodLabel} · {c.issuer.name}</Text>
        <Tag tone={s.tone}>{s.label}</Tag>
      </View>
      {c.number && <Text className='rp-text vr-cert__number'>编号：{c.number}</Text>}
      {c.status === 'issued' || c.status === 'revoked' ? (
        <Text className='rp-text'>
          信用时数 {hoursText(c.hours.credit)} 小时 · 补录时数 {hoursText(c.hours.makeup)} 小时
        </Text>
      ) : null}
      <Text className='rp-muted'>
        申请于 {dateLabel(c.requestedAt)}
        {c.issuedAt ? ` · 出具于 ${dateLabel(c.issuedAt)}` : ''}
      </Text>
      {c.status === 'requested' && <Text className='rp-muted'>等待出具单位核对后出具。</Text>}
      {(c.status === 'declined' || c.status === 'revoked') && c.note && <Text className='rp-text vr-cert__note'>原因：{c.note}</Text>}
      {c.status === 'issued' && !image && (
        <BusyButton className='rp-btn rp-btn--ghost vr-cert__make' busy={busy} busyText='正在生成…' onClick={make}>
          生成证明图片
        </BusyButton>
      )}
      {image && (
        <>
          <Image className='vr-cert__image' src={image} mode='widthFix' showMenuByLongpress />
          <Button className='rp-btn vr-cert__save' onClick={() => void save()}>
            {process.env.TARO_ENV === 'h5' ? '下载图片' : '保存到相册'}
          </Button>
        </>
      )}
      {line && <Text className='rp-text vr-cert__saved'>{line}</Text>}
      <ErrorLines error={error} />
    </View>
  );
}

export default function CertificatesPage() {
  const { state, reload } = useRemote(load);
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body vr-page'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' && (
          <>
            {state.data.years.length === 0 ? (
              <View className='rp-section'>
                <Text className='rp-title'>还不能申请证明</Text>
                <Text className='rp-muted'>证明只写已经确认的志愿时长。参加活动、负责人确认时长后，就可以在这里申请。</Text>
              </View>
            ) : (
              <RequestForm
                data={state.data}
                onDone={(line) => {
                  setOutcome(line);
                  void reload();
                }}
              />
            )}
            {outcome && (
              <View className='rp-done vr-outcome'>
                <Text className='rp-text'>{outcome}</Text>
              </View>
            )}
            <View className='rp-section vr-certs'>
              <Text className='rp-title'>我的证明（{state.data.certificates.length}）</Text>
              {state.data.certificates.length === 0 && (
                <Text className='rp-muted'>{state.data.years.length ? '还没有申请过证明。在上面选好单位和时间，点“申请证明”。' : '还没有申请过证明。'}</Text>
              )}
              {state.data.certificates.map((c) => (
                <CertificateItem key={`${c.id}|${c.status}`} c={c} />
              ))}
            </View>
          </>
        )}
      </View>
    </PageShell>
  );
}
