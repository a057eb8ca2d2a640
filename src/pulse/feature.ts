import type { Config } from '../config.js';
import type { Feature } from '../core/feature.js';
import type { Logger } from '../core/log.js';
import type { EventLog } from '../events/event-log.js';
import type { Scheduler } from '../outbox/types.js';
import type { Storage } from '../storage/tables.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { loadDefaultBank, type PulseBank } from './bank.js';
import { pulseCommands } from './commands.js';
import { pulseJobs, pulseRecurring } from './jobs.js';
import type { PulseCore } from './lifecycle.js';
import { PULSE_TABLES, PulseStore } from './store.js';
import { pulseVerbs } from './verbs.js';

/** What the trivsel pulse needs from the app. `scheduler` is the outbox. */
export interface PulseDeps {
  config: Config;
  log: Logger;
  storage: Storage;
  events: EventLog;
  workplaces: WorkplaceStore;
  scheduler: Scheduler;
  /** A replacement item bank (validated with parseBank); default: bank.da.json. */
  bank?: PulseBank;
}

export function pulseCore(deps: PulseDeps): PulseCore {
  return {
    store: new PulseStore(deps.storage),
    workplaces: deps.workplaces,
    scheduler: deps.scheduler,
    log: deps.log,
    bank: deps.bank ?? loadDefaultBank(),
    defaults: { minScores: deps.config.pulseMinGroup, minComments: Math.max(10, deps.config.pulseMinGroup) },
    workingHours: deps.config.workingHours,
  };
}

/** Trivselspuls: the weekly card, anonymous answers, results for TRIO, the quarterly summary for MED. */
export function pulseFeature(deps: PulseDeps): Feature {
  const core = pulseCore(deps);
  return {
    name: 'pulse',
    tables: [...PULSE_TABLES],
    commands: pulseCommands(core, deps.events),
    verbs: pulseVerbs(core, deps.events),
    jobs: pulseJobs(core),
    recurring: pulseRecurring(core),
  };
}
