import { randomBytes } from 'node:crypto';
import { feature, type AppContext, type Feature } from '../core/feature.js';
import { actionCommands } from './commands.js';
import { exportRoute } from './export.js';
import { actionJobs } from './jobs.js';
import { ActionPlan, type ActionPlanPort } from './plan.js';
import { ACTIONS_TABLE, ActionStore } from './store.js';
import { actionVerbs } from './verbs.js';
import { ActionView } from './view.js';

/** What the action plans need from the app (publicBaseUrl: for download links). */
export type ActionsDeps = Pick<AppContext, 'config' | 'clock' | 'log' | 'storage' | 'events' | 'workplaces' | 'scheduler' | 'publicBaseUrl'>;

export interface ActionsFeature extends Feature {
  /** The port other features create and read actions through (the MED year). */
  plan: ActionPlanPort;
}

/** Handleplaner: open actions, the form, the action card, the CSV export and the reminders. */
export function actionsFeature(deps: ActionsDeps): ActionsFeature {
  const store = new ActionStore(deps.storage, deps.clock);
  const view = new ActionView({ store, workplaces: deps.workplaces, clock: deps.clock });
  // Without DOWNLOAD_SECRET, links are signed with a per-process secret: they die with a restart.
  const secret = deps.config.downloadSecret ?? randomBytes(32);
  const baseUrl = () => deps.publicBaseUrl();
  const plan = new ActionPlan({ store, view, events: deps.events, scheduler: deps.scheduler, clock: deps.clock, log: deps.log });
  const parts = feature(
    'actions',
    [ACTIONS_TABLE],
    actionCommands({ store, view, download: { baseUrl, secret } }),
    actionVerbs({ store, view, events: deps.events, clock: deps.clock, log: deps.log, scheduler: deps.scheduler }),
    actionJobs({ store, workplaces: deps.workplaces, view, log: deps.log, scheduler: deps.scheduler }),
    { routes: [exportRoute({ store, clock: deps.clock, secret })] },
  );
  return { ...parts, plan };
}
