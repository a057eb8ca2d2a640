import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { loadPolicy } from '../../src/violence/settings.js';
import { cardOf, everything, sentJson, solhoejTeam, startHttpBot, WP, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * `indstillinger vold`: a leader edits the place list and the deadlines on a card, through
 * the real pipeline. The form and the follow-up use what was saved; a bad value comes back
 * on the card with a Danish message and changes nothing; only a leader may.
 */
const people = solhoejTeam('lone', 'tobias', 'mads', 'nadia');
type Person = keyof typeof people;
let bot: HttpBot<Person, 'trio'>;
const clock = new ManualClock('2026-12-01T09:00:00Z');
const policy = () => loadPolicy(bot.app.ctx.workplaces, WP);

/** The data of the first Action.Execute with this verb. */
function action(card: unknown, verb: string): Json {
  let found: Json | undefined;
  const walk = (v: unknown): void => {
    if (found) return;
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.type === 'Action.Execute' && o.verb === verb) found = (o.data ?? {}) as Json;
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  if (!found) throw new Error(`no ${verb} on the card`);
  return found;
}
const settingsCard = async () => cardOf((await bot.say('lone', 'personal', 'indstillinger vold')).sent[0]!.activity as Json);
const save = async (data: Json) => everything(await bot.execute('lone', 'personal', 'violence.settingsSave', { ...action(await settingsCard(), 'violence.settingsSave'), ...data }));
const all = { places: 'Fællesarealer\nKøkken', talkDays: '0', followUpTalkDays: '3', anmeldelseDays: '9', anmeldelseLeadDays: '2', policeReminderDays: '2', riskAssessmentDays: '14' };

beforeAll(async () => {
  bot = await startHttpBot({ clock, people });
  await bot.say('lone', 'trio', 'hjælp');
});
afterAll(() => bot?.stop());

describe('the violence settings card', () => {
  it('shows the current place list and deadlines to a leader', async () => {
    const card = JSON.stringify(await settingsCard());
    expect(card).toContain('Indstillinger for vold og trusler – Bostedet Solhøj');
    expect(card).toContain('Fællesarealer\\nBorgerens bolig');
    expect(card).toContain('"id":"anmeldelseDays"');
    expect(card).toContain('senest 9 dage efter første fraværsdag');
    const alias = sentJson(await bot.say('lone', 'personal', 'vold indstillinger'));
    expect(alias).toContain('Indstillinger for vold og trusler');
  });

  it('saves the places and deadlines; the form and the follow-up use them', async () => {
    const answer = await save({ ...all, places: 'Stuen\n Køkken \n\nStuen\nHaven', talkDays: '1', followUpTalkDays: '5', anmeldelseDays: '7', riskAssessmentDays: '21' });
    expect(answer).toContain('Indstillingerne for vold og trusler på Bostedet Solhøj er gemt');
    expect(await policy()).toMatchObject({ places: ['Stuen', 'Køkken', 'Haven'], talkDays: 1, followUpTalkDays: 5, anmeldelseDays: 7, anmeldelseLeadDays: 2, policeReminderDays: 2, riskAssessmentDays: 21, retentionMonths: 60 });
    const form = sentJson(await bot.say('mads', 'personal', 'registrér episode'));
    expect(form).toContain('"value":"Haven"');
    expect(form).not.toContain('Fællesarealer');
    expect((await bot.app.ctx.events.list(WP, { type: 'violence.settingsChanged' })).length).toBe(1);
  });

  it('a bad value comes back on the card, as typed, with a Danish message, and nothing changes', async () => {
    const before = await policy();
    const answer = await save({ ...all, places: 'Stuen', anmeldelseDays: '0', riskAssessmentDays: 'to uger' });
    expect(answer).toContain('Anmeldelse som arbejdsulykke senest (dage efter første fraværsdag): skriv et helt tal fra 1 til 60');
    expect(answer).toContain('Risikovurdering (dage efter registreringen): skriv et helt tal fra 1 til 90');
    expect(answer).toContain('"value":"to uger"');
    const places = await save({ ...all, places: ' \n ' });
    expect(places).toContain('skriv mindst ét sted, højst 15, hvert højst 40 tegn');
    const long = await save({ ...all, places: 'x'.repeat(41) });
    expect(long).toContain('hvert højst 40 tegn');
    expect(await policy()).toEqual(before);
  });

  it('only a leader: the command and a forged save are refused for anyone else', async () => {
    expect(sentJson(await bot.say('tobias', 'personal', 'indstillinger vold'))).not.toContain('Indstillinger for vold og trusler');
    const before = await policy();
    const forged = everything(await bot.execute('mads', 'personal', 'violence.settingsSave', { verb: 'violence.settingsSave', workplaceId: WP, ...all }));
    expect(forged).toContain('Kun en leder af arbejdsstedet');
    expect(await policy()).toEqual(before);
    expect(everything(await bot.execute('lone', 'trio', 'violence.settingsSave', { verb: 'violence.settingsSave', workplaceId: WP, ...all }))).not.toContain('er gemt');
    expect(await policy()).toEqual(before);
  });
});
