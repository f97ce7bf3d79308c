// BusyButton: the label says what is happening while busy, the button is a fresh element whenever
// busy changes (the H5 web component must not be toggled in place), and a tap while busy does nothing.
import { describe, expect, jest, test } from '@jest/globals';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { BusyButton } from '../../../miniapp/src/components/BusyButton';

/** A save button as the forms use it: busy from the tap until the reply. */
function SaveForm({ send }: { send: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  return (
    <BusyButton
      busy={busy}
      busyText='正在保存…'
      onClick={async () => {
        setBusy(true);
        await send();
        setBusy(false);
      }}
    >
      保存
    </BusyButton>
  );
}

describe('BusyButton', () => {
  test('shows its label, and the busy text (or the label with …) while busy', () => {
    const { rerender } = render(<BusyButton onClick={() => {}}>发布</BusyButton>);
    expect(screen.getByText('发布')).toBeTruthy();
    rerender(<BusyButton busy busyText='正在发布…' onClick={() => {}}>发布</BusyButton>);
    expect(screen.getByText('正在发布…')).toBeTruthy();
    expect(screen.queryByText('发布')).toBeNull();
    rerender(<BusyButton busy onClick={() => {}}>交卷</BusyButton>);
    expect(screen.getByText('交卷…')).toBeTruthy();
  });

  test('is a new element (and disabled) while busy, and a new one again when done', () => {
    const { container, rerender } = render(<BusyButton onClick={() => {}}>保存</BusyButton>);
    const idle = container.querySelector('taro-button-core')!;
    expect(idle.hasAttribute('disabled')).toBe(false);
    rerender(<BusyButton busy onClick={() => {}}>保存</BusyButton>);
    const busy = container.querySelector('taro-button-core')!;
    expect(busy).not.toBe(idle);
    expect(busy.hasAttribute('disabled')).toBe(true);
    expect(busy.className).toContain('rp-btn--busy');
    rerender(<BusyButton onClick={() => {}}>保存</BusyButton>);
    const again = container.querySelector('taro-button-core')!;
    expect(again).not.toBe(busy);
    expect(again.hasAttribute('disabled')).toBe(false);
  });

  test('a second tap while the first is still sending sends nothing', async () => {
    let finish!: () => void;
    const send = jest.fn(() => new Promise<void>((r) => (finish = r)));
    render(<SaveForm send={send} />);
    fireEvent.click(screen.getByText('保存'));
    expect(screen.getByText('正在保存…')).toBeTruthy();
    fireEvent.click(screen.getByText('正在保存…'));
    fireEvent.click(screen.getByText('正在保存…'));
    expect(send).toHaveBeenCalledTimes(1);
    await act(async () => finish());
    fireEvent.click(screen.getByText('保存'));
    expect(send).toHaveBeenCalledTimes(2);
  });

  test('a disabled button does not call onClick (the H5 web component still receives the tap)', () => {
    const onClick = jest.fn();
    render(<BusyButton disabled onClick={onClick}>提交</BusyButton>);
    fireEvent.click(screen.getByText('提交'));
    expect(onClick).not.toHaveBeenCalled();
  });
});
