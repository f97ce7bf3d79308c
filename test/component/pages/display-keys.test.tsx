// 园区管理 · 大屏 (packages/admin/pages/display-keys) rendered whole: the list (in use / revoked, created by whom,
// last used or never), a new link shown once with the key in the screen's address, an empty name refused before
// sending, and 停用 asked first, then sent and the list read again.
import { describe, expect, test } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DisplayKey } from '@shared/contract/display';
import DisplayKeysPage from '../../../miniapp/src/packages/admin/pages/display-keys/index';
import { ok } from '../support/fixtures';
import { backend } from '../support/taro';
import { fill, tap, textOf } from '../support/dom';

const key = (over: Partial<DisplayKey> = {}): DisplayKey => ({
  id: 'k1', label: '党群服务中心大屏', createdAt: '2026-11-20T02:00:00.000Z', createdBy: '魏国庆', lastUsedAt: null, revokedAt: null, revokedBy: null, ...over,
});
const SECRET = 'A'.repeat(43);

describe('园区管理 · 大屏', () => {
  test('the list, a new link shown once, an empty name refused, 停用 confirmed first', async () => {
    let keys: DisplayKey[] = [key({ id: 'k0', label: '一楼大厅', lastUsedAt: '2026-11-29T01:30:00.000Z', revokedAt: '2026-11-29T02:00:00.000Z', revokedBy: '魏国庆' })];
    backend.answer('ledger', 'displayKeys.list', () => ok({ keys }));
    backend.answer('ledger', 'displayKeys.create', (input) => {
      const k = key({ label: (input as { label: string }).label });
      keys = [k, ...keys];
      return ok({ key: k, secret: SECRET });
    });
    backend.answer('ledger', 'displayKeys.revoke', () => {
      keys = keys.map((k) => (k.id === 'k1' ? { ...k, revokedAt: '2026-11-30T03:00:00.000Z', revokedBy: '魏国庆' } : k));
      return ok({ key: keys[0]! });
    });
    render(<DisplayKeysPage />);
    await screen.findByText('一楼大厅');
    const old = document.querySelector('.dk-key[data-label="一楼大厅"]')!;
    expect(textOf(old)).toContain('已停用');
    expect(textOf(old)).toContain('创建：2026-11-20 10:00，魏国庆');
    expect(textOf(old)).toContain('最近使用：2026-11-29 09:30');
    expect(old.querySelector('.dk-key__revoke')).toBeNull();

    tap('生成链接');
    await screen.findByText('请填写大屏名称');
    expect(backend.inputs('ledger', 'displayKeys.create')).toEqual([]);

    await fill('大屏名称', '党群服务中心大屏');
    tap('生成链接');
    await screen.findByText('「党群服务中心大屏」的链接');
    expect(textOf(document.querySelector('.dk-created__url')!)).toBe(`/packages/display/pages/screen/index?key=${SECRET}`);
    expect(backend.inputs('ledger', 'displayKeys.create')).toEqual([{ label: '党群服务中心大屏' }]);
    await waitFor(() => expect(textOf(document.querySelector('.dk-key[data-label="党群服务中心大屏"]')!)).toContain('最近使用：还没有大屏打开过'));

    fireEvent.click(document.querySelector('.dk-key[data-label="党群服务中心大屏"] .dk-key__revoke')!);
    await screen.findByText('停用「党群服务中心大屏」？');
    expect(backend.inputs('ledger', 'displayKeys.revoke')).toEqual([]);
    fireEvent.click(document.querySelector('.rp-confirm__ok')!);
    await waitFor(() => expect(textOf(document.querySelector('.dk-key[data-label="党群服务中心大屏"]')!)).toContain('已停用'));
    expect(backend.inputs('ledger', 'displayKeys.revoke')).toEqual([{ keyId: 'k1' }]);
  });
});
