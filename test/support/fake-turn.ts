import type { OutMessage, RosterMember, Turn, Where } from '../../src/core/types.js';

/** A domain Turn that records replies; for unit tests of commands and verbs. */
export interface FakeTurn extends Turn {
  replies: OutMessage[];
  updates: { activityId: string; msg: OutMessage }[];
}

export function fakeTurn(opts: { where?: Partial<Where>; aadObjectId?: string; name?: string; roster?: RosterMember[]; now?: Date } = {}): FakeTurn {
  const replies: OutMessage[] = [];
  const updates: { activityId: string; msg: OutMessage }[] = [];
  return {
    actor: { aadObjectId: opts.aadObjectId ?? 'user-1', teamsUserId: `29:${opts.aadObjectId ?? 'user-1'}`, name: opts.name ?? 'Lone Leder' },
    where: { scope: 'personal', conversationId: 'a:personal', ...opts.where },
    now: opts.now ?? new Date('2026-11-23T09:00:00Z'),
    correlationId: 'ref12345',
    replies,
    updates,
    async reply(msg) {
      replies.push(msg);
      return `reply-${replies.length}`;
    },
    async update(activityId, msg) {
      updates.push({ activityId, msg });
    },
    async *roster() {
      for (const m of opts.roster ?? []) yield m;
    },
  };
}

/** All text in a message, including every string inside its card. */
export function textOf(msg: OutMessage | undefined): string {
  if (!msg) return '';
  const parts: string[] = [];
  if (msg.text) parts.push(msg.text);
  const walk = (v: unknown): void => {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  if (msg.card) walk(msg.card);
  return readable(parts.join('\n'));
}

/**
 * Text as a person reads it: renderCard keeps Danish dates and "<placeholders>" out of
 * the markdown with invisible characters (a no-break space, a word joiner), which tests
 * compare as the plain text they stand for.
 */
export function readable(text: string): string {
  return text.replace(/\u2060/g, '').replace(/\u00a0/g, ' ');
}
