/**
 * The sickness follow-up (sygefraværsopfølgning) as one Feature: tables, commands,
 * card verbs, job handlers and recurring jobs. The composition root mounts it; the
 * absence lookup is handed to MUS.
 */
import type { Clock } from '../core/clock.js';
import type { Feature } from '../core/feature.js';
import type { Logger } from '../core/log.js';
import type { EventLog } from '../events/event-log.js';
import type { Scheduler } from '../outbox/types.js';
import type { Storage } from '../storage/tables.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { SicknessAbsenceLookup } from './absence.js';
import { sicknessCommands } from './commands.js';
import { sicknessJobs } from './jobs.js';
import { monthlyHandler, sicknessRecurring } from './recurring.js';
import { SicknessService } from './service.js';
import { settingsFeature } from './settings-verbs.js';
import { SICKNESS_TABLES, SicknessStore } from './store.js';
import { caseVerbs } from './verbs-case.js';
import { contactVerbs } from './verbs-contact.js';
import { samtaleVerbs } from './verbs-samtale.js';

export interface SicknessFeatureDeps {
  storage: Storage;
  clock: Clock;
  log: Logger;
  events: EventLog;
  workplaces: WorkplaceStore;
  scheduler: Scheduler;
}

export interface SicknessFeature extends Feature {
  service: SicknessService;
  absence: SicknessAbsenceLookup;
}

export function sicknessFeature(deps: SicknessFeatureDeps): SicknessFeature {
  const store = new SicknessStore(deps.storage, deps.clock);
  const service = new SicknessService({
    store,
    workplaces: deps.workplaces,
    events: deps.events,
    scheduler: deps.scheduler,
    clock: deps.clock,
    log: deps.log.child({ feature: 'sickness' }),
  });
  const settings = settingsFeature(service);
  return {
    name: 'sickness',
    tables: SICKNESS_TABLES,
    commands: [...sicknessCommands(service), ...(settings.commands ?? [])],
    verbs: [...caseVerbs(service), ...contactVerbs(service), ...samtaleVerbs(service), ...(settings.verbs ?? [])],
    jobs: [...sicknessJobs(service), monthlyHandler(service)],
    recurring: sicknessRecurring(service),
    service,
    absence: new SicknessAbsenceLookup(store),
  };
}
