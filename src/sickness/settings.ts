/**
 * A workplace's sickness settings, stored as `settings.sickness` on the workplace
 * (WorkplaceStore.updateSettings). The follow-up model is chosen by configuration
 * alone; the rest are the local choices of the fraværspolitik.
 */
import { z } from 'zod';
import type { WorkplaceStore } from '../workplaces/store.js';
import { customPolicy, DEFAULT_POLICY, POLICY_PRESETS, type FollowUpPolicy, type PolicyPresetId } from './policy.js';

export const SETTINGS_KEY = 'sickness';

export const SicknessSettingsSchema = z.object({
  model: z.enum(['1-3-10', '1-5-14', '2-6-14']).default('1-3-10'),
  /** AAD object id of a member who gets statutory escalations; unset: the leaders. */
  hrContactId: z.string().min(1).optional(),
  repeatedCases: z.number().int().min(2).max(20).default(DEFAULT_POLICY.repeatedAbsence.cases),
  repeatedMonths: z.number().int().min(1).max(24).default(DEFAULT_POLICY.repeatedAbsence.windowMonths),
  retentionMonths: z.number().int().min(1).max(60).default(DEFAULT_POLICY.retention.closedCaseMonths),
  returnFollowUp: z.boolean().default(DEFAULT_POLICY.returnFollowUp.enabled),
});

export type SicknessSettings = z.infer<typeof SicknessSettingsSchema>;

export const DEFAULT_SETTINGS: SicknessSettings = SicknessSettingsSchema.parse({});

/** Stored settings, or the defaults when absent or unreadable (never throws). */
export function parseSettings(raw: unknown): SicknessSettings {
  const parsed = SicknessSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function loadSettings(workplaces: WorkplaceStore, workplaceId: string): Promise<SicknessSettings> {
  const wp = await workplaces.get(workplaceId);
  return parseSettings(wp?.settings[SETTINGS_KEY]);
}

/**
 * The policy of a case: the model the case started under (a case keeps its contact
 * days when the workplace changes model), with the workplace's local choices.
 */
export function policyFor(settings: SicknessSettings, model: PolicyPresetId = settings.model): FollowUpPolicy {
  return customPolicy(POLICY_PRESETS[model] ?? DEFAULT_POLICY, {
    repeatedAbsence: { cases: settings.repeatedCases, windowMonths: settings.repeatedMonths },
    retention: { closedCaseMonths: settings.retentionMonths },
    returnFollowUp: { enabled: settings.returnFollowUp },
  });
}
