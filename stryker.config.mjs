// Mutation testing of the code that guards privacy, deadlines and delivery (issue 23).
// `npm run test:mutation [group ...]` (slow: outside `npm test`) runs scripts/mutation.mjs: one
// Stryker run per group of scripts/mutation-groups.mjs with that group's tests, then the score
// per module and in total. One module while working on its tests:
//   MUTATION_GROUP=engine nice -n 15 npx stryker run --mutate src/outbox/sender.ts
// Equivalent mutants are excluded in the source with `// Stryker disable next-line <mutator>: <why>`.
import { BREAK, GROUPS } from './scripts/mutation-groups.mjs';

const group = GROUPS.find((g) => g.name === process.env.MUTATION_GROUP);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // Unit tests and the fast Azurite integration tests only (see the file); `related` narrows
  // them further to the test files that import the mutated modules.
  vitest: { configFile: 'test/vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // Run by scripts/mutation.mjs one group at a time (MUTATION_GROUP); on its own, every group's modules.
  mutate: group ? group.mutate : GROUPS.flatMap((g) => g.mutate),
  // Two cores, shared: one vitest (with its own Azurite) per core.
  concurrency: 2,
  // The machine is shared: the initial run of the selected tests can take many minutes.
  dryRunTimeoutMinutes: 40,
  // A mutant that makes a test loop (the planner's slot search) times out; 5 s over the
  // test's own time is plenty for these tests and costs far less than 15 s per such mutant.
  // Groups on Azurite set their own (scripts/mutation-groups.mjs).
  timeoutMS: group?.timeoutMs ?? 5_000,
  timeoutFactor: 1.5,
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${group?.name ?? 'all'}.html` },
  jsonReporter: { fileName: `reports/mutation/${group?.name ?? 'all'}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 95, low: BREAK, break: BREAK },
  // Not copied into the sandbox: build output, reports, other runs' sandboxes, local data.
  ignorePatterns: ['dist', 'reports', '.stryker-tmp*', '.data', 'devTools', 'coverage'],
  tempDirName: `.stryker-tmp-${group?.name ?? 'all'}`,
  cleanTempDir: 'always',
};
