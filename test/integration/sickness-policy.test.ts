import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { SicknessStore } from '../../src/sickness/store.js';
import { delivered, everything, sentJson, solhoejTeam, startHttpBot, WP, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * The fraværspolitik as data, through the real pipeline: the README's example model as
 * the deployment's (SICKNESS_POLICY), a workplace's own model defined on the settings
 * card, the notification deadline for staff without salary, a contact handed to the TR,
 * and the employee asking for a fastholdelsesplan.
 */
const readme = readFileSync('README.md', 'utf8');
const EXAMPLE = /<!-- sickness-policy-example -->\s*```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
const people = solhoejTeam('lone', 'tobias', 'mads', 'sofie', 'nadia');
type Person = keyof typeof people;

let bot: HttpBot<Person, 'trio'>;
const clock = new ManualClock('2026-11-02T08:00:00Z'); // Monday 09:00 in Copenhagen

const say = async (who: Person, text: string): Promise<string> => sentJson(await bot.say(who, 'personal', text));
const act = async (who: Person, verb: string, data: Json): Promise<string> => everything(await bot.execute(who, 'personal', verb, data));
const day = async (iso: string) => delivered((await bot.tick(iso)).sent);
const store = () => new SicknessStore(bot.app.ctx.storage, clock);
const caseOf = async (who: Person) => (await store().list(WP)).filter((c) => c.employeeId === people[who].aad).at(-1)!;
const refOf = async (who: Person) => ({ workplaceId: WP, caseId: (await caseOf(who)).id });
const to = (who: Person) => (s: { to: string }) => s.to === `a:personal-${who}` || s.to === `a:1on1-29:${who}`;
const settingsForm = { workplaceId: WP, repeatedCases: 3, repeatedMonths: 6, retentionMonths: 12, returnFollowUp: 'true', targetPercent: '5,5', longFromDays: '30' };

beforeAll(async () => {
  expect(EXAMPLE.length).toBeGreaterThan(100);
  bot = await startHttpBot({ clock, people, env: { SICKNESS_POLICY: EXAMPLE } });
  await bot.say('lone', 'trio', 'hjælp');
  for (const who of ['tobias', 'mads', 'sofie', 'nadia'] as const) await say(who, 'hjælp');
});

afterAll(async () => {
  await bot?.stop();
});

describe('the deployment model from the README', () => {
  it('is every workplace\'s default: new cases follow it, and the card shows its words and source apart from the law', async () => {
    expect(await say('lone', 'indstillinger sygefravær')).toContain('Socialområdets fraværspolitik 2026');
    const card = await act('lone', 'sickness.open', { employee: `${WP}|${people.mads.aad}`, firstDay: '2026-11-02', partial: 'false', expectedDuration: 'ukendt' });
    expect((await caseOf('mads')).model).toBe('socialomraadet-2026');
    for (const words of ['Socialområdets fraværspolitik 2026', 'Lederen kontakter den sygemeldte på 1., 3. og 10. arbejdsdag', 'Hoved-MED for Social og Sundhed', 'Kontakt på 3. arbejdsdag i fraværet', 'Sygedagpengeloven § 7 a']) {
      expect(card).toContain(words);
    }
    // Hold the samtale within 21 days (the policy), agree on a time within 14.
    expect(card).toContain('hold samtalen senest 23. november 2026');
    expect(card).toContain('aftal tid senest 16. november 2026');
  });

  it('counts working days: the day 3 contact is on Wednesday, the day 10 contact skips the weekend', async () => {
    expect((await day('2026-11-03T08:00:00Z')).filter((s) => s.text.includes('Kontakt på 3. arbejdsdag'))).toEqual([]);
    expect((await day('2026-11-04T08:00:00Z')).filter((s) => s.text.includes('Kontakt på 3. arbejdsdag')).map((s) => to('lone')(s))).toEqual([true]);
    const pending = (await bot.app.engine.listOpen(WP)).filter((j) => j.key.includes(':contact:10@'));
    expect(pending.map((j) => j.dueAt.toISOString())).toEqual(['2026-11-13T07:00:00.000Z']); // 08.00 in Copenhagen
  });
});

describe("the workplace's own model, on the settings card", () => {
  it('is validated per field, in Danish', async () => {
    const bad = await act('lone', 'sickness.settings.save', { ...settingsForm, model: 'eget', ownName: 'Solhøjs model', ownSource: 'Lokal-MED 12. marts 2026', ownDays: '3, 2', ownHoldWithin: '28' });
    expect(bad).toContain('Kontaktdage: kontaktdagene skal stå i stigende rækkefølge uden gentagelser');
    expect(await act('lone', 'sickness.settings.save', { ...settingsForm, model: 'eget', ownDays: '1' })).toContain('udfyld navn, kilde og kontaktdage');
    expect(await act('lone', 'sickness.settings.save', { ...settingsForm, model: 'eget', ownName: 'X y', ownSource: 'Lokal-MED', ownDays: '1', ownHoldWithin: '35' })).toContain('skriv et tal fra 1 til 28');
  });

  it('is followed by new cases; its words are on the card', async () => {
    const saved = await act('lone', 'sickness.settings.save', {
      ...settingsForm, model: 'eget', ownName: 'Solhøjs model', ownSource: 'Lokal-MED 12. marts 2026, punkt 4', ownSummary: 'Vi ringer på 2. og 5. dag.', ownDays: '2, 5', ownCounting: 'calendar', ownRemindAgain: '1', ownBookWithin: '18', ownHoldWithin: '24', ownEscalation: '2',
    });
    expect(saved).toContain('Fraværspolitik: Solhøjs model');
    const card = await act('lone', 'sickness.open', { employee: `${WP}|${people.sofie.aad}`, firstDay: '2026-11-02', partial: 'false', expectedDuration: 'ukendt' });
    expect((await caseOf('sofie')).model).toBe('eget');
    for (const words of ['Solhøjs model', 'Vi ringer på 2. og 5. dag.', 'Kontakt på 5. fraværsdag', 'hold samtalen senest 26. november 2026']) expect(card).toContain(words);
    // Mads's case keeps the model it was opened with.
    expect(await act('lone', 'sickness.show', await refOf('mads'))).toContain('Kontakt på 10. arbejdsdag i fraværet');
  });
});

describe('staff without salary during sickness', () => {
  it('the case asks which applies; § 40, stk. 3 gives 14 days whatever the expected duration', async () => {
    expect(await say('lone', 'sygemelding')).toContain('Løn under sygdom');
    const card = await act('lone', 'sickness.open', { employee: `${WP}|${people.nadia.aad}`, firstDay: '2026-11-02', partial: 'false', expectedDuration: 'under-1-uge', pay: 'ingen' });
    expect(card).toContain('§ 40, stk. 3');
    expect(card).toContain('anmeld senest 16. november 2026');
    const reminder = (await day('2026-11-09T08:00:00Z')).filter((s) => s.text.includes('Anmeld fraværet til kommunen (NemRefusion): Nadia Nattevagt'));
    expect(reminder.map((s) => to('lone')(s))).toEqual([true]);
    // Changed to salary: the ordinary rule, only when the absence outlasts the 30 days.
    const changed = await act('lone', 'sickness.update', { ...(await refOf('nadia')), partial: 'false', expectedDuration: 'under-1-uge', pay: 'loen' });
    expect(changed).toContain('✓ Forløbet er opdateret.');
    expect(changed).not.toContain('anmeld senest 16. november 2026');
  });
});

describe('a contact handed to the TR, by agreement with the employee', () => {
  it('needs the agreement and a colleague who is not the employee', async () => {
    const ref = await refOf('mads');
    expect(await act('lone', 'sickness.contact.handover', { ...ref, contactPerson: people.tobias.aad, which: 0, agreed: 'false' })).toContain('kontakten kan kun overdrages efter aftale med medarbejderen');
    expect(await act('lone', 'sickness.contact.handover', { ...ref, contactPerson: people.mads.aad, which: 0, agreed: 'true' })).toContain('vælg en kollega, TR eller AMR');
  });

  it('the TR gets the reminder and logs the contact; the details stay with the leader', async () => {
    const ref = await refOf('mads');
    const card = await act('lone', 'sickness.contact.handover', { ...ref, contactPerson: people.tobias.aad, which: 10, agreed: 'true' });
    expect(card).toContain('✓ Tobias Tillid tager kontakten og får påmindelsen.');
    const told = (await day('2026-11-09T08:05:00Z')).filter(to('tobias'));
    expect(told.map((s) => s.text).join()).toContain('Lone Leder har efter aftale med Mads Medarbejder bedt dig tage kontakten');
    // The day 10 contact (13 November): to Tobias, not to Lone; no facts of the case.
    const sent = await day('2026-11-13T08:00:00Z');
    const reminder = sent.filter((s) => s.text.includes('Kontakt på 10. arbejdsdag i fraværet: Mads Medarbejder'));
    expect(reminder.map((s) => to('tobias')(s))).toEqual([true]);
    for (const detail of ['Forventet varighed', 'Første fraværsdag', 'Løn under sygdom']) expect(reminder[0]!.text).not.toContain(detail);
    expect(await act('tobias', 'sickness.show', ref)).toContain('Jeg kan ikke finde det forløb');
    expect(await act('tobias', 'sickness.contact.form', { ...ref, point: 3 })).toContain('Jeg kan ikke finde det forløb');
    const form = await act('tobias', 'sickness.contact.form', { ...ref, point: 10 });
    expect(form).toContain('Lederen ser det, du registrerer her');
    expect(form).toContain('Kontakt på 10. arbejdsdag i fraværet: Mads Medarbejder');
    expect(form).not.toContain('sickness.show');
    const saved = await act('tobias', 'sickness.contact.log', { ...ref, point: 10, how: 'telefon', adjustments: 'nej', note: 'Han vil gerne have referater' });
    expect(saved).toContain('Kontakten er gemt. Lederen kan se, at den er taget. Tak, Tobias.');
    expect(saved).not.toContain('Sygefraværsforløb');
    const notice = (await day('2026-11-13T08:10:00Z')).filter(to('lone'));
    expect(notice.map((s) => s.text).join()).toContain('Tobias Tillid har taget kontakten med Mads Medarbejder');
    expect(await act('lone', 'sickness.show', ref)).toContain('13. november 2026: Telefon (Tobias Tillid)');
    expect((await caseOf('mads')).contacts.at(-1)).toMatchObject({ point: 10, byId: people.tobias.aad });
  });

  it('the leader takes the contacts back; the TR can no longer log one', async () => {
    const ref = await refOf('mads');
    expect(await act('lone', 'sickness.contact.takeback', ref)).toContain('✓ Du tager selv kontakterne igen.');
    expect(await act('tobias', 'sickness.contact.form', { ...ref, point: 10 })).toContain('Jeg kan ikke finde det forløb');
  });
});

describe('the employee asks for a fastholdelsesplan (§ 7 b)', () => {
  it('from the own card, at any time: the leader hears at once and the case shows it', async () => {
    const ref = await refOf('mads');
    const own = await act('mads', 'sickness.show', ref);
    expect(own).toContain('Bed om en fastholdelsesplan');
    expect(own).toContain('Du behøver ikke fortælle, hvad du fejler.');
    const asked = await act('mads', 'sickness.fastholdelsesplan.ask', ref);
    expect(asked).toContain('✓ Din leder har fået besked om, at du ønsker en fastholdelsesplan.');
    expect(asked).not.toContain('Bed om en fastholdelsesplan');
    const sent = (await day('2026-11-13T08:20:00Z')).filter(to('lone'));
    expect(sent.map((s) => s.text).join()).toContain('Mads Medarbejder har bedt om en fastholdelsesplan (sygedagpengeloven § 7 b)');
    const card = await act('lone', 'sickness.show', ref);
    expect(card).toContain('Lav fastholdelsesplanen sammen med medarbejderen');
    expect(card).toContain('Planen er lavet eller afslået');
    const done = await act('lone', 'sickness.milestone.done', { ...ref, step: 'fastholdelsesplan' });
    expect(done).toContain('✓ Noteret: Lav fastholdelsesplanen sammen med medarbejderen.');
    expect((await caseOf('mads')).fastholdelsesplanPlannedOn).toBe('2026-11-13');
  });
});
