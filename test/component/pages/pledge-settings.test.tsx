// 园区管理 · 承诺 (packages/admin/pages/pledge-settings) rendered whole: the park's settings (defaults until saved),
// numbers typed and checked before sending (a minimum above the maximum says so and sends nothing), saved as one;
// anyone but a park admin reads the settings without the editor.
import { describe, expect, test } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import PledgeSettingsPage from '../../../miniapp/src/packages/admin/pages/pledge-settings/index';
import { ok, person } from '../support/fixtures';
import { backend } from '../support/taro';
import { fill, tap, textOf } from '../support/dom';

const DEFAULTS = { minPerYear: 2, maxPerYear: 5, ratingFrom: '12-01', ratingTo: '12-31', ratingDailyLimit: 20 };

describe('园区管理 · 承诺', () => {
  test('the defaults; a minimum above the maximum is refused before sending; then saved as one', async () => {
    backend.answer('user', 'me', ok({ bound: true, person: person({ roles: ['member', 'parkAdmin'] }) }));
    backend.answer('pledge', 'settings.get', ok({ settings: DEFAULTS, saved: false }));
    backend.answer('pledge', 'settings.update', ok({ settings: { ...DEFAULTS, minPerYear: 3, maxPerYear: 6, ratingDailyLimit: 30 } }));
    render(<PledgeSettingsPage />);
    await screen.findByText('保存承诺设置');
    expect(textOf()).toMatch(/还没有保存过，现在显示的是默认设置/);
    expect(textOf()).toMatch(/开始\s*12月1日.*结束（含当天）\s*12月31日/);
    await fill('最少（项）', '7');
    tap('保存承诺设置');
    await screen.findByText(/每年最少项数不能多于最多项数/);
    expect(backend.inputs('pledge', 'settings.update')).toEqual([]);
    await fill('最少（项）', '3');
    await fill('最多（项）', '6');
    await fill('项数', '30');
    tap('保存承诺设置');
    await screen.findByText('已保存。');
    expect(backend.inputs('pledge', 'settings.update')).toEqual([{ settings: { ...DEFAULTS, minPerYear: 3, maxPerYear: 6, ratingDailyLimit: 30 } }]);
  });

  test('a member who opens it reads the settings, no editor', async () => {
    backend.answer('user', 'me', ok({ bound: true, person: person() }));
    backend.answer('pledge', 'settings.get', ok({ settings: { ...DEFAULTS, ratingFrom: '11-15' }, saved: true }));
    render(<PledgeSettingsPage />);
    await screen.findByText('承诺设置由园区党委管理员修改');
    expect(textOf()).toContain('每年年度承诺 2–5 项；评诺时间每年11月15日至12月31日');
    expect(screen.queryByText('保存承诺设置')).toBeNull();
  });
});
