/**
 * 志愿服务证明 as an image (办法 Art. 14–17): every field the function returns for an issued certificate —
 * number, name, period, 信用时数 and 补录时数 apart (and what counts), the activities, the issuing body, the
 * person in charge, the handler, the contact phone, the date — and a QR code whose text is the link to
 * the public verification page (packages/volunteer/pages/verify-certificate).
 *
 * - certificateLayout(): a pure list of drawing operations for a 750 px wide image (tested in
 *   test/component/pages/certificate.test.ts); the text is wrapped with the canvas's own measureText.
 * - drawCertificate(): paints them on a Taro canvas 2d (weapp: Taro.createOffscreenCanvas; H5: a
 *   <canvas> element) and returns the PNG: a temp file path (weapp) or a data: URL (H5).
 * - saveCertificate(): WeChat saves it to the album (after the privacy agreement, services/wx-privacy.ts,
 *   and the album permission); H5 downloads it as 志愿服务证明-ZYFW-2026-000001.png.
 * - verifyLink() / codeFromLink(): the QR's link and the code inside one (weapp hands a scanned
 *   普通链接二维码 to the page as `q`, the whole link encoded).
 */
import Taro from '@tarojs/taro';
import type { ActionOutput } from '@shared/contract';
import { HOURS_COUNTED_LABELS } from '@shared/contract/volunteer-record';
import { chinaDateString, monthDayLabel } from '@shared/time';
import { qrRuns } from '../../../components/QrCode';
import { withPrivacy } from '../../../services/wx-privacy';

export type Certificate = ActionOutput<'volunteer', 'certificates.list'>['certificates'][number];

export const VERIFY_PAGE = '/packages/volunteer/pages/verify-certificate/index';
/**
 * WeChat: the 扫普通链接二维码打开小程序 rule registered in the mini-program console (开发管理 → 开发设置) for this
 * prefix opens VERIFY_PAGE with the link as `q`. The domain is the park's own (set at deployment).
 */
export const WEAPP_VERIFY_BASE = 'https://redpark.example.cn/zyzm';

/** The link the certificate's QR code carries. */
export function verifyLink(code: string): string {
  const base = process.env.TARO_ENV === 'h5' && typeof location !== 'undefined' ? `${location.origin}${location.pathname}#${VERIFY_PAGE}` : WEAPP_VERIFY_BASE;
  return `${base}?c=${encodeURIComponent(code)}`;
}

/** The signed code in a link (ours, any host), a `q` parameter, or the code itself. */
export function codeFromLink(text: string): string {
  let t = text.trim();
  for (let i = 0; i < 2 && /%[0-9A-Fa-f]{2}/.test(t) && !/[?&]c=/.test(t); i++) {
    try {
      t = decodeURIComponent(t);
    } catch {
      break;
    }
  }
  const m = /[?&]c=([^&#\s]+)/.exec(t);
  if (!m) return t;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1]!;
  }
}

export const WIDTH = 750;
const PAD = 56;
const RED = '#c8102e';
const INK = '#1a1a1a';
const MUTED = '#4a4a4a';

export type Op =
  | { op: 'rect'; x: number; y: number; w: number; h: number; color: string }
  | { op: 'frame'; x: number; y: number; w: number; h: number; color: string; line: number }
  | { op: 'text'; x: number; y: number; text: string; size: number; color: string; bold?: boolean; align?: 'left' | 'center' }
  | { op: 'qr'; x: number; y: number; size: number; text: string };

