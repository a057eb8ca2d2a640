import { z } from 'zod';
import { DEFAULT_QUESTIONS } from '../i18n/mus.js';
import type { Workplace } from '../workplaces/model.js';
import type { MusSettings } from './model.js';

/**
 * The workplace's MUS frame, stored under `settings.mus` of the workplace row.
 * - questions: the preparation questions sent with every invitation. Lokal-MED sets the
 *   frame for MUS (seed 001:103), so MED can replace the Danish default set.
 * - seniorAge: from which age the invitation offers a seniorsamtale. Hoved-MED decides
 *   the age (seed 004:4579-4582); we default to 60, a common choice in municipal
 *   senior policies, and MED enters what Hoved-MED decided. Allowed 50-70.
 */
export const DEFAULT_SENIOR_AGE = 60;
export const SENIOR_AGE_MIN = 50;
export const SENIOR_AGE_MAX = 70;
export const MAX_QUESTIONS = 12;

const stored = z.object({
  questions: z.array(z.string().min(1).max(300)).min(1).max(MAX_QUESTIONS).optional(),
  seniorAge: z.number().int().min(SENIOR_AGE_MIN).max(SENIOR_AGE_MAX).optional(),
});

export function musSettingsOf(workplace: Pick<Workplace, 'settings'> | undefined): MusSettings {
  const parsed = stored.safeParse(workplace?.settings.mus ?? {});
  const value = parsed.success ? parsed.data : {};
  return { questions: value.questions ?? [...DEFAULT_QUESTIONS], seniorAge: value.seniorAge ?? DEFAULT_SENIOR_AGE };
}

/** Age reached during the year of `today`; the birth year is all we store. */
export function isSenior(birthYear: number | undefined, year: number, seniorAge: number): boolean {
  return birthYear !== undefined && year - birthYear >= seniorAge;
}
