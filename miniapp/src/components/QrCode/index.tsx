/**
 * A QR code drawn with plain Views, so it renders the same in weapp and H5 (no Canvas APIs, which
 * differ between the two). qrcode-generator computes the module matrix; each row's consecutive
 * dark modules become one absolutely positioned View (run-length), about 10× fewer nodes than
 * one View per module. Positions are percentages of the square, so `size` alone scales it.
 */
import { useMemo } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import './index.scss';

interface Run {
  row: number;
  col: number;
  len: number;
}

/**
 * The text's UTF-8 bytes, one character per byte. qrcode-generator's byte mode keeps only the low byte
 * of each UTF-16 unit, which garbles anything beyond Latin-1, while scanners (WeChat's scanCode
 * included) read byte mode as UTF-8. Its UTF-8 encoder exists only in its CommonJS build, not in the
 * ES build the app bundles, so the text is encoded here. The signed codes are ASCII: unchanged.
 */
export function utf8Bytes(text: string): string {
  return encodeURIComponent(text).replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function qrRuns(text: string): { count: number; runs: Run[] } {
  // 'M' error correction: survives glare on a phone screen, still a small symbol for ~130 chars.
  const qr = qrcode(0, 'M');
  qr.addData(utf8Bytes(text), 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const runs: Run[] = [];
  for (let row = 0; row < count; row++) {
    let start = -1;
    for (let col = 0; col <= count; col++) {
      const dark = col < count && qr.isDark(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, len: col - start });
        start = -1;
      }
    }
  }
  return { count, runs };
}

/** `size` in design px (750 wide); the white quiet zone is included. */
export function QrCode({ text, size = 520 }: { text: string; size?: number }) {
  const { count, runs } = useMemo(() => qrRuns(text), [text]);
  const unit = 100 / count;
  return (
    <View className='rp-qr' style={{ width: Taro.pxTransform(size), height: Taro.pxTransform(size) }}>
      <View className='rp-qr__matrix'>
        {runs.map((r) => (
          <View
            key={`${r.row}-${r.col}`}
            className='rp-qr__run'
            // A hair taller than a module so rows never show a light seam between them.
            style={{ left: `${r.col * unit}%`, top: `${r.row * unit}%`, width: `${r.len * unit}%`, height: `${unit * 1.08}%` }}
          />
        ))}
      </View>
    </View>
  );
}
