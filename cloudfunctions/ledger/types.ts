// Stored shapes of the `ledger` function's own collections (_lib/types.ts holds the shared ones).

/** display_keys: a key to the park's display screen (issue 19). Only the secret's sha256 is kept. */
export interface DisplayKeyDoc {
  _id: string;
  parkId: string;
  /** What the admin called it (党群服务中心大屏). */
  label: string;
  /** sha256 of the secret, hex (unique index). */
  hash: string;
  createdAt: Date;
  createdBy: { id: string; name: string };
  /** Last time a screen used it, written at most every few minutes; null: never. */
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: { id: string; name: string } | null;
}
