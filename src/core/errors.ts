/**
 * Errors carry a code. `UserError` is expected (bad input, no access) and its
 * Danish message is shown as is; anything else is a fault, logged with details,
 * and the user sees an apology with a reference id.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'WRONG_PLACE'
  | 'CONFIG'
  | 'STORAGE'
  | 'TRANSPORT';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** An error whose message is Danish text meant for the user. */
export class UserError extends AppError {
  constructor(code: ErrorCode, readonly userMessage: string) {
    super(code, userMessage);
    this.name = 'UserError';
  }
}

export const isUserError = (e: unknown): e is UserError => e instanceof UserError;
