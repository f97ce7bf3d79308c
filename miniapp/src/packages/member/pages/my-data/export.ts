/**
 * 导出我的信息 as a JSON file people can read (shared/my-data-export.ts: Chinese keys).
 * - H5: a download (我的信息-王芳-2026-11-10.json).
 * - WeChat: a mini-program cannot save into the phone's downloads; it writes the file in its own
 *   storage (getFileSystemManager, USER_DATA_PATH) and sends it to a chat the person picks
 *   (shareFileMessage; 文件传输助手 keeps it on their phone and computer). wx.openDocument does not
 *   open .json. Where sharing is missing (base library < 2.16.1) the text is copied instead.
 * Resolves what happened, in words, or null when the person cancelled.
 */
import Taro from '@tarojs/taro';
import type { MyData } from '@shared/contract/user';
import { myDataExport, myDataFileName } from '@shared/my-data-export';
import { copyText } from '../../../../services/wx-privacy';

export const exportText = (data: MyData) => JSON.stringify(myDataExport(data), null, 2);

export async function exportMyData(data: MyData): Promise<string | null> {
  const name = myDataFileName(data);
  const text = exportText(data);
  if (process.env.TARO_ENV === 'h5') {
    const blob = new Blob([text], { type: 'application/json;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    return `已下载文件：${name}`;
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${name}`;
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data: text, encoding: 'utf8', success: () => resolve(), fail: reject }),
  );
  if (typeof Taro.shareFileMessage !== 'function') {
    await copyText(text, '已复制');
    return '已复制全部内容，可以粘贴到聊天或备忘录中保存';
  }
  try {
    await Taro.shareFileMessage({ filePath, fileName: name });
    return `已发送文件：${name}`;
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))) return null;
    throw e;
  }
}
