/**
 * A workplace's sickness settings, stored as `settings.sickness` on the workplace
 * (WorkplaceStore.updateSettings): the fraværspolitik model it follows (a preset, one of
 * the deployment's, or its own), the HR contact, the local rules, and what MED's
 * figures are measured against. Each field is read on its own: one unreadable value
 * falls back to its default and never takes the others with it.
 */
import { z } from 'zod';
import type { WorkplaceStore } from '../workplaces/store.js';
import { DEFAULT_RULES, LocalPolicySchema, OWN_POLICY_ID, withRules, type FollowUpPolicy, type LocalPolicy, type PolicyCatalog, type WorkplaceRules } from './policy.js';

export const SETTINGS_KEY = 'sickness';

/** MED's target for the fraværsprocent (seed 002:238-240 sets 5-6 %). */
export const DEFAULT_TARGET_PERCENT = 5.5;
/** An absence of at least this many calendar days counts as long in MED's figures. */
export const DEFAULT_LONG_FROM_DAYS = 30;

const R = DEFAULT_RULES;

export const SicknessSettingsSchema = z.object({
  /** The model of new cases: a preset or deployment id, or 'eget' for `own`. Unset: the deployment's default. */
  model: z.string().min(1).max(40).optional().catch(undefined),
  /** The workplace's own model, used when `model` is 'eget'. */
  own: LocalPolicySchema.optional().catch(undefined),
  /** AAD object id of a member who gets statutory escalations; unset: the leaders. */
  hrContactId: z.string().min(1).optional().catch(undefined),
  repeatedCases: z.number().int().min(2).max(20).default(R.repeatedAbsence.cases).catch(R.repeatedAbsence.cases),
  repeatedMonths: z.number().int().min(1).max(24).default(R.repeatedAbsence.windowMonths).catch(R.repeatedAbsence.windowMonths),
  retentionMonths: z.number().int().min(1).max(60).default(R.retention.closedCaseMonths).catch(R.retention.closedCaseMonths),
  returnFollowUp: z.boolean().default(R.returnFollowUp.enabled).catch(R.returnFollowUp.enabled),
  /** MED's figures: the target fraværsprocent, the staff in full-time equivalents (unset: the members), long from. */
  targetPercent: z.number().min(0).max(100).default(DEFAULT_TARGET_PERCENT).catch(DEFAULT_TARGET_PERCENT),
  staffFte: z.number().positive().max(100_000).optional().catch(undefined),
  longFromDays: z.number().int().min(2).max(366).default(DEFAULT_LONG_FROM_DAYS).catch(DEFAULT_LONG_FROM_DAYS),
});

export type SicknessSettings = z.infer<typeof SicknessSettingsSchema>;

export const DEFAULT_SETTINGS: SicknessSettings = SicknessSettingsSchema.parse({});

/** Stored settings, field by field, with defaults for what is absent or unreadable (never throws). */
export function parseSettings(raw: unknown): SicknessSettings {
  const parsed = SicknessSettingsSchema.safeParse(raw !== null && typeof raw === 'object' ? raw : {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function loadSettings(workplaces: WorkplaceStore, workplaceId: string): Promise<SicknessSettings> {
  const wp = await workplaces.get(workplaceId);
  return parseSettings(wp?.settings[SETTINGS_KEY]);
}

export function rulesOf(settings: SicknessSettings): WorkplaceRules {
  return {
    returnFollowUp: { ...R.returnFollowUp, enabled: settings.returnFollowUp },
    repeatedAbsence: { cases: settings.repeatedCases, windowMonths: settings.repeatedMonths },
    retention: { closedCaseMonths: settings.retentionMonths },
  };
}

/** The model a new case of the workplace follows. */
export function currentModel(settings: SicknessSettings, catalog: PolicyCatalog): LocalPolicy {
  return modelById(settings, catalog, settings.model);
}

function modelById(settings: SicknessSettings, catalog: PolicyCatalog, id: string | undefined): LocalPolicy {
  const own = id === OWN_POLICY_ID ? settings.own : undefined;
  return own ?? catalog.get(id) ?? (id === settings.model ? undefined : currentModelOrNone(settings, catalog)) ?? catalog.get(catalog.defaultId)!;
}

function currentModelOrNone(settings: SicknessSettings, catalog: PolicyCatalog): LocalPolicy | undefined {
  return settings.model === OWN_POLICY_ID ? settings.own : catalog.get(settings.model);
}

/**
 * What a case follows: the model it was opened with (`model`, by id) and the workplace's
 * current rules. A model that no longer exists falls back to the workplace's current one.
 */
export function policyFor(settings: SicknessSettings, catalog: PolicyCatalog, model?: string): FollowUpPolicy {
  return withRules(modelById(settings, catalog, model ?? settings.model), rulesOf(settings));
}
