import { createHash, randomBytes } from 'node:crypto';
import type { CardJson } from './types.js';

/**
 * One-time keys: every write happens once, whatever Teams, the network or a crash do.
 *
 * - A card carries a key per button, made when the card is rendered (`withOnceKeys`, called
 *   by renderCard): the field `once` of the action's data. Two taps on the same button, a
 *   retry of the same submit, two instances receiving it: the same key.
 * - A verb or command that writes declares it (`writes` on its definition). The dispatcher
 *   then claims the key before `run` (src/core/writes.ts): a second submit with the same key
 *   writes nothing and is answered with what the first one did.
 * - `run` gets the key as `ctx.once` and hands it to what it writes: an event id, a marker in
 *   the record's own transaction, a deterministic row key (`onceId`). If the first run died
 *   half-way, the repair runs the verb again with the same `Once` (`replay: true`, the same
 *   `at`); the keyed writes find what was already written and only the rest is done.
 */
export const ONCE_FIELD = 'once';

export interface Once {
  /** Unique per button of a rendered card and person (or per incoming activity for commands). */
  readonly key: string;
  /** When the change was first asked for: a replay decides and dates everything as the first run did. */
  readonly at: Date;
  /** True when an earlier run of the same key may have written part of the change (a repair or a takeover). */
  readonly replay: boolean;
}

/** A short id derived from the key (and a label for several writes under one key): the same on every replay. */
export function onceId(once: Pick<Once, 'key'>, label = ''): string {
  return createHash('sha256').update(`${once.key}\u0000${label}`).digest('base64url').slice(0, 22);
}

const ACTION_TYPES = new Set(['Action.Execute', 'Action.Submit']);

/**
 * The names of the verbs that write (defineVerb fills it from each verb's `writes`). Verb
 * names are constants, so this is the same table for every app in the process; only their
 * buttons get keys (a list's "Vis" button needs none).
 */
const writingVerbs = new Set<string>();

export function declareWriting(verb: string): void {
  writingVerbs.add(verb);
}

/**
 * Gives every Action.Execute and Action.Submit of a writing verb its own one-time key in its
 * data (renderCard passes a freshly expanded card, changed in place). Keys of one card
 * share a random base and are numbered, so rendering stays cheap on long lists.
 */
export function withOnceKeys(card: CardJson): CardJson {
  const base = randomBytes(9).toString('base64url');
  let n = 0;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    const verb = typeof node.verb === 'string' ? node.verb : (node.data as { verb?: unknown } | undefined)?.verb;
    if (typeof node.type === 'string' && ACTION_TYPES.has(node.type) && typeof verb === 'string' && writingVerbs.has(verb)) {
      // A copy: the template may bind the same object into several actions.
      const data = node.data;
      if (data === undefined) node.data = { [ONCE_FIELD]: `${base}${(n++).toString(36)}` };
      else if (data && typeof data === 'object' && !Array.isArray(data)) node.data = { ...(data as object), [ONCE_FIELD]: `${base}${(n++).toString(36)}` };
    }
    for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
  };
  walk(card);
  return card;
}

/** The card key in submitted data, if it looks like one of ours (forged data is only ever a different key). */
export function cardKeyOf(data: Record<string, unknown>): string | undefined {
  const v = data[ONCE_FIELD];
  return typeof v === 'string' && /^[A-Za-z0-9_-]{8,40}$/.test(v) ? v : undefined;
}

/** A hex id derived from the key (for ids that are hex, e.g. a MUS draft): the same on every replay. */
export function onceHex(once: Pick<Once, 'key'>, label: string, length: number): string {
  return createHash('sha256').update(`${once.key}\u0000${label}`).digest('hex').slice(0, length);
}
