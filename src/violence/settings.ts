/**
 * A workplace's violence policy as data, stored as `settings.violence` on the workplace
 * (WorkplaceStore.updateSettings): the short place list of the registration form and
 * the deadlines of the follow-up. Every deadline is configurable; the defaults follow
 * the published rules (the sources are shown on the cards).
 */
import { z } from 'zod';
import type { WorkplaceStore } from '../workplaces/store.js';

export const SETTINGS_KEY = 'violence';

export const DEFAULT_PLACES = ['Fællesarealer', 'Borgerens bolig', 'Køkken', 'Udearealer', 'Kontor', 'Under transport', 'I fritiden (pga. arbejdet)', 'Andet sted'];

export const ViolencePolicySchema = z.object({
  places: z.array(z.string().trim().min(1).max(40)).min(1).max(15).default(DEFAULT_PLACES),
  /** The talk (defusing, psykisk førstehjælp) is offered this many days after the registration: 0 is the same day. */
  talkDays: z.number().int().min(0).max(7).default(0),
  /** The follow-up talk after the first talk (defusing): days after the registration. */
  followUpTalkDays: z.number().int().min(1).max(30).default(3),
  /** Anmeldelse som arbejdsulykke: no later than this many days after the first day of absence. */
  anmeldelseDays: z.number().int().min(1).max(60).default(9),
  /** The leader is reminded this many days before the anmeldelse deadline. */
  anmeldelseLeadDays: z.number().int().min(0).max(30).default(2),
  /** The employee is reminded of the police decision after this many days, when still open. */
  policeReminderDays: z.number().int().min(1).max(30).default(2),
  /** The risk assessment of the situation is due this many days after the registration. */
  riskAssessmentDays: z.number().int().min(1).max(90).default(14),
  /** The official reporting service the anmeldelse card links to (EASY Arbejdsskade). */
  reportUrl: z.url().default('https://www.easy.dk'),
  /** Episode details are deleted this many months after the registration; the monthly counts stay. */
  retentionMonths: z.number().int().min(1).max(120).default(60),
});

export type ViolencePolicy = z.infer<typeof ViolencePolicySchema>;

export const DEFAULT_POLICY: ViolencePolicy = ViolencePolicySchema.parse({});

/** Stored settings, or the defaults when absent or unreadable (never throws). */
export function parsePolicy(raw: unknown): ViolencePolicy {
  const parsed = ViolencePolicySchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}

/** The policy with a leader's changes from the settings card (the rest stays as it was). */
export type PolicyChange = Pick<ViolencePolicy, 'places' | 'talkDays' | 'followUpTalkDays' | 'anmeldelseDays' | 'anmeldelseLeadDays' | 'policeReminderDays' | 'riskAssessmentDays'>;

export async function loadPolicy(workplaces: WorkplaceStore, workplaceId: string): Promise<ViolencePolicy> {
  const wp = await workplaces.get(workplaceId);
  return parsePolicy(wp?.settings[SETTINGS_KEY]);
}
