import { afterAll, beforeAll, describe, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { checkStep, expectOnce } from '../support/exactly-once.js';
import { musSteps } from '../support/once-stories/mus.js';
import { startTwins, type Twins } from '../support/twins.js';

/**
 * MUS: each change made once in one workplace and twenty times at once in its twin (the
 * same card pressed twenty times) makes exactly the same talks, plans, events and jobs.
 */
const clock = new ManualClock('2026-11-23T08:00:00Z'); // Monday 09:00 in Copenhagen
let t: Twins;

beforeAll(async () => {
  t = await startTwins(clock, ['trio', 'med']);
}, 60_000);
afterAll(() => t?.stop());

describe('twenty identical requests make one change: MUS', () => {
  for (const step of musSteps()) {
    it(`${step.writer} (${step.kind})`, async () => expectOnce(step, await checkStep(t, step)), 60_000);
  }
});
