/**
 * MUS (medarbejderudviklingssamtale): every employee's annual development review
 * planned, prepared, held and followed up. Issue 6; DOMAIN.md "MUS".
 *
 * Commands: `MUS status`, `planlæg MUS`, `registrér MUS`, `min MUS`, `MUS stamdata`,
 * `MUS indstillinger` (MED channel). Verbs: mus.propose, mus.draftSave, mus.send,
 * mus.accept, mus.notes, mus.requestChange, mus.move, mus.keep, mus.register, mus.ack,
 * mus.people.save, mus.settings.save, mus.settings.reset. Jobs: see jobs.ts.
 */
import { feature, type Feature } from '../core/feature.js';
import { noAbsence, type AbsenceLookup } from './absence.js';
import { adminFeature } from './admin.js';
import type { MusContext, MusDeps } from './context.js';
import { invitationVerbs } from './invitation.js';
import { musJobHandlers, musRecurring } from './jobs.js';
import { planningFeature } from './planning.js';
import { registrationFeature } from './registration.js';
import { statusCommands } from './status.js';
import { MUS_TABLES, MusStore } from './store.js';

export type { AbsenceLookup } from './absence.js';
export type { MusDeps } from './context.js';

export interface MusOptions {
  /** Who has an active sickness case (left out of planning silently). Default: nobody. */
  absence?: AbsenceLookup;
}

export function musFeature(deps: MusDeps, options: MusOptions = {}): Feature {
  const ctx: MusContext = { ...deps, store: new MusStore(deps.storage), absence: options.absence ?? noAbsence };
  return feature('mus', MUS_TABLES, statusCommands(ctx), planningFeature(ctx), invitationVerbs(ctx), registrationFeature(ctx), adminFeature(ctx), {
    jobs: musJobHandlers(ctx),
    recurring: musRecurring(ctx),
  });
}
