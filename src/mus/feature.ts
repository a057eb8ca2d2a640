/**
 * MUS (medarbejderudviklingssamtale): every employee's annual development review
 * planned, prepared, held and followed up. Issue 6; DOMAIN.md "MUS".
 *
 * Commands (commands.ts): `MUS status`, `min MUS`, `planlæg MUS`, `registrér MUS`,
 * `MUS stamdata`, `MUS indstillinger` (MED channel). Verbs: verbs-planning.ts (propose,
 * draftSave, send), verbs-invitation.ts (accept, notes, requestChange, move, keep),
 * verbs-registration.ts (talk, register, ack), verbs-followup.ts (planView,
 * followUpOpen, followUpSave), verbs-admin.ts (people.save, settings.save/reset/approve/
 * reject). Jobs: jobs.ts. Shared operations: service.ts; MED's frame: frame.ts. Cards:
 * cards.ts (planning, invitation), cards-leader.ts, cards-plan.ts, cards-admin.ts; forms
 * sent back with what was typed: forms.ts. Pure rules: due.ts, planner.ts, rules.ts.
 */
import { feature, type AppContext, type Feature } from '../core/feature.js';
import { noAbsence, type AbsenceLookup } from './absence.js';
import { musCommands } from './commands.js';
import { MusFrame } from './frame.js';
import { musJobs } from './jobs.js';
import { MusService } from './service.js';
import { MUS_TABLES, MusStore } from './store.js';
import { MusYear, type MusYearPort } from './year-port.js';
import { adminVerbs } from './verbs-admin.js';
import { invitationVerbs } from './verbs-invitation.js';
import { planningVerbs } from './verbs-planning.js';
import { followUpVerbs } from './verbs-followup.js';
import { registrationVerbs } from './verbs-registration.js';

export type { AbsenceLookup } from './absence.js';

export type MusDeps = Pick<AppContext, 'workplaces' | 'events' | 'clock' | 'storage' | 'scheduler'>;

export interface MusOptions {
  /** Who has an active sickness case (left out of planning silently). Default: nobody. */
  absence?: AbsenceLookup;
}

export interface MusFeature extends Feature {
  /** Counts and anonymous plan texts for the MED year. */
  year: MusYearPort;
}

export function musFeature(deps: MusDeps, options: MusOptions = {}): MusFeature {
  const store = new MusStore(deps.storage);
  const svc = new MusService({ ...deps, store, absence: options.absence ?? noAbsence });
  const frame = new MusFrame({ store, svc });
  const parts = { svc, store };
  const mus = feature(
    'mus',
    MUS_TABLES,
    musCommands({ ...parts, frame }),
    planningVerbs(parts),
    invitationVerbs(parts),
    registrationVerbs(parts),
    followUpVerbs(parts),
    adminVerbs({ svc, frame }),
    musJobs({ svc, store, workplaces: deps.workplaces, scheduler: deps.scheduler }),
  );
  return { ...mus, year: new MusYear(svc, store) };
}
