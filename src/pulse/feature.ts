/**
 * Trivselspuls: the weekly card, sealed anonymous answers, results for TRIO guarded
 * against subtraction, the quarterly summary for MED. PRIVACY.md says what is stored.
 */
import { feature, type Feature } from '../core/feature.js';
import { pulseCommands } from './commands.js';
import { pulseJobs } from './jobs.js';
import { PulseService, type PulseDeps } from './service.js';
import { PULSE_TABLES } from './store.js';
import { pulseVerbs } from './verbs.js';
import { firstRoundVerbs } from './verbs-first.js';

export type { PulseDeps } from './service.js';

export function pulseFeature(deps: PulseDeps): Feature {
  const svc = new PulseService(deps);
  return feature('pulse', PULSE_TABLES, pulseCommands(svc), pulseVerbs(svc), firstRoundVerbs(svc), pulseJobs(svc));
}
