import { AppError } from '../core/errors.js';

/**
 * What storage code throws. English messages for operators only: storage never
 * imports i18n. The dispatcher shows the default Danish text of the code, or a
 * feature turns them into its own text with `explained()` (src/core/errors.ts).
 */

/** The row asked for does not exist (any more). */
export class NotFoundError extends AppError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** Another writer changed the same row first (or kept winning the race, see updateWithEtag). */
export class ConflictError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
    this.name = 'ConflictError';
  }
}

/** A stored row does not have the shape its codec expects (a fault, never shown). */
export class MalformedRowError extends AppError {
  constructor(what: string, fields: readonly string[]) {
    // Field names only: the values may be personal data.
    super('STORAGE', `${what} is malformed in ${fields.join(', ') || 'its columns'}`);
    this.name = 'MalformedRowError';
  }
}
