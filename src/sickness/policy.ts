/**
 * The sickness follow-up policy as data. The workplace's own fraværspolitik decides
 * the contact model (1-3-10, 1-5-14, ...); the law decides the statutory milestones.
 * Both are configurable so a Hoved-MED guideline can change them without code.
 *
 * Day conventions (used consistently in timeline.ts):
 * - `...Day` fields are absence-day numbers, 1-based: day 1 = the first day of absence.
 * - `...DaysAfterFirstDay` fields are calendar-day offsets from the first day:
 *   "senest 4 uger efter første fraværsdag" = first day + 28 days.
 *
 * Legal citations are deliberately short and conservative. Where a rule is a local
 * choice, the source names the fraværspolitik instead of a paragraph.
 */
import { z } from 'zod';
import { policyText } from '../i18n/sickness.js';

const dayNumber = z.number().int().min(1).max(366);
const dayOffset = z.number().int().min(0).max(366);
const source = z.string().min(1).max(200);

export const FollowUpPolicySchema = z
  .object({
    /** Short id such as "1-3-10"; shown in settings. */
    id: z.string().min(1).max(40),
    /** Absence days on which the leader (or chosen contact person) gets in touch. */
    contactDays: z.array(dayNumber).min(1).max(10),
    contactSource: source,
    /** Whether contacts also apply to a delvis sygemelding (the employee is partly at work). */
    partialAbsenceContacts: z.boolean(),
    samtale: z.object({
      /** Absence day from which the leader is asked to book the sygefraværssamtale. */
      bookFromDay: dayNumber,
      deadlineDaysAfterFirstDay: dayOffset,
      source,
    }),
    municipality: z.object({
      /** The employer period (arbejdsgiverperioden) in calendar days. */
      employerPeriodDays: dayNumber,
      /** Absence day of the first reminder; the deadline itself is below. */
      remindFromDay: dayNumber,
      deadlineDaysAfterFirstDay: dayOffset,
      source,
    }),
    /** Prompts that apply when the absence is expected to last more than 8 weeks. */
    fastholdelsesplan: z.object({ enabled: z.boolean(), source }),
    fastTrack: z.object({
      enabled: z.boolean(),
      /** The employer's request must be made within the first 5 weeks of absence. */
      deadlineDaysAfterFirstDay: dayOffset,
      source,
    }),
    /** Re-remind about a contact not logged after this many working days. */
    reRemindWorkingDays: z.number().int().min(1).max(10),
    /** Escalate this many calendar days before a statutory deadline. */
    escalationDaysBeforeDeadline: z.number().int().min(0).max(14),
    returnFollowUp: z.object({
      enabled: z.boolean(),
      /** Calendar days after the first day back at work. */
      daysAfterReturn: dayNumber,
      /** Only after absences of at least this many calendar days. */
      minAbsenceDays: dayNumber,
      source,
    }),
    repeatedAbsence: z.object({
      /** This many separate cases ... */
      cases: z.number().int().min(2).max(20),
      /** ... starting within this many months trigger a talk. */
      windowMonths: z.number().int().min(1).max(24),
      source,
    }),
    retention: z.object({
      /** Details of a closed case are deleted this many months after it closed. */
      closedCaseMonths: z.number().int().min(1).max(60),
    }),
  })
  .superRefine((p, ctx) => {
    for (let i = 1; i < p.contactDays.length; i++) {
      if ((p.contactDays[i] ?? 0) <= (p.contactDays[i - 1] ?? 0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['contactDays'],
          message: policyText.contactOrder,
        });
        break;
      }
    }
    if (p.samtale.bookFromDay - 1 > p.samtale.deadlineDaysAfterFirstDay) {
      ctx.addIssue({
        code: 'custom',
        path: ['samtale', 'bookFromDay'],
        message: policyText.bookBeforeDeadline,
      });
    }
    if (p.municipality.remindFromDay - 1 > p.municipality.deadlineDaysAfterFirstDay) {
      ctx.addIssue({
        code: 'custom',
        path: ['municipality', 'remindFromDay'],
        message: policyText.notifyBeforeDeadline,
      });
    }
  });

export type FollowUpPolicy = z.infer<typeof FollowUpPolicySchema>;

/** The statutory and shared parts; only the contact model differs between presets. */
const COMMON = {
  partialAbsenceContacts: true,
  samtale: {
    bookFromDay: 14,
    deadlineDaysAfterFirstDay: 28,
    source: policyText.samtale,
  },
  municipality: {
    employerPeriodDays: 30,
    remindFromDay: 29,
    deadlineDaysAfterFirstDay: 35,
    source: policyText.municipality,
  },
  fastholdelsesplan: {
    enabled: true,
    source: policyText.fastholdelsesplan,
  },
  fastTrack: {
    enabled: true,
    // "Inden for de første 5 uger af fraværet": the last day is first day + 34.
    deadlineDaysAfterFirstDay: 34,
    source: policyText.fastTrack,
  },
  reRemindWorkingDays: 2,
  escalationDaysBeforeDeadline: 3,
  returnFollowUp: {
    enabled: true,
    daysAfterReturn: 14,
    minAbsenceDays: 14,
    source: policyText.returnFollowUp,
  },
  repeatedAbsence: {
    cases: 3,
    windowMonths: 6,
    source: policyText.repeatedAbsence,
  },
  retention: { closedCaseMonths: 12 },
} as const satisfies Omit<FollowUpPolicy, 'id' | 'contactDays' | 'contactSource'>;

function preset(contactDays: readonly number[]): FollowUpPolicy {
  const id = contactDays.join('-');
  return deepFreeze(
    FollowUpPolicySchema.parse({
      ...structuredClone(COMMON),
      id,
      contactDays: [...contactDays],
      contactSource: policyText.contactSource(id),
    }),
  );
}

export const POLICY_PRESETS = Object.freeze({
  '1-3-10': preset([1, 3, 10]),
  '1-5-14': preset([1, 5, 14]),
  '2-6-14': preset([2, 6, 14]),
});

export type PolicyPresetId = keyof typeof POLICY_PRESETS;

/** The organisation has moved from 1-5-14 to 1-3-10 (seed 003:677-679). */
export const DEFAULT_POLICY: FollowUpPolicy = POLICY_PRESETS['1-3-10'];

/** A preset with some fields replaced, validated; throws a ZodError on bad values. */
export function customPolicy(
  base: FollowUpPolicy,
  overrides: DeepPartial<FollowUpPolicy>,
): FollowUpPolicy {
  return deepFreeze(FollowUpPolicySchema.parse(merge(structuredClone(base) as Record<string, unknown>, overrides)));
}

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function merge(target: Record<string, unknown>, patch: unknown): Record<string, unknown> {
  if (patch === null || typeof patch !== 'object') return target;
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current !== null &&
      typeof current === 'object' &&
      !Array.isArray(current)
    ) {
      merge(current as Record<string, unknown>, value);
    } else if (value !== undefined) {
      target[key] = value;
    }
  }
  return target;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
