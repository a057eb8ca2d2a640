/**
 * MUS (medarbejderudviklingssamtale): every employee's annual development review
 * planned, prepared, held and followed up. Issue 6; DOMAIN.md "MUS".
 *
 * Commands (commands.ts): `MUS status`, `min MUS`, `planlæg MUS`, `registrér MUS`,
 * `MUS stamdata`, `MUS indstillinger` (MED channel). Verbs: verbs-planning.ts (propose,
 * draftSave, send), verbs-invitation.ts (accept, notes, requestChange, move, keep),
 * verbs-registration.ts (register, ack), verbs-admin.ts (people.save, settings.save,
 * settings.reset). Jobs: jobs.ts. Shared operations: service.ts.
 */
import { feature, type AppContext, type Feature } from '../core/feature.js';
import { noAbsence, type AbsenceLookup } from './absence.js';
import { musCommands } from './commands.js';
import { musJobs } from './jobs.js';
import { MusService } from './service.js';
import { MUS_TABLES, MusStore } from './store.js';
import { adminVerbs } from './verbs-admin.js';
import { invitationVerbs } from './verbs-invitation.js';
import { planningVerbs } from './verbs-planning.js';
import { registrationVerbs } from './verbs-registration.js';

export type { AbsenceLookup } from './absence.js';

export type MusDeps = Pick<AppContext, 'workplaces' | 'events' | 'clock' | 'storage' | 'scheduler'>;

export interface MusOptions {
  /** Who has an active sickness case (left out of planning silently). Default: nobody. */
  absence?: AbsenceLookup;
}

export function musFeature(deps: MusDeps, options: MusOptions = {}): Feature {
  const store = new MusStore(deps.storage);
  const svc = new MusService({ ...deps, store, absence: options.absence ?? noAbsence });
  const parts = { svc, store };
  return feature(
    'mus',
    MUS_TABLES,
    musCommands(parts),
    planningVerbs(parts),
    invitationVerbs(parts),
    registrationVerbs(parts),
    adminVerbs(parts),
    musJobs({ svc, store, workplaces: deps.workplaces, scheduler: deps.scheduler }),
  );
}
