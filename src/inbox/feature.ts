import { feature, type AppContext, type Feature } from '../core/feature.js';
import { INBOX_TABLE, InboxStore } from './store.js';
import type { ActivityLedger } from './types.js';

/** Teams redelivers within seconds or minutes; a day covers every retry with room to spare. */
export const INBOX_RETENTION_HOURS = 24;

export type InboxDeps = Pick<AppContext, 'storage' | 'clock' | 'log'>;

/**
 * The inbox of handled activity ids (see types.ts): its table and an hourly purge of
 * claims older than the retention. The ledger is returned next to the Feature, as a
 * port for the bot layer, which claims every incoming activity in it.
 */
export function inboxFeature(deps: InboxDeps): Feature & { ledger: ActivityLedger } {
  const store = new InboxStore(deps.storage, deps.clock);
  const purge = {
    name: 'inbox.purge',
    cron: '41 * * * *',
    async run(now: Date) {
      const deleted = await store.purge(new Date(now.getTime() - INBOX_RETENTION_HOURS * 3_600_000));
      if (deleted > 0) deps.log.info({ event: 'inbox.purged', deleted }, 'old activity ids purged');
    },
  };
  return { ...feature('inbox', [INBOX_TABLE], { recurring: [purge] }), ledger: store };
}
