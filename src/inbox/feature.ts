import type { Clock } from '../core/clock.js';
import type { Feature } from '../core/feature.js';
import type { Logger } from '../core/log.js';
import type { Storage } from '../storage/tables.js';
import { INBOX_TABLE, InboxStore } from './store.js';

/** Teams redelivers within seconds or minutes; a day covers every retry with room to spare. */
export const INBOX_RETENTION_HOURS = 24;

export interface InboxDeps {
  storage: Storage;
  clock: Clock;
  log: Logger;
}

/**
 * The inbox of handled activity ids (see types.ts): its table, the ledger the bot layer
 * claims activities in, and an hourly purge of claims older than the retention.
 */
export function inboxFeature(deps: InboxDeps): Feature & { ledger: InboxStore } {
  const ledger = new InboxStore(deps.storage, deps.clock);
  return {
    name: 'inbox',
    tables: [INBOX_TABLE],
    ledger,
    recurring: [
      {
        name: 'inbox.purge',
        cron: '41 * * * *',
        async run(now) {
          const deleted = await ledger.purge(new Date(now.getTime() - INBOX_RETENTION_HOURS * 3_600_000));
          if (deleted > 0) deps.log.info({ event: 'inbox.purged', deleted }, 'old activity ids purged');
        },
      },
    ],
  };
}
