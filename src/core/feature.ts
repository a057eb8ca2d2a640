import type { CommandDef } from './registry.js';
import type { VerbDef } from './router.js';
import type { JobHandler, RecurringJob } from '../outbox/types.js';

/**
 * A workflow folder exports one function that returns its Feature. The composition
 * root mounts it: tables are created at start-up, commands and verbs registered,
 * job handlers and recurring jobs handed to the reminder engine.
 */
/** An HTTP GET route a feature serves (e.g. a signed download). Transport-free. */
export interface RouteDef {
  path: string;
  handle(request: { params: Record<string, string>; query: Record<string, string> }): Promise<{
    status: number;
    headers?: Record<string, string>;
    body: string | Buffer;
  }>;
}

export interface Feature {
  name: string;
  tables: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  commands?: readonly CommandDef<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  verbs?: readonly VerbDef<any>[];
  jobs?: readonly JobHandler[];
  recurring?: readonly RecurringJob[];
  routes?: readonly RouteDef[];
}
