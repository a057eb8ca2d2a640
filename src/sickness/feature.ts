/**
 * The sickness follow-up (sygefraværsopfølgning) as one Feature: tables, commands,
 * card verbs, job handlers, recurring jobs and the CSV route of MED's yearly report.
 * The composition root mounts it; the absence lookup is the port MUS uses (it says
 * "absent", never why).
 */
import { randomBytes } from 'node:crypto';
import { feature, type AppContext, type Feature } from '../core/feature.js';
import { SicknessAbsenceLookup } from './absence.js';
import { sicknessCommands } from './commands.js';
import { FollowUpService } from './followup.js';
import { HandoverService } from './handover.js';
import { sicknessJobs } from './jobs.js';
import { parseDeploymentPolicies, PolicyCatalog } from './policy.js';
import { reportCommand, YearlyReports } from './report-command.js';
import { reportRoute } from './report.js';
import { SicknessService } from './service.js';
import { settingsPart } from './settings-verbs.js';
import { SICKNESS_TABLES, SicknessStore } from './store.js';
import { caseVerbs } from './verbs-case.js';
import { contactVerbs } from './verbs-contact.js';
import { handoverVerbs } from './verbs-handover.js';
import { samtaleVerbs } from './verbs-samtale.js';
import { SicknessView } from './view.js';

export type SicknessFeatureDeps = Pick<AppContext, 'config' | 'storage' | 'clock' | 'events' | 'workplaces' | 'scheduler' | 'publicBaseUrl'>;

export interface SicknessFeature extends Feature {
  absence: SicknessAbsenceLookup;
}

export function sicknessFeature(deps: SicknessFeatureDeps): SicknessFeature {
  const store = new SicknessStore(deps.storage, deps.clock);
  // loadConfig has validated SICKNESS_POLICY already; this only builds the catalog.
  const catalog = new PolicyCatalog(parseDeploymentPolicies(deps.config.sicknessPolicy));
  const svc = new SicknessService({ store, catalog, workplaces: deps.workplaces, events: deps.events, scheduler: deps.scheduler });
  const view = new SicknessView(svc);
  const followUp = new FollowUpService(svc, deps);
  const handover = new HandoverService(svc, deps);
  // Without DOWNLOAD_SECRET, links are signed with a per-process secret: they die with a restart.
  const secret = deps.config.downloadSecret ?? randomBytes(32);
  const reports = new YearlyReports(svc, store, deps.workplaces);
  return {
    ...feature(
      'sickness',
      SICKNESS_TABLES,
      sicknessCommands(svc, view),
      settingsPart(svc),
      reportCommand(reports, { baseUrl: () => deps.publicBaseUrl(), secret }),
      caseVerbs(svc, followUp, view),
      contactVerbs(svc, followUp, view),
      samtaleVerbs(svc, followUp, view),
      handoverVerbs(svc, handover, view),
      sicknessJobs({ svc, store, workplaces: deps.workplaces, scheduler: deps.scheduler }),
      { routes: [reportRoute({ clock: deps.clock, secret, build: (wp) => reports.build(wp, deps.clock.now()) })] },
    ),
    absence: new SicknessAbsenceLookup(store),
  };
}
