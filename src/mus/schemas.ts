/**
 * zod schemas for MUS card submits, with Danish messages per field. Card data always
 * arrives as strings (Input.Number too, in some clients), so numbers are coerced.
 */
import { z } from 'zod';
import { findHealthTerms } from '../sickness/health-terms.js';
import { isLocalDate } from '../shared/calendar.js';
import { musText as t } from '../i18n/mus.js';
import { ACTIVITIES, NOT_HELD_REASONS } from './model.js';

/** "09:00" or "09:00:00" (some clients send seconds) → "09:00". */
export const timeSchema = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, t.v.time)
  .transform((s) => s.slice(0, 5));

export const dateSchema = z.string().trim().refine(isLocalDate, t.v.date);

const id = z.string().trim().min(1).max(100);
const version = z.coerce.number().int().min(1);
const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

export const proposeSchema = z
  .object({
    workplaceId: id,
    from: dateSchema,
    to: dateSchema,
    windowStart: timeSchema,
    windowEnd: timeSchema,
    duration: z.coerce.number().int(t.v.wholeMinutes).min(15, t.v.atLeastMinutes(15)).max(240, t.v.atMostMinutes(240)),
    place: z.string().trim().min(1, t.v.place).max(100, t.v.atMostChars(100)),
    mode: z.enum(['individual', 'group'], { message: t.v.mode }),
    participants: list.pipe(z.array(z.string()).min(1, t.v.participants)),
  })
  .catchall(z.unknown());
export const proposeLabels = { from: t.from, to: t.to, windowStart: t.windowStart, windowEnd: t.windowEnd, duration: t.duration, place: t.place, mode: t.mode, participants: t.participants };

export const draftSchema = z.object({ workplaceId: id, draftId: id }).catchall(z.unknown());

const notes = z.string().max(2000, t.v.atMostChars(2000)).optional();

export const inviteActionSchema = z.object({
  workplaceId: id,
  talkId: id,
  version,
  notes,
  senior: z.enum(['true', 'false']).optional(),
  reason: z.string().optional(),
});
export const inviteLabels = { notes: t.notes, reason: t.reason };

export const changeRequestSchema = inviteActionSchema.extend({
  reason: z.string().trim().min(3, t.reasonMissing).max(200, t.v.atMostChars(200)),
});

export const moveSchema = z.object({ workplaceId: id, talkId: id, version, aadObjectId: id.optional(), date: dateSchema, time: timeSchema });
export const keepSchema = z.object({ workplaceId: id, talkId: id, version, aadObjectId: id });
export const moveLabels = { date: t.slotDate, time: t.slotTime };

const text = (max: number) => z.string().trim().max(max, `højst ${max} tegn`).optional().transform((v) => v ?? '');

/** Registrér MUS: a written plan when held, a reason when not. No health words in the texts. */
export const registerSchema = z
  .object({
    workplaceId: id,
    talkId: id,
    outcome: z.enum(['held', 'notHeld'], { message: t.v.outcome }),
    reason: z.union([z.enum(NOT_HELD_REASONS), z.literal('')]).optional(),
    shortGoals: text(1000),
    longGoals: text(1000),
    activities: list.pipe(z.array(z.enum(ACTIVITIES, { message: t.v.fromList }))),
    activityNote: text(1000),
    knowledgeSharing: text(500),
    followUpOn: z.string().trim().optional().transform((v) => v ?? ''),
  })
  .superRefine((d, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    for (const key of ['shortGoals', 'longGoals', 'activityNote', 'knowledgeSharing'] as const) {
      // The plan is read by others: the words of the trade ("kursus i medicinhåndtering") pass, health words about a person do not.
      const words = findHealthTerms(d[key], 'workplace');
      if (words.length) issue(key, t.healthWords(words.slice(0, 2)));
    }
    if (d.outcome === 'notHeld') {
      if (!d.reason) issue('reason', t.reasonRequired);
      return;
    }
    if (!d.shortGoals) issue('shortGoals', t.goalsRequired);
    if (!d.longGoals) issue('longGoals', t.goalsRequired);
    if (d.activities.length === 0) issue('activities', t.activityRequired);
    if (d.activities.includes('kursus') && !d.knowledgeSharing) issue('knowledgeSharing', t.sharingRequired);
    if (!isLocalDate(d.followUpOn)) issue('followUpOn', t.v.date);
  });
export const registerLabels = {
  outcome: t.outcome,
  reason: t.notHeldReason,
  shortGoals: t.shortGoals,
  longGoals: t.longGoals,
  activities: t.activities,
  activityNote: t.activityNote,
  knowledgeSharing: t.knowledgeSharing,
  followUpOn: t.followUpOn,
};

export const ackSchema = z.object({ workplaceId: id, talkId: id });

export const peopleSchema = z.object({ workplaceId: id, ids: list }).catchall(z.unknown());

/** One row of the stamdata card: both fields may be left empty. */
export const personSchema = (today: string, minYear: number, maxYear: number) =>
  z.object({
    start: z.union([z.literal(''), dateSchema.refine((d) => d <= today)]),
    birth: z.union([z.literal('').transform(() => undefined), z.coerce.number().int().min(minYear).max(maxYear)]),
  });

/** A GRUS group name typed next to a person; empty means an individual talk. */
export const groupNameSchema = z.string().trim().max(40).optional().transform((v) => v ?? '');

export const settingsSchema = z.object({
  workplaceId: id,
  questions: z.string().optional().transform((v) => (v ?? '').split(/\r?\n/).map((q) => q.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(300, t.questionTooLong)).min(1, t.questionsRequired).max(12, t.questionsTooMany)),
  seniorAge: z.coerce.number().int(t.v.wholeYears).min(50, t.v.atLeast(50)).max(70, t.v.atMost(70)),
});
export const settingsLabels = { questions: t.questions, seniorAge: t.seniorAge };
export const resetSchema = z.object({ workplaceId: id });
