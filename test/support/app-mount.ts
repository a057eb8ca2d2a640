import { randomBytes } from 'node:crypto';
import { appFeatures } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import type { AppContext } from '../../src/core/feature.js';
import { createLogger } from '../../src/core/log.js';
import { mountFeatures, type MountedFeatures } from '../../src/core/mount.js';
import { ConversationStore } from '../../src/conversations/store.js';
import { EventLog } from '../../src/events/event-log.js';
import { ReminderEngine } from '../../src/outbox/engine.js';
import { WorkplaceStore } from '../../src/workplaces/store.js';
import { testStorage } from './storage.js';

/**
 * Every feature of the app mounted as src/app.ts mounts it (the same `appFeatures` and
 * `mountFeatures`), on a fresh table prefix that nothing is written to: for tests that
 * need the real command registry and verb router without starting the HTTP app.
 */
export function mountedApp(): MountedFeatures {
  const storage = testStorage();
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const config = loadConfig({});
  const log = createLogger('silent');
  const engine = new ReminderEngine({ storage, clock, log }, { appRatePerSecond: config.scheduler.appRatePerSecond, workingHours: config.workingHours });
  const ctx: AppContext = {
    config,
    clock,
    log,
    storage,
    events: new EventLog(storage, clock),
    conversations: new ConversationStore(storage, clock),
    workplaces: new WorkplaceStore(storage, clock),
    scheduler: engine,
    publicBaseUrl: () => 'http://localhost:3978',
    pulseSealKey: randomBytes(32),
  };
  return mountFeatures(appFeatures(ctx), engine);
}
