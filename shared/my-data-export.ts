/**
 * The 我的信息 export: user.myData's sections as a JSON document a person can read — Chinese keys,
 * one array of records per kind of information, "暂无…" where nothing is kept. The page writes it as
 * a file (H5: a download; WeChat: a file sent to a chat, or copied).
 */
import type { MyData } from './contract/user';
import { PRIVACY_TITLE, privacyVersionLabel, PRIVACY_VERSION } from './privacy';
import { chinaDateTimeString } from './time';

export function myDataExport(data: MyData): Record<string, unknown> {
  const out: Record<string, unknown> = {
    说明: `红色园区保存的关于您的全部信息（依据《${PRIVACY_TITLE}》${privacyVersionLabel(PRIVACY_VERSION)}版）`,
    姓名: data.name,
    导出时间: chinaDateTimeString(new Date(data.generatedAt)),
  };
  for (const s of data.sections) {
    out[s.title] = s.items.length
      ? s.items.map((item) => {
          const record: Record<string, string> = { 事项: item.title };
          for (const f of item.fields) {
            let key = f.label;
            for (let n = 2; key in record; n++) key = `${f.label}${n}`;
            record[key] = f.value;
          }
          return record;
        })
      : s.none;
  }
  return out;
}

/** The file name: 我的信息-王芳-2026-11-10.json (China date). */
export const myDataFileName = (data: MyData): string => `我的信息-${data.name}-${chinaDateTimeString(new Date(data.generatedAt)).slice(0, 10)}.json`;
