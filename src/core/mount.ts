import type { Feature, RouteDef } from './feature.js';
import { helpCommand } from './help.js';
import { CommandRegistry } from './registry.js';
import { VerbRouter } from './router.js';

/** Where the jobs of the features go: the outbox's engine. */
export interface JobRegistry {
  mount(part: Pick<Feature, 'jobs' | 'recurring'>): unknown;
}

export interface MountedFeatures {
  /** Every command, `hjælp` first: help is generated from this registry. */
  registry: CommandRegistry;
  router: VerbRouter;
  /** Every table any feature needs, once. */
  tables: string[];
  routes: RouteDef[];
}

/**
 * Mounts features the one way, in src/app.ts and in the tests: `hjælp` and every command
 * in the registry, every verb in the router, job handlers and recurring jobs in the
 * engine; tables and routes are collected for the caller to create and serve. A name
 * used twice (command, alias, verb, job kind) stops start-up.
 */
export function mountFeatures(features: readonly Feature[], jobs: JobRegistry): MountedFeatures {
  const registry = new CommandRegistry();
  const router = new VerbRouter();
  registry.add(helpCommand(registry));
  for (const f of features) {
    f.commands?.forEach((c) => registry.add(c));
    f.verbs?.forEach((v) => router.add(v));
    jobs.mount(f);
  }
  return {
    registry,
    router,
    tables: [...new Set(features.flatMap((f) => f.tables))],
    routes: features.flatMap((f) => f.routes ?? []),
  };
}
