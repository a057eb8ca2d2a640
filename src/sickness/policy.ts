/**
 * The fraværspolitik as data. A policy says what the workplace has agreed on top of the
 * law (law.ts): on which days the leader (or a contact person) gets in touch, whether
 * those days are calendar or working days, when to remind again, when the samtale is
 * booked and held, how early a deadline is escalated, and when a long absence is
 * signalled. Three models come with the bot (1-3-10, 1-5-14, 2-6-14); a deployment
 * adds its own (SICKNESS_POLICY, e.g. a Hoved-MED guideline for a whole municipality)
 * and a workplace can define one in `indstillinger sygefravær`. The README documents the
 * format with a complete example.
 *
 * Day conventions (used consistently in timeline.ts):
 * - `contacts.days` and `samtale.remindFromDay` are absence days, 1-based: day 1 = the
 *   first day of absence ("1-3-10"). With `counting: 'working'` they count working days.
 * - `...WithinDays` are calendar days after the first day: 28 = "senest 4 uger efter".
 *
 * A policy can ask for more than the law, never less: the samtale is held within 28 days
 * at the latest (sygedagpengeloven § 7 a), whatever a policy says.
 */
import { z } from 'zod';
import { policyText as t } from '../i18n/sickness.js';
import { LAW } from './law.js';

const int = (min: number, max: number, message: string) => z.number({ message }).int(message).min(min, message).max(max, message);
const day = int(1, 366, t.v.day);

export const CONTACT_COUNTINGS = ['calendar', 'working'] as const;
export type ContactCounting = (typeof CONTACT_COUNTINGS)[number];

/** The id of a workplace's own model (settings), next to the presets and the deployment's. */
export const OWN_POLICY_ID = 'eget';

/** The authored part: what a Hoved-MED or a workplace writes down (README, "Fraværspolitikken som data"). */
export const LocalPolicySchema = z
  .strictObject({
    id: z.string({ message: t.v.id }).regex(/^[a-z0-9][a-z0-9-]{0,39}$/, t.v.id),
    name: z.string({ message: t.v.name }).trim().min(2, t.v.name).max(80, t.v.name),
    /** Where the rules come from, shown on every card that applies them. */
    source: z.string({ message: t.v.source }).trim().min(2, t.v.source).max(200, t.v.source),
    /** The policy's own words, shown on the case card apart from the law. */
    summary: z.string({ message: t.v.summary }).trim().max(600, t.v.summary).optional(),
    contacts: z.strictObject({
      days: z.array(day, { message: t.v.contactDays }).min(1, t.v.contactDays).max(10, t.v.contactDays),
      counting: z.enum(CONTACT_COUNTINGS, { message: t.v.counting }).default('calendar'),
      remindAgainAfterWorkingDays: int(1, 10, t.v.remindAgain).default(2),
      duringPartialAbsence: z.boolean({ message: t.v.boolean }).default(true),
    }),
    samtale: z
      .strictObject({
        remindFromDay: day.default(14),
        bookWithinDays: int(1, LAW.samtaleWithinDays, t.v.bookWithin).default(21),
        holdWithinDays: int(1, LAW.samtaleWithinDays, t.v.holdWithin).default(LAW.samtaleWithinDays),
      })
      .prefault({}),
    escalation: z.strictObject({ daysBeforeDeadline: int(0, 14, t.v.escalation).default(3) }).prefault({}),
    longAbsence: z.strictObject({ signalAfterDays: int(7, LAW.longAbsenceDays, t.v.longAbsence).default(28) }).prefault({}),
  })
  .superRefine((p, ctx) => {
    // Stryker disable next-line StringLiteral: equivalent, no caller reads an issue's code (SICKNESS_POLICY and the settings show path and message)
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const days = p.contacts.days;
    // Each day after the first against the one before it.
    if (days.slice(1).some((d, i) => d <= days[i]!)) issue(['contacts', 'days'], t.contactOrder);
    if (p.samtale.remindFromDay - 1 > p.samtale.bookWithinDays) issue(['samtale', 'remindFromDay'], t.bookBeforeDeadline);
    if (p.samtale.bookWithinDays > p.samtale.holdWithinDays) issue(['samtale', 'bookWithinDays'], t.bookBeforeHold);
    if (p.escalation.daysBeforeDeadline >= p.samtale.holdWithinDays) issue(['escalation', 'daysBeforeDeadline'], t.escalationBeforeDeadline);
  });

