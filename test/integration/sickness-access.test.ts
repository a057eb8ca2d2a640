import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { SicknessStore } from '../../src/sickness/store.js';
import { everything, sentJson, solhoejTeam, solhoejWorkplace, startHttpBot, WP, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * Who sees what: a case is visible to the workplace's leaders and the employee only.
 * The TR, the AMR, a colleague and a leader of another workplace try every command and
 * every card verb with forged card data; nothing is shown or changed, nothing is sent.
 */
const FJORD = 'fjord';
const people = {
  ...solhoejTeam('lone', 'tobias', 'amira', 'mads', 'sofie'),
  frede: { aad: '0f0e0d0c-0b0a-4909-8807-060504030201', name: 'Frede Fjordleder', roles: ['leder'] as const, workplace: FJORD },
};
type Person = keyof typeof people;
type Where = 'trio' | 'personal';

let bot: HttpBot<Person, 'trio'>;
let caseId = '';
const clock = new ManualClock('2026-11-24T08:00:00Z');

const say = async (who: Person, text: string, where: Where = 'personal'): Promise<string> => sentJson(await bot.say(who, where, text));
const act = async (who: Person, verb: string, data: Json, where: Where = 'personal'): Promise<string> => everything(await bot.execute(who, where, verb, data));

const ref = () => ({ workplaceId: WP, caseId });
const store = () => new SicknessStore(bot.app.ctx.storage, clock);
/** The stored case without its ETag, to compare before and after. */
const snapshot = async () => {
  const { etag: _etag, ...c } = (await store().get(WP, caseId))!;
  return JSON.stringify(c);
};

/** Every sickness verb with data a forger would send for Mads's case. */
const forged = (): [string, Json][] => [
  ['sickness.open', { employee: `${WP}|${people.mads.aad}`, firstDay: '2026-11-24', partial: 'false', expectedDuration: 'ukendt' }],
  ['sickness.confirm', { ...ref(), firstDay: '2026-11-24', partial: 'false', expectedDuration: 'ukendt' }],
  ['sickness.dismiss', ref()],
  ['sickness.show', ref()],
  ['sickness.update', { ...ref(), partial: 'true', expectedDuration: 'over-8-uger' }],
  ['sickness.rest', ref()],
  ['sickness.resume', ref()],
  ['sickness.milestone.done', { ...ref(), step: 'municipality' }],
  ['sickness.close', { ...ref(), returnDay: '2026-11-26' }],
  ['sickness.contact.form', { ...ref(), point: 1 }],
  ['sickness.contact.log', { ...ref(), point: 1, how: 'telefon', adjustments: 'nej', note: 'x' }],
  ['sickness.contact.postpone', { ...ref(), point: 1 }],
  ['sickness.samtale.form', ref()],
  ['sickness.samtale.book', { ...ref(), date: '2026-12-10', time: '10:00', place: 'Kontoret' }],
  ['sickness.samtale.outcomeForm', ref()],
  ['sickness.samtale.outcome', { ...ref(), heldOn: '2026-11-24', partialReturn: 'false', mulighedserklaering: 'false', paragraf56: 'false' }],
  ['sickness.samtale.inviteTr', { ...ref(), rev: 1 }],
  ['sickness.settings.save', { workplaceId: WP, model: '1-5-14', repeatedCases: 3, repeatedMonths: 6, retentionMonths: 12, returnFollowUp: 'true' }],
];

beforeAll(async () => {
  bot = await startHttpBot({ clock, people, workplaces: [solhoejWorkplace(), { id: FJORD, name: 'Botilbuddet Fjord', createdBy: people.frede.aad }] });
  await say('lone', 'hjælp', 'trio');
  await say('lone', 'sygemelding');
  await act('lone', 'sickness.open', { employee: `${WP}|${people.mads.aad}`, firstDay: '2026-11-24', partial: 'false', expectedDuration: 'ukendt' });
  caseId = (await store().list(WP))[0]!.id;
  await act('lone', 'sickness.samtale.book', { ...ref(), date: '2026-12-10', time: '10:00', place: 'Mødelokalet' });
});

afterAll(async () => {
  await bot?.stop();
});

describe('nobody but the leaders and the employee sees or changes a case', () => {
  it.each(['tobias', 'amira', 'sofie', 'frede'] as const)('%s: no command shows or changes the case', async (who) => {
    const before = await snapshot();
    const answers = [
      await say(who, 'sygefravær'),
      await say(who, 'raskmeld'),
      await say(who, 'sygemelding'),
      await say(who, 'indstillinger sygefravær'),
      await say(who, 'hjælp'),
    ].join('\n');
    expect(answers).not.toContain('Mads');
    expect(answers).not.toContain(caseId);
    expect(await snapshot()).toBe(before);
  });

  it.each(['tobias', 'amira', 'sofie', 'frede'] as const)('%s: every card verb with forged data is refused', async (who) => {
    const before = await snapshot();
    const jobsBefore = (await bot.app.engine.listOpen(WP)).length;
    for (const [verb, data] of forged()) {
      const answer = await act(who, verb, data);
      expect(answer, verb).not.toContain('Mads');
      expect(answer, verb).not.toContain('"type":"application/vnd.microsoft.card.adaptive"');
      expect(answer, verb).toMatch(/Jeg kan ikke finde det forløb|Kun arbejdsstedets ledere|Det har du ikke adgang til/);
    }
    expect(await snapshot()).toBe(before);
    expect((await bot.app.engine.listOpen(WP)).length).toBe(jobsBefore);
    expect((await bot.app.ctx.workplaces.get(WP))?.settings.sickness).toBeUndefined();
  });

  it('the employee sees his own case (without the contact log) but cannot use the leader verbs', async () => {
    const own = await act('mads', 'sickness.show', ref());
    expect(own).toContain('Dit sygefravær');
    expect(own).toContain('Invitér min TR til samtalen');
    const before = await snapshot();
    for (const [verb, data] of forged().filter(([v]) => !['sickness.show', 'sickness.close', 'sickness.samtale.inviteTr'].includes(v))) {
      expect(await act('mads', verb, data), verb).toMatch(/Jeg kan ikke finde det forløb|Kun arbejdsstedets ledere/);
    }
    expect(await snapshot()).toBe(before);
  });

  it('in a channel, even the leader gets nothing individual', async () => {
    expect(await say('lone', 'sygefravær', 'trio')).toContain('virker kun i din private chat');
    expect(await say('lone', 'sygemelding', 'trio')).toContain('virker kun i din private chat');
    const answer = await act('lone', 'sickness.show', ref(), 'trio');
    expect(answer).not.toContain('Mads');
    expect(answer).toContain('Det har du ikke adgang til');
  });

  it('the leader of the workplace sees it', async () => {
    expect(await say('lone', 'sygefravær')).toContain('Mads Medarbejder');
    expect(await act('lone', 'sickness.show', ref())).toContain('Sygefraværsforløb: Mads Medarbejder');
  });
});
