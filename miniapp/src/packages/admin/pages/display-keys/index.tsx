// 园区管理 · 大屏 (park admins; ledger displayKeys.create / list / revoke): the links that open the park's display screen
// (packages/display/pages/screen) on a TV. 生成链接 with a name (党群服务中心大屏) shows the link once, to copy into the
// TV's browser — only its digest is kept, so it cannot be shown again; the list says when each was made and by whom,
// when a screen last used it, and 停用 ends it for good (the screen shows 此大屏链接已停用 at its next refresh).
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { ActionOutput, ApiError } from '@shared/contract';
import type { DisplayKey } from '@shared/contract/display';
import { AdminFrame } from '../../common/frame';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { copyText } from '../../../../services/wx-privacy';
import { ADMIN, DISPLAY_SCREEN_PATH } from '../../common/area';
import { ErrorLines, Field, Tag, chinaMinute } from '../../../ui';
import { Confirm, useSubmit } from '../../../ui/form';
import './index.scss';

type Created = ActionOutput<'ledger', 'displayKeys.create'>;

/**
 * The screen's address with the key: in WeChat the hosted H5 site baked in at build time (REDPARK_DISPLAY_SITE,
 * docs/DEPLOY.md §9), else this site's own address in H5, else the page path alone.
 */
function screenUrl(secret: string): string {
  const path = `${DISPLAY_SCREEN_PATH}?key=${secret}`;
  const site = process.env.REDPARK_DISPLAY_SITE;
  if (site) return `${site.replace(/[#/]+$/, '')}/#${path}`;
  if (process.env.TARO_ENV === 'h5') return `${window.location.origin}${window.location.pathname}#${path}`;
  return path;
}

function NewKey({ onCreated }: { onCreated: () => Promise<unknown> }) {
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<Created | null>(null);
  const { busy, error, submit } = useSubmit();
  const create = async () => {
    const name = label.trim();
    const r = await submit(name ? null : '请填写大屏名称', () => call('ledger', 'displayKeys.create', { label: name }));
    if (!r) return;
    setCreated(r);
    setLabel('');
    await onCreated();
  };
  return (
    <View className='rp-section dk-new'>
      <Text className='rp-title'>新建大屏链接</Text>
      <Text className='rp-muted'>在党群服务中心等处的电视上打开链接，就能全屏展示流动红旗、支部排行、近期活动、承诺践诺和志愿时长，每分钟自动更新；不显示手机号。</Text>
      <Field label='大屏名称' hint='例如：党群服务中心大屏'>
        <Input className='rp-input dk-new__label' value={label} maxlength={30} placeholder='大屏名称' onInput={(e) => setLabel(e.detail.value)} />
      </Field>
      <ErrorLines error={error as ApiError | string | null} />
      <BusyButton className='rp-btn dk-new__create' busy={busy} busyText='正在生成…' onClick={create}>
        生成链接
      </BusyButton>
      {created && (
        <View className='dk-created'>
          <Text className='dk-created__title'>{`「${created.key.label}」的链接`}</Text>
          <Text className='dk-created__url' userSelect>
            {screenUrl(created.secret)}
          </Text>
          <Text className='dk-created__note'>链接只显示这一次，请现在复制，在大屏的浏览器中打开。丢失了就停用它，再生成一个。</Text>
          <BusyButton className='rp-btn rp-btn--ghost dk-created__copy' onClick={() => copyText(screenUrl(created.secret), '链接已复制')}>
            复制链接
          </BusyButton>
        </View>
      )}
    </View>
  );
}

function KeyRow({ k, onRevoked }: { k: DisplayKey; onRevoked: () => Promise<unknown> }) {
  const [asking, setAsking] = useState(false);
  const { busy, error, submit } = useSubmit();
  const revoke = async () => {
    const r = await submit(null, () => call('ledger', 'displayKeys.revoke', { keyId: k.id }));
    if (!r) return;
    setAsking(false);
    await onRevoked();
  };
  return (
    <View className={`dk-key${k.revokedAt ? ' dk-key--off' : ''}`} data-label={k.label}>
      <View className='dk-key__head'>
        <Text className='dk-key__label'>{k.label}</Text>
        {k.revokedAt ? <Tag tone='gray'>已停用</Tag> : <Tag tone='green'>使用中</Tag>}
      </View>
      <Text className='dk-key__line'>{`创建：${chinaMinute(k.createdAt)}，${k.createdBy}`}</Text>
      <Text className='dk-key__line'>{`最近使用：${k.lastUsedAt ? chinaMinute(k.lastUsedAt) : '还没有大屏打开过'}`}</Text>
      {k.revokedAt && <Text className='dk-key__line'>{`停用：${chinaMinute(k.revokedAt)}${k.revokedBy ? `，${k.revokedBy}` : ''}`}</Text>}
      <ErrorLines error={error as ApiError | string | null} />
      {!k.revokedAt && !asking && (
        <BusyButton className='rp-btn rp-btn--ghost dk-key__revoke' onClick={() => setAsking(true)}>
          停用
        </BusyButton>
      )}
      {asking && (
        <Confirm
          title={`停用「${k.label}」？`}
          lines={['停用后，用这个链接打开的大屏会显示“此大屏链接已停用”，不能恢复。']}
          okText='停用'
          busy={busy}
          onOk={revoke}
          onCancel={() => setAsking(false)}
        />
      )}
    </View>
  );
}

export default function DisplayKeysPage() {
  const { state, reload } = useRemote(() => call('ledger', 'displayKeys.list', {}));
  return (
    <AdminFrame current={ADMIN.displayKeys} state={state} reload={reload}>
      {() =>
        state.status === 'ok' && (
          <>
            <NewKey onCreated={reload} />
            <View className='rp-section'>
              <Text className='rp-title'>大屏链接</Text>
              {state.data.keys.length === 0 && <Empty title='还没有大屏链接' hint='在上面填写名称，生成链接后在大屏的浏览器中打开。' />}
              {state.data.keys.map((k) => (
                <KeyRow key={k.id} k={k} onRevoked={reload} />
              ))}
            </View>
          </>
        )
      }
    </AdminFrame>
  );
}
