import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { DevPlan, Draft, Talk } from '../../src/mus/model.js';
import { MusStore } from '../../src/mus/store.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import { cardText, cards, type PgMessage } from '../support/playground.js';
import { seedSolhoej, startE2E, type E2E } from '../support/e2e.js';

/**
 * The MED year as Bostedet Solhøj's MED meets it in the Agents Playground (MED is the
 * team's General channel), with a manual clock and the reminder engine ticked by hand:
 * Lone saves an årshjul with three MED meetings and each agenda arrives three working
 * days before with that meeting's standing items; a decision in the referat becomes an
 * action; the APV reminder falls due a quarter before the 3-year deadline; a major change
 * restarts the cycle; the kompetenceudviklingsplan shows the MUS needs as counts, hides
 * those under 3 and names nobody.
 */
type Json = Record<string, unknown>;
const clock = new ManualClock('2027-01-04T08:00:00Z'); // Monday 4 January 2027, 09.00 in Copenhagen
let e: E2E;
let wp: string;

beforeAll(async () => {
  e = await startE2E({}, clock);
  wp = await seedSolhoej(e, { medChannel: e.general });
}, 60_000);
afterAll(() => e?.stop());

/** The data of the first Action.Execute with this verb in a message's card (or an invoke's answer card). */
function dataOf(m: PgMessage | Json, verb: string): Json {
  const root = 'messageId' in m ? cards(m as PgMessage)[0]! : ((m as Json).value as Json);
  const found: Json[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.type === 'Action.Execute' && o.verb === verb) found.push((o.data ?? {}) as Json);
      Object.values(o).forEach(walk);
    }
  };
  walk(root);
  if (!found[0]) throw new Error(`no action ${verb}`);
  return found[0];
}
const lone = () => e.people.lone.id;
const inMed = (m: PgMessage) => m.conversationId.startsWith(e.general);
/** Lone writes in the MED channel; the card the bot answers with. */
async function say(text: string, expected: string): Promise<PgMessage> {
  const since = e.pg.cursor();
  await e.pg.send(e.general, lone(), text);
  return e.pg.waitForMessage((m) => inMed(m) && cardText(m).includes(expected), { since });
}
/** Lone presses a button of a card in the MED channel, with what she typed (the Playground sends the button's data only). */
const press = async (card: PgMessage, verb: string, typed: Json = {}) => (await e.pg.invoke(card.conversationId, lone(), card.messageId, verb, { ...dataOf(card, verb), ...typed })) as Json;
/** Moves the clock and lets the engine send what is due; the agendas it sent to the MED channel. */
async function tickAt(iso: string): Promise<string[]> {
  const since = e.pg.cursor();
  clock.set(iso);
  // Twice, five minutes apart: what one tick left for the next (as the cron would).
  const first = await e.t.app.engine.tick(clock.now());
  const second = await e.t.app.engine.tick(new Date(clock.now().getTime() + 5 * 60_000));
  if (first.sent + second.sent === 0) return [];
  await e.pg.waitForMessage((m) => inMed(m), { since, timeoutMs: 5_000 }).catch(() => undefined);
  return e.pg.messages().filter((m) => m.seq > since && inMed(m)).map(cardText);
}

const placements = {
  p_arbejdsmiljoedroeftelse: '1', p_kompetenceudviklingsplan: '1', p_sygefravaersstatistik: '2', p_apvStatus: '4',
  p_musEvaluering: '6', p_seniorpolitik: '10', p_tilsynsrapport: '11', p_sygefravaer: '0', p_handleplanStatus: '0',
};

