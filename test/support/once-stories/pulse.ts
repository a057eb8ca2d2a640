import type { Step } from '../exactly-once.js';
import { buttonData, cardsTo, inputsOf, type Side, type Twins } from '../twins.js';

/**
 * Trivselspuls: one answer per person per round (the pulse's own guard, src/pulse/store.ts):
 * the question card submitted twenty times at once stores one answer.
 */
export function pulseSteps(): Step[] {
  return [
    {
      writer: 'pulse.answer',
      kind: 'verb',
      async before(t) {
        // Monday before 09:00: the round opens and the cards go out at 09:00.
        await t.bot.app.engine.runRecurring('pulse.tick', t.clock.now());
        t.clock.set('2026-11-23T08:00:00Z');
      },
      async prepare(t, side: Side) {
        await t.bot.tick();
        const card = cardsTo(t, side, 'e1').reverse().find((c) => JSON.stringify(c).includes('"pulse.answer"'));
        if (!card) throw new Error(`${side}-e1 got no pulse card`);
        const inputs = inputsOf(card);
        const scores = Object.fromEntries(Object.keys(inputs).filter((k) => /^q\d$/.test(k)).map((k) => [k, '4']));
        return { who: `${side}-e1`, where: 'personal', verb: 'pulse.answer', data: { ...inputs, ...scores, comment: '', ...buttonData(card, 'pulse.answer') } };
      },
    },
  ];
}
