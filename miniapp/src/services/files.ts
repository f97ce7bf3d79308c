/**
 * Choosing and uploading pictures (issue 16). The function decides where a picture goes and who sees it
 * (files.prepare / files.attach / files.list); this module only gets the bytes there:
 * - weapp: Taro.chooseMedia (camera or album, images only, after WeChat's privacy agreement:
 *   services/wx-privacy.ts), Taro.compressImage, then Taro.cloud.uploadFile with its progress.
 * - h5 (local mode): a file input, then POST /files on the emulator's gateway with the persona's openid
 *   (XMLHttpRequest, for the progress), which stores the file as wx.cloud.uploadFile would.
 * A picture of the wrong type or too large is refused here with the contract's Chinese message (and again by
 * the function, which reads the file back).
 */
import Taro from '@tarojs/taro';
import { TOO_LARGE_MESSAGE, extOf, imageProblem, type ImageExt } from '@shared/contract/file-rules';
import { withPrivacy } from './wx-privacy';
import { personaOpenid } from './persona';

export interface Picked {
  /** A local path (weapp) or an object URL (h5), for the thumbnail while uploading. */
  path: string;
  size: number;
  ext: ImageExt;
  /** h5: the chosen file itself. */
  file?: File;
}

export interface PickResult {
  ok: Picked[];
  /** Why some were left out (one line each, Chinese). */
  refused: string[];
}

function sort(items: Array<{ path: string; size: number; name: string; file?: File }>): PickResult {
  const ok: Picked[] = [];
  const refused: string[] = [];
  items.forEach((it, i) => {
    const why = imageProblem(it.name, it.size);
    if (why) refused.push(`第 ${i + 1} 张：${why}`);
    else ok.push({ path: it.path, size: it.size, ext: extOf(it.name) as ImageExt, file: it.file });
  });
  return { ok, refused };
}

function fileSize(filePath: string): Promise<number> {
  return new Promise((resolve) => {
    Taro.getFileSystemManager().getFileInfo({ filePath, success: (r) => resolve(r.size), fail: () => resolve(0) });
  });
}

/** Let the person choose up to `max` pictures; null when they closed the picker (or refused the agreement). */
export async function pickImages(max: number): Promise<PickResult | null> {
  if (process.env.TARO_ENV === 'h5') return pickInBrowser(max);
  try {
    const chosen = await withPrivacy(() => Taro.chooseMedia({ count: max, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] }));
    if (!chosen) return null;
    const items = [];
    for (const f of chosen.tempFiles) {
      let path = f.tempFilePath;
      try {
        path = (await Taro.compressImage({ src: f.tempFilePath, quality: 80 })).tempFilePath;
      } catch {
        // Some formats cannot be compressed: upload the original (the size limit still applies).
      }
      items.push({ path, size: (await fileSize(path)) || f.size, name: path });
    }
    return sort(items);
  } catch {
    return null; // the picker was closed
  }
}

function pickInBrowser(max: number): Promise<PickResult | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.multiple = max > 1;
    input.className = 'rp-file-input';
    input.style.display = 'none';
    document.body.appendChild(input);
    const done = (r: PickResult | null) => {
      input.remove();
      resolve(r);
    };
    input.addEventListener('cancel', () => done(null));
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, max);
      if (!files.length) return done(null);
      done(sort(files.map((file) => ({ path: URL.createObjectURL(file), size: file.size, name: file.name, file }))));
    });
    input.click();
  });
}

/** Upload one picture to the path files.prepare gave; resolves to its file id. Rejects with a Chinese message. */
export function uploadImage(p: Picked, cloudPath: string, onProgress: (percent: number) => void): Promise<string> {
  if (process.env.TARO_ENV === 'h5') return uploadInBrowser(p, cloudPath, onProgress);
  return new Promise((resolve, reject) => {
    const task = Taro.cloud.uploadFile({
      cloudPath,
      filePath: p.path,
      success: (r) => resolve(r.fileID),
      fail: () => reject(new Error('上传失败，请检查网络后重试')),
    }) as unknown as { onProgressUpdate?: (cb: (e: { progress: number }) => void) => void } | undefined;
    task?.onProgressUpdate?.((e) => onProgress(e.progress));
  });
}

function uploadInBrowser(p: Picked, cloudPath: string, onProgress: (percent: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const openid = personaOpenid();
    if (!openid || !p.file) return reject(new Error('请先选择一个演示身份'));
    const form = new FormData();
    form.append('cloudPath', cloudPath);
    form.append('file', p.file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/files');
    xhr.setRequestHeader('X-Redpark-Openid', openid);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new Error('上传失败，请检查网络后重试'));
    xhr.onload = () => {
      let body: { fileID?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as { fileID?: string };
      } catch {
        // not JSON: handled below
      }
      if (xhr.status === 200 && body.fileID) return resolve(body.fileID);
      reject(new Error(xhr.status === 413 ? TOO_LARGE_MESSAGE : '上传失败，请稍后重试'));
    };
    xhr.send(form);
  });
}