export type LocalPolicy = z.output<typeof LocalPolicySchema>;
export type LocalPolicyInput = z.input<typeof LocalPolicySchema>;

/** The workplace's own choices that are not part of a model (`indstillinger sygefravær`). */
export interface WorkplaceRules {
  returnFollowUp: { enabled: boolean; daysAfterReturn: number; minAbsenceDays: number };
  repeatedAbsence: { cases: number; windowMonths: number };
  retention: { closedCaseMonths: number };
}

/** What the timeline and the reminders follow: the model plus the workplace's own rules. */
export type FollowUpPolicy = LocalPolicy & WorkplaceRules;

export const DEFAULT_RULES: WorkplaceRules = deepFreeze({
  returnFollowUp: { enabled: true, daysAfterReturn: 14, minAbsenceDays: 14 },
  repeatedAbsence: { cases: 3, windowMonths: 6 },
  retention: { closedCaseMonths: 12 },
});

function preset(days: readonly number[]): LocalPolicy {
  const id = days.join('-');
  return deepFreeze(LocalPolicySchema.parse({ id, name: t.presetName(id), source: t.presetSource(id), contacts: { days: [...days] } }));
}

export const POLICY_PRESETS: Readonly<Record<string, LocalPolicy>> = Object.freeze({
  '1-3-10': preset([1, 3, 10]),
  '1-5-14': preset([1, 5, 14]),
  '2-6-14': preset([2, 6, 14]),
});

/** The organisation has moved from 1-5-14 to 1-3-10 (seed 003:677-679). */
export const DEFAULT_MODEL = POLICY_PRESETS['1-3-10']!;

/** A model with the workplace's rules: what a case follows. */
export function withRules(model: LocalPolicy, rules: WorkplaceRules = DEFAULT_RULES): FollowUpPolicy {
  return deepFreeze({ ...structuredClone(model), ...structuredClone(rules) });
}

export const DEFAULT_POLICY: FollowUpPolicy = withRules(DEFAULT_MODEL);

/**
 * The models a workplace can choose from: the presets, then the deployment's own
 * (SICKNESS_POLICY). The deployment's first model is the default of every workplace
 * that has not chosen; without one, 1-3-10.
 */
export class PolicyCatalog {
  readonly models: readonly LocalPolicy[];
  readonly defaultId: string;

  constructor(deployment: readonly LocalPolicy[] = []) {
    const ids = new Set(Object.keys(POLICY_PRESETS));
    for (const p of deployment) {
      if (ids.has(p.id) || p.id === OWN_POLICY_ID) throw new Error(`SICKNESS_POLICY: the id "${p.id}" is taken; choose another`);
      ids.add(p.id);
    }
    this.models = Object.freeze([...Object.values(POLICY_PRESETS), ...deployment.map(deepFreeze)]);
    this.defaultId = deployment[0]?.id ?? DEFAULT_MODEL.id;
  }

  get(id: string | undefined): LocalPolicy | undefined {
    return this.models.find((m) => m.id === id);
  }
}

/**
 * The deployment's models from SICKNESS_POLICY (one model or a list, as JSON). Throws an
 * Error whose message lists each problem with its path, for the start-up ConfigError.
 */
export function parseDeploymentPolicies(raw: string | undefined): LocalPolicy[] {
  if (raw === undefined || raw.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new Error(`SICKNESS_POLICY is not JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(json) ? json : [json];
  return list.map((entry, i) => {
    const parsed = LocalPolicySchema.safeParse(entry);
    if (parsed.success) return parsed.data;
    const where = list.length > 1 ? `[${i}].` : '';
    throw new Error(`SICKNESS_POLICY: ${parsed.error.issues.map((x) => `${where}${x.path.join('.') || '(model)'}: ${x.message}`).join('; ')}`);
  });
}

function deepFreeze<T>(value: T): T {
  // Objects and arrays; not null or a primitive (a policy comes from literals, JSON and structuredClone, all of this realm).
  if (value instanceof Object) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
