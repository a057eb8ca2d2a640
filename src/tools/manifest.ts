import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appFeatures } from '../app.js';
import { loadConfig } from '../config.js';
import { systemClock } from '../core/clock.js';
import type { AppContext } from '../core/feature.js';
import { createLogger } from '../core/log.js';
import { mountFeatures } from '../core/mount.js';
import type { CommandRegistry } from '../core/registry.js';
import { ConversationStore } from '../conversations/store.js';
import { EventLog } from '../events/event-log.js';
import { manifestCommandLists } from '../menu.js';
import { ReminderEngine } from '../outbox/engine.js';
import { Storage } from '../storage/tables.js';
import { WorkplaceStore } from '../workplaces/store.js';

/**
 * Writes manifest/manifest.json's command menus from the command registry (src/menu.ts
 * picks the commands; their titles and descriptions are the registry's).
 *
 *   npm run manifest
 *
 * The features are mounted as the app mounts them, against storage that is never
 * contacted (nothing here reads or writes a table).
 */
export function offlineRegistry(): CommandRegistry {
  const config = loadConfig({});
  const clock = systemClock;
  const log = createLogger('silent');
  const storage = new Storage('UseDevelopmentStorage=true', 'manifest');
  const ctx: AppContext = {
    config,
    clock,
    log,
    storage,
    events: new EventLog(storage, clock),
    conversations: new ConversationStore(storage, clock),
    workplaces: new WorkplaceStore(storage, clock),
    scheduler: new ReminderEngine({ storage, clock, log }, { appRatePerSecond: config.scheduler.appRatePerSecond, workingHours: config.workingHours }),
    publicBaseUrl: () => 'http://localhost:3978',
    pulseSealKey: new Uint8Array(32),
  };
  return mountFeatures(appFeatures(ctx), { mount: () => undefined }).registry;
}

function main(): void {
  const file = join(process.cwd(), 'manifest', 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { bots: { commandLists?: unknown }[] };
  manifest.bots[0]!.commandLists = manifestCommandLists(offlineRegistry());
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`Wrote the command menus of ${file} from the command registry.`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
