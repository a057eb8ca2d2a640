import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs (`npm run test:mutation`, stryker.config.mjs): the unit tests and
 * the fast Azurite integration tests that exercise the mutated modules. No Playground,
 * browser or child-process tests: they are slow, and a mutant reaches them only through
 * the built dist/, which Stryker does not mutate.
 *
 * MUTATION_TESTS (comma-separated globs) narrows the set while working on one module:
 *   MUTATION_TESTS=test/unit/pulse.test.ts nice -n 15 npx stryker run --mutate src/pulse/aggregate.ts
 * (config.ts is the place that reads the environment for the bot; this is test tooling.)
 */
const only = process.env.MUTATION_TESTS?.split(',').filter(Boolean);
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: only ?? [
      'test/unit/**/*.test.ts',
      'test/integration/actions-http.test.ts',
      'test/integration/actions-reminders.test.ts',
      'test/integration/actions-store.test.ts',
      'test/integration/edge-roles.test.ts',
      'test/integration/mus-access.test.ts',
      'test/integration/mus-http.test.ts',
      'test/integration/mus-planning.test.ts',
      'test/integration/pulse-anonymity.test.ts',
      'test/integration/pulse-store.test.ts',
      'test/integration/pulse-subtraction.test.ts',
      'test/integration/reminders-budget.test.ts',
      'test/integration/reminders-connector-double.test.ts',
      'test/integration/reminders-delivery.test.ts',
      'test/integration/reminders-engine.test.ts',
      'test/integration/reminders-fairness.test.ts',
      'test/integration/reminders-status.test.ts',
      'test/integration/sickness-access.test.ts',
      'test/integration/sickness-flow.test.ts',
      'test/integration/sickness-report.test.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
    isolate: process.env.MUTATION_ISOLATE !== '0',
    // Some engine tests lean on real time (leases, shared send budget) and fail now and then
    // when the shared 2-core machine is overloaded; a failure in Stryker's initial run stops
    // the whole run. One retry: a mutant a test kills still fails it twice.
    retry: 1,
    reporters: ['default'],
  },
});
