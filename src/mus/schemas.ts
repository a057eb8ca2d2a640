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
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'vælg et klokkeslæt som 09:00')
  .transform((s) => s.slice(0, 5));

export const dateSchema = z.string().trim().refine(isLocalDate, 'vælg en dato');

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
    duration: z.coerce.number().int('skriv et helt antal minutter').min(15, 'mindst 15 minutter').max(240, 'højst 240 minutter'),
    place: z.string().trim().min(1, 'skriv hvor samtalerne holdes').max(100, 'højst 100 tegn'),
    mode: z.enum(['individual', 'group'], { message: 'vælg individuelle samtaler eller GRUS' }),
    participants: list.pipe(z.array(z.string()).min(1, 'vælg mindst én medarbejder')),
  })
  .catchall(z.unknown());
export const proposeLabels = { from: t.from, to: t.to, windowStart: t.windowStart, windowEnd: t.windowEnd, duration: t.duration, place: t.place, mode: t.mode, participants: t.participants };

export const draftSchema = z.object({ workplaceId: id, draftId: id }).catchall(z.unknown());

const notes = z.string().max(2000, 'højst 2000 tegn').optional();

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
  reason: z.string().trim().min(3, t.reasonMissing).max(200, 'højst 200 tegn'),
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
    outcome: z.enum(['held', 'notHeld'], { message: 'vælg om samtalen blev holdt' }),
    reason: z.union([z.enum(NOT_HELD_REASONS), z.literal('')]).optional(),
    shortGoals: text(1000),
    longGoals: text(1000),
    activities: list.pipe(z.array(z.enum(ACTIVITIES, { message: 'vælg fra listen' }))),
    activityNote: text(1000),
    knowledgeSharing: text(500),
    followUpOn: z.string().trim().optional().transform((v) => v ?? ''),
  })
  .superRefine((d, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    for (const key of ['shortGoals', 'longGoals', 'activityNote', 'knowledgeSharing'] as const) {
      const words = findHealthTerms(d[key]);
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
    if (!isLocalDate(d.followUpOn)) issue('followUpOn', 'vælg en dato');
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
  seniorAge: z.coerce.number().int('skriv en alder i hele år').min(50, 'mindst 50').max(70, 'højst 70'),
});
export const settingsLabels = { questions: t.questions, seniorAge: t.seniorAge };
export const resetSchema = z.object({ workplaceId: id });
