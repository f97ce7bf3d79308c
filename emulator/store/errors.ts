// CloudBase-style error codes. The SDK throws `{ code, message, requestId }` for any reply with a truthy code.
export type DbErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_REQUEST_FAILED'
  | 'INVALID_PARAM'
  | 'INVALID_ACTION'
  | 'INVALID_REQUEST'
  | 'REQUEST_TOO_LARGE'
  | 'INTERNAL_ERROR';

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const dbError = (code: DbErrorCode, message: string) => new DbError(code, message);
