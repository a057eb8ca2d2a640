import { afterAll, beforeAll, describe, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { checkStep, expectOnce } from '../support/exactly-once.js';
import { sicknessSteps } from '../support/once-stories/sickness.js';
import { startTwins, type Twins } from '../support/twins.js';

/**
 * Sygefravær: each change made once in one workplace and twenty times at once in its twin
 * (the same card pressed twenty times; `syg` and `raskmeld` written twenty times) makes
 * exactly the same case rows, events and reminder rows.
 */
const clock = new ManualClock('2026-11-24T08:00:00Z'); // Tuesday 09:00 in Copenhagen
let t: Twins;

beforeAll(async () => {
  t = await startTwins(clock);
}, 60_000);
afterAll(() => t?.stop());

describe('twenty identical requests make one change: sygefravær', () => {
  for (const step of sicknessSteps()) {
    it(`${step.writer} (${step.kind})`, async () => expectOnce(step, await checkStep(t, step)), 60_000);
  }
});
