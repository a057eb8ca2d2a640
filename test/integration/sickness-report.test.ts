import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { SicknessAbsenceLookup } from '../../src/sickness/absence.js';
import { SicknessStore } from '../../src/sickness/store.js';
import { delivered, everything, sentJson, solhoejMembers, solhoejTeam, startHttpBot, TRIO, WP, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * The employee's side and the workplace's settings: `syg` → the leader confirms, the
 * 1-5-14 model by configuration, escalation to the HR contact, the employee's own
 * raskmelding, repeated short absence, the monthly figures in the TRIO channel and the
 * retention job. MUS's absence lookup answers from the same cases.
 */
const people = {
  ...solhoejTeam('lone', 'tobias', 'mads', 'sofie'),
  hanne: { aad: solhoejMembers.nadia.aad, name: 'Hanne HR', roles: ['medarbejder'] as const },
};
type Person = keyof typeof people;

let bot: HttpBot<Person, 'trio'>;
const clock = new ManualClock('2026-11-02T08:00:00Z'); // Monday 09:00 in Copenhagen

const say = async (who: Person, text: string): Promise<string> => sentJson(await bot.say(who, 'personal', text));
const act = async (who: Person, verb: string, data: Json): Promise<string> => everything(await bot.execute(who, 'personal', verb, data));
const day = async (iso: string) => delivered((await bot.tick(iso)).sent);
const store = () => new SicknessStore(bot.app.ctx.storage, clock);
const caseOf = async (who: Person) => (await store().list(WP)).filter((c) => c.employeeId === people[who].aad).at(-1)!;
const open = (who: Person, firstDay: string) =>
  act('lone', 'sickness.open', { employee: `${WP}|${people[who].aad}`, firstDay, partial: 'false', expectedDuration: 'under-1-uge' });

beforeAll(async () => {
  bot = await startHttpBot({ clock, people });
  await bot.say('lone', 'trio', 'hjælp'); // the channel reference: the engine opens personal chats from it
});

afterAll(async () => {
  await bot?.stop();
});

describe('settings, self-report and the workplace figures', () => {
  it('the leader chooses 1-5-14 and an HR contact by configuration alone', async () => {
    const card = await say('lone', 'indstillinger sygefravær');
    expect(card).toContain('Sygefravær: indstillinger for Bostedet Solhøj');
    expect(card).toContain('Hanne HR');
    const form = { workplaceId: WP, repeatedMonths: 6, retentionMonths: 12, returnFollowUp: 'true', targetPercent: '5,5', longFromDays: '30' };
    const bad = await act('lone', 'sickness.settings.save', { ...form, model: '1-5-14', repeatedCases: 1 });
    expect(bad).toContain('skriv et tal fra 2 til 20');
    expect(await act('lone', 'sickness.settings.save', { ...form, model: '1-4-7', repeatedCases: 3 })).toContain('vælg en fraværspolitik');
    const saved = await act('lone', 'sickness.settings.save', { ...form, model: '1-5-14', hrContactId: people.hanne.aad, repeatedCases: 3 });
    expect(saved).toContain('Fraværspolitik: 1-5-14-modellen');
  });

  it('`syg`: a kind answer that asks nothing, and a private note to the leader only', async () => {
    const reply = await say('mads', 'syg i dag jeg har migræne');
    expect(reply).toContain('God bedring, Mads');
    expect(reply).toContain('Du behøver ikke fortælle mig, hvad du fejler');
    expect(reply).not.toMatch(/Du skal (ikke|aldrig)/);
    expect(reply).not.toContain('?');
    expect((await caseOf('mads')).status).toBe('meldt');
    const sent = await day('2026-11-02T08:01:00Z');
    expect(sent.map((s) => s.to)).toEqual(['a:personal-lone']);
    expect(sent[0]!.text).toContain('Mads Medarbejder har meldt sig syg');
    expect(JSON.stringify(await store().list(WP))).not.toContain('migræne');
    expect(await say('mads', 'syg')).toContain('Du er allerede meldt syg fra 2. november 2026');
  });

  it('the leader confirms; with over 8 weeks expected, fast track and fastholdelsesplan are prompted', async () => {
    const c = await caseOf('mads');
    const confirmed = await act('lone', 'sickness.confirm', { workplaceId: WP, caseId: c.id, firstDay: '2026-11-02', partial: 'true', expectedDuration: 'over-8-uger' });
    expect(confirmed).toContain('Forløbet for Mads Medarbejder er oprettet');
    const sent = (await day('2026-11-02T08:02:00Z')).map((s) => s.text);
    expect(sent.some((s) => s.includes('Kontakt på 1. fraværsdag: Mads Medarbejder') && s.includes('{"title":"Delvis sygemeldt","value":"Ja"}'))).toBe(true);
    expect(sent.some((s) => s.includes('Overvej at bede om fast track') && s.includes('§ 7 c') && s.includes('medarbejderen kan sige nej'))).toBe(true);
    expect(sent.some((s) => s.includes('Fortæl om retten til en fastholdelsesplan') && s.includes('§ 7 b'))).toBe(true);
    expect((await bot.app.engine.listOpen(WP)).some((j) => j.key.endsWith(`:contact:5@${people.lone.aad}`))).toBe(true);
  });

  it('3 days before the samtale deadline the leader and the HR contact are alerted (urgent); the TR is not', async () => {
    const sent = await day('2026-11-27T08:00:00Z');
    const escalations = sent.filter((s) => s.text.includes('Frist 30. november 2026'));
    expect(escalations.map((s) => s.to).sort()).toEqual(['a:1on1-29:hanne', 'a:personal-lone']);
    const hr = escalations.find((s) => s.to === 'a:1on1-29:hanne')!.text;
    expect(hr).toContain('Du får denne besked som HR-kontakt');
    expect(hr).not.toContain('sickness.samtale.form');
    expect(sent.every((s) => s.to === 'a:personal-lone' || s.to === 'a:1on1-29:hanne')).toBe(true);
    expect((await bot.app.engine.listOpen(WP)).filter((j) => j.urgent).length).toBeGreaterThan(0);
  });

  it('MUS asks whether someone is absent and learns only yes or no', async () => {
    const absence = new SicknessAbsenceLookup(store());
    expect(await absence.isAbsent(WP, people.mads.aad, '2026-11-20')).toBe(true);
    expect(await absence.isAbsent(WP, people.sofie.aad, '2026-11-20')).toBe(false);
  });

  it('the employee raskmelds himself; the leader is told, and the absence ends', async () => {
    expect(await say('mads', 'raskmeld')).toContain('Velkommen tilbage');
    const sent = await day('2026-12-01T08:00:00Z');
    expect(sent.filter((s) => s.text.includes('har raskmeldt sig')).map((s) => s.to)).toEqual(['a:personal-lone']);
    const absence = new SicknessAbsenceLookup(store());
    expect(await absence.isAbsent(WP, people.mads.aad, '2026-11-27')).toBe(false);
    expect(await absence.isAbsent(WP, people.mads.aad, '2026-11-26')).toBe(true);
  });

  it('the third separate absence within 6 months suggests a fraværssamtale, privately', async () => {
    for (const [first, back] of [['2026-12-01', '2026-12-03'], ['2026-12-07', '2026-12-08']] as const) {
      clock.set(`${first}T08:00:00Z`);
      expect(await open('sofie', first)).not.toContain('Overvej at tilbyde en fraværssamtale');
      await act('lone', 'sickness.close', { workplaceId: WP, caseId: (await caseOf('sofie')).id, returnDay: back });
    }
    clock.set('2026-12-14T08:00:00Z');
    expect(await open('sofie', '2026-12-14')).toContain('Overvej at tilbyde en fraværssamtale');
  });

  it('TRIO gets the monthly figures: counts only, small numbers masked', async () => {
    clock.set('2026-12-01T07:00:00Z');
    await bot.app.engine.runRecurring('sickness.monthly', clock.now());
    const sent = await day('2026-12-01T07:01:00Z');
    const post = sent.filter((s) => s.to.startsWith(TRIO));
    expect(post).toHaveLength(1);
    expect(post[0]!.text).toContain('Sygefravær på Bostedet Solhøj: november 2026');
    expect(post[0]!.text).toContain('under 3');
    expect(post[0]!.text).not.toMatch(/Mads|Sofie|Hanne/);
  });

  it('closed cases are deleted after the retention period; open ones and the figures stay', async () => {
    await bot.app.engine.runRecurring('sickness.retention', new Date('2027-12-10T01:30:00Z'));
    const left = await store().list(WP);
    expect(left.map((c) => [c.employeeId, c.status])).toEqual([[people.sofie.aad, 'aktiv']]);
    expect(await store().figures(WP, '2026-11')).toMatchObject({ activeCases: 1 });
    const deleted = await bot.app.ctx.events.list(WP, { type: 'sickness.deleted' });
    expect(deleted).toHaveLength(3);
  });
});
