// 我的信息: everything Redpark keeps about me (user.myData), one section per kind of information of
// the privacy notice — roster entry (my phone whole), WeChat binding and agreement, points, study,
// attendance, messages, what others did to my record, and what is not built yet ("暂无") — with 导出
// (a JSON file, export.ts) and the notice itself. Long sections show their first records and 展开.
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { MyData, MyDataSection } from '@shared/contract/user';
import { chinaDateTimeString } from '@shared/time';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { PrivacyNotice } from '../../../../components/PrivacyNotice';
import { ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { api } from '../../../../services/api';
import { copyText } from '../../../../services/wx-privacy';
import { exportMyData, exportText } from './export';
import './index.scss';

const FIRST = 10;

function Section({ s }: { s: MyDataSection }) {
  const [all, setAll] = useState(false);
  const shown = all ? s.items : s.items.slice(0, FIRST);
  return (
    <View className={`rp-section my-data__section my-data--${s.key}`}>
      <Text className='my-data__title'>{s.title}</Text>
      <Text className='rp-muted my-data__note'>{s.note}</Text>
      {s.items.length === 0 && <Text className='my-data__none'>{s.none}</Text>}
      {shown.map((item, i) => (
        <View key={i} className='my-data__item'>
          <Text className='my-data__item-title'>{item.title}</Text>
          {item.fields.map((f) => (
            <Text key={f.label} className='my-data__line'>
              <Text className='my-data__label'>{f.label}：</Text>
              {f.value}
            </Text>
          ))}
        </View>
      ))}
      {s.items.length > FIRST && (
        <Button className='rp-btn rp-btn--ghost my-data__more' onClick={() => setAll(!all)}>
          {all ? '收起' : `展开其余 ${s.items.length - FIRST} 条`}
        </Button>
      )}
    </View>
  );
}

function Export({ data }: { data: MyData }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const what = await exportMyData(data);
      if (what) setDone(what);
    } catch {
      setError('导出没有成功，请稍后再试');
    }
    setBusy(false);
  };
  return (
    <View className='rp-section my-data__export'>
      <Text className='rp-title'>导出</Text>
      <Text className='rp-muted'>
        {process.env.TARO_ENV === 'weapp'
          ? '生成一个文件，发送到您选择的聊天（例如“文件传输助手”）保存。文件里是下面的全部内容。'
          : '下载一个文件，里面是下面的全部内容。'}
      </Text>
      {done && <Text className='rp-text my-data__done'>{done}</Text>}
      {error && <Text className='rp-error-text'>{error}</Text>}
      <BusyButton className='rp-btn my-data__export-btn' busy={busy} busyText='正在导出…' onClick={run}>
        导出我的信息
      </BusyButton>
      {process.env.TARO_ENV === 'weapp' && (
        <Button className='rp-btn rp-btn--ghost' onClick={() => void copyText(exportText(data), '已复制全部内容')}>
          复制全部内容
        </Button>
      )}
    </View>
  );
}

export default function MyDataPage() {
  const { state, reload } = useRemote(api.user.myData);
  const [notice, setNotice] = useState(false);
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body my-data'>
        {state.status === 'loading' && <Loading text='正在汇总您的信息…' />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
        {state.status === 'ok' && (
          <>
            <View className='rp-section my-data__head'>
              <Text className='rp-title'>{state.data.name}的信息</Text>
              <Text className='rp-text'>这里是红色园区保存的关于您的全部信息，来自名册、积分、学习、签到、消息和操作记录。</Text>
              <Text className='rp-muted'>汇总时间：{chinaDateTimeString(new Date(state.data.generatedAt))}。信息有误，请联系您所在支部的书记更正。</Text>
              <Button className='rp-btn rp-btn--ghost my-data__notice-btn' onClick={() => setNotice(!notice)}>
                {notice ? '收起个人信息保护说明' : '查看个人信息保护说明'}
              </Button>
              {notice && <PrivacyNotice open />}
            </View>
            <Export data={state.data} />
            {state.data.sections.map((s) => (
              <Section key={s.key} s={s} />
            ))}
          </>
        )}
      </View>
    </PageShell>
  );
}
