/**
 * Opening an exported file (台账 xlsx) from its temporary link: in WeChat Taro.downloadFile then Taro.openDocument
 * (Excel opens in WeChat's viewer, with 用其他应用打开 / 转发 in its menu); in H5 a download under the file's name
 * (fetched as a blob, so the name holds whatever the link's origin). Resolves what happened, in words.
 */
import Taro from '@tarojs/taro';

export async function openExport(url: string, name: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`下载失败（${res.status}）`);
    const blob = await res.blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    return `已下载：${name}`;
  }
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url });
  if (statusCode !== 200) throw new Error(`下载失败（${statusCode}）`);
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
  return `已打开：${name}`;
}
