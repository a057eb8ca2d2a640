import type { CommandDef } from './registry.js';
import type { VerbDef } from './router.js';

/**
 * A workflow folder exports one function that returns its Feature. The composition
 * root mounts it: tables are created at start-up, commands and verbs registered.
 */
export interface Feature {
  name: string;
  tables: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  commands?: readonly CommandDef<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  verbs?: readonly VerbDef<any>[];
}
