/**
 * zod schemas for MUS card submits, with Danish messages per field. Card data always
 * arrives as strings (Input.Number too, in some clients), so numbers are coerced.
 *
 * Two kinds: the dispatcher's schema of a verb holds the ids its card always carries
 * (`...Ref`); the form schemas (`...Form`) are checked by the verb after access, so a
 * refused form can come back with everything typed (forms.ts).
 */
import { z } from 'zod';
import { isLocalDate } from '../shared/calendar.js';
import { musText as t } from '../i18n/mus.js';
import { findHealthTerms } from '../sickness/health-terms.js';
import { addError, checkForm, checkRow, type FieldErrors, type FormCheck } from './forms.js';
import { ACTIVITIES, ACTIVITY_STATUSES, NOT_HELD_REASONS, REGISTER_ACTIVITY_ROWS, type Activity } from './model.js';

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
const text = (max: number) => z.string().trim().max(max, t.v.atMostChars(max)).optional().transform((v) => v ?? '');

// ------------------------------------------------------------------ refs (dispatcher)

export const workplaceRef = z.object({ workplaceId: id }).catchall(z.unknown());
export const draftRef = z.object({ workplaceId: id, draftId: id }).catchall(z.unknown());
export const talkRef = z.object({ workplaceId: id, talkId: id }).catchall(z.unknown());
export const versionedTalkRef = z.object({ workplaceId: id, talkId: id, version }).catchall(z.unknown());
export const planRef = z.object({ workplaceId: id, talkId: id, aadObjectId: id }).catchall(z.unknown());
export const keepSchema = z.object({ workplaceId: id, talkId: id, version, aadObjectId: id });
export const ackSchema = z.object({ workplaceId: id, talkId: id });
export const peopleRef = z.object({ workplaceId: id, ids: list }).catchall(z.unknown());

// ------------------------------------------------------------------ forms

/** The pause between talks the planning card offers, in minutes. */
export const MAX_BUFFER_MINUTES = 120;

export const proposeForm = z.object({
  from: dateSchema,
  to: dateSchema,
  windowStart: timeSchema,
  windowEnd: timeSchema,
  duration: z.coerce.number({ message: t.v.wholeMinutes }).int(t.v.wholeMinutes).min(15, t.v.atLeastMinutes(15)).max(240, t.v.atMostMinutes(240)),
  buffer: z
    .union([z.literal('').transform(() => 15), z.coerce.number().int(t.v.wholeMinutes).min(0, t.v.atLeastMinutes(0)).max(MAX_BUFFER_MINUTES, t.v.atMostMinutes(MAX_BUFFER_MINUTES))])
    .optional()
    .transform((v) => v ?? 15),
  place: z.string().trim().min(1, t.v.place).max(100, t.v.atMostChars(100)),
  mode: z.enum(['individual', 'group'], { message: t.v.mode }),
  participants: list.pipe(z.array(z.string()).min(1, t.v.participants)),
});

/** The employee's preparation: notes (private to employee and leaders) and the senior wish. */
export const notesForm = z.object({
  notes: z.string().max(2000, t.v.atMostChars(2000)).optional(),
  senior: z.enum(['true', 'false']).optional(),
});

export const changeForm = notesForm.extend({
  reason: z.string({ message: t.reasonMissing }).trim().min(3, t.reasonMissing).max(200, t.v.atMostChars(200)),
});

export const moveForm = z.object({ date: dateSchema, time: timeSchema });

/** The activity rows of the registration card: `a<i>_kind`, `a<i>_text`. */
export const activityRowIds = (i: number) => ({ kind: `a${i}_kind`, text: `a${i}_text` });
const kind = z.union([z.enum(ACTIVITIES, { message: t.v.fromList }), z.literal('')]).optional().transform((v) => v ?? '');
export const activityRow = z.object({ kind, text: text(300) });

/** Registrér MUS without the activity rows (parseRegistration reads those). The plan takes the trade's words as they are. */
const registerBase = z.object({
  outcome: z.enum(['held', 'notHeld'], { message: t.v.outcome }),
  reason: z.union([z.enum(NOT_HELD_REASONS), z.literal('')]).optional().transform((v) => v ?? ''),
  shortGoals: text(1000),
  longGoals: text(1000),
  // Older cards: kinds as one multi-select and one note for all of them.
  activities: list.pipe(z.array(z.enum(ACTIVITIES, { message: t.v.fromList }))),
  activityNote: text(1000),
  knowledgeSharing: text(500),
  seniorNote: text(1000),
  followUpOn: z.string().trim().optional().transform((v) => v ?? ''),
});

export type Registration = Omit<z.output<typeof registerBase>, 'activities' | 'activityNote'> & { items: { kind: Activity; text: string }[] };

