/**
 * Every error carries a code, so the one handler (the dispatcher) can answer the user
 * and operators can count what happened (`code` is on every log line about an error).
 *
 * - `UserError`: an expected refusal with its own Danish text, shown as it is.
 * - any other `AppError` with an expected code (NOT_FOUND, CONFLICT, ...): shown as the
 *   default Danish text of its code (src/i18n/da.ts, `errors`). Storage throws these
 *   (src/storage/errors.ts) and never imports i18n; a feature that has a better text
 *   turns them into a UserError with `explained()`.
 * - everything else is a fault (CONFIG, STORAGE, TRANSPORT, INTERNAL): logged with its
 *   details, and the user sees an apology with a reference id.
 */
/** Codes that describe what the user asked for, not a fault of the bot. */
export const EXPECTED_CODES = ['INVALID_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'WRONG_PLACE'] as const;
export type ExpectedCode = (typeof EXPECTED_CODES)[number];
/** Faults: configuration, storage, the Teams connector, a bug. */
export type FaultCode = 'CONFIG' | 'STORAGE' | 'TRANSPORT' | 'INTERNAL';
export type ErrorCode = ExpectedCode | FaultCode;

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
  constructor(
    code: ErrorCode,
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(code, userMessage, options);
    this.name = 'UserError';
  }
}

export const isUserError = (e: unknown): e is UserError => e instanceof UserError;

/**
 * The code of any thrown value. Errors from outside the app's classes get the code of
 * where they come from: a connector failure (TransportError) is TRANSPORT, an Azure
 * Tables answer (it carries an HTTP statusCode) is STORAGE, anything else INTERNAL.
 */
export function codeOf(e: unknown): ErrorCode {
  if (e instanceof AppError) return e.code;
  if (e instanceof Error && e.name === 'TransportError') return 'TRANSPORT';
  if (typeof e === 'object' && e !== null && typeof (e as { statusCode?: unknown }).statusCode === 'number') return 'STORAGE';
  return 'INTERNAL';
}

/** True when the error is an expected outcome the user is told about (not a fault). */
export function isExpected(e: unknown): e is AppError & { readonly code: ExpectedCode } {
  return e instanceof AppError && (EXPECTED_CODES as readonly string[]).includes(e.code);
}

/**
 * Gives coded errors from below (storage, the engine) the feature's own Danish text:
 * `await explained(store.update(...), { NOT_FOUND: t.notFound, CONFLICT: t.conflict })`.
 * A UserError thrown inside keeps its own text.
 */
export async function explained<T>(work: Promise<T>, texts: Partial<Record<ErrorCode, string>>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    const text = e instanceof AppError && !(e instanceof UserError) ? texts[e.code] : undefined;
    if (text !== undefined && e instanceof AppError) throw new UserError(e.code, text, { cause: e });
    throw e;
  }
}
