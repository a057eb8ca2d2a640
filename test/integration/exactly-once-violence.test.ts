import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { VIOLENCE_EPISODES_TABLE } from '../../src/violence/store.js';
import { checkStep, expectOnce, fire } from '../support/exactly-once.js';
import { everything } from '../support/http-bot.js';
import { violenceSteps } from '../support/once-stories/violence.js';
import { startTwins, workplaceOf, type Twins } from '../support/twins.js';

/**
 * Vold og trusler: each change made once in one workplace and twenty times at once in its
 * twin (the same card pressed twenty times) makes exactly the same episode rows, events and
 * reminder rows; a later press of the same card is answered with what exists.
 */
const clock = new ManualClock('2026-11-24T08:00:00Z'); // Tuesday 09:00 in Copenhagen
let t: Twins;

beforeAll(async () => {
  t = await startTwins(clock);
}, 60_000);
afterAll(() => t?.stop());

describe('twenty identical requests make one change: vold og trusler', () => {
  const steps = violenceSteps();
  for (const step of steps) {
    it(`${step.writer} (${step.kind})`, async () => expectOnce(step, await checkStep(t, step)), 60_000);
  }

  it('the registration form pressed again later is answered "allerede registreret" and writes nothing', async () => {
    const side = 'syd';
    const f = await steps[0]!.prepare(t, side);
    const [first] = await fire(t, f, 1);
    expect(everything(first!)).toContain('din leder har fået besked');
    const rows = async () => {
      const out: string[] = [];
      for await (const e of t.bot.app.ctx.storage.table(VIOLENCE_EPISODES_TABLE).listEntities({ queryOptions: { filter: `PartitionKey eq '${workplaceOf(side)}'` } })) out.push(String(e.rowKey));
      return out;
    };
    const before = await rows();
    const again = await fire(t, f, 3);
    for (const a of again) expect(everything(a)).toContain('Den episode er allerede registreret');
    expect(await rows()).toEqual(before);
  });
});
