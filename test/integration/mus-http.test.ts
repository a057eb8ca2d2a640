import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import {
  cardOf, contentOf as content, createdChat as chat, GENERAL, solhoejTeam, solhoejWorkplace, startHttpBot, TRIO, WP, type HttpBot, type Json,
} from '../support/http-bot.js';

/**
 * MUS through the real pipeline: HTTP → CloudAdapter → dispatcher → Azurite, the reminder
 * engine driven with a ManualClock, and the connector double receiving everything the bot
 * sends. A leader plans four talks, one employee asks for another time and is moved, the
 * leader registers an udviklingsplan, the follow-up fires, and MED only ever sees counts.
 * MED is the team's General channel; people write in the 1:1 chats the bot creates.
 */
const people = solhoejTeam('lone', 'tobias', 'amira', 'mads', 'sofie', 'nadia');
type Person = keyof typeof people;
type Where = 'personal' | 'med';

let bot: HttpBot<Person, 'med'>;
const clock = new ManualClock('2026-11-23T08:00:00Z'); // Monday 09:00 in Copenhagen

/** A user writes; returns everything the bot sent back in that turn as one string, and the first card. */
async function say(who: Person, where: Where, text: string): Promise<{ all: string; card: Json }> {
  const replies = (await bot.say(who, where, text)).sent;
  return { all: JSON.stringify(replies.map((r) => content(r.activity))), card: replies[0] ? cardOf(replies[0].activity) : {} };
}

/** Action.Execute; returns the invoke body as a string (the new card, or the message). */
async function execute(who: Person, where: Where, verb: string, data: Json): Promise<string> {
  const { body, sent } = await bot.execute(who, where, verb, { verb, ...data });
  return JSON.stringify(body) + JSON.stringify(sent.map((r) => content(r.activity)));
}

const dataOf = (card: Json, title?: string): Json => {
  const actions = JSON.stringify(card.actions ?? []);
  const parsed = JSON.parse(actions) as { title: string; data?: Json; card?: { actions: { data: Json }[] } }[];
  const action = title ? parsed.find((a) => a.title === title) : parsed[0];
  return (action?.data ?? action?.card?.actions[0]?.data ?? {}) as Json;
};
function findInput(node: unknown, id: string): Json | undefined {
  if (Array.isArray(node)) return node.map((n) => findInput(n, id)).find(Boolean);
  if (!node || typeof node !== 'object') return undefined;
  if ((node as Json).id === id) return node as Json;
  return Object.values(node).map((n) => findInput(n, id)).find(Boolean);
}
const inbox = (who: Person) => bot.connector.sentTo(chat(who)).map((r) => JSON.stringify(content(r.activity)));
const cardsIn = (who: Person) => bot.connector.sentTo(chat(who)).map((r) => cardOf(r.activity));
const tick = async () => (await bot.tick()).report;

beforeAll(async () => {
  bot = await startHttpBot({
    clock,
    people,
    channels: { med: { id: GENERAL, team: GENERAL } },
    personalChat: chat,
    workplaces: [solhoejWorkplace([{ forum: 'trio', conversationId: TRIO, teamId: GENERAL }, { forum: 'med', conversationId: GENERAL, teamId: GENERAL }])],
  });
});

afterAll(async () => {
  await bot?.stop();
});

