// The expected failure of an action: a code the client knows (shared/contract/errors.ts) and,
// optionally, a more precise message, field errors or detail. Thrown by handlers and the helpers
// they call; the dispatcher turns it into `{ ok: false, error }`.
import type { ErrorCode } from '../../shared/contract';

export class ActionError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly extra: { message?: string; fields?: Record<string, string[]>; detail?: unknown } = {},
  ) {
    super(extra.message ?? code);
  }
}
