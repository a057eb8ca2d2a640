/**
 * The trivsel pulse's shapes: the verb names, a round and its items as stored, a ballot
 * and the answer a card submits (zod), and the forum roles.
 */
import { z } from 'zod';
import { ACTION_VERBS } from '../actions/model.js';
import type { Role } from '../core/types.js';
import { pulseText as t } from '../i18n/pulse.js';
import { confirmedTermsInput } from '../sickness/firewall.js';
import { DIMENSIONS, ScaleSchema } from './bank.js';
import { PublicationSchema } from './disclosure.js';

/** Card verbs of the pulse: the names the verbs are routed by, and that cards/pulse-*.json use. */
export const PULSE_VERBS = {
  answer: 'pulse.answer',
  saveSettings: 'pulse.settings.save',
  /** The leaders' notice before the first round (first-round.ts). */
  start: 'pulse.start',
  postpone: 'pulse.postpone',
} as const;
/** "Opret handling" on the results card opens the action plans' pre-filled form. */
export const NEW_ACTION_VERB = ACTION_VERBS.newForm;

/** Kinds of the pulse's jobs in the outbox (jobs.ts renders them). */
export const JOB_KINDS = {
  card: 'pulse.card',
  reminder: 'pulse.reminder',
  results: 'pulse.results',
  quarter: 'pulse.quarter',
  first: 'pulse.first',
} as const;

/** The prefix of every per-person job of a round (cards and reminders), purged when it closes. */
export const roundJobs = (workplaceId: string, roundId: string): string => `pulse:${workplaceId}:${roundId}:`;
/** A person's card job; the reminder is `<card key>:reminder`. */
export const cardKey = (workplaceId: string, roundId: string, aadObjectId: string): string => `${roundJobs(workplaceId, roundId)}${aadObjectId.toLowerCase()}`;
/** The results for TRIO: created after the round closed (and its per-person jobs were purged). */
export const resultsKey = (workplaceId: string, roundId: string): string => `${roundJobs(workplaceId, roundId)}results`;

/** A leader's notice before the workplace's first round (not a round's job: never purged with one). */
export const firstKey = (workplaceId: string, aadObjectId: string): string => `pulse:${workplaceId}:first:${aadObjectId.toLowerCase()}`;

/** The roles of the forum that sees the results (TRIO); they are respondents too (disclosure.ts, rule 2). */
export const FORUM_ROLES: readonly Role[] = ['leder', 'TR', 'AMR'];

export const COMMENT_MAX = 500;

export const RoundItemSchema = z.object({
  id: z.string(),
  dimension: z.enum(DIMENSIONS),
  reversed: z.boolean(),
  text: z.string(),
  scale: ScaleSchema,
  /** "Ikke relevant" is offered (bank.ts); such an answer is no score. */
  notApplicable: z.boolean().optional(),
});
export type RoundItem = z.infer<typeof RoundItemSchema>;

export const ROUND_STATUSES = ['open', 'closing', 'flushed', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export interface Round {
  workplaceId: string;
  id: string;
  weekIndex: number;
  weekLabel: string;
  openDate: string;
  opensAt: Date;
  remindAt: Date;
  closesAt: Date;
  items: RoundItem[];
  invited: number;
  /** Invitees holding a TRIO role: the most forum members among the respondents (disclosure.ts). */
  forumInvited: number;
  answered: number;
  status: RoundStatus;
  fannedOut: boolean;
  /** Id of the seal key of this round's ballots; '' for a round opened before ballots were sealed. */
  keyId: string;
  /** Decided once at closing (disclosure.ts); absent before, and on rounds closed before it existed. */
  published?: z.infer<typeof PublicationSchema>;
}

/** A round as the tick opens it: invitations and counts are the store's. */
export type NewRound = Omit<Round, 'invited' | 'answered' | 'status' | 'fannedOut' | 'keyId' | 'published'>;

/** What one person answered, as it is sealed in the inbox. */
export const BallotSchema = z.object({
  scores: z.array(z.object({ itemId: z.string(), score: z.number().int().min(1).max(5) })),
  comment: z.string().optional(),
});
export type Ballot = z.infer<typeof BallotSchema>;

/** "Ikke relevant" on the card: no score at all (the round's item must offer it; verbs.ts checks). */
export const NOT_APPLICABLE = 'na';
const SCORES = ['1', '2', '3', '4', '5', NOT_APPLICABLE] as const;
const score = z.enum(SCORES);

/** The question card as submitted: the card's own data plus one choice per question and an optional comment. */
export const AnswerSchema = z
  .object({
    workplaceId: z.string().min(1).max(80),
    round: z.string().regex(/^\d{4}-W\d{2}$/),
    items: z.array(z.string().min(1).max(40)).min(1).max(3),
    q1: z.unknown().optional(),
    q2: z.unknown().optional(),
    q3: z.unknown().optional(),
    comment: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v === null ? undefined : v),
      z.string().max(COMMENT_MAX, t.answer.commentTooLong(COMMENT_MAX)).optional(),
    ),
    /** The health terms the writer confirmed on the firewall card (sickness/firewall.ts). */
    confirmedTerms: confirmedTermsInput,
  })
  .superRefine((d, ctx) => {
    d.items.forEach((_, i) => {
      const key = `q${i + 1}` as 'q1' | 'q2' | 'q3';
      if (!score.safeParse(d[key]).success) ctx.addIssue({ code: 'custom', path: [key], message: t.answer.scoreMissing });
    });
  })
  .transform((d) => ({
    workplaceId: d.workplaceId,
    round: d.round,
    items: d.items,
    /** 1-5, or null for "Ikke relevant". */
    scores: d.items.map((_, i) => {
      const v = d[`q${i + 1}` as 'q1' | 'q2' | 'q3'];
      return v === NOT_APPLICABLE ? null : Number(v);
    }),
    ...(d.comment ? { comment: d.comment } : {}),
    ...(d.confirmedTerms.length ? { confirmedTerms: d.confirmedTerms } : {}),
  }));
export type AnswerData = z.output<typeof AnswerSchema>;
