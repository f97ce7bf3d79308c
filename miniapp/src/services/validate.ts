/**
 * validate(): the contract's zod input schema run on the phone, for instant form messages in Chinese
 * (zod's own messages are Chinese too: shared/contract/zod.ts). The function checks again; it never
 * trusts the client.
 *
 *   import { validate } from '../../../services/validate';
 *   const problem = validate('org', 'people.update', input);   // a Chinese message, or null
 *
 * It lives apart from services/api so that zod and every action's schema stay out of the main package
 * (docs/ARCHITECTURE.md, "Package layout"): only subpackage pages import it, and webpack puts it with them.
 * A main-package page checks its few fields by hand (pages/bind) and shows the function's message.
 */
import { contract, type ActionName, type FunctionName } from '@shared/contract';

/** The first problem the contract finds in `input` (a Chinese message), or null when it is valid. */
export function validate<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: unknown): string | null {
  const spec = contract[fn][action] as { input: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } } };
  const r = spec.input.safeParse(input);
  return r.success ? null : (r.error?.issues[0]?.message ?? '填写的内容有误');
}
