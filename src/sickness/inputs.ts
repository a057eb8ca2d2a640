/**
 * zod schemas for every card submit and command argument of the sickness feature.
 * Card inputs arrive as strings ("true"/"false" from toggles, "" for empty optional
 * inputs); each field has its Danish message. Checks that need "today" are made in
 * the verb (see checks.ts), because a schema is built once.
 */
import { z } from 'zod';
import { isLocalDate, isLocalTime } from '../shared/calendar.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { PAY_KINDS } from './law.js';
import { ADJUSTMENT_NEEDS, CASE_ID_RE, CONTACT_METHODS, EXPECTED_DURATIONS, MANUAL_STEPS, MULIGHEDSERKLAERING } from './model.js';
import { CONTACT_COUNTINGS } from './policy.js';

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
/** Salary during the absence: the usual case when a form does not say. */
export const payInput = z.preprocess((v) => empty(v) ?? 'loen', z.enum(PAY_KINDS, { message: t.v.pay }));
const aad = (message: string) => z.string({ message }).trim().min(1, message).max(100, message);

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
  pay: payInput,
});

export const confirmInput = caseRef.extend({ firstDay: localDateInput(), partial: flag, expectedDuration: durationInput, pay: payInput });

export const updateInput = caseRef.extend({ partial: flag, expectedDuration: durationInput, pay: payInput });

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
  mulighedserklaering: z.preprocess((v) => empty(v) ?? 'nej', z.enum(MULIGHEDSERKLAERING, { message: t.v.mulighedserklaering })),
  paragraf56: flag,
  nextFollowUp: optionalDate(),
  confirmedTerms,
});

export const stepInput = caseRef.extend({ step: z.enum(MANUAL_STEPS, { message: t.v.step }) });

export const inviteTrInput = caseRef.extend({
  rev: z.coerce.number().int().min(1),
  trId: z.preprocess(empty, z.string().min(1).max(100).optional()),
});

const count = (min: number, max: number) => z.coerce.number({ message: t.v.number(min, max) }).int(t.v.number(min, max)).min(min, t.v.number(min, max)).max(max, t.v.number(min, max));
/** "1, 3, 10" → [1, 3, 10]; the policy schema checks the order. */
const dayList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean).map((d) => (/^\d+$/.test(d) ? Number(d) : d)) : v),
  z.array(z.number({ message: t.v.dayList }).int(t.v.dayList).min(1, t.v.dayList).max(366, t.v.dayList), { message: t.v.dayList }).min(1, t.v.dayList).max(10, t.v.dayList),
);
const percent = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().replace(',', '.').replace(/\s*%$/, '') : v),
  z.coerce.number({ message: t.v.percent }).min(0, t.v.percent).max(100, t.v.percent),
);
const optionalFte = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().replace(',', '.')) : v),
  z.coerce.number({ message: t.v.fte }).positive(t.v.fte).max(100_000, t.v.fte).optional(),
);

/**
 * The settings card: the model (a preset or deployment id, or 'eget'), the own model's
 * fields (checked against the policy schema only when 'eget' is chosen), the local rules
 * and MED's measure.
 */
export const settingsInput = z.object({
  workplaceId,
  model: z.string({ message: t.v.model }).trim().min(1, t.v.model).max(40, t.v.model),
  hrContactId: z.preprocess((v) => (v === 'ingen' ? undefined : empty(v)), z.string().min(1).max(100).optional()),
  repeatedCases: count(2, 20),
  repeatedMonths: count(1, 24),
  retentionMonths: count(1, 60),
  returnFollowUp: flag,
  targetPercent: percent,
  staffFte: optionalFte,
  longFromDays: count(2, 366),
  ownName: freeText(80, t.v.ownName),
  ownSource: freeText(200, t.v.ownSource),
  ownSummary: freeText(600, t.v.ownSummary),
  ownDays: z.preprocess((v) => (v === '' ? undefined : v), dayList.optional()),
  ownCounting: z.preprocess((v) => empty(v) ?? 'calendar', z.enum(CONTACT_COUNTINGS, { message: t.v.counting })),
  ownRemindAgain: z.preprocess((v) => empty(v) ?? 2, count(1, 10)),
  ownBookWithin: z.preprocess((v) => empty(v) ?? 21, count(1, 28)),
  ownHoldWithin: z.preprocess((v) => empty(v) ?? 28, count(1, 28)),
  ownEscalation: z.preprocess((v) => empty(v) ?? 3, count(0, 14)),
});

/** The case's leader hands it to another leader: for good, or as holiday cover until a day. */
export const handoverInput = caseRef.extend({
  toLeader: aad(t.v.otherLeader),
  kind: z.enum(['cover', 'transfer'], { message: t.v.handoverKind }),
  until: optionalDate(),
});

/** A contact (point, 0 = all) to a TR, AMR or colleague, agreed with the employee. */
export const contactHandoverInput = caseRef.extend({
  contactPerson: aad(t.v.contactPerson),
  which: z.coerce.number({ message: t.v.which }).int(t.v.which).min(0, t.v.which).max(366, t.v.which),
  agreed: flag,
});

/** `indstillinger sygefravær [arbejdssted]` */
export const settingsArgs = z.string().trim().max(80);
