import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { MEDYEAR_VERBS as V } from '../../src/medyear/model.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import { EMPTY_FIGURES } from '../../src/sickness/stats.js';
import { SicknessStore } from '../../src/sickness/store.js';
import { DEFAULT_THRESHOLDS } from '../../src/pulse/aggregate.js';
import { loadDefaultBank, scaleOf } from '../../src/pulse/bank.js';
import { pickItems } from '../../src/pulse/rotation.js';
import { roundTiming } from '../../src/pulse/schedule.js';
import { Seal } from '../../src/pulse/seal.js';
import { PulseStore } from '../../src/pulse/store.js';
import { ViolenceStore } from '../../src/violence/store.js';
import { cardOf, GENERAL, readableJson, solhoejMembers, solhoejWorkplace, startHttpBot, TRIO, WP, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * The MED year through the real pipeline (HTTP → CloudAdapter → dispatcher → Azurite →
 * reminder engine with a ManualClock → connector double), issue 19's "done means":
 * a MED with three meetings gets each agenda with the right standing items on the right
 * day; a referat decision becomes an action (once); the APV reminder falls due a quarter
 * before three years and a major change restarts the cycle. MED is the General channel.
 */
const people = {
  lone: solhoejMembers.lone,
  tobias: solhoejMembers.tobias,
  amira: solhoejMembers.amira,
  mads: solhoejMembers.mads,
  olga: { aad: 'aad-olga-outsider', name: 'Olga Udefra', roles: [] },
};
type Who = keyof typeof people;

let bot: HttpBot<Who, 'med' | 'trio'>;
const clock = new ManualClock('2027-01-04T08:00:00Z'); // Monday 4 January 2027, 09.00 in Copenhagen

const exec = async (who: Who, verb: string, data: Json, where: 'med' | 'trio' = 'med'): Promise<string> => {
  const { body, sent } = await bot.execute(who, where, verb, { verb, ...data });
  return readableJson(body) + sent.map((r) => readableJson(r.activity)).join('');
};
const say = async (who: Who, text: string, where: 'med' | 'trio' = 'med') => {
  const { sent } = await bot.say(who, where, text);
  return { all: sent.map((r) => readableJson(r.activity)).join(''), card: sent[0] ? cardOf(sent[0].activity) : {} };
};
/** What the MED channel got from the engine (not in answer to someone). */
const agendasIn = (conversationId: string) => bot.connector.sentTo(conversationId).map((r) => readableJson(r.activity)).filter((s) => s.includes('Dagsorden:'));
const rows = async (table: string, filter: string) => {
  const out: Json[] = [];
  for await (const e of bot.app.ctx.storage.table(table).listEntities<Json>({ queryOptions: { filter } })) out.push(e);
  return out;
};
/** Moves the clock to `at` and lets the engine send what is due, then once more five minutes later (what one tick left for the next, on a busy machine). */
const tickAt = async (at: string) => {
  const first = await bot.tick(at);
  const second = await bot.tick(new Date(new Date(at).getTime() + 5 * 60_000));
  return { sent: [...first.sent, ...second.sent] };
};
const actions = () => rows('Actions', `PartitionKey eq '${WP}' and kind eq 'action'`);

/** A closed pulse round of the week of `date` with `answers` of twelve invited answering 4 (the pulse's own store, as its tick does). */
async function pulseRound(date: string, answers: number) {
  const store = new PulseStore(bot.app.ctx.storage, new Seal(bot.app.ctx.pulseSealKey));
  const bank = loadDefaultBank();
  const timing = roundTiming({ weekday: 1, time: '09:00' }, date);
  const items = pickItems(bank, timing.weekIndex).map((i) => ({ id: i.id, dimension: i.dimension, reversed: i.reversed, text: i.text, scale: scaleOf(bank, i) }));
  const invitees = Array.from({ length: 12 }, (_, n) => `aad-pulse-${n}`);
  await store.openRound({ ...timing, workplaceId: WP, items, forumInvited: 2 }, invitees);
  const round = (await store.round(WP, timing.id))!;
  for (const who of invitees.slice(0, answers)) await store.submit(round, who, { scores: round.items.map((i) => ({ itemId: i.id, score: 4 })) });
  expect(await store.close(WP, round.id, DEFAULT_THRESHOLDS, clock.now())).toBe('closed');
}

const threeMeetings = {
  year: 2027,
  date0: '2027-03-10', time0: '13:00',
  date1: '2027-06-16', time1: '13:00',
  date2: '2027-11-10', time2: '13:00',
  p_arbejdsmiljoedroeftelse: '1', p_kompetenceudviklingsplan: '1', p_sygefravaersstatistik: '2', p_apvStatus: '4',
  p_musEvaluering: '6', p_seniorpolitik: '10', p_tilsynsrapport: '11', p_sygefravaer: '0', p_handleplanStatus: '0',
};

beforeAll(async () => {
  bot = await startHttpBot({
    clock,
    people,
    channels: { med: { id: GENERAL, team: GENERAL }, trio: { id: TRIO, team: GENERAL } },
    workplaces: [solhoejWorkplace([{ forum: 'trio', conversationId: TRIO, teamId: GENERAL }, { forum: 'med', conversationId: GENERAL, teamId: GENERAL }])],
  });
});
afterAll(async () => {
  await bot?.stop();
});

describe('the årshjul', () => {
  it('shows the default year in the MED channel until MED saves its own', async () => {
    const { all } = await say('mads', 'årshjul');
    expect(all).toContain('Årshjul 2027 – Bostedet Solhøj');
    expect(all).toContain('Det er et forslag');
    expect(all).toContain('MED-møde 2. marts 2027 kl. 13.00 (uge 9)');
    expect(all).toContain('Årlig arbejdsmiljødrøftelse');
  });

  it('is changed only by a leader, TR or AMR', async () => {
    expect(await exec('mads', V.wheelSave, threeMeetings)).toContain('ikke adgang');
    expect(await exec('olga', V.wheelSave, threeMeetings)).toContain('ikke adgang');
    expect(await rows('MedYear', `PartitionKey eq '${WP}'`)).toEqual([]);
    expect((await bot.app.engine.listOpen(WP)).filter((j) => j.kind === 'medyear.agenda')).toEqual([]);
  });

  it('refuses a bad date with a Danish message and keeps what was typed', async () => {
    const out = await exec('lone', V.wheelSave, { ...threeMeetings, date2: '10/11' });
    expect(out).toContain('Møde 3: dato: skriv en dato som 2027-03-10');
    expect(out).toContain('10/11');
    expect(await rows('MedYear', `PartitionKey eq '${WP}'`)).toEqual([]);
  });

  it('saved with three MED meetings: each meeting has its standing items, and an agenda row three working days before', async () => {
    const out = await exec('lone', V.wheelSave, threeMeetings);
    expect(out).toContain('Årshjulet er gemt');
    expect(out).toContain('MED-møde 10. marts 2027 kl. 13.00 (uge 10)');
    expect(out).toContain('Dagsorden sendes 5. marts 2027.');
    expect(out).toContain('Dagsorden sendes 11. juni 2027.');
    expect(out).toContain('Dagsorden sendes 5. november 2027.');
    // Saving twice (a double tap) plans the same rows, not more.
    await exec('lone', V.wheelSave, threeMeetings);
    const jobs = (await bot.app.engine.listOpen(WP)).filter((j) => j.kind === 'medyear.agenda' && j.status === 'pending').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    expect(jobs.map((j) => j.dueAt.toISOString())).toEqual([zonedInstant('2027-03-05', '09:00'), zonedInstant('2027-06-11', '09:00'), zonedInstant('2027-11-05', '09:00')].map((d) => d.toISOString()));
    expect(jobs.every((j) => j.target.kind === 'channel' && j.target.conversationId === GENERAL)).toBe(true);
  });
});

describe('a TRIO meeting in the TRIO channel', () => {
  it('the TRIO channel keeps its own meetings; the MED meetings stay as they are', async () => {
    const out = await exec('tobias', V.wheelSave, { year: 2027, date0: '2027-04-06', time0: '10:00' }, 'trio');
    expect(out).toContain('TRIO-møde 6. april 2027 kl. 10.00 (uge 14)');
    expect(out).toContain('MED-møde 10. marts 2027');
    expect(out).toContain('Sygefravær · Handleplaner');
  });
});

describe('the agendas, on the right days with the right standing items', () => {
  it('nothing comes the day before', async () => {
    await tickAt('2027-03-04T08:00:00Z');
    expect(agendasIn(GENERAL)).toEqual([]);
  });

  it('March: the arbejdsmiljødrøftelse, the kompetenceudviklingsplan, the sickness statistics, sickness absence and the handleplan', async () => {
    // The sickness feature's monthly figures (its recurring job writes them): the agenda shows them masked.
    const sickness = new SicknessStore(bot.app.ctx.storage, clock);
    await sickness.putFigures(WP, '2027-02', { ...EMPTY_FIGURES, activeCases: 4, sickDays: 10, plannedDays: 200, absentPeople: 4 });
    await sickness.putFigures(WP, '2027-01', { ...EMPTY_FIGURES, activeCases: 2, sickDays: 3, plannedDays: 200, absentPeople: 2 });
    // A pulse round that closed with ten answers (all 4), and the violence feature's stored monthly counts.
    await pulseRound('2027-02-22', 10);
    const violence = new ViolenceStore(bot.app.ctx.storage);
    const none = { byPlace: {}, byTime: {}, talkOnTime: 0, anmeldelseDue: 0, anmeldelseOnTime: 0 };
    await violence.putCounts(WP, '2027-02', { ...none, total: 7, byKind: { fysisk: 3, trussel: 3, psykisk: 1 } });
    await violence.putCounts(WP, '2027-01', { ...none, total: 2, byKind: { seksuel: 2 } });
    const { sent } = await tickAt('2027-03-05T08:00:00Z');
    const march = sent.filter((r) => r.conversationId === GENERAL).map((r) => readableJson(r.activity));
    expect(march).toHaveLength(1);
    expect(march[0]).toContain('Dagsorden: MED-møde 10. marts 2027 kl. 13.00 (uge 10)');
    for (const item of ['Årlig arbejdsmiljødrøftelse', 'Kompetenceudviklingsplan', 'Sygefraværsstatistik', 'Sygefravær', 'Handleplaner']) expect(march[0]).toContain(item);
    for (const item of ['Evaluering af MUS', 'APV-status', 'Seniorpolitik', 'Socialtilsynets rapport']) expect(march[0]).not.toContain(item);
    expect(march[0]).toContain('0 åbne handlinger');
    expect(march[0]).toContain('februar 2027: 4 sygeforløb, sygefravær 5,0 %');
    expect(march[0]).toContain('januar 2027: under 3 sygeforløb, sygefravær');
    expect(march[0]).not.toContain('1,5 %');
    expect(march[0]).not.toMatch(/januar 2027: 2 /);
    // The pulse as its results card shows it: values to the nearest 0.5 of the newest closed round, no counts.
    expect(march[0]).toContain('Trivselspuls (uge 8, anonymt)');
    expect(march[0]).toMatch(/Passende krav: \d,\d af 5/);
    expect(march[0]).not.toMatch(/10 svar|ti svar/);
    // Violence as the monthly card shows it: a kind under 3 is folded into "øvrige" (with the smallest shown one), a total under 3 shows nothing else.
    expect(march[0]).toContain('februar 2027: 7 episoder (Fysisk vold 3, Øvrige (samlet) 4)');
    expect(march[0]).toContain('januar 2027: under 3 episoder');
    for (const hidden of ['Psykisk vold', 'Seksuel', 'Trussel 3']) expect(march[0]).not.toContain(hidden);
    // A second tick sends nothing again.
    await tickAt('2027-03-05T09:00:00Z');
    expect(agendasIn(GENERAL)).toHaveLength(1);
  });

  it('a member adds an item once, however often the button is pressed', async () => {
    const data = { forum: 'med', date: '2027-03-10', text: 'Julefrokost 2027' };
    expect(await exec('mads', V.agendaAdd, data)).toContain('Julefrokost 2027 (Mads Medarbejder)');
    await exec('mads', V.agendaAdd, data);
    expect(await rows('MedYear', `PartitionKey eq '${WP}' and kind eq 'item'`)).toHaveLength(1);
    expect(await exec('olga', V.agendaAdd, { ...data, text: 'Udefra' })).toContain('Det kan kun arbejdsstedets egne medlemmer.');
    expect(await rows('MedYear', `PartitionKey eq '${WP}' and kind eq 'item'`)).toHaveLength(1);
  });

  it('the TRIO meeting gets its agenda in the TRIO channel, with sickness absence and the handleplan only', async () => {
    const trio = (await tickAt('2027-04-01T07:00:00Z')).sent.map((r) => ({ to: r.conversationId, text: readableJson(r.activity) }));
    expect(trio.map((x) => x.to)).toEqual([TRIO]);
    expect(trio[0]!.text).toContain('Dagsorden: TRIO-møde 6. april 2027 kl. 10.00 (uge 14)');
    for (const item of ['Sygefravær', 'Handleplaner']) expect(trio[0]!.text).toContain(item);
    for (const item of ['Årlig arbejdsmiljødrøftelse', 'APV-status', 'MUS']) expect(trio[0]!.text).not.toContain(item);
  });

  it('June: APV status and the MUS evaluation; November: seniorpolitik and the Socialtilsyn report', async () => {
    await pulseRound('2027-05-31', 2);
    await tickAt('2027-06-10T07:00:00Z');
    expect(agendasIn(GENERAL)).toHaveLength(1);
    const june = (await tickAt('2027-06-11T07:00:00Z')).sent.map((r) => readableJson(r.activity));
    expect(june).toHaveLength(1);
    expect(june[0]).toContain('Dagsorden: MED-møde 16. juni 2027 kl. 13.00 (uge 24)');
    for (const item of ['APV-status', 'Evaluering af MUS', 'Sygefravær', 'Handleplaner']) expect(june[0]).toContain(item);
    for (const item of ['Årlig arbejdsmiljødrøftelse', 'Seniorpolitik']) expect(june[0]).not.toContain(item);
    // The newest pulse closed with two answers: nothing but "too few" (as its results card).
    expect(june[0]).toContain('Trivselspuls (uge 22, anonymt)');
    expect(june[0]).toContain('For få svar til at vise tal.');
    expect(june[0]).not.toMatch(/af 5/);
    // March to May have no violence counts.
    expect(june[0]).toMatch(/Vold, trusler og krænkelser \(anonymt\).*Ingen tal endnu\./s);
    // Only the month before is read outside the statistics meeting, and May has no figures.
    expect(june[0]).toContain('Ingen tal endnu.');
    expect(june[0]).not.toContain('februar 2027: 4');
    const november = (await tickAt('2027-11-05T08:00:00Z')).sent.map((r) => readableJson(r.activity));
    expect(november).toHaveLength(1);
    expect(november[0]).toContain('Dagsorden: MED-møde 10. november 2027 kl. 13.00 (uge 45)');
    for (const item of ['Seniorpolitik', 'Socialtilsynets rapport', 'Sygefravær']) expect(november[0]).toContain(item);
    expect(november[0]).not.toContain('Evaluering af MUS');
    expect(agendasIn(GENERAL)).toHaveLength(3);
    expect(agendasIn(TRIO)).toHaveLength(1);
  });
});

describe('the referat', () => {
  it('a decision becomes an action once, and only a leader, TR or AMR writes the referat', async () => {
    clock.set('2027-11-10T15:00:00Z');
    expect((await say('mads', 'referat')).all).toContain('ikke adgang');
    const { all } = await say('lone', 'referat');
    expect(all).toContain('Referat: MED-møde 10. november 2027');
    const meeting = { forum: 'med', date: '2027-11-10' };
    await exec('lone', V.referatAdd, { ...meeting, text: 'Vi indfører faste pauser i aftenvagten.' });
    const card = await exec('lone', V.referatAdd, { ...meeting, text: 'Vi indfører faste pauser i aftenvagten.' });
    const decisions = await rows('MedYear', `PartitionKey eq '${WP}' and kind eq 'decision'`);
    expect(decisions).toHaveLength(1);
    const id = String(decisions[0]!.id);
    expect(card).toContain(`owner_${id}`);
    const before = (await actions()).length;
    const toAction = { ...meeting, id, [`owner_${id}`]: people.tobias.aad, [`end_${id}`]: '15-12-2027' };
    expect(await exec('mads', V.decisionToAction, toAction)).toContain('ikke adgang');
    const out = await exec('lone', V.decisionToAction, toAction);
    await exec('lone', V.decisionToAction, toAction);
    const made = (await actions()).filter((a) => a.source === 'med');
    expect((await actions()).length).toBe(before + 1);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ emne: 'Vi indfører faste pauser i aftenvagten.', ownerName: 'Tobias Tillid', end: '2027-12-15', tema: 'MED-møde 10. november 2027' });
    expect(out).toContain(`Handling H-${String(made[0]!.number)}`);
    // The action plan plans the owner's reminders as for any action.
    expect((await bot.app.engine.listOpen(WP)).some((j) => j.kind === 'actions.due' && j.target.kind === 'user' && j.target.aadObjectId === people.tobias.aad)).toBe(true);
  });

  it('a wrong owner is answered in Danish and makes no action', async () => {
    const decisions = await rows('MedYear', `PartitionKey eq '${WP}' and kind eq 'decision'`);
    await exec('lone', V.referatAdd, { forum: 'med', date: '2027-11-10', text: 'Ny procedure for overlevering.' });
    const id = String((await rows('MedYear', `PartitionKey eq '${WP}' and kind eq 'decision'`)).find((d) => !decisions.some((x) => x.id === d.id))!.id);
    const before = (await actions()).length;
    const out = await exec('lone', V.decisionToAction, { forum: 'med', date: '2027-11-10', id, [`end_${id}`]: 'i morgen måske' });
    expect(out).toContain('vælg en person eller skriv en gruppe');
    expect((await actions()).length).toBe(before);
  });
});

