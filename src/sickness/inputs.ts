/**
 * zod schemas for every card submit and command argument of the sickness feature.
 * Card inputs arrive as strings ("true"/"false" from toggles, "" for empty optional
 * inputs); each field has its Danish message. Checks that need "today" are made in
 * the verb (see checks.ts), because a schema is built once.
 */
import { z } from 'zod';
import { isLocalDate, isLocalTime } from '../shared/calendar.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { ADJUSTMENT_NEEDS, CASE_ID_RE, CONTACT_METHODS, EXPECTED_DURATIONS, MANUAL_STEPS } from './model.js';

const empty = (v: unknown) => (v === '' || v === null ? undefined : v);

export const localDateInput = (message = t.v.date) =>
  z.string({ message }).trim().refine(isLocalDate, { message });
const optionalDate = (message = t.v.date) => z.preprocess(empty, localDateInput(message).optional());
const flag = z.preprocess(
  (v) => (v === undefined || v === '' ? false : v === true || v === 'true'),
  z.boolean(),
);
/** Free text: trimmed, bounded, empty means absent. */
const freeText = (max: number, message: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max, message).optional());

const workplaceId = z.string({ message: t.v.workplace }).min(1, t.v.workplace).max(60, t.v.workplace).regex(/^[a-z0-9-]+$/, t.v.workplace);
const caseId = z.string({ message: t.v.caseId }).regex(CASE_ID_RE, t.v.caseId);

/** Identifies a case in card data; access is always re-checked against the stored case. */
export const caseRef = z.object({ workplaceId, caseId });
export type CaseRef = z.infer<typeof caseRef>;

export const durationInput = z.enum(EXPECTED_DURATIONS, { message: t.v.duration });

export const openInput = z.object({
  /** "<workplaceId>|<aadObjectId>" from the choice set. */
  employee: z
    .string({ message: t.v.employee })
    .regex(/^[a-z0-9-]+\|[^|]{1,100}$/, t.v.employee)
    .transform((v) => {
      const [wp, aad] = v.split('|') as [string, string];
      return { workplaceId: wp, aadObjectId: aad };
    }),
  firstDay: localDateInput(),
  partial: flag,
  expectedDuration: durationInput,
});

export const confirmInput = caseRef.extend({ firstDay: localDateInput(), partial: flag, expectedDuration: durationInput });

export const updateInput = caseRef.extend({ partial: flag, expectedDuration: durationInput });

export const closeInput = caseRef.extend({ returnDay: localDateInput() });

export const contactRef = caseRef.extend({ point: z.coerce.number().int().min(0).max(366) });

/** The terms the leader was warned about and chose to keep (the second submit). */
const confirmedTerms = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
  z.array(z.string().max(40)).max(50).default([]),
);

export const contactInput = contactRef.extend({
  how: z.enum(CONTACT_METHODS, { message: t.v.method }),
  expectedReturn: optionalDate(),
  adjustments: z.preprocess((v) => empty(v) ?? 'ved-ikke', z.enum(ADJUSTMENT_NEEDS, { message: t.v.adjustments })),
  nextContact: optionalDate(),
  note: freeText(500, t.v.note),
  confirmedTerms,
});

export const bookInput = caseRef.extend({
  date: localDateInput(),
  time: z.string({ message: t.v.time }).trim().refine(isLocalTime, { message: t.v.time }),
  place: z.string({ message: t.v.place }).trim().min(2, t.v.place).max(120, t.v.place),
  confirmedTerms,
});

export const outcomeInput = caseRef.extend({
  heldOn: localDateInput(),
  plan: freeText(1000, t.v.note),
  partialReturn: flag,
  mulighedserklaering: flag,
  paragraf56: flag,
  nextFollowUp: optionalDate(),
  confirmedTerms,
});

export const stepInput = caseRef.extend({ step: z.enum(MANUAL_STEPS, { message: t.v.step }) });

export const inviteTrInput = caseRef.extend({
  rev: z.coerce.number().int().min(1),
  trId: z.preprocess(empty, z.string().min(1).max(100).optional()),
});

export const settingsInput = z.object({
  workplaceId,
  model: z.enum(['1-3-10', '1-5-14', '2-6-14'], { message: t.v.model }),
  hrContactId: z.preprocess((v) => (v === 'ingen' ? undefined : empty(v)), z.string().min(1).max(100).optional()),
  repeatedCases: z.coerce.number({ message: t.v.number(2, 20) }).int(t.v.number(2, 20)).min(2, t.v.number(2, 20)).max(20, t.v.number(2, 20)),
  repeatedMonths: z.coerce.number({ message: t.v.number(1, 24) }).int(t.v.number(1, 24)).min(1, t.v.number(1, 24)).max(24, t.v.number(1, 24)),
  retentionMonths: z.coerce.number({ message: t.v.number(1, 60) }).int(t.v.number(1, 60)).min(1, t.v.number(1, 60)).max(60, t.v.number(1, 60)),
  returnFollowUp: flag,
});

/** `indstillinger sygefravær [arbejdssted]` */
export const settingsArgs = z.string().trim().max(80);
