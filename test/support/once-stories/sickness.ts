import { SicknessStore } from '../../../src/sickness/store.js';
import { WorkplaceStore } from '../../../src/workplaces/store.js';
import { addDays, localDateOf } from '../../../src/shared/calendar.js';
import { answeredCard, type Step } from '../exactly-once.js';
import type { Json } from '../http-bot.js';
import { button, buttonData, cardIn, cardsTo, nameOf, press, SIDES, workplaceOf, type Side, type Twins, type Who } from '../twins.js';

/**
 * Sygefravær, in the leader's (and the employee's) personal chat: `syg`, confirm, open,
 * the contacts, rest, the samtale, milestones, raskmelding, dismissal, settings.
 */
export function sicknessSteps(): Step[] {
  const leader = (side: Side) => `${side}-leader` as const;
  const today = (t: Twins) => localDateOf(t.clock.now());
  const caseOf = async (t: Twins, side: Side, who: Who) => {
    const cases = await new SicknessStore(t.bot.app.ctx.storage, t.clock).listForEmployee(workplaceOf(side), t.person(side, who).aad);
    const c = cases.at(-1);
    if (!c) throw new Error(`${side}: no case of ${who}`);
    return { workplaceId: c.workplaceId, caseId: c.id };
  };
  /** The case card as the leader opens it. */
  const caseCard = async (t: Twins, side: Side, who: Who = 'e1') => cardIn(await t.bot.execute(leader(side), 'personal', 'sickness.show', { verb: 'sickness.show', ...(await caseOf(t, side, who)) }));
  /** Presses a button that opens a form (a read), returns the form. */
  const open = async (t: Twins, side: Side, card: Json, verb: string, where: Json = {}) => cardIn(await t.bot.execute(leader(side), 'personal', verb, buttonData(card, verb, where)));
  /** The newest card with this verb the engine sent to someone's personal chat. */
  const latest = (t: Twins, side: Side, who: Who, verb: string, where: Json = {}) => {
    const card = cardsTo(t, side, who)
      .reverse()
      .find((c) => JSON.stringify(c).includes(`"${verb}"`) && Object.entries(where).every(([k, v]) => JSON.stringify(c).includes(`"${k}":${JSON.stringify(v)}`)));
    if (!card) throw new Error(`${side}-${who} got no card with ${verb}`);
    return card;
  };
  const leaderFires = (side: Side, verb: string, data: Json) => ({ who: leader(side), where: 'personal' as const, verb, data });
  /** A second leader of each workplace (Lars), who takes cover and a handover; he never writes to the bot himself. */
  const lars = (side: Side) => `00000000-1111-4222-8333-4444555566${side === 'nord' ? 'a1' : 'b1'}`;
  const members = (t: Twins) => new WorkplaceStore(t.bot.app.ctx.storage, t.clock);

  return [
    {
      writer: 'sickness.report',
      kind: 'command',
      prepare: async (_t, side) => ({ who: `${side}-e2`, where: 'personal', text: 'syg' }),
    },
    {
      writer: 'sickness.confirm',
      kind: 'verb',
      async prepare(t, side) {
        await t.bot.tick();
        const card = latest(t, side, 'leader', 'sickness.confirm');
        return leaderFires(side, 'sickness.confirm', press(card, 'sickness.confirm', { firstDay: today(t), partial: 'false', expectedDuration: 'under-1-uge' }));
      },
    },
    {
      writer: 'sickness.open',
      kind: 'verb',
      async prepare(t, side) {
        const form = cardIn(await t.bot.say(leader(side), 'personal', 'sygemelding'));
        return leaderFires(side, 'sickness.open', press(form, 'sickness.open', { employee: `${workplaceOf(side)}|${t.person(side, 'e1').aad}`, firstDay: today(t), partial: 'false', expectedDuration: '1-4-uger' }));
      },
    },
    {
      writer: 'sickness.update',
      kind: 'verb',
      prepare: async (t, side) => leaderFires(side, 'sickness.update', press(await caseCard(t, side), 'sickness.update', { partial: 'true', expectedDuration: 'over-4-uger' })),
    },
    {
      writer: 'sickness.contact.log',
      kind: 'verb',
      async prepare(t, side) {
        const form = await open(t, side, await caseCard(t, side), 'sickness.contact.form');
        return leaderFires(side, 'sickness.contact.log', press(form, 'sickness.contact.log', { how: 'telefon', adjustments: 'nej', note: 'Vi aftalte at tale sammen igen', nextContact: addDays(today(t), 2) }));
      },
    },
    {
      writer: 'sickness.contact.postpone',
      kind: 'verb',
      async before(t) {
        // Day 3: the contact reminder comes; the leader postpones it.
        t.clock.set('2026-11-26T08:05:00Z');
      },
      async prepare(t, side) {
        return leaderFires(side, 'sickness.contact.postpone', button(latest(t, side, 'leader', 'sickness.contact.postpone', { point: 3 }), 'sickness.contact.postpone', { point: 3 }));
      },
    },
    {
      writer: 'sickness.rest',
      kind: 'verb',
      prepare: async (t, side) => leaderFires(side, 'sickness.rest', button(await caseCard(t, side), 'sickness.rest')),
    },
    {
      writer: 'sickness.resume',
      kind: 'verb',
      prepare: async (t, side) => leaderFires(side, 'sickness.resume', button(await caseCard(t, side), 'sickness.resume')),
    },
    {
      writer: 'sickness.samtale.book',
      kind: 'verb',
      async prepare(t, side) {
        const form = await open(t, side, await caseCard(t, side), 'sickness.samtale.form');
        return leaderFires(side, 'sickness.samtale.book', press(form, 'sickness.samtale.book', { date: addDays(today(t), 7), time: '10:00', place: 'Mødelokalet' }));
      },
    },
    {
      writer: 'sickness.samtale.inviteTr',
      kind: 'verb',
      async prepare(t, side) {
        await t.bot.tick();
        return { who: `${side}-e1`, where: 'personal', verb: 'sickness.samtale.inviteTr', data: button(latest(t, side, 'e1', 'sickness.samtale.inviteTr'), 'sickness.samtale.inviteTr') };
      },
    },
    {
      writer: 'sickness.samtale.outcome',
      kind: 'verb',
      async before(t) {
        // The day of the samtale (booked a week ahead), after it: its outcome can be recorded.
        t.clock.set('2026-12-03T10:05:00Z');
      },
      async prepare(t, side) {
        const form = await open(t, side, await caseCard(t, side), 'sickness.samtale.outcomeForm');
        return leaderFires(side, 'sickness.samtale.outcome', press(form, 'sickness.samtale.outcome', { heldOn: today(t), plan: 'Starter på nedsat tid', partialReturn: 'true', mulighedserklaering: 'nej', paragraf56: 'false' }));
      },
    },
    {
      writer: 'sickness.milestone.done',
      kind: 'verb',
      prepare: async (t, side) => leaderFires(side, 'sickness.milestone.done', button(await caseCard(t, side), 'sickness.milestone.done')),
    },
    {
      writer: 'sickness.handover',
      kind: 'verb',
      async before(t) {
        for (const side of SIDES) await members(t).upsertMember({ workplaceId: workplaceOf(side), workplaceName: nameOf(side), aadObjectId: lars(side), teamsUserId: `29:${side}-lars`, name: 'Lars Leder', roles: ['leder'] });
      },
      // Holiday cover: Lars follows the case until the 7th.
      prepare: async (t, side) => leaderFires(side, 'sickness.handover', press(await caseCard(t, side), 'sickness.handover', { toLeader: lars(side), kind: 'cover', until: addDays(today(t), 4) })),
    },
    {
      writer: 'sickness.cover.end',
      kind: 'verb',
      prepare: async (t, side) => leaderFires(side, 'sickness.cover.end', button(await caseCard(t, side), 'sickness.cover.end')),
    },
    {
      writer: 'sickness.contact.handover',
      kind: 'verb',
      // Every contact to the TR, agreed with Erik.
      prepare: async (t, side) => leaderFires(side, 'sickness.contact.handover', press(await caseCard(t, side), 'sickness.contact.handover', { contactPerson: t.person(side, 'tr').aad, which: '0', agreed: 'true' })),
    },
    {
      writer: 'sickness.contact.takeback',
      kind: 'verb',
      prepare: async (t, side) => leaderFires(side, 'sickness.contact.takeback', button(await caseCard(t, side), 'sickness.contact.takeback')),
    },
    {
      writer: 'sickness.fastholdelsesplan.ask',
      kind: 'verb',
      async prepare(t, side) {
        // Erik asks for a fastholdelsesplan from his own card.
        const card = cardIn(await t.bot.execute(`${side}-e1`, 'personal', 'sickness.show', { verb: 'sickness.show', ...(await caseOf(t, side, 'e1')) }));
        return { who: `${side}-e1`, where: 'personal', verb: 'sickness.fastholdelsesplan.ask', data: button(card, 'sickness.fastholdelsesplan.ask') };
      },
    },
    {
      writer: 'sickness.handover',
      kind: 'verb',
      // For good: the case is Lars's now.
      prepare: async (t, side) => leaderFires(side, 'sickness.handover', press(await caseCard(t, side), 'sickness.handover', { toLeader: lars(side), kind: 'transfer', until: '' })),
    },
    {
      writer: 'sickness.takeover',
      kind: 'verb',
      async before(t) {
        // Lars leaves: his case has no leader, and Lea takes it back.
        for (const side of SIDES) await members(t).removeMember(workplaceOf(side), lars(side));
      },
      prepare: async (t, side) => leaderFires(side, 'sickness.takeover', button(await caseCard(t, side), 'sickness.takeover')),
    },
    {
      writer: 'sickness.close',
      kind: 'verb',
      prepare: async (t, side) => leaderFires(side, 'sickness.close', press(await caseCard(t, side), 'sickness.close', { returnDay: addDays(today(t), 1) })),
    },
    {
      writer: 'sickness.dismiss',
      kind: 'verb',
      async prepare(t, side) {
        // Emil writes `syg`; it was not a sickness absence after all.
        await t.bot.say(`${side}-e3`, 'personal', 'syg');
        await t.bot.tick();
        return leaderFires(side, 'sickness.dismiss', button(latest(t, side, 'leader', 'sickness.dismiss'), 'sickness.dismiss'));
      },
    },
    {
      writer: 'sickness.close',
      kind: 'command',
      prepare: async (_t, side) => ({ who: `${side}-e2`, where: 'personal', text: 'raskmeld' }),
    },
    {
      writer: 'sickness.settings.save',
      kind: 'verb',
      async prepare(t, side) {
        const card = cardIn(await t.bot.say(leader(side), 'personal', 'indstillinger sygefravær'));
        return leaderFires(side, 'sickness.settings.save', press(card, 'sickness.settings.save', { model: '1-5-14' }));
      },
    },
  ];
}

export { answeredCard };
