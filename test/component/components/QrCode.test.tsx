// QrCode: the modules drawn as Views (run-length rows) are the QR code of the text: read back from the
// rendered positions and decoded with jsQR, they give the text again; the same text draws the same.
// qrcode-generator is its ES build here (jest.config.mjs), the one webpack bundles into the app.
import { describe, expect, test } from '@jest/globals';
import { render } from '@testing-library/react';
import jsQR from 'jsqr';
import { QrCode, qrRuns, utf8Bytes } from '../../../miniapp/src/components/QrCode';

/** The dark modules as drawn: [row, col, len] from each run's percentage position and width. */
function drawnRuns(container: HTMLElement): { count: number; runs: Array<[number, number, number]> } {
  const els = [...container.querySelectorAll<HTMLElement>('.rp-qr__run')];
  const pct = (s: string) => Number.parseFloat(s);
  // Every run is one module high (plus 8 % against seams): the module size gives the symbol's size.
  const unit = pct(els[0]!.style.height) / 1.08;
  const count = Math.round(100 / unit);
  const at = (s: string) => Math.round(pct(s) / unit);
  return { count, runs: els.map((e) => [at(e.style.top), at(e.style.left), at(e.style.width)]) };
}

/** Decode what was drawn: paint the modules (4 px each, with a 4-module quiet zone) and read it with jsQR. */
function decode(container: HTMLElement): string | null {
  const { count, runs } = drawnRuns(container);
  const px = 4;
  const side = (count + 8) * px;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [row, col, len] of runs) {
    for (let y = (row + 4) * px; y < (row + 5) * px; y++) {
      for (let x = (col + 4) * px; x < (col + 4 + len) * px; x++) rgba.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return jsQR(rgba, side, side)?.data ?? null;
}

const CODE = 'RP1.eyJwIjoicC13ZiIsImUiOjE3OTk5OTk5OTl9.Zm9vYmFyYmF6cXV4cXV1eHh4eHh4eHh4eHh4eHh4eHg';

describe('QrCode', () => {
  test('draws the modules of the text: decoding the drawing gives the text back', () => {
    const { container } = render(<QrCode text={CODE} />);
    const { runs } = qrRuns(CODE);
    expect(container.querySelectorAll('.rp-qr__run')).toHaveLength(runs.length);
    expect(decode(container)).toBe(CODE);
  });

  test('the same text draws the same pattern; another text another one', () => {
    const a = render(<QrCode text={CODE} />);
    const b = render(<QrCode text={CODE} />);
    const c = render(<QrCode text={`${CODE}x`} />);
    expect(drawnRuns(b.container)).toEqual(drawnRuns(a.container));
    expect(drawnRuns(c.container)).not.toEqual(drawnRuns(a.container));
    expect(decode(c.container)).toBe(`${CODE}x`);
  });

  test('a new text redraws it', () => {
    const { container, rerender } = render(<QrCode text='RP1.first' />);
    expect(decode(container)).toBe('RP1.first');
    rerender(<QrCode text='RP1.second' />);
    expect(decode(container)).toBe('RP1.second');
  });

  test('text beyond ASCII is encoded as UTF-8, so a scanner reads it back', () => {
    const { container } = render(<QrCode text='红色园区·亮身份 https://example.cn/卡?id=1' />);
    expect(decode(container)).toBe('红色园区·亮身份 https://example.cn/卡?id=1');
    expect(utf8Bytes(CODE)).toBe(CODE); // the signed codes (ASCII) are drawn as before
  });

  test('size sets the square (design px through Taro.pxTransform)', () => {
    const { container } = render(<QrCode text={CODE} size={400} />);
    const box = container.querySelector<HTMLElement>('.rp-qr')!;
    expect([box.style.width, box.style.height]).toEqual(['200px', '200px']);
  });
});
