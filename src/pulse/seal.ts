/**
 * The seal on pulse ballots while a round is open (store.ts, PRIVACY.md).
 *
 * One secret (PULSE_SEAL_KEY: 32 random bytes, never stored in the database) is
 * stretched with HKDF-SHA256 into
 *  - an AES-256-GCM key for the ballots. The plaintext is padded to one fixed length,
 *    so every sealed ballot looks alike (a comment, or its length, does not show), and
 *    the round's partition key is the associated data (a ballot cannot be moved to
 *    another round without the seal breaking);
 *  - an HMAC-SHA256 key for the tokens that stand for a person in the inbox ("was
 *    invited", "has answered"): without the key a token names nobody and cannot be
 *    computed for a given person, so the storage's own metadata on those rows
 *    (Timestamp, Azurite's `meta.created`) is a time of *someone*, never of a person;
 *  - a key id (an HMAC of a constant), kept on each round, so a changed key is noticed
 *    at once instead of leaving ballots that cannot be opened.
 * Whoever holds the key AND a copy of the database of an open round can undo both:
 * the key belongs in a secret store (Key Vault), not next to the data.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../core/errors.js';

export const SEAL_KEY_BYTES = 32;
/** Every ballot is padded to this many bytes before sealing (a 500-character comment fits). */
export const BALLOT_BYTES = 2048;
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A ballot cannot be sealed or opened (wrong key, tampered, too long): a fault of configuration (PULSE_SEAL_KEY). */
export class SealError extends AppError {
  constructor(message: string) {
    super('CONFIG', message);
    this.name = 'SealError';
  }
}

/** Decodes PULSE_SEAL_KEY: base64 (standard or URL-safe) or hex, at least 32 bytes. */
export function decodeSealKey(text: string): Buffer | undefined {
  const s = text.trim();
  const bytes = /^[0-9a-fA-F]+$/.test(s) && s.length % 2 === 0 ? Buffer.from(s, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(s) ? Buffer.from(s, 'base64') : undefined;
  return bytes && bytes.length >= SEAL_KEY_BYTES ? bytes : undefined;
}

export const newSealKey = (): string => randomBytes(SEAL_KEY_BYTES).toString('base64');

export type TokenPurpose = 'invited' | 'answered';

export class Seal {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  /** Stored with each round: the same key must open what it sealed. */
  readonly keyId: string;

  constructor(secret: Uint8Array) {
    if (secret.length < SEAL_KEY_BYTES) throw new RangeError(`a seal key needs at least ${SEAL_KEY_BYTES} bytes`);
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'trio-bot pulse', info, 32));
    this.encKey = derive('ballot seal v1');
    this.macKey = derive('person token v1');
    this.keyId = createHmac('sha256', this.macKey).update('key id').digest('hex').slice(0, 16);
  }

  /** 128 bits of HMAC over the purpose and the parts: the same person, round and purpose give the same token. */
  token(purpose: TokenPurpose, ...parts: string[]): string {
    return createHmac('sha256', this.macKey).update([purpose, ...parts].join('\u0000')).digest('hex').slice(0, 32);
  }

  /** Seals `value` as JSON, padded to BALLOT_BYTES; `context` (the partition key) must match when opening. */
  seal(value: unknown, context: string): string {
    const json = Buffer.from(JSON.stringify(value), 'utf8');
    if (json.length > BALLOT_BYTES - 2) throw new SealError(`a ballot may have at most ${BALLOT_BYTES - 2} bytes`);
    const plain = Buffer.alloc(BALLOT_BYTES);
    plain.writeUInt16BE(json.length, 0);
    json.copy(plain, 2);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** Opens a sealed value; throws SealError when the key or the context is wrong or the blob was changed. */
  open<T>(sealed: string, context: string): T {
    const raw = Buffer.from(sealed, 'base64');
    if (raw.length !== 1 + IV_BYTES + TAG_BYTES + BALLOT_BYTES || raw[0] !== VERSION) throw new SealError('not a sealed ballot');
    const iv = raw.subarray(1, 1 + IV_BYTES);
    const tag = raw.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(raw.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new SealError('the ballot does not open with this key (PULSE_SEAL_KEY changed?)');
    }
    const length = plain.readUInt16BE(0);
    return JSON.parse(plain.subarray(2, 2 + length).toString('utf8')) as T;
  }
}
