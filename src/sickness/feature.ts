/**
 * The sickness follow-up (sygefraværsopfølgning) as one Feature: tables, commands,
 * card verbs, job handlers and recurring jobs. The composition root mounts it; the
 * absence lookup is the port MUS uses (it says "absent", never why).
 */
import { feature, type AppContext, type Feature } from '../core/feature.js';
import { SicknessAbsenceLookup } from './absence.js';
import { SicknessFigures, type SicknessFiguresPort } from './figures-port.js';
import { sicknessCommands } from './commands.js';
import { FollowUpService } from './followup.js';
import { sicknessJobs } from './jobs.js';
import { SicknessService } from './service.js';
import { settingsPart } from './settings-verbs.js';
import { SICKNESS_TABLES, SicknessStore } from './store.js';
import { caseVerbs } from './verbs-case.js';
import { contactVerbs } from './verbs-contact.js';
import { samtaleVerbs } from './verbs-samtale.js';

export type SicknessFeatureDeps = Pick<AppContext, 'storage' | 'clock' | 'events' | 'workplaces' | 'scheduler'>;

export interface SicknessFeature extends Feature {
  absence: SicknessAbsenceLookup;
  /** The masked monthly figures, for the MED year's agenda. */
  figures: SicknessFiguresPort;
}

export function sicknessFeature(deps: SicknessFeatureDeps): SicknessFeature {
  const store = new SicknessStore(deps.storage, deps.clock);
  const svc = new SicknessService({ store, workplaces: deps.workplaces, events: deps.events, scheduler: deps.scheduler });
  const followUp = new FollowUpService(svc, deps);
  return {
    ...feature(
      'sickness',
      SICKNESS_TABLES,
      sicknessCommands(svc),
      settingsPart(svc),
      caseVerbs(svc),
      contactVerbs(svc, followUp),
      samtaleVerbs(svc, followUp),
      sicknessJobs({ svc, store, workplaces: deps.workplaces, scheduler: deps.scheduler }),
    ),
    absence: new SicknessAbsenceLookup(store),
    figures: new SicknessFigures(store),
  };
}
