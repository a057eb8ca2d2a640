/**
 * The statutory rules of the sickness follow-up (sygedagpengeloven), as data with the
 * paragraph each comes from. They are the same for every workplace: a fraværspolitik
 * may ask for more (an earlier samtale, more contacts), never for less. The lines a
 * card shows for them are in src/i18n/sickness.ts (lawText), one per rule, each saying
 * who must or may do what, by when, and on what condition.
 *
 * Day convention: `...WithinDays` are calendar days after the first day of absence
 * ("senest 4 uger efter første fraværsdag" = first day + 28).
 */

/** Who pays during the absence decides the notification deadline (§ 40, stk. 1-3). */
export const PAY_KINDS = ['loen', 'sygedagpenge', 'ingen'] as const;
export type PayKind = (typeof PAY_KINDS)[number];

export interface MunicipalityRule {
  /** The notification is due this many days after the first day. */
  withinDays: number;
  /** Only when the absence outlasts the employer period (stk. 1 and 2); stk. 3 always applies. */
  onlyPastEmployerPeriod: boolean;
}

export const LAW = Object.freeze({
  /** § 7 a: the employer holds the samtale no later than 4 weeks after the first day. */
  samtaleWithinDays: 28,
  /** § 30: the employer period (arbejdsgiverperioden), calendar days. */
  employerPeriodDays: 30,
  municipality: Object.freeze({
    /** § 40, stk. 1: salary during the absence: 5 weeks after the first day. */
    loen: Object.freeze({ withinDays: 35, onlyPastEmployerPeriod: true }),
    /** § 40, stk. 2: the employer pays sygedagpenge in the employer period: 1 week after that payment stops (day 30 + 7). */
    sygedagpenge: Object.freeze({ withinDays: 36, onlyPastEmployerPeriod: true }),
    /** § 40, stk. 3: neither salary nor employer-paid sygedagpenge: 14 days after the first day. */
    ingen: Object.freeze({ withinDays: 14, onlyPastEmployerPeriod: false }),
  }) satisfies Record<PayKind, MunicipalityRule>,
  /** The first reminder about the notification, this many days before its deadline. */
  municipalityRemindDaysBefore: 7,
  /** § 7 c: the employer may ask for fast track within the first 5 weeks (last day: first day + 34). */
  fastTrackWithinDays: 34,
  /** §§ 7 b and 7 c: "forventes at vare mere end 8 uger regnet fra første fraværsdag". */
  longAbsenceDays: 56,
});