describe('the MED year end to end', () => {
  let referat: Json;

  it('MED saves an årshjul with three meetings; each gets its agenda three working days before, with its standing items', async () => {
    const wheel = await say('årshjul', 'Årshjul 2027 – Bostedet Solhøj');
    expect(cardText(wheel)).toContain('Det er et forslag');
    const since = e.pg.cursor();
    await press(wheel, 'medyear.wheel.edit');
    const form = await e.pg.waitForMessage((m) => inMed(m) && cardText(m).includes('Ret årshjul – MED'), { since });
    const saved = await press(form, 'medyear.wheel.save', { date0: '2027-03-10', time0: '13:00', date1: '2027-06-16', time1: '13:00', date2: '2027-11-10', time2: '13:00', ...placements });
    for (const day of ['5. marts 2027', '11. juni 2027', '5. november 2027']) expect(cardText(saved)).toContain(`Dagsorden sendes ${day}.`);

    expect((await tickAt('2027-03-04T08:00:00Z')).filter((t) => t.includes('Dagsorden:'))).toEqual([]);
    const march = (await tickAt('2027-03-05T08:00:00Z')).filter((t) => t.includes('Dagsorden:'));
    expect(march).toHaveLength(1);
    expect(march[0]).toContain('Dagsorden: MED-møde 10. marts 2027 kl. 13.00 (uge 10)');
    for (const item of ['Årlig arbejdsmiljødrøftelse', 'Kompetenceudviklingsplan', 'Sygefraværsstatistik', 'Handleplaner', 'Trivselspuls', 'Vold, trusler og krænkelser']) expect(march[0]).toContain(item);
    for (const item of ['APV-status', 'Evaluering af MUS', 'Seniorpolitik']) expect(march[0]).not.toContain(item);
  }, 30_000);

  it('a decision in the March referat becomes an action', async () => {
    clock.set('2027-03-10T15:00:00Z');
    const card = await say('referat', 'Referat: MED-møde 10. marts 2027');
    const added = await press(card, 'medyear.referat.add', { text: 'Vi indfører faste pauser i aftenvagten.' });
    expect(cardText(added)).toContain('Vi indfører faste pauser i aftenvagten. (Lone Leder)');
    referat = added;
    const id = String(dataOf(referat, 'medyear.referat.toAction').id);
    const made = await e.pg.invoke(card.conversationId, lone(), card.messageId, 'medyear.referat.toAction', { ...dataOf(referat, 'medyear.referat.toAction'), [`owner_${id}`]: e.people.tobias.aadObjectId, [`end_${id}`]: '15-12-2027' });
    const number = /Handling (H-\d+)/.exec(cardText(made as Json))?.[1];
    expect(number).toBeDefined();
    const action = await say(`handling ${number!.slice(2)}`, number!);
    for (const words of ['Vi indfører faste pauser i aftenvagten.', 'Tobias Tillid', '15. december 2027']) expect(cardText(action)).toContain(words);
  }, 30_000);

  it('June brings APV status and the MUS evaluation; November seniorpolitik and the Socialtilsyn report', async () => {
    const june = (await tickAt('2027-06-11T07:00:00Z')).filter((t) => t.includes('Dagsorden:'));
    expect(june).toHaveLength(1);
    expect(june[0]).toContain('Dagsorden: MED-møde 16. juni 2027');
    for (const item of ['APV-status', 'Evaluering af MUS', 'Sygefravær']) expect(june[0]).toContain(item);
    expect(june[0]).not.toContain('Årlig arbejdsmiljødrøftelse');
    const november = (await tickAt('2027-11-05T08:00:00Z')).filter((t) => t.includes('Dagsorden:'));
    expect(november).toHaveLength(1);
    expect(november[0]).toContain('Dagsorden: MED-møde 10. november 2027');
    for (const item of ['Seniorpolitik', 'Socialtilsynets rapport']) expect(november[0]).toContain(item);
    expect(november[0]).not.toContain('Evaluering af MUS');
  }, 30_000);

  it('the kompetenceudviklingsplan counts the needs of the MUS udviklingsplaner, hides those under 3 and names nobody', async () => {
    // Five udviklingsplaner registered this autumn (MUS's own store, as its registration writes them).
    const mus = new MusStore(e.t.app.ctx.storage);
    const people = [e.people.tobias, e.people.amira, e.people.mads, e.people.sofie, e.people.nadia];
    const texts = ['Kursus i konflikthåndtering', 'Konflikter med pårørende; medicinhåndtering', 'De-eskalering og konflikthåndtering', 'Lære medicinhåndtering', 'Konflikthåndtering i aftenvagten'];
    const draft: Draft = {
      workplaceId: wp, id: 'd1', leaderId: e.people.lone.aadObjectId, leaderName: 'Lone Leder',
      params: { from: '2027-10-04', to: '2027-10-29', durationMinutes: 60, windowStart: '09:00', windowEnd: '15:00', place: 'Mødelokalet', mode: 'individual', bufferMinutes: 15 },
      slots: [], unplannedNames: [], recentlyHeld: [], names: {}, status: 'draft', createdAt: '2027-10-01T09:00:00Z',
    };
    await mus.saveDraft(draft);
    const talks: Talk[] = people.map((p, i) => ({
      workplaceId: wp, id: `t${i}`, draftId: 'd1', leaderId: e.people.lone.aadObjectId, leaderName: 'Lone Leder', label: 'MUS', mode: 'individual', participantIds: [p.aadObjectId],
      start: zonedInstant(`2027-10-1${i}`, '09:00'), end: zonedInstant(`2027-10-1${i}`, '10:00'), place: 'Mødelokalet', status: 'planned', version: 1,
    }));
    await mus.sendDraft(draft, (await mus.draft(wp, 'd1'))!.etag, talks, []);
    for (const [i, p] of people.entries()) {
      const plan: DevPlan = { workplaceId: wp, talkId: `t${i}`, aadObjectId: p.aadObjectId, name: p.name, heldOn: `2027-10-1${i}`, shortGoals: texts[i]!, longGoals: '', activities: [{ kind: 'kursus', text: '', status: 'planned', note: '' }], knowledgeSharing: '', followUpOn: '2028-04-01', seniorWanted: false, seniorNote: '', followUps: [], createdBy: e.people.lone.aadObjectId, createdAt: '2027-10-20T10:00:00Z' };
      await mus.register((await mus.talk(wp, `t${i}`))!, 'held', e.people.lone.aadObjectId, '2027-10-20T10:00:00Z', [plan]);
    }
    const kup = cardText(await say('kompetenceplan', 'Kompetenceudviklingsplan'));
    expect(kup).toContain('4 udviklingsplaner nævner konflikthåndtering');
    expect(kup).not.toContain('medicinhåndtering');
    expect(kup).toContain('1 behov nævnt i færre end 3 planer vises ikke.');
    for (const p of people) expect(kup).not.toContain(p.name);
  }, 30_000);

  it('the APV reminder falls due a quarter before three years; a major change restarts the cycle', async () => {
    clock.set('2027-11-15T08:00:00Z');
    const apv = await say('apv', 'APV');
    const surveyed = await press(apv, 'medyear.apv.survey', { surveyedOn: '2027-11-01' });
    expect(cardText(surveyed)).toContain('1. november 2030');
    expect((await tickAt('2030-07-31T07:00:00Z')).filter((t) => t.includes('APV'))).toEqual([]);
    const due = (await tickAt('2030-08-01T07:00:00Z')).filter((t) => t.includes('APV'));
    // The reminder's text and the APV card with it, once.
    expect(due.join('\n').match(/Påmindelse: Ny APV/g)).toHaveLength(1);
    expect(due.join('\n')).toContain('senest 1. november 2030 (uge 44)');

    clock.set('2030-08-05T08:00:00Z');
    const current = await say('apv', 'APV');
    const changed = await press(current, 'medyear.apv.majorChange', { reason: 'Sammenlægning med Bostedet Egely' });
    expect(cardText(changed)).toContain('Ny APV påkrævet efter en større ændring.');
    const reminded = (await tickAt('2030-09-04T07:00:00Z')).filter((t) => t.includes('APV'));
    expect(reminded.join('')).toContain('mangler Bostedet Solhøj stadig en ny APV');
    // The new kortlægning starts the next three years.
    const again = await say('apv', 'APV');
    expect(cardText(await press(again, 'medyear.apv.survey', { surveyedOn: '2030-09-04' }))).toContain('4. september 2033');
    expect(e.pg.botErrors()).toEqual([]);
  }, 30_000);
});
