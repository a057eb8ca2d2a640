import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { onceText } from '../../src/i18n/once.js';
import { checkStep, expectOnce } from '../support/exactly-once.js';
import { MEDYEAR_START, medyearSteps } from '../support/once-stories/medyear.js';
import { startTwins, type Twins } from '../support/twins.js';

/**
 * The MED year: each change made once in one workplace and twenty times at once in its
 * twin (the same card pressed twenty times) makes exactly the same rows, events and
 * reminder rows; the nineteen repeats are answered from the first (and a press after
 * them, for an action made from a decision or a finding, names its H-number).
 */
const clock = new ManualClock(MEDYEAR_START);
let t: Twins;

beforeAll(async () => {
  t = await startTwins(clock, ['trio', 'med']);
}, 60_000);
afterAll(() => t?.stop());

describe('twenty identical requests make one change: the MED year', () => {
  for (const step of medyearSteps()) {
    it(`${step.writer} (${step.kind})`, async () => {
      const names = step.writer === 'medyear.referat.toAction' || step.writer === 'medyear.apv.finding';
      const r = await checkStep(t, step, undefined, { late: names });
      expectOnce(step, r);
      // The repeats write nothing and say so: the already-made answer (or, under load, "busy"); one answer is the change's own.
      const repeats = r.answers.filter((a) => a === onceText.again || a === onceText.busy || /^H-\d+ er allerede oprettet/.test(a));
      expect(repeats.length, `${step.writer}: nineteen of the twenty are answered as repeats (${r.answers.slice(0, 3).join(' | ')})`).toBe(r.answers.length - 1);
      // A repeat after the change is done names the action it made.
      if (names) expect(r.late, 'the repeat names the action').toMatch(/^H-\d+ er allerede oprettet/);
    }, 60_000);
  }
});
