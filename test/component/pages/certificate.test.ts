// The certificate image (packages/volunteer/common/certificate.ts): every field the issue lists is drawn,
// nothing runs past the frame, long lists are summed up, the QR code painted by the same code the app
// uses decodes (jsQR) to the verification link, and the code comes back out of any form of the link.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import jsQR from 'jsqr';
import {
  type Certificate, type Ctx, type Op, MAX_ACTIVITIES, WIDTH, certificateLayout, codeFromLink, paint, verifyLink, wrap,
} from '../../../miniapp/src/packages/volunteer/common/certificate';

const cert = (over: Partial<Certificate> = {}): Certificate => ({
  id: 'c1', number: 'ZYFW-2026-000007', status: 'issued', name: '王芳', period: { kind: 'year', year: '2026' }, periodLabel: '2026年',
  issuer: { kind: 'park', branchId: null, name: '测试工业园区志愿服务联合会', personInCharge: '赵红', handler: '钱亮', contactPhone: '0937-6201234' },
  hours: { credit: 2, makeup: 1.5 }, hoursCounted: 'both',
  activities: [
    { title: '园区环境整治志愿服务', date: '2026-11-21', hours: 2, kind: 'credit' },
    { title: '敬老院志愿服务', date: '2026-11-22', hours: 1.5, kind: 'makeup' },
  ],
  requestedAt: '2026-11-24T02:00:00.000Z', issuedAt: '2026-11-24T03:00:00.000Z', note: null, verifyCode: 'RC1.abc.def',
  ...over,
});
/** A Chinese character as wide as the font size, Latin half of it (close to what a canvas measures). */
const measure = (t: string, size: number) => [...t].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? size : size * 0.55), 0);
const texts = (ops: Op[]) => ops.flatMap((o) => (o.op === 'text' ? [o.text] : [])).join('\n');
const LINK = 'https://redpark.example.cn/zyzm?c=RC1.abc.def';

describe('certificate image', () => {
  test('every field: number, name, period, both kinds of hours, what counts, activities, issuer, people, phone, date', () => {
    const all = texts(certificateLayout(cert(), LINK, measure).ops);
    for (const want of ['志愿服务证明', '编号：ZYFW-2026-000007', '王芳', '2026年', '信用时数：2 小时', '补录时数：1.5 小时', '信用时数和补录时数',
      '2026-11-21', '园区环境整治志愿服务', '敬老院志愿服务', '1.5 小时（补录）', '出具单位：测试工业园区志愿服务联合会', '负责人：赵红', '经办人：钱亮',
      '联系电话：0937-6201234', '出具日期：2026年11月24日', '扫描右侧二维码']) {
      expect(all).toContain(want);
    }
    expect(all).not.toMatch(/身份证号码\d/);
  });

  test('nothing is drawn past the frame, whatever the names and the number of activities', () => {
    const activity = fc.record({ title: fc.string({ minLength: 1, maxLength: 40 }).map((s) => `活动${s}`), date: fc.constant('2026-05-01'), hours: fc.integer({ min: 1, max: 48 }).map((n) => n / 2), kind: fc.constantFrom('credit' as const, 'makeup' as const) });
    fc.assert(
      fc.property(fc.array(activity, { maxLength: 30 }), fc.string({ maxLength: 40 }), (activities, issuerName) => {
        const c = cert({ activities, issuer: { ...cert().issuer, name: `${issuerName}志愿服务联合会` } });
        const { ops, height } = certificateLayout(c, LINK, measure);
        for (const o of ops) {
          if (o.op === 'text' && o.align !== 'center') expect(o.x + measure(o.text, o.size)).toBeLessThanOrEqual(WIDTH - 56);
          if (o.op === 'qr') expect([o.x + o.size <= WIDTH, o.y + o.size <= height]).toEqual([true, true]);
        }
        const listed = ops.filter((o) => o.op === 'text' && o.text.startsWith('· ')).length;
        expect(listed).toBeGreaterThanOrEqual(Math.min(activities.length, MAX_ACTIVITIES));
        if (activities.length > MAX_ACTIVITIES) expect(texts(ops)).toContain(`等共 ${activities.length} 项活动`);
      }),
      { numRuns: 60 },
    );
  });

  test('the QR code as painted decodes to the verification link', () => {
    const link = 'http://127.0.0.1:8787/#/packages/volunteer/pages/verify-certificate/index?c=RC1.Y2VydC0xMjM0NTY3ODkw.MTc2NDAwMDAwMDAwMA.abcdefghijklmnopqrstuvwxyz012345';
    const { ops, height } = certificateLayout(cert(), link, measure);
    // A pixel buffer standing in for the canvas: rectangles are filled, text is left out.
    const px = new Uint8ClampedArray(WIDTH * height * 4).fill(255);
    let fill = '#000000';
    const ctx: Ctx = {
      set fillStyle(v: unknown) { fill = String(v); }, get fillStyle() { return fill; },
      strokeStyle: '', lineWidth: 1, font: '', textAlign: 'left', textBaseline: 'alphabetic',
      fillRect(x, y, w, h) {
        const v = fill === '#000000' ? 0 : 255;
        for (let j = Math.max(0, Math.round(y)); j < Math.min(height, Math.round(y + h)); j++) for (let i = Math.max(0, Math.round(x)); i < Math.min(WIDTH, Math.round(x + w)); i++) px.fill(v, (j * WIDTH + i) * 4, (j * WIDTH + i) * 4 + 3);
      },
      strokeRect() {}, fillText() {}, measureText: (t) => ({ width: measure(t, 24) }),
    };
    paint(ctx, ops.filter((o) => o.op === 'qr'));
    expect(jsQR(px, WIDTH, height)?.data).toBe(link);
  });

  test('the code comes back out of the link, of WeChat’s q parameter, or as itself', () => {
    const code = fc.stringMatching(/^RC1\.[A-Za-z0-9_-]{4,40}\.[A-Za-z0-9_-]{4,20}$/);
    fc.assert(
      fc.property(code, (c) => {
        const link = verifyLink(c);
        expect(codeFromLink(link)).toBe(c);
        expect(codeFromLink(encodeURIComponent(link))).toBe(c);
        expect(codeFromLink(c)).toBe(c);
      }),
    );
  });

  test('wrapping keeps every character and never exceeds the width', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 30, max: 600 }), (s, width) => {
        const lines = wrap(s, width, (t) => measure(t, 24));
        expect(lines.join('')).toBe(s);
        for (const l of lines) if ([...l].length > 1) expect(measure(l, 24)).toBeLessThanOrEqual(width);
      }),
    );
  });
});
