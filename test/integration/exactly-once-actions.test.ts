import { afterAll, beforeAll, describe, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { checkStep, expectOnce } from '../support/exactly-once.js';
import { setupAndActionSteps } from '../support/once-stories/setup-actions.js';
import { startTwins, type Twins } from '../support/twins.js';

/**
 * Setup and handleplaner: each change made once in one workplace and twenty times at once
 * (the same card pressed twenty times, or the command written twenty times) in its twin
 * makes exactly the same rows, events and reminder rows. Coverage of every writing verb
 * and command: exactly-once-coverage.test.ts.
 */
const clock = new ManualClock('2026-11-24T08:00:00Z'); // Tuesday 09:00 in Copenhagen
let t: Twins;

beforeAll(async () => {
  t = await startTwins(clock);
}, 60_000);
afterAll(() => t?.stop());

describe('twenty identical requests make one change: setup and actions', () => {
  for (const step of setupAndActionSteps()) {
    it(`${step.writer} (${step.kind})`, async () => expectOnce(step, await checkStep(t, step)), 60_000);
  }
});
