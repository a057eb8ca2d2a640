import { z } from 'zod';

/**
 * Retention per data class: how many days a kind of personal data is kept after the
 * moment that starts its clock. One source of truth: the daily job (retention.ts), the
 * README table and PRIVACY.md are read from these definitions (a test keeps them in step).
 *
 * Set with RETENTION="events=365,reminders=14" (days); a class left out keeps its default.
 * A value below a class's minimum is refused at start-up (the minimum protects what a
 * running workflow still needs, e.g. a failed reminder shown by `status` for 30 days).
 */
export const RETENTION_CLASSES = {
  /** Done and cancelled actions with their log, counted from closing. */
  actions: { days: 730, min: 30 },
  /** Event log rows (who did what), counted from the event. */
  events: { days: 730, min: 30 },
  /** MUS preparation notes, udviklingsplaner and invitation answers, counted from the person's next held MUS. */
  mus: { days: 730, min: 90 },
  /** MUS notes and plans of a person who has had no later MUS, counted from the talk. */
  musWithoutNext: { days: 1095, min: 365 },
  /** MUS planning drafts (names of everyone planned), counted from creation. */
  musDrafts: { days: 90, min: 14 },
  /** Sent, failed and cancelled reminder rows (target, key, outcome), counted from their last change. */
  reminders: { days: 30, min: 30 },
  /** Conversation references of people who are no longer in any workplace, counted from the reference's last change. */
  conversations: { days: 30, min: 1 },
  /** Remnants of a pulse round's inbox (tokens, sealed ballots): at once once the round is closed, else counted from its closing time. */
  pulseInbox: { days: 14, min: 7 },
  /** Anonymous pulse answer rows (scores, comments) of closed rounds, counted from the round's closing time. */
  pulseAnswers: { days: 730, min: 90 },
} as const;

export type RetentionClass = keyof typeof RETENTION_CLASSES;
export type Retention = Readonly<Record<RetentionClass, number>>;

export const RETENTION_DEFAULTS: Retention = Object.freeze(
  Object.fromEntries(Object.entries(RETENTION_CLASSES).map(([k, v]) => [k, v.days])) as Record<RetentionClass, number>,
);

const isClass = (name: string): name is RetentionClass => Object.hasOwn(RETENTION_CLASSES, name);

/** Parses RETENTION ("class=days,..."); the error messages name the class and the fix. */
export const retentionSetting = z.string().transform((text, ctx): Retention => {
  const out: Record<RetentionClass, number> = { ...RETENTION_DEFAULTS };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]+)\s*=\s*(\d{1,5})$/.exec(part);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not class=days` });
      continue;
    }
    const [, name, days] = m as unknown as [string, string, string];
    if (!isClass(name)) {
      ctx.addIssue({ code: 'custom', message: `unknown class "${name}" (known: ${Object.keys(RETENTION_CLASSES).join(', ')})` });
      continue;
    }
    const min = RETENTION_CLASSES[name].min;
    if (Number(days) < min) {
      ctx.addIssue({ code: 'custom', message: `${name}=${days}: at least ${min} days` });
      continue;
    }
    out[name] = Number(days);
  }
  return Object.freeze(out);
});

export const DAY_MS = 86_400_000;

/** The moment before which a class's rows are due for deletion. */
export const cutoff = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);
