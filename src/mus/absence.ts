import type { LocalDate } from '../shared/calendar.js';

/**
 * The port through which MUS asks whether an employee is absent (an active sickness
 * case). Planning leaves such employees out silently: the leader's card neither lists
 * them nor says why, so nothing about their absence shows up in MUS.
 *
 * The sickness feature plugs in here: it passes its own lookup to `musFeature(ctx,
 * { absence })` in src/app.ts's `features()`. Until then nobody counts as absent.
 */
export interface AbsenceLookup {
  isAbsent(workplaceId: string, aadObjectId: string, on: LocalDate): Promise<boolean>;
}

export const noAbsence: AbsenceLookup = { isAbsent: async () => false };
