import { MusStore } from '../../../src/mus/store.js';
import { addDays, addWorkingDays, localDateOf } from '../../../src/shared/calendar.js';
import { answeredCard, type Step } from '../exactly-once.js';
import type { Json } from '../http-bot.js';
import { button, cardIn, cardsIn, cardsTo, press, workplaceOf, type Side, type Twins, type Who } from '../twins.js';

/**
 * MUS: stamdata and MED's frame, planning (propose, change, send), the invitation (accept,
 * notes, another time), the leader's answer (keep, move), registration and the employee's
 * acknowledgement.
 */
export function musSteps(): Step[] {
  const leader = (side: Side) => `${side}-leader` as const;
  const today = (t: Twins) => localDateOf(t.clock.now());
  const draftOf: Partial<Record<Side, Json>> = {};
  const inviteOf = (t: Twins, side: Side, who: Who) => {
    const card = cardsTo(t, side, who).reverse().find((c) => JSON.stringify(c).includes('"mus.accept"'));
    if (!card) throw new Error(`${side}-${who} got no MUS invitation`);
    return card;
  };
  const changeCard = (t: Twins, side: Side, who: Who) => {
    const aad = t.person(side, who).aad;
    const card = cardsTo(t, side, 'leader').reverse().find((c) => JSON.stringify(c).includes('"mus.keep"') && JSON.stringify(c).includes(aad));
    if (!card) throw new Error(`${side}-leader got no change request from ${who}`);
    return card;
  };
  const talkOf = async (t: Twins, side: Side, who: Who) => {
    const talks = await new MusStore(t.bot.app.ctx.storage).talks(workplaceOf(side));
    const talk = talks.find((x) => x.participantIds.includes(t.person(side, who).aad));
    if (!talk) throw new Error(`${side}: no talk with ${who}`);
    return talk;
  };
  const employee = (side: Side, who: Who, verb: string, data: Json) => ({ who: `${side}-${who}` as const, where: 'personal' as const, verb, data });
  const leaderFires = (side: Side, verb: string, data: Json) => ({ who: leader(side), where: 'personal' as const, verb, data });

  return [
    {
      writer: 'mus.people.save',
      kind: 'verb',
      async prepare(t, side) {
        const card = cardIn(await t.bot.say(leader(side), 'personal', 'MUS stamdata'));
        const e1 = t.person(side, 'e1').aad;
        return leaderFires(side, 'mus.people.save', press(card, 'mus.people.save', { [`s_${e1}`]: '2019-03-01', [`b_${e1}`]: '1961' }));
      },
    },
    {
      writer: 'mus.settings.save',
      kind: 'verb',
      async prepare(t, side) {
        const card = cardIn(await t.bot.say(`${side}-tr`, `${side}-med`, 'MUS indstillinger'));
        return { who: `${side}-tr`, where: `${side}-med`, verb: 'mus.settings.save', data: press(card, 'mus.settings.save', { questions: 'Hvad går godt?\nHvad vil du lære?', seniorAge: '62' }) };
      },
    },
    {
      writer: 'mus.settings.reset',
      kind: 'verb',
      async prepare(t, side) {
        const card = cardIn(await t.bot.say(`${side}-tr`, `${side}-med`, 'MUS indstillinger'));
        return { who: `${side}-tr`, where: `${side}-med`, verb: 'mus.settings.reset', data: press(card, 'mus.settings.reset') };
      },
    },
    {
      writer: 'mus.settings.approve',
      kind: 'verb',
      async prepare(t, side) {
        // The TR's proposal (the reset above) still needs a leader: Lea approves it in the MED channel.
        const card = cardIn(await t.bot.say(leader(side), `${side}-med`, 'MUS indstillinger'));
        return { who: leader(side), where: `${side}-med`, verb: 'mus.settings.approve', data: button(card, 'mus.settings.approve') };
      },
    },
    {
      writer: 'mus.settings.reject',
      kind: 'verb',
      async prepare(t, side) {
        // The TR proposes another senior age; Lea rejects it.
        const form = cardIn(await t.bot.say(`${side}-tr`, `${side}-med`, 'MUS indstillinger'));
        await t.bot.execute(`${side}-tr`, `${side}-med`, 'mus.settings.save', press(form, 'mus.settings.save', { seniorAge: '64' }));
        const card = cardIn(await t.bot.say(leader(side), `${side}-med`, 'MUS indstillinger'));
        return { who: leader(side), where: `${side}-med`, verb: 'mus.settings.reject', data: button(card, 'mus.settings.reject') };
      },
    },
    {
      writer: 'mus.propose',
      kind: 'verb',
      async prepare(t, side) {
        const card = cardIn(await t.bot.say(leader(side), 'personal', 'planlæg MUS'));
        const participants = (['e1', 'e2', 'e3'] as const).map((w) => t.person(side, w).aad).join(',');
        const from = addWorkingDays(today(t), 1);
        return leaderFires(side, 'mus.propose', press(card, 'mus.propose', { from, to: addDays(from, 13), duration: '60', windowStart: '09:00', windowEnd: '15:00', place: 'Mødelokalet', mode: 'individual', participants }));
      },
      async after(_t, side, answers) {
        draftOf[side] = answeredCard(answers);
      },
    },
    {
      writer: 'mus.draftSave',
      kind: 'verb',
      prepare: async (_t, side) => leaderFires(side, 'mus.draftSave', press(draftOf[side]!, 'mus.draftSave', { t_0: '11:00' })),
      async after(_t, side, answers) {
        draftOf[side] = answeredCard(answers);
      },
    },
    {
      writer: 'mus.send',
      kind: 'verb',
      prepare: async (_t, side) => leaderFires(side, 'mus.send', press(draftOf[side]!, 'mus.send')),
    },
    {
      writer: 'mus.accept',
      kind: 'verb',
      async prepare(t, side) {
        await t.bot.tick();
        return employee(side, 'e1', 'mus.accept', press(inviteOf(t, side, 'e1'), 'mus.accept', { senior: 'true' }));
      },
    },
    {
      writer: 'mus.notes',
      kind: 'verb',
      prepare: async (t, side) => employee(side, 'e1', 'mus.notes', press(inviteOf(t, side, 'e1'), 'mus.notes', { notes: 'Jeg vil gerne tale om kurser' })),
    },
    {
      writer: 'mus.requestChange',
      kind: 'verb',
      prepare: async (t, side) => employee(side, 'e2', 'mus.requestChange', press(inviteOf(t, side, 'e2'), 'mus.requestChange', { reason: 'Jeg har fri den dag' })),
    },
    {
      writer: 'mus.keep',
      kind: 'verb',
      async prepare(t, side) {
        await t.bot.tick();
        return leaderFires(side, 'mus.keep', press(changeCard(t, side, 'e2'), 'mus.keep'));
      },
    },
    {
      writer: 'mus.move',
      kind: 'verb',
      async prepare(t, side) {
        // Emil asks for another time too; the leader moves his talk to 14.00 the same day.
        await t.bot.execute(`${side}-e3`, 'personal', 'mus.requestChange', press(inviteOf(t, side, 'e3'), 'mus.requestChange', { reason: 'Jeg er på kursus' }));
        await t.bot.tick();
        return leaderFires(side, 'mus.move', press(changeCard(t, side, 'e3'), 'mus.move', { date: localDateOf((await talkOf(t, side, 'e3')).start), time: '14:00' }));
      },
    },
    {
      writer: 'mus.register',
      kind: 'verb',
      async before(t) {
        // After Erik's talk (both workplaces planned the same times).
        t.clock.set(new Date((await talkOf(t, 'nord', 'e1')).end.getTime() + 3_600_000));
      },
      async prepare(t, side) {
        const talk = await talkOf(t, side, 'e1');
        const card = cardsIn(await t.bot.say(leader(side), 'personal', 'registrér MUS')).find((c) => JSON.stringify(c).includes(talk.id));
        if (!card) throw new Error(`${side}: no registration card for Erik's talk`);
        return leaderFires(side, 'mus.register', press(card, 'mus.register', { outcome: 'held', shortGoals: 'Oplæring af ny kollega', longGoals: 'Uddannelse som pædagog', activities: 'nyeOpgaver', activityNote: '', knowledgeSharing: '' }, { talkId: talk.id }));
      },
    },
    {
      writer: 'mus.ack',
      kind: 'verb',
      async prepare(t, side) {
        await t.bot.tick();
        const card = cardsTo(t, side, 'e1').reverse().find((c) => JSON.stringify(c).includes('"mus.ack"'));
        if (!card) throw new Error(`${side}-e1 got no udviklingsplan`);
        return employee(side, 'e1', 'mus.ack', button(card, 'mus.ack'));
      },
    },
    {
      writer: 'mus.followUpSave',
      kind: 'verb',
      async prepare(t, side) {
        // The leader records a follow-up on Erik's udviklingsplan.
        const talk = await talkOf(t, side, 'e1');
        const form = cardIn(await t.bot.execute(leader(side), 'personal', 'mus.followUpOpen', { verb: 'mus.followUpOpen', workplaceId: workplaceOf(side), talkId: talk.id, aadObjectId: t.person(side, 'e1').aad }));
        return leaderFires(side, 'mus.followUpSave', press(form, 'mus.followUpSave', { changes: 'Oplæringen er i gang', nextFollowUpOn: addDays(today(t), 30) }));
      },
    },
  ];
}
