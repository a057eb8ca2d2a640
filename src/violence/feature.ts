/**
 * Vold, trusler og krænkelser as one Feature: register an episode in a minute, the
 * follow-up duties as reminders through the engine, the AMR's reduced notice, and the
 * pattern for TRIO and MED as monthly counts with small groups hidden.
 */
import type { ActionPlanPort } from '../actions/plan.js';
import { feature, type AppContext, type Feature } from '../core/feature.js';
import { violenceCommands } from './commands.js';
import { violenceJobs } from './jobs.js';
import { ViolenceService } from './service.js';
import { VIOLENCE_TABLES, ViolenceStore } from './store.js';
import { violenceVerbs } from './verbs.js';

export type ViolenceDeps = Pick<AppContext, 'storage' | 'events' | 'workplaces' | 'scheduler'>;

/** `actions`: the handleplan's port (actionsFeature(...).plan), for the risk assessment's "Opret handling". */
export function violenceFeature(deps: ViolenceDeps, ports: { actions: ActionPlanPort }): Feature {
  const store = new ViolenceStore(deps.storage);
  const svc = new ViolenceService({ store, workplaces: deps.workplaces, events: deps.events, scheduler: deps.scheduler, actions: ports.actions });
  return feature(
    'violence',
    VIOLENCE_TABLES,
    violenceCommands(svc),
    violenceVerbs(svc),
    violenceJobs({ svc, store, workplaces: deps.workplaces, scheduler: deps.scheduler }),
  );
}
