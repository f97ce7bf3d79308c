// The column guide of 导入名册: what each column of the spreadsheet means, and the template.
// In H5 the template downloads as a CSV file; in WeChat (no downloads) the header row is copied.
import { copyText } from '../../../../services/wx-privacy';
import { Button, Text, View } from '@tarojs/components';
import { TEMPLATE_EXAMPLE, TEMPLATE_HEADER, downloadTemplate } from './pickFile';

const COLUMNS: Array<{ name: string; rule: string; required?: boolean }> = [
  { name: '姓名', rule: '2–20 个字', required: true },
  { name: '手机号', rule: '11 位数字，每人不同（把这一列设为“文本”，免得 Excel 改成 1.38E+10）', required: true },
  { name: '类别', rule: '正式党员、预备党员 或 群众', required: true },
  { name: '入党日期', rule: '党员必填，表格里的格式如 2010-07-01；群众不填' },
  { name: '转正日期', rule: '可不填；只限正式党员，格式如 2011-07-01，党龄从转正之日算起（不填按入党满一年计）' },
  { name: '党小组', rule: '可不填；填写时须是本支部已有的党小组' },
  { name: '岗位类型', rule: '可不填；先锋岗 或 示范岗（只限党员）' },
  { name: '岗位名称', rule: '填了岗位类型就要填，例如“质检先锋岗”' },
  { name: '责任区', rule: '可不填，最多 40 个字，例如“二号车间”' },
];

export function ColumnGuide() {
  const copyHeader = () => void copyText(`${TEMPLATE_HEADER}\n${TEMPLATE_EXAMPLE}`, '表头已复制');
  return (
    <View className='rp-section import-columns'>
      <Text className='rp-title'>表格有这 9 列</Text>
      <Text className='rp-muted'>第一行写列名，从第二行起每行一个人。支持 Excel（.xlsx）和 .csv 文件，一次最多 500 人。</Text>
      {COLUMNS.map((c) => (
        <View key={c.name} className='rp-row import-column'>
          <Text className='rp-row__label import-column__name'>
            {c.name}
            {c.required ? '（必填）' : ''}
          </Text>
          <Text className='rp-row__value import-column__rule'>{c.rule}</Text>
        </View>
      ))}
      <Text className='rp-muted import-example'>例：{TEMPLATE_EXAMPLE.replace(/,/g, '，')}</Text>
      {process.env.TARO_ENV === 'h5' ? (
        <Button className='rp-btn rp-btn--ghost import-template' onClick={downloadTemplate}>
          下载表格模板
        </Button>
      ) : (
        <Button className='rp-btn rp-btn--ghost import-template' onClick={copyHeader}>
          复制表头和示例（粘贴到 Excel 第一行）
        </Button>
      )}
    </View>
  );
}