/** The registration card as typed: a written plan when held (goals, at least one activity, a follow-up date), a reason when not. */
export function parseRegistration(raw: Record<string, unknown>): FormCheck<Registration> {
  const base = checkForm(registerBase, raw);
  const errors: FieldErrors = base.ok ? {} : { ...base.errors };
  const rows = Array.from({ length: REGISTER_ACTIVITY_ROWS }, (_, i) => {
    const ids = activityRowIds(i);
    const row = checkRow(activityRow, raw, ids, errors);
    if (row?.text && !row.kind) addError(errors, ids.kind, t.v.activityKind);
    return row;
  });
  if (!base.ok) return { ok: false, errors };
  const { activities, activityNote, ...d } = base.data;
  // The plan is read by employee and leader: the words of the trade pass, health words about a person do not.
  refuseHealthWords(errors, { shortGoals: d.shortGoals, longGoals: d.longGoals, knowledgeSharing: d.knowledgeSharing, seniorNote: d.seniorNote });
  rows.forEach((r, i) => r && refuseHealthWords(errors, { [activityRowIds(i).text]: r.text }));
  const typedRows = rows.flatMap((r) => (r?.kind ? [{ kind: r.kind, text: r.text }] : []));
  const items = typedRows.length ? typedRows : activities.map((k, i) => ({ kind: k, text: i === 0 ? activityNote : '' }));
  if (d.outcome === 'notHeld') {
    if (!d.reason) addError(errors, 'reason', t.reasonRequired);
  } else {
    if (!d.shortGoals) addError(errors, 'shortGoals', t.goalsRequired);
    if (!d.longGoals) addError(errors, 'longGoals', t.goalsRequired);
    if (items.length === 0) addError(errors, activityRowIds(0).kind, t.activityRequired);
    if (items.some((a) => a.kind === 'kursus') && !d.knowledgeSharing) addError(errors, 'knowledgeSharing', t.sharingRequired);
    if (!isLocalDate(d.followUpOn)) addError(errors, 'followUpOn', t.v.date);
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: { ...d, items } };
}

/** Each text of the plan checked in the workplace context (src/sickness/health-terms.ts); a health word is an error at its field. */
function refuseHealthWords(errors: FieldErrors, texts: Record<string, string>): void {
  for (const [field, value] of Object.entries(texts)) {
    const words = findHealthTerms(value, 'workplace');
    if (words.length) addError(errors, field, t.v.healthWords(words.slice(0, 2)));
  }
}

/** The follow-up card's inputs: per activity `s_<i>` (status) and `n_<i>` (what happened); one new activity. */
export const followUpIds = {
  row: (i: number) => ({ status: `s_${i}`, note: `n_${i}` }),
  added: { kind: 'new_kind', text: 'new_text' },
};
const followUpBase = z.object({
  shortGoals: text(1000),
  longGoals: text(1000),
  changes: text(1000),
  nextFollowUpOn: z.union([z.literal(''), dateSchema]).optional().transform((v) => v ?? ''),
});
const followUpRow = z.object({ status: z.enum(ACTIVITY_STATUSES, { message: t.v.fromList }), note: text(500) });

export type FollowUpInput = z.output<typeof followUpBase> & {
  updates: { index: number; status: (typeof ACTIVITY_STATUSES)[number]; note: string }[];
  added: { kind: Activity; text: string }[];
};

/** The follow-up as typed for a plan of `count` activities. */
export function parseFollowUp(raw: Record<string, unknown>, count: number, today: string): FormCheck<FollowUpInput> {
  const base = checkForm(followUpBase, raw);
  const errors: FieldErrors = base.ok ? {} : { ...base.errors };
  const updates = Array.from({ length: count }, (_, index) => {
    const row = checkRow(followUpRow, raw, followUpIds.row(index), errors);
    return row ? [{ index, ...row }] : [];
  }).flat();
  const added = checkRow(activityRow, raw, followUpIds.added, errors);
  if (added?.text && !added.kind) addError(errors, followUpIds.added.kind, t.v.activityKind);
  if (base.ok) refuseHealthWords(errors, { shortGoals: base.data.shortGoals, longGoals: base.data.longGoals, changes: base.data.changes });
  updates.forEach((u) => refuseHealthWords(errors, { [followUpIds.row(u.index).note]: u.note }));
  if (added) refuseHealthWords(errors, { [followUpIds.added.text]: added.text });
  if (base.ok && !base.data.shortGoals) addError(errors, 'shortGoals', t.goalsRequired);
  if (base.ok && base.data.nextFollowUpOn && base.data.nextFollowUpOn <= today) addError(errors, 'nextFollowUpOn', t.v.notBeforeTomorrow);
  if (!base.ok || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: { ...base.data, updates, added: added?.kind ? [{ kind: added.kind, text: added.text }] : [] } };
}

/** One row of the stamdata card: every field may be left empty. A birth year of 0 is what some clients send for an empty number. */
export interface PersonLimits {
  today: string;
  /** A new hire may start up to a year from today. */
  latestStart: string;
  minYear: number;
  maxYear: number;
}
export const personSchema = (limits: PersonLimits) => {
  const year = t.v.birthYear(limits.minYear, limits.maxYear);
  const blank = z.string().trim().optional().transform((v) => v ?? '');
  return z.object({
    start: blank.pipe(z.union([z.literal(''), dateSchema.refine((d) => d <= limits.latestStart, t.v.startTooLate)])),
    birth: blank.transform((v) => (v === '' || v === '0' ? undefined : v)).pipe(z.union([z.undefined(), z.coerce.number<string>({ message: year }).int(year).min(limits.minYear, year).max(limits.maxYear, year)])),
    last: blank.pipe(z.union([z.literal(''), dateSchema.refine((d) => d <= limits.today, t.v.lastMusFuture)])),
  });
};

/** A GRUS group name typed next to a person; empty means an individual talk. */
export const groupNameSchema = z.string().trim().max(40).optional().transform((v) => v ?? '');

export const settingsForm = z.object({
  questions: z.string().optional().transform((v) => (v ?? '').split(/\r?\n/).map((q) => q.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(300, t.questionTooLong)).min(1, t.questionsRequired).max(12, t.questionsTooMany)),
  seniorAge: z.coerce.number({ message: t.v.wholeYears }).int(t.v.wholeYears).min(50, t.v.atLeast(50)).max(70, t.v.atMost(70)),
});
