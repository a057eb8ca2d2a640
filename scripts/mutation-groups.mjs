// What `npm run test:mutation` mutates, and with which tests (issue 23). Each group is one
// Stryker run: the modules, and the test files written for them (unit tests and the fast
// Azurite integration tests; no Playground, browser or child-process tests). Mutating a
// module against its own tests keeps each run short; integration tests that merely pass
// through a module (there are many: app.ts imports everything) are not asked about it.

/** Below this total mutation score (percent) `npm run test:mutation` fails. */
export const BREAK = 90;

/**
 * Each group: `name`, `mutate` (the modules), `tests` (the files run for them), and for
 * groups on Azurite `testTimeoutMs` (vitest's per-test timeout while mutating) and
 * `timeoutMs` (Stryker's, stryker.config.mjs).
 */
export const GROUPS = [
  {
    name: 'access',
    mutate: ['src/core/access.ts', 'src/sickness/access.ts', 'src/mus/access.ts'],
    tests: [
      'test/unit/core-access.test.ts',
      'test/unit/dispatcher.test.ts',
      'test/unit/registry.test.ts',
      'test/unit/mus/access.test.ts',
      'test/unit/sickness-access.test.ts',
      // No HTTP tests (edge-roles, sickness-access, mus-access): they prove the verbs use these
      // rules, and repeat what the unit tests above kill, at seconds per mutant.
    ],
  },
  {
    name: 'firewall',
    mutate: ['src/sickness/firewall.ts', 'src/sickness/health-terms.ts'],
    // Both are pure: their unit tests (the firewall's are in sickness-rules), no Azurite.
    tests: ['test/unit/health-terms.test.ts', 'test/unit/sickness-rules.test.ts', 'test/unit/sickness-cards.test.ts'],
  },
  {
    name: 'sickness',
    mutate: ['src/sickness/timeline.ts', 'src/sickness/policy.ts'],
    // Pure: unit tests only (sickness-policy over HTTP takes half a minute a run under load).
    // Not sickness-cards (it renders timelines, but in the run of 1 December the files below
    // killed every mutant it covers before it ran) nor sickness-rules (it imports neither module).
    tests: ['test/unit/sickness-timeline.test.ts', 'test/unit/sickness-timeline-milestones.test.ts', 'test/unit/sickness-plan.test.ts', 'test/unit/sickness-config.test.ts', 'test/unit/sickness-policy.test.ts'],
  },
  {
    name: 'pulse',
    // A mutant that makes a test wait forever fails that test after testTimeoutMs (a kill);
    // otherwise Stryker's timeout would end the whole runner, and a new one starts Azurite
    // again. Stryker's own timeout (timeoutMs) stays for loops that never yield.
    testTimeoutMs: 5_000,
    timeoutMs: 10_000,
    mutate: ['src/pulse/aggregate.ts', 'src/pulse/store.ts'],
    // The store needs Azurite (pulse-store and its fault-injection edges); pulse-anonymity (a minute over HTTP) is left out.
    tests: ['test/unit/pulse.test.ts', 'test/unit/pulse-aggregate-edges.test.ts', 'test/unit/pulse-disclosure.test.ts', 'test/unit/pulse-shuffle.test.ts', 'test/integration/pulse-store.test.ts', 'test/integration/pulse-store-edges.test.ts'],
  },
  {
    name: 'limiter',
    mutate: ['src/outbox/limiter.ts', 'src/outbox/rates.ts', 'src/outbox/windows.ts', 'src/core/transport.ts'],
    tests: ['test/unit/outbox-windows.test.ts', 'test/unit/reminders-limiter.test.ts', 'test/unit/reminders-transport.test.ts', 'test/unit/reminders-sender.test.ts', 'test/unit/outbox-sender-paths.test.ts', 'test/unit/outbox-limiter-edges.test.ts', 'test/unit/outbox-limiter-wake.test.ts'],
  },
  {
    name: 'engine',
    // A mutant that makes a test wait forever fails that test after testTimeoutMs (a kill);
    // otherwise Stryker's timeout would end the whole runner, and a new one starts Azurite
    // again. Stryker's own timeout (timeoutMs) stays for loops that never yield.
    testTimeoutMs: 5_000,
    timeoutMs: 10_000,
    mutate: ['src/outbox/claims.ts', 'src/outbox/tick.ts', 'src/outbox/sender.ts'],
    tests: [
      'test/unit/outbox-group-commit.test.ts',
      'test/unit/reminders-sender.test.ts',
      'test/unit/outbox-sender-paths.test.ts',
      'test/unit/outbox-sender-telemetry.test.ts',
      // Claims and the tick on Azurite without an engine around them and without real-time
      // waits (a manual clock for the tick). Left out, although they pass through these
      // modules: reminders-engine (a 3 s lease wait), reminders-delivery and
      // reminders-fairness (a minute each of real-time fan-out); they stay in `npm test`.
      'test/integration/outbox-claims.test.ts',
      'test/integration/outbox-tick.test.ts',
    ],
  },
  {
    name: 'actions',
    mutate: ['src/actions/export.ts', 'src/actions/when.ts'],
    // Both are pure: unit tests only. actions-http (the export over HTTP, seconds per mutant)
    // is left out: actions-export kills what it killed, from the CSV cells to the route's answers.
    tests: ['test/unit/actions/when.test.ts', 'test/unit/actions/when-forms.test.ts', 'test/unit/actions-export.test.ts', 'test/unit/actions-model.test.ts'],
  },
  {
    name: 'mus',
    mutate: ['src/mus/planner.ts', 'src/mus/due.ts'],
    tests: ['test/unit/mus/planner.test.ts', 'test/unit/mus/planner-edges.test.ts', 'test/unit/mus/due.test.ts', 'test/unit/mus/due-edges.test.ts', 'test/unit/mus/cards.test.ts'],
  },
];