const font = (size: number, bold?: boolean) => `${bold ? 'bold ' : ''}${size}px "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;

/** Break `text` into lines no wider than `width` (character by character: Chinese has no spaces). */
export function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of [...text]) {
    if (line && measure(line + ch) > width) {
      lines.push(line);
      line = ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

const h = (n: number) => String(Math.round(n * 100) / 100);
export const dateLabel = (iso: string) => {
  const d = chinaDateString(new Date(iso));
  return `${d.slice(0, 4)}年${monthDayLabel(d)}`;
};
/** At most this many activities are listed; the rest are summed up in one line. */
export const MAX_ACTIVITIES = 12;

/** The drawing of an issued (or revoked) certificate, and its height. `measure(text, size, bold)` in px. */
export function certificateLayout(c: Certificate, link: string, measure: (text: string, size: number, bold?: boolean) => number): { ops: Op[]; height: number } {
  const ops: Op[] = [];
  let y = PAD + 24;
  const inner = WIDTH - PAD * 2 - 32;
  const x = PAD + 16;
  const para = (text: string, size = 26, color = INK, bold = false, gap = 10) => {
    for (const line of wrap(text, inner, (s) => measure(s, size, bold))) {
      y += size;
      ops.push({ op: 'text', x, y, text: line, size, color, bold });
      y += gap;
    }
  };
  y += 52;
  ops.push({ op: 'text', x: WIDTH / 2, y, text: '志愿服务证明', size: 52, color: RED, bold: true, align: 'center' });
  y += 20;
  ops.push({ op: 'text', x: WIDTH / 2, y: y + 24, text: `编号：${c.number ?? ''}`, size: 24, color: MUTED, align: 'center' });
  y += 64;
  para(`兹证明 ${c.name} 同志${c.periodLabel === '全部时间' ? '' : `于${c.periodLabel}`}参加${c.issuer.name}组织的志愿服务活动，情况如下：`, 28, INK, false, 14);
  y += 8;
  para(`信用时数：${h(c.hours.credit)} 小时`, 30, INK, true);
  para(`补录时数：${h(c.hours.makeup)} 小时`, 30, INK, true);
  para(`证明期间：${c.periodLabel}　计入：${HOURS_COUNTED_LABELS[c.hoursCounted]}`, 24, MUTED);
  y += 12;
  para('参加的志愿服务活动：', 26, INK, true);
  const shown = c.activities.slice(0, MAX_ACTIVITIES);
  for (const a of shown) para(`· ${a.date}　${a.title}　${h(a.hours)} 小时${a.kind === 'makeup' ? '（补录）' : ''}`, 24, INK, false, 8);
  if (c.activities.length > shown.length) para(`等共 ${c.activities.length} 项活动（合计见上）`, 24, MUTED);
  y += 16;
  para(`出具单位：${c.issuer.name}`, 26);
  para(`负责人：${c.issuer.personInCharge}　经办人：${c.issuer.handler}`, 26);
  para(`联系电话：${c.issuer.contactPhone}`, 26);
  para(`出具日期：${c.issuedAt ? dateLabel(c.issuedAt) : ''}`, 26);
  y += 24;
  const qr = 260;
  ops.push({ op: 'qr', x: WIDTH - PAD - 16 - qr, y, size: qr, text: link });
  ops.push({ op: 'text', x, y: y + 60, text: '扫描右侧二维码', size: 24, color: MUTED });
  ops.push({ op: 'text', x, y: y + 96, text: '可查验本证明的真伪和是否有效', size: 24, color: MUTED });
  ops.push({ op: 'text', x, y: y + 132, text: '本证明不含身份证号码', size: 24, color: MUTED });
  y += qr + PAD;
  const height = Math.ceil(y);
  ops.unshift(
    { op: 'rect', x: 0, y: 0, w: WIDTH, h: height, color: '#ffffff' },
    { op: 'frame', x: PAD / 2, y: PAD / 2, w: WIDTH - PAD, h: height - PAD, color: RED, line: 6 },
    { op: 'frame', x: PAD / 2 + 12, y: PAD / 2 + 12, w: WIDTH - PAD - 24, h: height - PAD - 24, color: RED, line: 2 },
  );
  return { ops, height };
}

export interface Ctx {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(t: string, x: number, y: number): void;
  measureText(t: string): { width: number };
}

export function paint(ctx: Ctx, ops: Op[]): void {
  ctx.textBaseline = 'alphabetic';
  for (const o of ops) {
    if (o.op === 'rect') {
      ctx.fillStyle = o.color;
      ctx.fillRect(o.x, o.y, o.w, o.h);
    } else if (o.op === 'frame') {
      ctx.strokeStyle = o.color;
      ctx.lineWidth = o.line;
      ctx.strokeRect(o.x, o.y, o.w, o.h);
    } else if (o.op === 'text') {
      ctx.fillStyle = o.color;
      ctx.font = font(o.size, o.bold);
      ctx.textAlign = o.align ?? 'left';
      ctx.fillText(o.text, o.x, o.y);
    } else {
      // A white quiet zone of 4 modules around the symbol, then whole-pixel modules.
      const { count, runs } = qrRuns(o.text);
      const unit = Math.floor(o.size / (count + 8));
      const side = unit * (count + 8);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(o.x, o.y, side, side);
      ctx.fillStyle = '#000000';
      const x0 = o.x + unit * 4;
      const y0 = o.y + unit * 4;
      for (const r of runs) ctx.fillRect(x0 + r.col * unit, y0 + r.row * unit, r.len * unit, unit);
    }
  }
}

/** The certificate as a PNG: a temp file path in WeChat, a data: URL in H5. */
export async function drawCertificate(c: Certificate): Promise<string> {
  const link = verifyLink(c.verifyCode ?? '');
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d')!;
    const measure = (t: string, size: number, bold?: boolean) => {
      ctx.font = font(size, bold);
      return ctx.measureText(t).width;
    };
    const { ops, height } = certificateLayout(c, link, measure);
    canvas.width = WIDTH;
    canvas.height = height;
    paint(ctx as unknown as Ctx, ops);
    return canvas.toDataURL('image/png');
  }
  // Measure on a small canvas first (the height depends on the wrapping), then draw at its size.
  const probe = Taro.createOffscreenCanvas({ type: '2d', width: WIDTH, height: 10 }) as unknown as { getContext(k: '2d'): Ctx };
  const pctx = probe.getContext('2d');
  const measure = (t: string, size: number, bold?: boolean) => {
    pctx.font = font(size, bold);
    return pctx.measureText(t).width;
  };
  const { ops, height } = certificateLayout(c, link, measure);
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: WIDTH, height });
  paint((canvas as unknown as { getContext(k: '2d'): Ctx }).getContext('2d'), ops);
  const r = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as Taro.canvasToTempFilePath.Option);
  return r.tempFilePath;
}

export const certificateFileName = (c: Certificate) => `志愿服务证明-${c.number ?? ''}.png`;

/** Save the image: the album in WeChat, a download in H5. Resolves what happened, or null (refused). */
export async function saveCertificate(c: Certificate, image: string): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a');
    a.href = image;
    a.download = certificateFileName(c);
    document.body.appendChild(a);
    a.click();
    a.remove();
    return `已下载图片：${certificateFileName(c)}`;
  }
  try {
    const done = await withPrivacy(() => Taro.saveImageToPhotosAlbum({ filePath: image }));
    return done ? '已保存到手机相册' : null;
  } catch (e) {
    const msg = String((e as { errMsg?: string })?.errMsg ?? e);
    if (/cancel/i.test(msg)) return null;
    if (/auth|deny/i.test(msg)) {
      // The album permission was refused before: only the settings page can give it back.
      const m = await Taro.showModal({ title: '需要相册权限', content: '保存证明图片需要“添加到相册”的权限，请在设置中打开。', confirmText: '去设置' });
      if (m.confirm) await Taro.openSetting();
      return null;
    }
    throw e;
  }
}
