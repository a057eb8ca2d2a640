import { localDateOf } from '../../../src/shared/calendar.js';
import { ViolenceStore } from '../../../src/violence/store.js';
import type { Step } from '../exactly-once.js';
import type { Json } from '../http-bot.js';
import { button, buttonData, cardIn, cardsTo, press, workplaceOf, type Side, type Twins, type Who } from '../twins.js';

/**
 * Vold og trusler, in the personal chats: an employee registers an episode for herself
 * (the leader marks a step and makes the risk assessment an action, she records her police decision), a colleague registers one
 * for her (she confirms it), and one more (she rejects it).
 */
export function violenceSteps(): Step[] {
  const today = (t: Twins) => localDateOf(t.clock.now());
  const personal = (side: Side, who: Who, verb: string, data: Json) => ({ who: `${side}-${who}` as const, where: 'personal' as const, verb, data });
  /** The registration form as `who` gets it, filled in (for herself or for a colleague). */
  const filled = async (t: Twins, side: Side, who: Who, subject: 'self' | Who, extra: Json = {}) => {
    const form = cardIn(await t.bot.say(`${side}-${who}`, 'personal', 'registrér episode'));
    return press(form, 'violence.register', {
      subject: subject === 'self' ? 'self' : t.person(side, subject).aad,
      occurredOn: today(t),
      occurredAt: '07:30',
      place: 'Fællesarealer',
      kind: 'trussel',
      source: 'borger',
      injured: 'false',
      absenceFrom: '',
      needsTalkNow: 'false',
      amrMayKnowName: 'false',
      description: '',
      ...extra,
    });
  };
  /** The newest episode of `who` in the side's workplace. */
  const episodeOf = async (t: Twins, side: Side, who: Who) => {
    const list = await new ViolenceStore(t.bot.app.ctx.storage).listForEmployee(workplaceOf(side), t.person(side, who).aad);
    const e = list.sort((a, b) => (a.registeredAt < b.registeredAt ? -1 : 1)).at(-1);
    if (!e) throw new Error(`${side}: no episode of ${who}`);
    return { workplaceId: e.workplaceId, episodeId: e.id };
  };
  const shown = async (t: Twins, side: Side, as: Who, of: Who) => cardIn(await t.bot.execute(`${side}-${as}`, 'personal', 'violence.show', { verb: 'violence.show', ...(await episodeOf(t, side, of)) }));
  /** The newest confirmation card the engine sent to `who`. */
  const confirmCard = (t: Twins, side: Side, who: Who) => {
    const card = cardsTo(t, side, who)
      .reverse()
      .find((c) => JSON.stringify(c).includes('"violence.confirm"'));
    if (!card) throw new Error(`${side}-${who} got no confirmation card`);
    return card;
  };

  return [
    {
      writer: 'violence.register',
      kind: 'verb',
      prepare: async (t, side) => personal(side, 'e1', 'violence.register', await filled(t, side, 'e1', 'self', { injured: 'true', absenceFrom: today(t) })),
    },
    {
      writer: 'violence.step',
      kind: 'verb',
      prepare: async (t, side) => personal(side, 'leader', 'violence.step', button(await shown(t, side, 'leader', 'e1'), 'violence.step', { step: 'talk' })),
    },
    {
      writer: 'violence.police',
      kind: 'verb',
      prepare: async (t, side) => personal(side, 'e1', 'violence.police', button(await shown(t, side, 'e1', 'e1'), 'violence.police', { decision: 'nej' })),
    },
    {
      writer: 'violence.riskAction',
      kind: 'verb',
      prepare: async (t, side) => personal(side, 'leader', 'violence.riskAction', button(await shown(t, side, 'leader', 'e1'), 'violence.riskAction')),
    },
    {
      writer: 'violence.register',
      kind: 'verb',
      // A colleague registers for Emil: he is asked to confirm.
      prepare: async (t, side) => personal(side, 'e2', 'violence.register', await filled(t, side, 'e2', 'e3')),
    },
    {
      writer: 'violence.confirm',
      kind: 'verb',
      async prepare(t, side) {
        await t.bot.tick();
        const card = confirmCard(t, side, 'e3');
        return personal(side, 'e3', 'violence.confirm', press(card, 'violence.confirm', { amrMayKnowName: 'true' }));
      },
    },
    {
      writer: 'violence.reject',
      kind: 'verb',
      async prepare(t, side) {
        // Another registration for Emil, which he says is wrong.
        await t.bot.execute(`${side}-e2`, 'personal', 'violence.register', await filled(t, side, 'e2', 'e3', { kind: 'chikane', occurredAt: '16:00' }));
        await t.bot.tick();
        const card = confirmCard(t, side, 'e3');
        return personal(side, 'e3', 'violence.reject', { ...buttonData(card, 'violence.reject'), ...button(card, 'violence.reject') });
      },
    },
  ];
}