describe('MUS from planning to follow-up', () => {
  let draft: Json;
  const talkOf = (who: Person) => async () => (await allTalks()).find((x) => String(x.participantIds).includes(people[who].aad))!;
  const allTalks = async () => {
    const out: Json[] = [];
    for await (const e of bot.app.ctx.storage.table('MusTalks').listEntities<Json>({ queryOptions: { filter: "RowKey ge 't_' and RowKey lt 't`'" } })) out.push(e);
    return out;
  };

  it('MED sees counts only: five employees, all due', async () => {
    const { all } = await say('tobias', 'med', 'MUS status');
    expect(all).toContain('Skal have MUS');
    expect(all).toContain('"value":"5"');
    for (const p of Object.values(people)) expect(all).not.toContain(p.name);
  });

  it('gives the leader a planning card with everyone due preselected', async () => {
    const { card, all } = await say('lone', 'personal', 'planlæg MUS');
    expect(all).toContain('Planlæg MUS på Bostedet Solhøj');
    const participants = String(findInput(card, 'participants')?.value ?? '');
    expect(participants.split(',')).toHaveLength(5);
    draft = dataOf(card);
  });

  it('answers a bad planning form field by field in Danish and stores nothing', async () => {
    const res = await execute('lone', 'personal', 'mus.propose', { ...draft, from: '2026-11-30', to: '2026-12-11', windowStart: '09:00', windowEnd: '15:00', duration: '5', place: '', mode: 'individual', participants: '' });
    expect(res).toContain('Mindst 15 minutter');
    expect(res).toContain('Skriv hvor samtalerne holdes');
    expect(res).toContain('Vælg mindst én medarbejder');
    expect(res).toContain('"id":"to","label":"Sidste dag","value":"2026-12-11"');
    expect(await allTalks()).toEqual([]);
  });

  it('proposes one slot per employee, spread over the period, and the leader can change one', async () => {
    const four = ['amira', 'mads', 'nadia', 'sofie'].map((p) => people[p as Person].aad).join(',');
    const res = await execute('lone', 'personal', 'mus.propose', { ...draft, from: '2026-11-30', to: '2026-12-11', windowStart: '09:00', windowEnd: '15:00', duration: '60', place: 'Mødelokalet', mode: 'individual', participants: four });
    const card = (JSON.parse(res.slice(0, res.lastIndexOf('}[') + 1)) as { value: Json }).value;
    const dates = JSON.stringify(card).match(/"value":"2026-1\d-\d\d"/g);
    // Spread over the whole period, its last day included.
    expect(dates).toEqual(['"value":"2026-11-30"', '"value":"2026-12-03"', '"value":"2026-12-08"', '"value":"2026-12-11"']);
    const send = dataOf(card, 'Send invitationer');
    // Christmas Day is refused with the planner's reason; nothing changes.
    expect(await execute('lone', 'personal', 'mus.draftSave', { ...send, d_3: '2026-12-25', t_3: '09:00' })).toContain('helligdag (Juledag)');
    expect(await execute('lone', 'personal', 'mus.draftSave', { ...send, d_3: '2026-12-09', t_3: '10:30' })).toContain('Ændringerne er gemt');
    expect(await execute('lone', 'personal', 'mus.send', send)).toContain('Invitationerne sendes nu til 4 medarbejdere');
    expect(await execute('lone', 'personal', 'mus.send', send)).toContain('allerede sendt');
    expect(await allTalks()).toHaveLength(4);
  });

  it('delivers a personal invitation to each of the four through the reminder engine', async () => {
    const report = await tick();
    expect(report).toMatchObject({ sent: 4, failed: 0 });
    for (const who of ['amira', 'mads', 'nadia', 'sofie'] as const) {
      const [invite] = inbox(who);
      expect(invite).toContain('Invitation til MUS');
      expect(invite).toContain('Mødelokalet');
      expect(invite).toContain('Hvordan har du det med dine opgaver');
    }
    expect(inbox('sofie')[0]).toContain('onsdag 9. december 2026 kl. 10.30-11.30 (uge 50)');
    expect(inbox('tobias')).toEqual([]);
  });

  it('moves Mads after he asks for another time', async () => {
    const data = dataOf(cardsIn('mads')[0]!, 'Jeg kommer');
    expect(await execute('mads', 'personal', 'mus.requestChange', { ...data, reason: '' })).toContain('Skriv kort, hvorfor tiden ikke passer');
    expect(await execute('mads', 'personal', 'mus.requestChange', { ...data, reason: 'Jeg er på kursus den dag' })).toContain('Du har bedt om et andet tidspunkt');
    await tick();
    const request = cardsIn('lone').find((c) => JSON.stringify(c).includes('Ønske om andet tidspunkt'))!;
    expect(JSON.stringify(request)).toContain('Jeg er på kursus den dag');
    const move = dataOf(request, 'Flyt samtalen');
    // Onto Amira's talk: refused, naming the clash.
    expect(await execute('lone', 'personal', 'mus.move', { ...move, date: '2026-11-30', time: '09:30' })).toContain('overlapper samtalen med Amira');
    expect(await execute('lone', 'personal', 'mus.move', { ...move, date: '2026-12-03', time: '13:00' })).toContain('er flyttet til torsdag 3. december 2026 kl. 13.00-14.00');
    // The old card no longer works.
    expect(await execute('mads', 'personal', 'mus.accept', data)).toContain('Tidspunktet er ændret');
    await tick();
    const moved = inbox('mads').at(-1)!;
    expect(moved).toContain('Ny tid til din MUS');
    expect(moved).toContain('torsdag 3. december 2026 kl. 13.00-14.00');
    expect(await execute('mads', 'personal', 'mus.accept', dataOf(cardsIn('mads').at(-1)!, 'Jeg kommer'))).toContain('Du har sagt ja');
  });

  it('keeps preparation notes for the employee and shows them to the leader in the reminder', async () => {
    const data = dataOf(cardsIn('sofie')[0]!, 'Jeg kommer');
    expect(await execute('sofie', 'personal', 'mus.notes', { ...data, notes: 'Jeg vil gerne tale om et kursus i konflikthåndtering' })).toContain('Dine noter er gemt');
    expect((await say('sofie', 'personal', 'min MUS')).all).toContain('konflikthåndtering');
    expect(await talkOf('sofie')()).toMatchObject({ status: 'planned' });
  });

  it('`MUS status` tells the leader each answer and who prepared; its button shows the preparation', async () => {
    const { all, card } = await say('lone', 'personal', 'MUS status');
    expect(all).toContain('Mads Medarbejder: planlagt 3. december 2026, har sagt ja');
    expect(all).toContain('Sofie Social: planlagt 9. december 2026, har ikke svaret, har skrevet forberedelse');
    expect(all).toContain('Amira Arbejdsmiljø: planlagt 30. november 2026, har ikke svaret');
    expect(all).not.toContain('konflikthåndtering'); // the notes themselves are one click away
    const talkId = String((await talkOf('sofie')()).rowKey).slice(2);
    // The status card's button for Sofie opens her talk's card.
    expect(JSON.stringify(card)).toContain(`"title":"Se forberedelsen","verb":"mus.talk","data":{"workplaceId":"${WP}","talkId":"${talkId}"`);
    const view = await execute('lone', 'personal', 'mus.talk', { workplaceId: WP, talkId, from: 'status' });
    expect(view).toContain('Jeg vil gerne tale om et kursus i konflikthåndtering');
    expect(await execute('tobias', 'personal', 'mus.talk', { workplaceId: WP, talkId, from: 'status' })).toContain('Det har du ikke adgang til');
  });

  it('reminds employee and leader 7 days and 1 day before', async () => {
    clock.set(zonedInstant('2026-12-02', '10:30')); // 7 days before Sofie's talk
    await tick();
    expect(inbox('sofie').at(-1)).toContain('Påmindelse: Du har MUS med Lone Leder onsdag 9. december 2026');
    clock.set(zonedInstant('2026-12-08', '10:30'));
    await tick();
    expect(inbox('sofie').filter((m) => m.includes('Påmindelse'))).toHaveLength(2);
    const leader = inbox('lone').filter((m) => m.includes('Påmindelse: MUS med Sofie Social'));
    expect(leader).toHaveLength(2);
    expect(leader[1]).toContain('Sofie Socials forberedelse');
    expect(leader[1]).toContain('konflikthåndtering');
  });

  it('lets the leader register the talk with an udviklingsplan; the employee sees and acknowledges it', async () => {
    clock.set(zonedInstant('2026-12-09', '12:00'));
    await tick(); // registration prompts for the talks that are over
    const { all } = await say('lone', 'personal', 'registrér MUS');
    expect(all).toContain('Registrér MUS: Sofie Social');
    expect(all).toContain('Jeg vil gerne tale om et kursus i konflikthåndtering'); // her preparation, on the registration card
    const talk = await talkOf('sofie')();
    const reg = { workplaceId: WP, talkId: String(talk.rowKey).slice(2), outcome: 'held' };
    expect(await execute('lone', 'personal', 'mus.register', reg)).toContain('Skriv mindst ét mål');
    const plan = { ...reg, shortGoals: 'Kursus i konflikthåndtering', longGoals: 'Blive ressourceperson i stresshåndtering', a0_kind: 'kursus', a0_text: 'Kursus i medicinhåndtering', a1_kind: 'projekt', a1_text: 'Psykisk arbejdsmiljø', knowledgeSharing: '', followUpOn: '2027-06-09' };
    const refused = await execute('lone', 'personal', 'mus.register', plan);
    expect(refused).toContain('Skriv, hvordan viden fra kurset deles med kollegerne');
    // Everything typed is still on the card.
    for (const typed of ['"value":"Kursus i konflikthåndtering"', '"value":"Blive ressourceperson i stresshåndtering"', '"value":"Kursus i medicinhåndtering"', '"value":"Psykisk arbejdsmiljø"', '"value":"2027-06-09"']) expect(refused).toContain(typed);
    expect(await execute('lone', 'personal', 'mus.register', { ...plan, knowledgeSharing: 'Oplæg på personalemødet' })).toContain('er registreret');
    await tick();
    const planCard = cardsIn('sofie').find((c) => JSON.stringify(c).includes('Udviklingsplan for Sofie Social'))!;
    expect(JSON.stringify(planCard)).toContain('Oplæg på personalemødet');
    expect(await execute('sofie', 'personal', 'mus.ack', dataOf(planCard))).toContain('Ja, 9. december 2026');
  });

  it('fires the follow-up on the agreed date for employee and leader', async () => {
    clock.set(zonedInstant('2027-06-09', '09:05'));
    await tick();
    expect(inbox('sofie').at(-1)).toContain('Opfølgning på udviklingsplan: Sofie Social');
    expect(inbox('lone').some((m) => m.includes('Opfølgning på udviklingsplan: Sofie Social'))).toBe(true);
  });

  it('the follow-up card records what happened to each activity and what changes', async () => {
    const form = cardsIn('sofie').at(-1)!;
    const save = dataOf(form, 'Gem opfølgningen');
    const done = await execute('sofie', 'personal', 'mus.followUpSave', {
      ...save, shortGoals: 'Kursus i konflikthåndtering', longGoals: 'Blive ressourceperson i stresshåndtering',
      s_0: 'done', n_0: 'Bestået i marts', s_1: 'started', n_1: '', changes: 'Mere tid til projektet', nextFollowUpOn: '2027-12-09',
    });
    expect(done).toContain('Opfølgningen er gemt, og planen er opdateret. Næste opfølgning: 9. december 2027.');
    expect(done).toContain('Kursus i medicinhåndtering: Planlagt → Gennemført');
    expect(done).toContain('Det ændrer vi: Mere tid til projektet');
    expect(await execute('tobias', 'personal', 'mus.followUpSave', { ...save, changes: 'x' })).toContain('Den MUS kan du ikke se');
  });

  it('MED sees held, planned and overdue counts, quarterly too, and never any content', async () => {
    const { all } = await say('amira', 'med', 'MUS status');
    expect(all).toMatch(/Har haft MUS","value":"1"/);
    await bot.app.engine.runRecurring('mus.quarterly', zonedInstant('2027-07-01', '08:00'));
    clock.set(zonedInstant('2027-07-01', '08:00'));
    await tick();
    const posted = bot.connector.sent().filter((r) => r.conversationId.startsWith(GENERAL)).map((r) => JSON.stringify(content(r.activity)));
    expect(posted.some((m) => m.includes('kvartalsstatus 3. kvartal 2027'))).toBe(true);
    for (const m of posted) {
      for (const p of Object.values(people)) expect(m).not.toContain(p.name);
      expect(m).not.toMatch(/konflikthåndtering|personalemødet|kursus/);
    }
  });
});
