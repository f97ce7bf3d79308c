// The validation report of a roster file: every problem as "第 N 行 · 列：原因", and the plain
// sentence that nothing was imported.
import { Text, View } from '@tarojs/components';
import type { ApiError, RosterProblem } from '@shared/contract';

export interface Report {
  rows: number;
  problems: RosterProblem[];
  message: string;
}

/** The report inside a ROSTER_INVALID error (detail: { rows, created, problems }), or null. */
export function reportOf(e: ApiError): Report | null {
  if (e.code !== 'ROSTER_INVALID') return null;
  const d = (e.detail ?? {}) as { rows?: unknown; problems?: unknown };
  const problems = Array.isArray(d.problems)
    ? (d.problems as RosterProblem[]).filter((p) => p && typeof p.message === 'string')
    : [];
  return { rows: typeof d.rows === 'number' ? d.rows : 0, problems, message: e.message };
}

export function ImportReport({ report, fileName }: { report: Report; fileName: string }) {
  const n = report.problems.length;
  return (
    <View className='rp-section import-report'>
      <Text className='rp-title import-report__title'>名册有 {n || ''} 处问题，没有导入</Text>
      <Text className='rp-text import-report__count'>
        {fileName}
        {report.rows ? ` 共 ${report.rows} 行，` : '：'}发现 {n} 处问题。
      </Text>
      <Text className='rp-error-text import-report__none'>没有导入任何人。请在表格里改好下面这些地方，保存后重新选择文件。</Text>
      <View className='import-report__list'>
        {report.problems.map((p, i) => (
          <View key={`${p.row}-${p.column}-${i}`} className='import-problem'>
            <Text className='import-problem__where'>
              第 {p.row} 行 · {p.column}：
            </Text>
            <Text className='import-problem__why'>{p.message}</Text>
          </View>
        ))}
      </View>
      {n === 0 && <Text className='rp-text'>{report.message}</Text>}
    </View>
  );
}
