import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Cheap files first. Stryker stops a mutant's run at its first failing test (bail), but
 * vitest's own order runs the slowest files first: an Azurite integration file would run
 * (seconds) before the unit test that kills the mutant in milliseconds. Here: files that
 * failed in the last run first (they killed the previous mutant, often a neighbour of this
 * one), then unit tests, then the rest, shortest first.
 */
class CheapFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const state = (f: TestSpecification) => cache.getFileTestResults(`${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`);
    const unit = (f: TestSpecification) => f.moduleId.includes('/test/unit/');
    const rank = (f: TestSpecification) => (state(f)?.failed ? 0 : unit(f) ? 1 : 2);
    return [...files].sort((a, b) => rank(a) - rank(b) || (state(a)?.duration ?? 0) - (state(b)?.duration ?? 0));
  }
}

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
    // Azurite only for groups with integration tests: Stryker starts a fresh test runner after
    // every timed-out mutant, and a unit-only group should not wait for Azurite each time.
    globalSetup: only?.every((f) => f.startsWith('test/unit/')) ? [] : ['test/support/global-setup.ts'],
    // MUTATION_TEST_TIMEOUT: a group's own (scripts/mutation-groups.mjs), so a mutant that makes a test wait forever is a failed test, not a runner Stryker must restart.
    testTimeout: Number(process.env.MUTATION_TEST_TIMEOUT) || 30_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
    sequence: { sequencer: CheapFirst },
    // Some engine tests lean on real time (leases, shared send budget) and fail now and then
    // when the shared 2-core machine is overloaded; a failure in Stryker's initial run stops
    // the whole run. One retry: a mutant a test kills still fails it twice.
    retry: 1,
    reporters: ['default'],
  },
});
