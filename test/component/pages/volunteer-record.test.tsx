// 我的志愿记录 (packages/volunteer/pages/record) and 查验志愿服务证明 (…/verify-certificate) rendered whole:
// the stars and the hours to the next star, 信用 and 补录 apart per year, a record's organizing body;
// 有疑问 needs a reason and sends the hours asked only when typed (null otherwise); 评价活动 needs a star
// and sends the shift; a make-up has no 评价活动; a correction's outcome. The public check takes the code from ?c= and from WeChat's ?q=<link>, and says 已撤销 with the reason.
import { describe, expect, test } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionOutput } from '@shared/contract';
import RecordPage from '../../../miniapp/src/packages/volunteer/pages/record/index';
import VerifyPage from '../../../miniapp/src/packages/volunteer/pages/verify-certificate/index';
import { ok } from '../support/fixtures';
import { backend, router } from '../support/taro';
import { inputByPlaceholder, tap, textOf, type } from '../support/dom';

type Record = ActionOutput<'volunteer', 'record.mine'>;

const entry = (over: Partial<Record['entries'][number]>): Record['entries'][number] => ({
  id: 'shift-1|p-1', kind: 'credit', activityId: 'a-1', shiftId: 'shift-1', title: '园区环境整治志愿服务', summary: '清理绿化带垃圾', date: '2026-11-21',
  place: '园区中心广场', hours: 2, organizer: '园区志愿服务联合会', personInCharge: '赵红', correctionOpen: false, ...over,
});

const RECORD: Record = {
  name: '王芳',
  entries: [entry({}), entry({ id: 'mk-1', kind: 'makeup', activityId: 'a-2', shiftId: null, title: '敬老院志愿服务', date: '2026-11-22', hours: 1.5 })],
  byYear: [{ year: '2026', credit: 2, makeup: 1.5 }],
  overall: { credit: 2, makeup: 1.5 },
  stars: { stars: 1, hours: 3.5, next: 300 },
  hoursCounted: 'both',
  pendingMakeups: [],
  corrections: [{
    id: 'c-1', recordId: 'old', kind: 'credit', title: '文明交通引导', personId: 'p-1', name: '王芳', hoursBefore: 2, hoursAsked: 3, reason: '我还帮忙收拾了场地',
    status: 'answered', hoursAfter: null, answer: '班次只有 2 小时', at: '2026-11-20T02:00:00.000Z', decidedAt: '2026-11-21T02:00:00.000Z',
  }],
};

const item = (title: string) => screen.getByText(title, { selector: '.vr-entry__title' }).closest('.vr-entry') as HTMLElement;

