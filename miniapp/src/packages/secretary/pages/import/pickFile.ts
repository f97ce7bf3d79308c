/**
 * Let the secretary choose a roster file and read it as base64 (what org roster.import takes).
 * - WeChat: a file from a chat (chooseMessageFile: the usual way a phone gets an Excel file), read
 *   with the file-system manager.
 * - H5 (local mode): a native file input, read with FileReader. The input is created on the tap
 *   (Taro's JSX has no <input type="file">) and kept in the document so the browser's file chooser
 *   works the same way every time.
 * Resolves null when the person cancels.
 */
import Taro from '@tarojs/taro';
import { withPrivacy } from '../../../../services/wx-privacy';

export interface PickedFile {
  name: string;
  base64: string;
  size: number;
}

export function pickRosterFile(): Promise<PickedFile | null> {
  return process.env.TARO_ENV === 'h5' ? pickInBrowser() : pickInWeChat();
}

async function pickInWeChat(): Promise<PickedFile | null> {
  let file: { path: string; name: string; size: number } | undefined;
  try {
    // Choosing a file needs WeChat's privacy agreement (services/wx-privacy.ts).
    const res = await withPrivacy(() => Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] }));
    if (!res) return null;
    file = res.tempFiles[0];
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))) return null;
    throw e;
  }
  if (!file) return null;
  const { path, name, size } = file;
  const base64 = await new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      encoding: 'base64',
      success: (r) => resolve(String(r.data)),
      fail: reject,
    });
  });
  return { name, base64, size };
}

const INPUT_ID = 'rp-roster-file';

function pickInBrowser(): Promise<PickedFile | null> {
  let input = document.getElementById(INPUT_ID) as HTMLInputElement | null;
  if (!input) {
    input = document.createElement('input');
    input.id = INPUT_ID;
    input.type = 'file';
    input.accept = '.xlsx,.csv';
    input.style.display = 'none';
    document.body.appendChild(input);
  }
  const el = input;
  el.value = '';
  return new Promise((resolve, reject) => {
    el.onchange = () => {
      const f = el.files?.[0];
      if (!f) return resolve(null);
      const reader = new FileReader();
      reader.onload = () => {
        const url = String(reader.result ?? '');
        resolve({ name: f.name, base64: url.slice(url.indexOf(',') + 1), size: f.size });
      };
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(f);
    };
    // Browsers fire "cancel" when the chooser is closed without a file (Chrome 113+).
    el.oncancel = () => resolve(null);
    el.click();
  });
}

/** A CSV template with the header and one example row (UTF-8 with BOM, so Excel shows Chinese). */
export const TEMPLATE_HEADER = '姓名,手机号,类别,入党日期,转正日期,党小组,岗位类型,岗位名称,责任区';
export const TEMPLATE_EXAMPLE = '王芳,13800000001,正式党员,2010-07-01,2011-07-01,第一党小组,先锋岗,质检先锋岗,二号车间';

/** H5 only: save the template as a file. */
export function downloadTemplate(): void {
  const blob = new Blob([`\ufeff${TEMPLATE_HEADER}\r\n${TEMPLATE_EXAMPLE}\r\n`], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = '名册模板.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
