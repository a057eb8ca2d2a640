/**
 * The MED year (issue 19): the årshjul of MED and TRIO meetings with the standing items,
 * the agenda that fills itself before each meeting, the referat whose decisions become
 * actions, the APV cycle, the arbejdsmiljødrøftelse and the kompetenceudviklingsplan.
 * It reads and writes other features through their ports: the action plan
 * (actionsFeature(...).plan) and MUS (musFeature(...).year), never their tables.
 */
import { feature, type AppContext, type Feature } from '../core/feature.js';
import { medyearCommands } from './commands.js';
import { medyearJobs } from './jobs.js';
import { MedYearService, type MedYearPorts } from './service.js';
import { MEDYEAR_TABLE, MedYearStore } from './store.js';
import { cycleVerbs } from './verbs-cycle.js';
import { meetingVerbs } from './verbs-meeting.js';

export type MedYearDeps = Pick<AppContext, 'storage' | 'clock' | 'log' | 'workplaces' | 'scheduler'>;

export function medyearFeature(deps: MedYearDeps, ports: MedYearPorts): Feature {
  const store = new MedYearStore(deps.storage, deps.clock);
  const svc = new MedYearService({ ...ports, store, workplaces: deps.workplaces, scheduler: deps.scheduler, clock: deps.clock, log: deps.log });
  return feature('medyear', [MEDYEAR_TABLE], medyearCommands(svc, deps.workplaces), meetingVerbs(svc, deps.workplaces), cycleVerbs(svc, deps.workplaces), medyearJobs(svc, deps.workplaces));
}
