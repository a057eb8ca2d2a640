import { randomBytes } from 'node:crypto';
import { loadConfig, type RawEnv } from '../../src/config.js';
import type { ManualClock } from '../../src/core/clock.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import type { AppContext, Feature } from '../../src/core/feature.js';
import { createLogger } from '../../src/core/log.js';
import { mountFeatures } from '../../src/core/mount.js';
import { CONVERSATIONS_TABLE, ConversationStore } from '../../src/conversations/store.js';
import { EVENTS_TABLE, EventLog } from '../../src/events/event-log.js';
import { ReminderEngine } from '../../src/outbox/engine.js';
import { REMINDERS_TABLE } from '../../src/outbox/store.js';
import type { Job, JobHandler, RecurringJob } from '../../src/outbox/types.js';
import { resolvePrincipal } from '../../src/workplaces/principal.js';
import { WORKPLACE_TABLES, WorkplaceStore } from '../../src/workplaces/store.js';
import { testStorage } from './storage.js';

/** What a feature is built from: the app's context on a fresh table prefix, with the real reminder engine as its scheduler. */
export interface FeatureDeps extends AppContext {
  clock: ManualClock;
  scheduler: ReminderEngine;
}

export interface FeatureRig extends FeatureDeps {
  /** The same engine as `scheduler`: jobs are rows in its table, read back with `get` and `listOpen`. */
  engine: ReminderEngine;
  feature: Feature;
  /** The feature's commands and verbs (and `hjælp`) behind the real dispatcher (validation, access, Danish errors). */
  dispatcher: Dispatcher;
  /** Creates the tables; call in beforeAll. */
  ready(): Promise<void>;
  handler(kind: string): JobHandler;
  recurring(name: string): RecurringJob;
  /** The jobs of a workplace that are still pending. */
  pending(workplaceId: string): Promise<Job[]>;
}

/**
 * One feature on Azurite, mounted as src/app.ts mounts it (`mountFeatures`: the
 * ReminderEngine is the scheduler, its handlers and recurring jobs mounted, `hjælp`
 * included), for tests that drive it with fake turns instead of HTTP. Nothing is sent
 * unless a test connects the engine: tests render a stored job with
 * `handler(kind).render(job, now)`.
 */
export function featureRig(clock: ManualClock, build: (deps: FeatureDeps) => Feature, env: RawEnv = {}): FeatureRig {
  const storage = testStorage();
  const config = loadConfig(env);
  const log = createLogger('silent');
  const engine = new ReminderEngine({ storage, clock, log }, { appRatePerSecond: config.scheduler.appRatePerSecond, workingHours: config.workingHours });
  const deps: FeatureDeps = {
    config,
    clock,
    log,
    storage,
    events: new EventLog(storage, clock),
    conversations: new ConversationStore(storage, clock),
    workplaces: new WorkplaceStore(storage, clock),
    scheduler: engine,
    publicBaseUrl: () => config.publicBaseUrl ?? 'http://localhost:3978',
    pulseSealKey: randomBytes(32),
  };
  const feature = build(deps);
  const { registry, router, tables } = mountFeatures([feature], engine);
  const dispatcher = new Dispatcher({ registry, router, log, resolvePrincipal: (turn) => resolvePrincipal(deps.workplaces, [], turn) });
  const find = <T>(list: readonly T[] | undefined, match: (x: T) => boolean, what: string): T => {
    const found = list?.find(match);
    if (!found) throw new Error(`${feature.name} has no ${what}`);
    return found;
  };
  return {
    ...deps,
    engine,
    feature,
    dispatcher,
    ready: () => storage.ensure([...new Set([...WORKPLACE_TABLES, EVENTS_TABLE, CONVERSATIONS_TABLE, REMINDERS_TABLE, ...tables])]),
    handler: (kind) => find(feature.jobs, (h) => h.kind === kind, `job handler ${kind}`),
    recurring: (name) => find(feature.recurring, (r) => r.name === name, `recurring job ${name}`),
    pending: async (workplaceId) => (await engine.listOpen(workplaceId)).filter((j) => j.status === 'pending'),
  };
}
