import { afterAll, beforeAll, describe, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { checkStep, expectOnce } from '../support/exactly-once.js';
import { pulseSteps } from '../support/once-stories/pulse.js';
import { startTwins, type Twins } from '../support/twins.js';

/** Trivselspuls: twenty identical submits of the question card store one answer, as one does. */
const clock = new ManualClock('2026-11-23T06:30:00Z'); // Monday 07:30 in Copenhagen
let t: Twins;

beforeAll(async () => {
  t = await startTwins(clock, ['trio', 'med']);
}, 60_000);
afterAll(() => t?.stop());

describe('twenty identical requests make one change: trivselspuls', () => {
  for (const step of pulseSteps()) {
    it(`${step.writer} (${step.kind})`, async () => expectOnce(step, await checkStep(t, step)), 60_000);
  }
});
