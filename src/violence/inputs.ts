/**
 * zod schemas of every card submit of the feature. Card inputs arrive as strings
 * ("true"/"false" from toggles, "" for an empty optional input); each field has its
 * Danish message. Checks that need "today" or the workplace's place list are made in
 * the verb (verbs.ts), because a schema is built once.
 */
import { z } from 'zod';
import { LABEL, violenceText as t } from '../i18n/violence.js';
import { isLocalDate, isLocalTime } from '../shared/calendar.js';
import { EPISODE_ID_RE, EPISODE_KINDS, EPISODE_SOURCES, FORM_KEY_RE, LEADER_STEPS, POLICE_DECISIONS } from './model.js';
import { looksLikeCpr } from './rules.js';

const empty = (v: unknown) => (v === '' || v === null ? undefined : v);
const flag = z.preprocess((v) => (v === undefined || v === '' ? false : v === true || v === 'true'), z.boolean());
const localDate = z.string({ message: t.v.date }).trim().refine(isLocalDate, { message: t.v.date });

const workplaceId = z.string({ message: t.v.workplace }).regex(/^[a-z0-9-]{1,60}$/, t.v.workplace);
const episodeId = z.string({ message: t.v.episode }).regex(EPISODE_ID_RE, t.v.episode);

/** Identifies an episode in card data; access is always re-checked against the stored episode. */
export const episodeRef = z.object({ workplaceId, episodeId });

/** The terms the person was warned about and chose to keep (the second submit). */
const confirmedTerms = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
  z.array(z.string().max(40)).max(50).default([]),
);

/** A choice of the form's "Hvem" list, carried in the button's data so the form can be shown again. */
const choice = z.object({ title: z.string().max(200), value: z.string().max(100) });

export const registerInput = z.object({
  workplaceId,
  formKey: z.string({ message: t.v.form }).regex(FORM_KEY_RE, t.v.form),
  subject: z.string({ message: t.v.who }).trim().min(1, t.v.who).max(100, t.v.who),
  occurredOn: localDate,
  occurredAt: z.string({ message: t.v.time }).trim().refine(isLocalTime, { message: t.v.time }),
  place: z.string({ message: t.v.place }).trim().min(1, t.v.place).max(40, t.v.place),
  kind: z.enum(EPISODE_KINDS, { message: t.v.kind }),
  source: z.enum(EPISODE_SOURCES, { message: t.v.source }),
  injured: flag,
  absenceFrom: z.preprocess(empty, localDate.optional()),
  needsTalkNow: flag,
  amrMayKnowName: flag,
  description: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(1000, t.v.description).refine((s) => !looksLikeCpr(s), t.v.cpr).optional(),
  ),
  confirmedTerms,
  people: z.array(choice).max(200).catch([]),
  places: z.array(z.string().max(40)).max(15).catch([]),
});
export type RegisterInput = z.infer<typeof registerInput>;

export const registerLabels: Record<string, string> = {
  subject: LABEL.who,
  occurredOn: LABEL.occurredOn,
  occurredAt: LABEL.occurredAt,
  place: LABEL.place,
  kind: LABEL.kind,
  source: LABEL.source,
  absenceFrom: LABEL.absenceFrom,
  description: LABEL.description,
  formKey: '',
  workplaceId: '',
};

export const stepInput = episodeRef.extend({ step: z.enum(LEADER_STEPS, { message: t.v.step }) });
export const policeInput = episodeRef.extend({ decision: z.enum(POLICE_DECISIONS, { message: t.v.police }) });
export const confirmInput = episodeRef.extend({ amrMayKnowName: flag });

/** `registrér episode [arbejdssted]` */
export const workplaceArg = z.string().trim().max(80);

/** The "Registrér episode" button (help card): optionally names the workplace. */
export const formInput = z.object({ workplace: workplaceArg.default('') });

/** A whole number of days from a card input ("3" or 3); empty or anything else is the range's message. */
const days = (min: number, max: number) =>
  z.preprocess((v) => (v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v.trim()) : v), z.number({ message: t.settings.v.days(min, max) }).int(t.settings.v.days(min, max)).min(min, t.settings.v.days(min, max)).max(max, t.settings.v.days(min, max)));

/** The place list as typed: one per line, trimmed, empty lines and repeats left out. */
const placeList = z.preprocess(
  (v) => (typeof v === 'string' ? [...new Set(v.split(/\r?\n/).map((x) => x.trim()).filter(Boolean))] : v),
  z.array(z.string().max(40, t.settings.v.places), { message: t.settings.v.places }).min(1, t.settings.v.places).max(15, t.settings.v.places),
);

/** The settings card's save; the ranges are those of ViolencePolicySchema (settings.ts). */
export const settingsInput = z.object({
  workplaceId,
  places: placeList,
  talkDays: days(0, 7),
  followUpTalkDays: days(1, 30),
  anmeldelseDays: days(1, 60),
  anmeldelseLeadDays: days(0, 30),
  policeReminderDays: days(1, 30),
  riskAssessmentDays: days(1, 90),
});
export type SettingsInput = z.infer<typeof settingsInput>;

export const settingsLabels: Record<string, string> = {
  places: t.settings.places,
  talkDays: t.settings.talkDays,
  followUpTalkDays: t.settings.followUpTalkDays,
  anmeldelseDays: t.settings.anmeldelseDays,
  anmeldelseLeadDays: t.settings.anmeldelseLeadDays,
  policeReminderDays: t.settings.policeReminderDays,
  riskAssessmentDays: t.settings.riskAssessmentDays,
  workplaceId: '',
};