describe('the APV cycle', () => {
  const apvJobs = async () => (await bot.app.engine.listOpen(WP)).filter((j) => j.kind === 'medyear.apv' && j.status === 'pending');
  const rev = async () => Number((await rows('MedYear', `PartitionKey eq '${WP}' and RowKey eq 'apv'`))[0]?.rev ?? 0);

  it('a kortlægning sets the 3-year deadline and a reminder a quarter before it', async () => {
    clock.set('2027-11-15T08:00:00Z');
    expect(await exec('mads', V.apvSurvey, { rev: 0, surveyedOn: '2027-11-01' })).toContain('ikke adgang');
    const out = await exec('amira', V.apvSurvey, { rev: 0, surveyedOn: '2027-11-01' });
    expect(out).toContain('1. november 2030');
    expect((await apvJobs()).map((j) => j.dueAt.toISOString())).toEqual([zonedInstant('2030-08-01', '09:00').toISOString()]);
  });

  it('a major change restarts the cycle and asks for a new APV; a second press on the old card changes nothing', async () => {
    clock.set('2027-11-29T08:00:00Z');
    const r = await rev();
    const out = await exec('tobias', V.apvMajorChange, { rev: r, reason: 'Sammenlægning med Bostedet Egely' });
    expect(out).toContain('Ny APV påkrævet efter en større ændring.');
    expect(out).toContain('Sammenlægning med Bostedet Egely');
    const again = await exec('tobias', V.apvMajorChange, { rev: r, reason: 'Sammenlægning med Bostedet Egely' });
    expect(again).toContain('Kortet var ikke det nyeste');
    expect(await rev()).toBe(r + 1);
    expect((await apvJobs()).map((j) => j.dueAt.toISOString())).toEqual([zonedInstant('2027-12-29', '09:00').toISOString()]);
    const { sent } = await tickAt('2027-12-29T08:00:00Z');
    expect(sent.map((x) => readableJson(x.activity)).join('')).toContain('mangler Bostedet Solhøj stadig en ny APV');
  });

  it('the new kortlægning starts a new 3-year cycle, and its reminder falls due a quarter before', async () => {
    clock.set('2028-01-10T08:00:00Z');
    await exec('lone', V.apvSurvey, { rev: await rev(), surveyedOn: '2028-01-10' });
    expect((await apvJobs()).map((j) => j.dueAt.toISOString())).toEqual([zonedInstant('2030-10-10', '09:00').toISOString()]);
    expect((await tickAt('2030-10-09T08:00:00Z')).sent.filter((x) => readableJson(x.activity).includes('APV'))).toEqual([]);
    const due = (await tickAt('2030-10-10T07:00:00Z')).sent.map((x) => readableJson(x.activity)).join('');
    expect(due).toContain('senest 10. januar 2031 (uge 2)');
  });

  it('a finding becomes an action with kilde APV, once, and the card lists it with its status', async () => {
    const finding = { rev: await rev(), finding: 'Støj i fællesrummet', group: 'afdelingsledelse', end: '1. kvartal 2031' };
    await exec('lone', V.apvFinding, finding);
    const out = await exec('lone', V.apvFinding, finding);
    const apvActions = (await actions()).filter((a) => a.source === 'apv');
    expect(apvActions).toHaveLength(1);
    expect(out).toContain(`H-${String(apvActions[0]!.number)} Støj i fællesrummet: Åben`);
  });
});
