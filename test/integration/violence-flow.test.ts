import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { looksLikeCpr } from '../../src/violence/rules.js';
import { ActionStore } from '../../src/actions/store.js';
import { VIOLENCE_EPISODES_TABLE, ViolenceStore } from '../../src/violence/store.js';
import { cardOf, delivered, everything, sentJson, solhoejTeam, startHttpBot, WP, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * Vold og trusler through the real pipeline (HTTP → adapter → dispatcher → Azurite →
 * reminder engine → connector double), as Teams calls the bot, with the clock advanced:
 * Nadia registers a night-shift episode in her personal chat; Lone (leder) gets the
 * follow-up card at once, also at night; Amira (AMR) gets the reduced notice in working
 * hours, without name or description; the anmeldelse reminder falls due 2 days before
 * the 9-day deadline and stops when marked done; a double submit is one episode.
 */
const people = solhoejTeam('lone', 'tobias', 'amira', 'mads', 'sofie', 'nadia');
type Person = keyof typeof people;

let bot: HttpBot<Person, 'trio'>;
const clock = new ManualClock('2026-12-01T01:40:00Z'); // Tuesday 02.40 in Copenhagen: a night shift
const store = () => new ViolenceStore(bot.app.ctx.storage);
let ref: { workplaceId: string; episodeId: string };

/** The data of every Action.Execute with this verb in a card. */
function actionsOf(card: unknown, verb: string): Json[] {
  const out: Json[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.type === 'Action.Execute' && o.verb === verb) out.push((o.data ?? {}) as Json);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

const say = async (who: Person, text: string) => bot.say(who, 'personal', text);
const act = async (who: Person, verb: string, data: Json) => everything(await bot.execute(who, 'personal', verb, data));
/** Moves the clock and lets the engine send what is due; `to` is the person (their personal chat, or one the bot opened) or the channel. */
const day = async (iso: string) => {
  const { sent } = await bot.tick(iso);
  return delivered(sent).map((s) => ({ ...s, to: s.to.replace(/^a:(1on1-29:|personal-)/, '') }));
};

/** Nadia's registration form, filled in: the form's own data (its one-time key) plus the inputs. */
async function filledForm(who: Person, inputs: Json): Promise<Json> {
  const answer = await say(who, 'registrér episode');
  const data = actionsOf(cardOf(answer.sent[0]!.activity as Json), 'violence.register')[0]!;
  return { ...data, subject: 'self', occurredOn: '2026-12-01', occurredAt: '02:30', place: 'Fællesarealer', kind: 'fysisk', source: 'borger', ...inputs };
}

beforeAll(async () => {
  bot = await startHttpBot({ clock, people });
  await bot.say('lone', 'trio', 'hjælp'); // the channel reference: the engine opens personal chats from it
});
afterAll(() => bot?.stop());

describe('an episode from registration to follow-up', () => {
  it('the form says never to write a resident\'s name or CPR number, and lists the workplace\'s places', async () => {
    const answer = sentJson(await say('nadia', 'vold'));
    expect(answer).toContain('Registrér en episode');
    expect(answer).toContain('Skriv aldrig borgerens navn eller CPR-nummer');
    expect(answer).toContain('Fællesarealer');
    expect(answer).toContain('Mads Medarbejder');
    expect(answer).not.toContain(`"value":"${people.nadia.aad}"`);
  });

  it('the help card in the personal chat has the button, and the button opens the same form', async () => {
    const help = cardOf((await say('nadia', 'hjælp')).sent[0]!.activity as Json);
    expect(actionsOf(help, 'violence.form')).toEqual([{ verb: 'violence.form' }]);
    const form = await act('nadia', 'violence.form', { verb: 'violence.form' });
    expect(form).toContain('Registrér en episode');
    expect(form).toContain('"verb":"violence.register"');
    const channelHelp = sentJson(await bot.say('lone', 'trio', 'hjælp'));
    expect(channelHelp).not.toContain('violence.form');
  });

  it('the welcome in the private chat has the same button; the welcome in a channel has not', async () => {
    const before = bot.connector.sent().length;
    await bot.post(bot.activity('sofie', 'personal', { type: 'installationUpdate', action: 'add' }));
    await bot.post(bot.activity('lone', 'trio', { type: 'installationUpdate', action: 'add' }));
    const [personal, channel] = bot.connector.sent().slice(before).map((r) => cardOf(r.activity as Json));
    expect(JSON.stringify(personal)).toContain('Hej! Jeg er TRIO-bot');
    expect(actionsOf(personal, 'violence.form')).toEqual([{ verb: 'violence.form' }]);
    expect(JSON.stringify(channel)).toContain('Hej! Jeg er TRIO-bot');
    expect(JSON.stringify(channel)).not.toContain('violence.form');
    expect(await act('sofie', 'violence.form', actionsOf(personal, 'violence.form')[0]!)).toContain('"verb":"violence.register"');
  });

  it('text that looks like a CPR number is refused, the form comes back as typed, nothing is stored', async () => {
    const form = await filledForm('nadia', { description: 'Borger 010190-1234 slog ud' });
    const answer = await act('nadia', 'violence.register', form);
    expect(answer).toContain('det ligner et CPR-nummer');
    expect(answer).toContain('Fællesarealer');
    expect(await store().list(WP)).toEqual([]);
    const future = await act('nadia', 'violence.register', { ...form, description: '', occurredOn: '2026-12-05' });
    expect(future).toContain('datoen kan ikke ligge i fremtiden');
    const place = await act('nadia', 'violence.register', { ...form, description: '', place: 'Månen' });
    expect(place).toContain('vælg et af stederne på listen');
    expect(await store().list(WP)).toEqual([]);
  });

  it('a health word in the description needs a second "Registrér alligevel"', async () => {
    const form = await filledForm('nadia', { description: 'Slag på armen, stress bagefter' });
    const warned = await act('nadia', 'violence.register', form);
    expect(warned).toContain('Registrér alligevel');
    expect(await store().list(WP)).toEqual([]);
  });

  it('Nadia registers in a minute; a double tap of the same form is still one episode', async () => {
    const form = await filledForm('nadia', { injured: 'true', absenceFrom: '2026-12-02', needsTalkNow: 'true', description: 'Optrapning ved aftensmaden, kollega skærmede' });
    const [first, second] = await Promise.all([bot.execute('nadia', 'personal', 'violence.register', form), bot.execute('nadia', 'personal', 'violence.register', form)]);
    const answers = [everything(first), everything(second)];
    expect(answers.filter((a) => a.includes('din leder har fået besked med det samme'))).toHaveLength(1);
    expect(answers.filter((a) => a.includes('allerede registreret'))).toHaveLength(1);
    const episodes = await store().list(WP);
    expect(episodes).toHaveLength(1);
    ref = { workplaceId: WP, episodeId: episodes[0]!.id };
    expect(episodes[0]).toMatchObject({ employeeId: people.nadia.aad, status: 'aktiv', kind: 'fysisk', source: 'borger', injured: true, absenceFrom: '2026-12-02' });
    // Her own card: the police decision is hers.
    const own = answers.find((a) => a.includes('din leder har fået besked'))!;
    expect(own).toContain('Vil du politianmelde episoden?');
  });

  it('the leader gets the follow-up card at once, at night, in her personal chat; the AMR waits for the morning', async () => {
    const sent = await day('2026-12-01T01:41:00Z');
    expect(sent.map((s) => s.to)).toEqual(['lone']);
    const text = sent[0]!.text;
    for (const words of ['Episode: Nadia Nattevagt', 'har brug for at tale med nogen nu', 'Tilbyd en samtale i dag', 'Anmeld som arbejdsulykke', 'senest 9 dage efter første fraværsdag', 'Åbn anmeldelsen', 'risikovurdering', 'Optrapning ved aftensmaden']) {
      expect(text).toContain(words);
    }
    const morning = await day('2026-12-01T06:30:00Z');
    expect(morning.map((s) => s.to)).toEqual(['amira']);
    const amr = morning[0]!.text;
    for (const words of ['Som AMR', 'Fysisk vold', 'Fællesarealer', 'Nat (23-7)', 'Ikke endnu (frist 11. december 2026)', 'ikke givet lov til at vise navnet']) expect(amr).toContain(words);
    expect(amr).not.toMatch(/Nadia|aftensmaden|Borger/);
  });

  it('nobody else may see or change it, whatever the card data says; a channel gets "ikke adgang"', async () => {
    for (const who of ['tobias', 'amira', 'sofie', 'mads'] as const) {
      for (const [verb, extra] of [['violence.show', {}], ['violence.step', { step: 'anmeldelse' }], ['violence.police', { decision: 'ja' }], ['violence.confirm', {}], ['violence.reject', {}]] as const) {
        const answer = await act(who, verb, { ...ref, ...extra });
        expect(answer, `${who} ${verb}`).toContain('Jeg kan ikke finde den episode');
        expect(answer).not.toContain('Nadia');
      }
    }
    // The employee cannot mark the leader's steps; the leader cannot decide about the police.
    expect(await act('nadia', 'violence.step', { ...ref, step: 'anmeldelse' })).toContain('Jeg kan ikke finde den episode');
    expect(await act('lone', 'violence.police', { ...ref, decision: 'ja' })).toContain('Jeg kan ikke finde den episode');
    const inChannel = everything(await bot.execute('lone', 'trio', 'violence.show', ref));
    expect(inChannel).not.toContain('Nadia');
    expect(inChannel).toContain('ikke adgang');
    expect((await store().get(WP, ref.episodeId))!.anmeldtOn).toBeUndefined();
  });

  it('the leader marks the talk; Nadia decides about the police, so her reminder never comes', async () => {
    expect(await act('lone', 'violence.step', { ...ref, step: 'talk' })).toContain('Gemt: Tilbyd en samtale i dag');
    const decided = await act('nadia', 'violence.police', { ...ref, decision: 'nej' });
    expect(decided).toContain('du politianmelder ikke');
    expect(decided).toContain('Politianmeldelse: nej (besluttet 1. december 2026)');
    expect(await day('2026-12-03T07:00:00Z')).toEqual([]);
  });

  it('day 3: the follow-up talk is reminded', async () => {
    const sent = await day('2026-12-04T07:00:00Z');
    expect(sent.map((s) => s.to)).toEqual(['lone']);
    expect(sent[0]!.text).toContain('hold den opfølgende samtale med Nadia Nattevagt');
    expect(await act('lone', 'violence.step', { ...ref, step: 'followup' })).toContain('Gemt: Hold den opfølgende samtale');
  });

  it('the anmeldelse reminder falls due 2 days before the deadline (9 days after the first day of absence), not before', async () => {
    expect(await day('2026-12-08T07:00:00Z')).toEqual([]);
    const sent = await day('2026-12-09T07:00:00Z');
    expect(sent.map((s) => s.to)).toEqual(['lone']);
    expect(sent[0]!.text).toContain('skal anmeldes som arbejdsulykke senest 11. december 2026');
    expect(sent[0]!.text).toContain('https://www.easy.dk');
  });

  it('marked done, the deadline reminder stops; the AMR hears that it is reported', async () => {
    const done = await act('lone', 'violence.step', { ...ref, step: 'anmeldelse' });
    expect(done).toContain('Gemt: Anmeld som arbejdsulykke');
    expect(done).toContain('Gjort 9. december 2026');
    expect(await act('lone', 'violence.step', { ...ref, step: 'anmeldelse' })).toContain('Gjort 9. december 2026');
    const sent = await day('2026-12-09T07:01:00Z');
    expect(sent.map((s) => s.to)).toEqual(['amira']);
    expect(sent[0]!.text).toContain('Ja, 9. december 2026');
    expect(sent[0]!.text).not.toContain('Nadia');
    expect(await day('2026-12-11T07:00:00Z')).toEqual([]);
    const key = `violence:${WP}:${ref.episodeId}:anmeldelse:deadline:${people.lone.aad}`;
    expect((await bot.app.engine.get(key))?.status).toBe('cancelled');
  });

  it('day 14: the risk assessment is reminded, with the handleplan in mind', async () => {
    const sent = await day('2026-12-15T07:00:00Z');
    expect(sent.map((s) => s.to)).toEqual(['lone']);
    expect(sent[0]!.text).toContain('lav risikovurderingen');
    expect(sent[0]!.text).toContain('vold og trusler');
  });

});

describe('registering for a colleague', () => {
  it('Sofie registers for Mads; Mads is asked to confirm, the leader hears at once, the AMR only after the confirmation', async () => {
    clock.set('2026-12-15T13:00:00Z');
    const form = await filledForm('sofie', { subject: people.mads.aad, kind: 'trussel', source: 'paaroerende', occurredOn: '2026-12-15', occurredAt: '13:30' });
    const answer = await act('sofie', 'violence.register', form);
    expect(answer).toContain('Mads Medarbejder bliver bedt om at bekræfte');
    const e = (await store().list(WP)).find((x) => x.employeeId === people.mads.aad)!;
    expect(e).toMatchObject({ status: 'afventer', reportedById: people.sofie.aad, amrMayKnowName: false });
    const sent = await day('2026-12-15T13:01:00Z');
    expect(sent.map((s) => s.to).sort()).toEqual(['lone', 'mads']);
    expect(sent.find((s) => s.to === 'mads')!.text).toContain('En kollega har registreret en episode for dig');
    expect(sent.find((s) => s.to === 'lone')!.text).toContain('registreret af en kollega');
    // Sofie cannot follow it any further: it is Mads's.
    expect(await act('sofie', 'violence.show', { workplaceId: WP, episodeId: e.id })).toContain('Jeg kan ikke finde den episode');
    const confirmed = await act('mads', 'violence.confirm', { workplaceId: WP, episodeId: e.id, amrMayKnowName: 'true' });
    expect(confirmed).toContain('episoden er bekræftet');
    const amr = await day('2026-12-15T13:02:00Z');
    expect(amr.map((s) => s.to)).toEqual(['amira']);
    expect(amr[0]!.text).toContain('Mads Medarbejder');
  });

  it('a registration the colleague says is wrong is deleted with everything pending', async () => {
    const form = await filledForm('sofie', { subject: people.mads.aad, occurredOn: '2026-12-15', occurredAt: '14:00' });
    await act('sofie', 'violence.register', form);
    const e = (await store().list(WP)).find((x) => x.status === 'afventer')!;
    expect(await act('mads', 'violence.reject', { workplaceId: WP, episodeId: e.id })).toContain('Episoden er slettet');
    expect(await store().get(WP, e.id)).toBeUndefined();
    const sent = await day('2026-12-15T13:10:00Z');
    expect(sent.map((s) => s.to)).toEqual(['lone']);
    expect(sent[0]!.text).toContain('er slettet');
    expect(sent[0]!.text).not.toContain('Mads');
    expect((await bot.app.engine.listOpen(WP)).filter((j) => j.key.includes(e.id) && j.status === 'pending')).toEqual([]);
  });
});

describe('the pattern for TRIO', () => {
  it('the monthly card shows counts, hides those under 3, and names nobody', async () => {
    clock.set('2027-01-01T07:00:00Z');
    await bot.app.engine.runRecurring('violence.monthly', clock.now());
    expect(await day('2027-01-01T07:00:30Z')).toEqual([]); // nytårsdag: channel posts wait for a working day
    const sent = (await day('2027-01-04T07:00:00Z')).filter((s) => s.to.startsWith('19:'));
    expect(sent.map((s) => s.to)).toEqual([expect.stringContaining('solhoej-trio')]);
    const card = sent[0]!.text;
    expect(card).toContain('Vold, trusler og krænkelser i december 2026');
    expect(card).toContain('under 3');
    expect(card).toContain('Opret handling');
    expect(card).not.toMatch(/Nadia|Mads|Sofie|Fællesarealer|Fysisk vold|aftensmaden/);
  });

  it('every channel message of the whole flow is free of names, places, kinds and descriptions', () => {
    const channel = bot.connector.sent().filter((r) => r.conversationId.startsWith('19:'));
    expect(channel.length).toBeGreaterThan(0);
    for (const r of channel) expect(JSON.stringify(r.activity)).not.toMatch(/Nadia|Mads|Sofie|aftensmaden|episode:/i);
  });

  it('the tables hold no CPR number and no resident column', async () => {
    const rows: Json[] = [];
    for await (const r of bot.app.ctx.storage.table(VIOLENCE_EPISODES_TABLE).listEntities<Json>()) rows.push(r);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(looksLikeCpr(String(r.description ?? ''))).toBe(false);
      expect(Object.keys(r).filter((k) => /resident|borger|cpr|citizen/i.test(k))).toEqual([]);
      expect(['borger', 'paaroerende', 'kollega', 'andre']).toContain(r.source);
    }
  });
});

describe('the risk assessment in the handleplan', () => {
  it('"Opret handling" at the risk assessment makes one action in the handleplan, kilde vold og trusler, without name or description', async () => {
    const card = (await bot.execute('lone', 'personal', 'violence.show', ref)).body.value as Json;
    const data = actionsOf(card, 'violence.riskAction')[0]!;
    expect(typeof data.once).toBe('string');
    const presses = await Promise.all([1, 2, 3].map(() => act('lone', 'violence.riskAction', data)));
    const made = presses.filter((a) => /H-\d+ er oprettet i handleplanen/.test(a));
    expect(made).toHaveLength(1);
    const number = /(H-\d+) er oprettet/.exec(made[0]!)![1]!;
    // A fresh card pressed later: still the same one action.
    const fresh = actionsOf((await bot.execute('lone', 'personal', 'violence.show', ref)).body.value, 'violence.riskAction')[0]!;
    expect(await act('lone', 'violence.riskAction', fresh)).toContain(`${number} er oprettet`);
    const actions = (await new ActionStore(bot.app.ctx.storage, clock).listAll(WP)).map((x) => x.action).filter((a) => a.source === 'vold');
    expect(actions.map((a) => `H-${a.number}`)).toEqual([number]);
    expect(actions[0]).toMatchObject({ tema: 'Vold og trusler', emne: 'Forebyg gentagelse: fysisk vold, Fællesarealer', owner: { id: people.lone.aad } });
    expect(JSON.stringify(actions)).not.toMatch(/Nadia|aftensmaden/);
    // Nobody but a leader of the workplace can make it.
    expect(await act('nadia', 'violence.riskAction', { ...ref })).toContain('Jeg kan ikke finde den episode');
  });

  it('the monthly card\'s "Opret handling" opens the handleplan form with kilde vold og trusler, and it creates the action', async () => {
    const monthly = bot.connector
      .sent()
      .filter((r) => r.conversationId.startsWith('19:'))
      .map((r) => cardOf(r.activity as Json))
      .find((c) => JSON.stringify(c).includes('Vold, trusler og krænkelser i december 2026'))!;
    const open = actionsOf(monthly, 'actions.newForm')[0]!;
    expect(open).toMatchObject({ kilde: 'vold', tema: 'Psykisk arbejdsmiljø: vold og trusler' });
    const opened = await bot.execute('lone', 'trio', 'actions.newForm', open);
    const form = opened.body.type === 'application/vnd.microsoft.card.adaptive' ? (opened.body.value as Json) : cardOf(opened.sent.at(-1)!.activity as Json);
    const inputs: Json = {};
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Json;
        if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') inputs[o.id] = o.value ?? '';
        Object.values(o).forEach(walk);
      }
    };
    walk(form);
    expect(inputs).toMatchObject({ source: 'vold', tema: 'Psykisk arbejdsmiljø: vold og trusler' });
    const create = actionsOf(form, 'actions.create')[0]!;
    const answer = everything(await bot.execute('lone', 'trio', 'actions.create', { ...inputs, ...create, maal: 'Færre episoder om aftenen', hvad: 'Gennemgang af aftenvagten', start: '4-1-2027', end: '31-3-2027', owner: people.lone.aad }));
    const number = /H-\d+/.exec(answer)![0];
    const made = (await new ActionStore(bot.app.ctx.storage, clock).listAll(WP)).map((x) => x.action).find((a) => `H-${a.number}` === number)!;
    expect(made).toMatchObject({ source: 'vold', tema: 'Psykisk arbejdsmiljø: vold og trusler', maal: 'Færre episoder om aftenen' });
  });
});
