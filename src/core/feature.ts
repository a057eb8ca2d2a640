/**
 * The one shape of a feature. CONTRIBUTING.md has the recipe (folder layout, how to
 * write a verb, a store, a job); src/actions/ is the worked example.
 *
 * A feature folder exports one function `xFeature(deps): Feature` from its feature.ts.
 * It wires and decides nothing: it builds the store and the service from `deps` and
 * returns the parts. Larger features are built from several parts (one per file, e.g.
 * MUS planning and registration), each typed `FeaturePart` and joined with `feature()`.
 * `mountFeatures()` (src/core/mount.ts) mounts them, the same in src/app.ts and in tests.
 */
import type { Config } from '../config.js';
import type { ConversationStore } from '../conversations/store.js';
import type { EventLog } from '../events/event-log.js';
import type { JobHandler, RecurringJob, Scheduler } from '../outbox/types.js';
import type { Storage } from '../storage/tables.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import type { Clock } from './clock.js';
import type { Logger } from './log.js';
import type { Command } from './registry.js';
import type { Verb } from './router.js';

/**
 * Everything a feature may depend on, built once by the composition root and passed in;
 * nothing global. A feature asks for the part it uses: `Pick<AppContext, 'clock' | ...>`.
 */
export interface AppContext {
  config: Config;
  clock: Clock;
  log: Logger;
  storage: Storage;
  events: EventLog;
  conversations: ConversationStore;
  workplaces: WorkplaceStore;
  /** The outbox (reminder engine): every workflow schedules later messages here. Always there. */
  scheduler: Scheduler;
  /** The bot's public base URL (PUBLIC_BASE_URL, or this instance once it listens). */
  publicBaseUrl(): string;
  /** Seals pulse ballots while a round is open (PULSE_SEAL_KEY or the local key file; never in the database). */
  pulseSealKey: Uint8Array;
}

/** An HTTP GET route a feature serves (e.g. a signed download). Transport-free. */
export interface RouteDef {
  path: string;
  handle(request: { params: Record<string, string>; query: Record<string, string> }): Promise<{
    status: number;
    headers?: Record<string, string>;
    body: string | Buffer;
  }>;
}

/** What one file of a feature contributes: its commands (commands.ts), card verbs (verbs.ts), jobs (jobs.ts), routes. */
export interface FeaturePart {
  commands?: readonly Command[];
  verbs?: readonly Verb[];
  /** Renderers of stored jobs, by kind (jobs.ts). */
  jobs?: readonly JobHandler[];
  /** Recurring jobs (weekly, monthly, nightly), run once per slot across instances. */
  recurring?: readonly RecurringJob[];
  routes?: readonly RouteDef[];
}

export interface Feature extends FeaturePart {
  name: string;
  /** Tables created at start-up (logical names, the prefix is added by Storage). */
  tables: readonly string[];
}

/** A feature from its parts, in the order given (commands appear in help in this order). */
export function feature(name: string, tables: readonly string[], ...parts: readonly FeaturePart[]): Feature {
  return {
    name,
    tables,
    commands: parts.flatMap((p) => p.commands ?? []),
    verbs: parts.flatMap((p) => p.verbs ?? []),
    jobs: parts.flatMap((p) => p.jobs ?? []),
    recurring: parts.flatMap((p) => p.recurring ?? []),
    routes: parts.flatMap((p) => p.routes ?? []),
  };
}
