// Mutation testing of the code that guards privacy, deadlines and delivery (issue 23).
// `npm run test:mutation` (slow: outside `npm test`); one module while working on its tests:
//   nice -n 15 npx stryker run --mutate src/outbox/sender.ts
// Equivalent mutants are excluded in the source with `// Stryker disable next-line <mutator>: <why>`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // Unit tests and the fast Azurite integration tests only (see the file); `related` narrows
  // them further to the test files that import the mutated modules.
  vitest: { configFile: 'test/vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    // access rules
    'src/core/access.ts',
    'src/sickness/access.ts',
    'src/mus/access.ts',
    // the diagnosis firewall
    'src/sickness/firewall.ts',
    'src/sickness/health-terms.ts',
    // pulse anonymity and the sealed answers
    'src/pulse/aggregate.ts',
    'src/pulse/store.ts',
    // statutory deadlines
    'src/sickness/timeline.ts',
    'src/sickness/policy.ts',
    // delivery: the outbox engine
    'src/outbox/claims.ts',
    'src/outbox/tick.ts',
    'src/outbox/limiter.ts',
    'src/outbox/rates.ts',
    'src/outbox/windows.ts',
    'src/outbox/sender.ts',
    'src/core/transport.ts',
    // handleplaner
    'src/actions/export.ts',
    'src/actions/when.ts',
    // MUS
    'src/mus/planner.ts',
    'src/mus/due.ts',
  ],
  // Two cores, shared: one vitest (with its own Azurite) per core.
  concurrency: 2,
  // The machine is shared: the initial run of the selected tests can take many minutes.
  dryRunTimeoutMinutes: 40,
  timeoutMS: 15_000,
  timeoutFactor: 2,
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 90, low: 80, break: 80 },
  // Not copied into the sandbox: build output, reports, other runs' sandboxes, local data.
  ignorePatterns: ['dist', 'reports', '.stryker-tmp*', '.data', 'devTools', 'coverage'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