describe('我的志愿记录', () => {
  test('stars and the next one, the hours apart, each record with its body, a correction’s answer', async () => {
    backend.answer('volunteer', 'record.mine', ok(RECORD));
    render(<RecordPage />);
    await screen.findByText('1 星志愿者');
    expect(textOf(document.querySelector('.vr-stars')!)).toContain('再服务 296.5 小时可达 2 星（300 小时）');
    expect(textOf(document.querySelector('.vr-totals')!)).toMatch(/全部\s*信用 2 小时\s*补录 1.5 小时\s*2026年\s*信用 2 小时\s*补录 1.5 小时/);
    expect(textOf(item('园区环境整治志愿服务'))).toMatch(/2 小时\s*信用时数\s*2026年11月21日 · 园区中心广场\s*内容：清理绿化带垃圾\s*组织：园区志愿服务联合会 · 负责人：赵红/);
    expect(textOf(item('敬老院志愿服务'))).toContain('补录时数');
    expect(item('敬老院志愿服务').querySelector('.vr-entry__rate')).toBeNull();
    expect(textOf(document.querySelector('.vr-correction')!)).toMatch(/已答复\s*原记录 2 小时，申请改为 3 小时.*负责人答复：班次只有 2 小时/);
  });

  test('有疑问: the reason is required; the hours asked only when typed (null otherwise); the record’s kind', async () => {
    backend.answer('volunteer', 'record.mine', ok(RECORD));
    backend.answer('volunteer', 'corrections.create', (input) => ok({ correction: { ...RECORD.corrections[0]!, id: 'c-2', status: 'open', hoursAsked: (input as { hoursAsked: number | null }).hoursAsked, answer: null, decidedAt: null } }));
    render(<RecordPage />);
    await screen.findByText('1 星志愿者');
    fireEvent.click(item('园区环境整治志愿服务').querySelector('.vr-entry__question')!);
    tap('提交更正申请');
    await screen.findByText(/理由/, { selector: '.rp-error-text' });
    expect(backend.inputs('volunteer', 'corrections.create')).toEqual([]);
    type(await inputByPlaceholder('例如：我 10:30 就离开了，应为 1.5 小时'), '签退时间记错了');
    tap('提交更正申请');
    await screen.findByText(/已提交更正申请：园区环境整治志愿服务/);
    fireEvent.click(item('敬老院志愿服务').querySelector('.vr-entry__question')!);
    type(await inputByPlaceholder('记录为 1.5'), '2');
    type(await inputByPlaceholder('例如：我 10:30 就离开了，应为 1.5 小时'), '补录少算了半小时');
    tap('提交更正申请');
    await screen.findByText(/已提交更正申请：敬老院志愿服务/);
    expect(backend.inputs('volunteer', 'corrections.create')).toEqual([
      { recordId: 'shift-1|p-1', kind: 'credit', hoursAsked: null, reason: '签退时间记错了' },
      { recordId: 'mk-1', kind: 'makeup', hoursAsked: 2, reason: '补录少算了半小时' },
    ]);
  });

  test('评价活动: a star first, then the shift, the stars and the comment', async () => {
    backend.answer('volunteer', 'record.mine', ok(RECORD));
    backend.answer('volunteer', 'ratings.rateActivity', ok({ ok: true as const }));
    render(<RecordPage />);
    await screen.findByText('1 星志愿者');
    tap('评价活动');
    tap('提交评价');
    await screen.findByText('请先点星打分');
    const stars = document.querySelectorAll<HTMLElement>('.rp-stars__star');
    fireEvent.click(stars[3]!);
    type(await inputByPlaceholder('说两句（可不填，负责人会看到）'), '组织有序');
    tap('提交评价');
    await screen.findByText('谢谢您的评价：园区环境整治志愿服务');
    expect(backend.inputs('volunteer', 'ratings.rateActivity')).toEqual([{ shiftId: 'shift-1', stars: 4, comment: '组织有序' }]);
    expect(textOf(item('园区环境整治志愿服务'))).toContain('已评价');
  });
});

describe('查验志愿服务证明', () => {
  const verified = (over: Partial<ActionOutput<'volunteer', 'certificates.verify'>> = {}): ActionOutput<'volunteer', 'certificates.verify'> => ({
    number: 'ZYFW-2026-000001', name: '王*', periodLabel: '2026年', hours: { credit: 2, makeup: 1.5 }, hoursCounted: 'both', issuer: '园区志愿服务联合会',
    issuedAt: '2026-11-24T03:00:00.000Z', valid: true, revokedReason: null, ...over,
  });

  test('WeChat’s ?q=<the link>: the code inside is checked; valid, the name masked, both hours', async () => {
    router.params = { q: encodeURIComponent('https://redpark.example.cn/zyzm?c=RC1.abc.def') };
    backend.answer('volunteer', 'certificates.verify', ok(verified()));
    render(<VerifyPage />);
    await screen.findByText('✔ 证明有效');
    expect(backend.inputs('volunteer', 'certificates.verify')).toEqual([{ code: 'RC1.abc.def' }]);
    expect(textOf(document.querySelector('.vr-verify')!)).toMatch(/证明编号\s*ZYFW-2026-000001\s*志愿者\s*王\*\s*证明期间\s*2026年\s*信用时数\s*2 小时\s*补录时数\s*1.5 小时.*出具日期\s*2026年11月24日/);
    router.params = {};
  });

  test('?c=: revoked, with the reason', async () => {
    router.params = { c: 'RC1.abc.def' };
    backend.answer('volunteer', 'certificates.verify', ok(verified({ valid: false, revokedReason: '所含记录「园区环境整治志愿服务」已更正为 1.5 小时' })));
    render(<VerifyPage />);
    await screen.findByText('✘ 证明已撤销');
    expect(textOf(document.querySelector('.vr-verify__reason')!)).toBe('撤销原因：所含记录「园区环境整治志愿服务」已更正为 1.5 小时');
    await waitFor(() => expect(backend.inputs('volunteer', 'certificates.verify')).toEqual([{ code: 'RC1.abc.def' }]));
    router.params = {};
  });
});
