// 我的 → 消息提醒 (packages/member/pages/reminders) and 园区管理 · 提醒 (packages/admin/pages/reminders) rendered whole:
// each kind is a switch (role=switch, aria-checked) with its name and one line; tapping the row saves the opposite
// and shows what the function answered (a refusal leaves the switch as it was, with the message). The quiet hours
// screen says the stored hours in words, refuses a choice the function would refuse before sending it, and shows
// the stored value after saving.
import { describe, expect, test } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionOutput } from '@shared/contract';
import { REMINDER_KINDS, REMINDER_KIND_HINTS, type ReminderKindId } from '@shared/reminders';
import RemindersPage from '../../../miniapp/src/packages/member/pages/reminders/index';
import QuietPage from '../../../miniapp/src/packages/admin/pages/reminders/index';
import { fail, ok, person } from '../support/fixtures';
import { backend } from '../support/taro';
import { textOf } from '../support/dom';

type Mine = ActionOutput<'remind', 'settings.mine'>;
const KINDS: ReminderKindId[] = ['shiftSoon', 'pledgeDueSoon', 'reviewToRate'];
const mine = (off: string[] = [], quiet = { quietStart: '22:00', quietEnd: '08:00' }): Mine => ({
  kinds: KINDS.map((kind) => ({ kind, label: REMINDER_KINDS[kind].label, on: !off.includes(kind) })),
  quota: { TPL_TODO: 1 }, left: 1, quiet,
});
const row = (kind: string) => document.querySelector(`.reminders__kind[data-kind="${kind}"]`) as HTMLElement;
const switchOf = (kind: string) => row(kind).querySelector('[role="switch"]')!;

describe('我的 → 消息提醒', () => {
  test('a switch per kind with its name and line; a tap saves the opposite; a refusal keeps it and says why', async () => {
    backend.answer('user', 'me', ok({ bound: true, person: person() }));
    backend.answer('remind', 'settings.mine', ok(mine()));
    backend.answer('remind', 'settings.set', (input) => ok(mine((input as { on: boolean }).on ? [] : [(input as { kind: string }).kind])));
    render(<RemindersPage />);
    await waitFor(() => expect(row('pledgeDueSoon')).not.toBeNull());
    for (const k of KINDS) {
      expect(textOf(row(k))).toContain(`${REMINDER_KINDS[k].label}${REMINDER_KIND_HINTS[k]}`);
      expect(switchOf(k).getAttribute('aria-checked')).toBe('true');
    }
    expect(document.querySelectorAll('.reminders__kind button')).toHaveLength(0);
    expect(textOf(document.body)).toContain('每天 22:00 到次日 08:00（10 小时）不发微信提醒');
    expect(document.querySelector('.reminders__quiet-edit')).toBeNull();

    fireEvent.click(row('pledgeDueSoon'));
    await waitFor(() => expect(switchOf('pledgeDueSoon').getAttribute('aria-checked')).toBe('false'));
    expect(backend.inputs('remind', 'settings.set')).toEqual([{ kind: 'pledgeDueSoon', on: false }]);
    expect(row('pledgeDueSoon').getAttribute('data-on')).toBe('off');

    backend.answer('remind', 'settings.set', fail('INTERNAL', '网络不太好，请稍后再试'));
    fireEvent.click(row('reviewToRate'));
    await screen.findByText('网络不太好，请稍后再试');
    expect(switchOf('reviewToRate').getAttribute('aria-checked')).toBe('true');
  });

  test('a park admin sees where to change the quiet hours', async () => {
    backend.answer('user', 'me', ok({ bound: true, person: person({ roles: ['member', 'parkAdmin'] }) }));
    backend.answer('remind', 'settings.mine', ok(mine()));
    backend.answer('remind', 'errors.list', ok({ errors: [], counts: { sent: 0, inboxOnly: 0, waiting: 0, failed: 0 } }));
    render(<RemindersPage />);
    await screen.findByText('修改免打扰时段');
  });
});

describe('园区管理 · 提醒', () => {
  test('the stored hours in words; 15 hours refused before sending; saved, the stored value read back', async () => {
    let stored = { quietStart: '22:00', quietEnd: '08:00' };
    backend.answer('remind', 'settings.mine', () => ok(mine([], stored)));
    backend.answer('remind', 'park.quiet', (input) => ((stored = input as typeof stored), ok(stored)));
    render(<QuietPage />);
    await screen.findByText('现在：每天 22:00 到次日 08:00（10 小时）');
    // Taro's H5 Picker: the face's onChange, as the wheel's 确定 fires it.
    const pick = (cls: string, value: string) => fireEvent(document.querySelector(`.rq-range ${cls}`)!.closest('taro-picker-core') ?? document.querySelector(`.rq-range ${cls}`)!, Object.assign(new Event('change', { bubbles: true }), { detail: { value } }));
    pick('.rp-pick--start', '17:00');
    await screen.findByText(/免打扰时段最长 14 小时，现在是 15 小时/);
    fireEvent.click(screen.getByText('保存免打扰时段'));
    expect(backend.inputs('remind', 'park.quiet')).toEqual([]);
    pick('.rp-pick--start', '21:30');
    pick('.rp-pick--end', '07:30');
    await screen.findByText('改后：每天 21:30 到次日 07:30（10 小时）');
    fireEvent.click(screen.getByText('保存免打扰时段'));
    await screen.findByText('已保存，现在是每天 21:30 到次日 07:30（10 小时）。');
    expect(backend.inputs('remind', 'park.quiet')).toEqual([{ quietStart: '21:30', quietEnd: '07:30' }]);
    await screen.findByText('现在：每天 21:30 到次日 07:30（10 小时）');
  });
});
