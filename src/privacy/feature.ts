import { feature, type AppContext, type Feature } from '../core/feature.js';
import type { RecurringJob } from '../outbox/types.js';
import { runRetention } from './retention.js';
import { PRIVACY_TABLE } from './store.js';

export type PrivacyDeps = Pick<AppContext, 'config' | 'clock' | 'log' | 'storage' | 'events' | 'workplaces'>;

/** Every night at 03.15 (Europe/Copenhagen), after the sickness retention (02.30). */
export const RETENTION_CRON = '15 3 * * *';

/**
 * Data protection: the nightly retention of every data class (retention.ts, periods in
 * policy.ts). Access requests, erasure, restriction and backups are operator tools
 * (src/tools/dsar.ts, backup.ts, restore.ts) built on this folder.
 */
export function privacyFeature(deps: PrivacyDeps): Feature {
  const retention: RecurringJob = {
    name: 'privacy.retention',
    cron: RETENTION_CRON,
    run: async (now) => {
      await runRetention({ ...deps, retention: deps.config.retention }, now);
    },
  };
  return feature('privacy', [PRIVACY_TABLE], { recurring: [retention] });
}
