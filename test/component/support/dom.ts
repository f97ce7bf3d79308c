/**
 * Working with Taro's web components (the H5 build, @tarojs/components' React build) in jsdom.
 * - A component's own DOM (the <input> inside <taro-input-core>) is rendered by Stencil a moment
 *   after React mounts it: `await inputOf(…)` waits for it.
 * - Typing: set the inner <input>'s value and fire a native `input` event; the web component turns
 *   it into Taro's `onInput` ({ detail: { value } }) exactly as in the browser.
 * - Clicks: React's onClick is a listener on the web component itself, so fireEvent.click on the
 *   element found by its text reaches it (also on a `disabled` one, as in the H5 build).
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';

/** The <input> or <textarea> inside the form field labelled `label` (the `index`th, when several). */
export async function inputOf(label: string, index = 0): Promise<HTMLInputElement | HTMLTextAreaElement> {
  const field = screen.getByText(label, { selector: '.rp-field__label' }).closest('.rp-field');
  if (!field) throw new Error(`no field labelled ${label}`);
  return waitFor(() => {
    const el = field.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')[index];
    if (!el) throw new Error(`the field ${label} has no input (yet)`);
    return el;
  });
}

/** Type `value` into an input (replacing what it held), as a person would. */
export function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  el.value = value;
  fireEvent.input(el);
}

/** Type into the field labelled `label`. */
export async function fill(label: string, value: string, index = 0): Promise<void> {
  type(await inputOf(label, index), value);
}

/** Tap the element whose text is `text` (a Button, a Choice's title, a link). */
export function tap(text: string | RegExp): void {
  fireEvent.click(screen.getByText(text));
}

/** The text a person sees in `el` (whitespace collapsed). */
export const textOf = (el: Element = document.body): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The `index`th <input> / <textarea> with this placeholder (the one inside the web component). */
export async function inputByPlaceholder(placeholder: string, index = 0): Promise<HTMLInputElement | HTMLTextAreaElement> {
  return waitFor(() => {
    const all = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].filter((e) => e.placeholder === placeholder);
    const el = all[index];
    if (!el) throw new Error(`no input with placeholder ${placeholder} (yet)`);
    return el;
  });
}

/**
 * The pickers (components/Pickers) inside the form field labelled `label`: Taro's <taro-picker-core>
 * web components, in order (a date, then a start and an end time…).
 */
export async function pickersOf(label: string): Promise<HTMLElement[]> {
  const field = screen.getByText(label, { selector: '.rp-field__label' }).closest('.rp-field');
  if (!field) throw new Error(`no field labelled ${label}`);
  return waitFor(() => {
    const all = [...field.querySelectorAll<HTMLElement>('taro-picker-core')];
    if (!all.length) throw new Error(`the field ${label} has no picker (yet)`);
    return all;
  });
}

/**
 * Choose `value` on the `index`th picker of the field labelled `label`, as the wheel's 确定 does: the web
 * component fires `change` with `{ value }` ("2026-11-20", "14:30"), which Taro turns into `onChange`.
 */
export async function pick(label: string, value: string, index = 0): Promise<void> {
  const el = (await pickersOf(label))[index];
  if (!el) throw new Error(`the field ${label} has no picker ${index}`);
  fireEvent(el, new CustomEvent('change', { detail: { value }, bubbles: true }));
}

/** What the `index`th picker of a field shows on its face ("11月20日 周五", "14:30"). */
export async function pickerFace(label: string, index = 0): Promise<string> {
  const el = (await pickersOf(label))[index];
  return textOf(el!.querySelector('.rp-pick') ?? el!).replace(/\s*▾$/, '');
}
