/**
 * A button for an action that takes a moment: `<BusyButton busy={saving} busyText='正在保存…'>保存</BusyButton>`.
 *
 * Why not Taro's `<Button loading>`: in the H5 build the button is a web component that inserts its
 * spinner next to the children React manages; toggling `loading` (especially with a label change)
 * throws "insertBefore … not a child of this node" or leaves the button blank and stuck disabled
 * (seen in test/e2e). So the busy state is shown in the label, and the button is remounted when it
 * changes, which gives the web component a fresh start in both builds.
 */
import type { ReactNode } from 'react';
import { Button } from '@tarojs/components';

interface Props {
  busy?: boolean;
  /** The label while busy; defaults to the label with "…". */
  busyText?: string;
  disabled?: boolean;
  className?: string;
  onClick?: () => unknown;
  children: ReactNode;
}

export function BusyButton({ busy = false, busyText, disabled = false, className = 'rp-btn', onClick, children }: Props) {
  return (
    <Button
      key={busy ? 'busy' : 'idle'}
      className={`${className}${busy ? ' rp-btn--busy' : ''}`}
      disabled={busy || disabled || undefined}
      onClick={() => {
        if (!busy && !disabled) void onClick?.();
      }}
    >
      {busy ? (busyText ?? (typeof children === 'string' ? `${children}…` : children)) : children}
    </Button>
  );
}
