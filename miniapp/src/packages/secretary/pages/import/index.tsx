// 导入名册: the secretary picks an Excel/CSV file; it is checked first (roster.import, dryRun) and
// either the report names every bad cell (nothing imported) or "N 人可以导入" with a confirm button
// that really imports. The chosen file stays in memory, so a failed import can be retried as is.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ApiError, Branch } from '@shared/contract';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { markStale } from '../../../../hooks/useRemote';
import { ErrorLines } from '../../../ui';
import { SEC } from '../../common/area';
import { SecretaryFrame } from '../../common/frame';
import { ColumnGuide } from './columns';
import { pickRosterFile, type PickedFile } from './pickFile';
import { ImportReport, type Report, reportOf } from './report';
import './index.scss';

type Step =
  | { s: 'idle' }
  | { s: 'checking'; file: PickedFile }
  | { s: 'invalid'; file: PickedFile; report: Report }
  | { s: 'ready'; file: PickedFile; rows: number }
  | { s: 'importing'; file: PickedFile; rows: number }
  | { s: 'done'; file: PickedFile; created: number };

function Importer({ branch }: { branch: Branch }) {
  const [step, setStep] = useState<Step>({ s: 'idle' });
  const [error, setError] = useState<ApiError | string | null>(null);

  const input = (file: PickedFile, dryRun: boolean) => ({ branchId: branch.id, fileName: file.name, contentBase64: file.base64, dryRun });

  /** dryRun: check only. On any failure the file stays chosen, so 重试 needs no new pick. */
  const send = async (file: PickedFile, dryRun: boolean, rows = 0) => {
    const problem = validate('org', 'roster.import', input(file, dryRun));
    if (problem) {
      setStep({ s: 'idle' });
      return setError(`${file.name}：${problem}`);
    }
    setError(null);
    setStep(dryRun ? { s: 'checking', file } : { s: 'importing', file, rows });
    const r = await call('org', 'roster.import', input(file, dryRun));
    if (r.ok) {
      if (dryRun) return setStep({ s: 'ready', file, rows: r.data.rows });
      markStale(); // 名册 shows the new people when it is shown again
      return setStep({ s: 'done', file, created: r.data.created });
    }
    const report = reportOf(r.error);
    if (report) return setStep({ s: 'invalid', file, report });
    setError(r.error);
    setStep(dryRun ? { s: 'idle' } : { s: 'ready', file, rows });
  };

  const pick = async () => {
    setError(null);
    try {
      const file = await pickRosterFile();
      if (file) await send(file, true);
    } catch (e) {
      console.warn('pick roster file failed', e);
      setError('没能读取这个文件，请重新选择');
    }
  };

  const busy = step.s === 'checking' || step.s === 'importing';
  const file = step.s === 'idle' ? null : step.file;

  return (
    <>
      {step.s === 'done' ? (
        <View className='rp-section import-done'>
          <Text className='import-done__count import-created'>已导入 {step.created} 人</Text>
          <Text className='rp-text'>
            已把 {step.file.name} 里的 {step.created} 人加入“{branch.name}”的名册。下一步：在名册里勾选他们，生成邀请码发给本人绑定。
          </Text>
          <Button className='rp-btn import-to-roster' onClick={() => Taro.redirectTo({ url: SEC.roster })}>
            去名册查看
          </Button>
          <Button className='rp-btn rp-btn--ghost import-again' onClick={() => setStep({ s: 'idle' })}>
            再导入一个文件
          </Button>
        </View>
      ) : (
        <View className='rp-section import-pick-box'>
          <Text className='rp-title'>导入到“{branch.name}”</Text>
          <Text className='rp-muted'>先检查，没有问题再导入；有问题时一个人也不会导入。</Text>
          {file && <Text className='import-file'>已选文件：{file.name}</Text>}
          {step.s === 'checking' && <Text className='rp-text import-checking'>正在检查文件…</Text>}
          <ErrorLines error={error} />
          {error && file && step.s === 'ready' && <Text className='rp-muted'>这次没有导入。可以点“确认导入”再试一次。</Text>}
          <Button className={`rp-btn import-pick${file ? ' rp-btn--ghost' : ''}`} disabled={busy || undefined} onClick={pick}>
            {step.s === 'checking' ? '正在检查…' : file ? '重新选择文件' : '选择名册文件（.xlsx / .csv）'}
          </Button>
          {process.env.TARO_ENV !== 'h5' && <Text className='rp-muted'>请先把表格发到微信（例如“文件传输助手”），再从聊天记录里选择。</Text>}
        </View>
      )}

      {step.s === 'invalid' && <ImportReport report={step.report} fileName={step.file.name} />}

      {(step.s === 'ready' || step.s === 'importing') && (
        <View className='rp-section import-ready'>
          <Text className='import-ready__count'>{step.rows} 人可以导入</Text>
          <Text className='rp-text'>
            检查通过：{step.file.name} 里的 {step.rows} 人都没有问题。确认后加入“{branch.name}”的名册。
          </Text>
          <Button className='rp-btn import-confirm' disabled={busy || undefined} onClick={() => send(step.file, false, step.rows)}>
            {step.s === 'importing' ? '正在导入…' : `确认导入 ${step.rows} 人`}
          </Button>
        </View>
      )}

      {step.s !== 'done' && <ColumnGuide />}
    </>
  );
}

export default function ImportPage() {
  return <SecretaryFrame current={SEC.import}>{({ branch }) => <Importer branch={branch} />}</SecretaryFrame>;
}
