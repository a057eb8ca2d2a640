import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/core/access.js';
import { ManualClock } from '../../src/core/clock.js';
import { UserError } from '../../src/core/errors.js';
import { caseFor } from '../../src/sickness/access.js';
import { SicknessStore } from '../../src/sickness/store.js';
import { delivered, everything, sentJson, solhoejTeam, solhoejWorkplace, startHttpBot, WP, WP_NAME, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * Who sees what. A case belongs to the employee's nearest leader (Lone, who opened it).
 * Another leader of the same workplace (Lars) sees it only when Lone hands it over (a
 * holiday cover or for good) or when Lone is no longer a leader there. The TR, the AMR,
 * a colleague and a leader of another workplace try every command and every card verb
 * with forged card data: each is answered, with a refusal that names nothing, and nothing
 * is shown, changed or sent. A leader who is ill herself is an employee on her own case.
 */
const FJORD = 'fjord';
const people = {
  ...solhoejTeam('lone', 'tobias', 'amira', 'mads', 'sofie'),
  lars: { aad: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091', name: 'Lars Leder', roles: ['leder'] as const },
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
  ['sickness.samtale.outcome', { ...ref(), heldOn: '2026-11-24', partialReturn: 'false', mulighedserklaering: 'nej', paragraf56: 'false' }],
  ['sickness.samtale.inviteTr', { ...ref(), rev: 1 }],
  ['sickness.fastholdelsesplan.ask', ref()],
  ['sickness.handover', { ...ref(), toLeader: people.frede.aad, kind: 'transfer' }],
  ['sickness.cover.end', ref()],
  ['sickness.takeover', ref()],
  ['sickness.contact.handover', { ...ref(), contactPerson: people.tobias.aad, which: 0, agreed: 'true' }],
  ['sickness.contact.takeback', ref()],
  ['sickness.settings.save', { workplaceId: WP, model: '1-5-14', repeatedCases: 3, repeatedMonths: 6, retentionMonths: 12, returnFollowUp: 'true', targetPercent: '5', longFromDays: 30 }],
];

/** Lars's personal chat: the one he wrote in, or the one the bot opened. */
const toLars = (conversation: string) => conversation === 'a:personal-lars' || conversation === 'a:1on1-29:lars';
const NOT_FOUND = 'Jeg kan ikke finde det forløb, eller du har ikke adgang til det.';
const NOT_LEADER = 'Kun arbejdsstedets ledere kan gøre det.';
const NO_ACCESS = 'Det har du ikke adgang til.';

beforeAll(async () => {
  bot = await startHttpBot({ clock, people, workplaces: [solhoejWorkplace(), { id: FJORD, name: 'Botilbuddet Fjord', createdBy: people.frede.aad }] });
  await say('lone', 'hjælp', 'trio');
  await act('lone', 'sickness.open', { employee: `${WP}|${people.mads.aad}`, firstDay: '2026-11-24', partial: 'false', expectedDuration: 'ukendt' });
  caseId = (await store().list(WP))[0]!.id;
  await act('lone', 'sickness.samtale.book', { ...ref(), date: '2026-12-10', time: '10:00', place: 'Mødelokalet' });
});

afterAll(async () => {
  await bot?.stop();
});

describe('nobody but the case leader and the employee sees or changes a case', () => {
  /** What each command answers someone who may not see the case: every one answers, none names it. */
  const expected: Record<string, Record<'member' | 'otherLeader' | 'otherWorkplace', RegExp>> = {
    sygefravær: { member: /Du har ikke noget åbent sygefraværsforløb hos mig/, otherLeader: /Du følger ingen åbne sygefraværsforløb/, otherWorkplace: /Du følger ingen åbne sygefraværsforløb/ },
    raskmeld: { member: /Du har ikke noget åbent sygefraværsforløb hos mig/, otherLeader: /Hvem skal raskmeldes\?.*Du følger ingen åbne/, otherWorkplace: /Hvem skal raskmeldes\?.*Du følger ingen åbne/ },
    sygemelding: { member: new RegExp(NO_ACCESS), otherLeader: /Ny sygemelding/, otherWorkplace: /Der er ingen medarbejdere på dit arbejdssted endnu/ },
    'indstillinger sygefravær': { member: new RegExp(NO_ACCESS), otherLeader: /Sygefravær: indstillinger for Bostedet Solhøj/, otherWorkplace: /Sygefravær: indstillinger for Botilbuddet Fjord/ },
    'sygefravær årsrapport': { member: /virker kun i en kanal/, otherLeader: /virker kun i en kanal/, otherWorkplace: /virker kun i en kanal/ },
    hjælp: { member: /Det kan jeg hjælpe med/, otherLeader: /Det kan jeg hjælpe med/, otherWorkplace: /Det kan jeg hjælpe med/ },
  };
  const kindOf = (who: Person) => (who === 'lars' ? 'otherLeader' : who === 'frede' ? 'otherWorkplace' : 'member');

  it.each(['tobias', 'amira', 'sofie', 'frede', 'lars'] as const)('%s: every command answers, with the refusal or the empty view, and never shows the case', async (who) => {
    const before = await snapshot();
    for (const [command, answers] of Object.entries(expected)) {
      const answer = await say(who, command);
      expect(answer.length, `${who}: ${command} got no answer`).toBeGreaterThan(0);
      expect(answer, `${who}: ${command}`).toMatch(answers[kindOf(who)]);
      expect(answer, `${who}: ${command}`).not.toContain(caseId);
      expect(answer, `${who}: ${command}`).not.toMatch(/Sygefraværsforløb: Mads|Mads Medarbejder har meldt sig syg|Fra 24\. november 2026/);
    }
    expect(await snapshot()).toBe(before);
  });

  it.each(['tobias', 'amira', 'sofie', 'frede', 'lars'] as const)('%s: every card verb with forged data is refused, naming nothing', async (who) => {
    const before = await snapshot();
    const jobsBefore = (await bot.app.engine.listOpen(WP)).length;
    for (const [verb, data] of forged()) {
      if (who === 'lars' && verb === 'sickness.settings.save') continue; // Lars leads Solhøj: its settings are his to change (below)
      const answer = await act(who, verb, data);
      // Lars picked Mads from his own form: the refusal may repeat the name he chose, nothing more.
      if (!(who === 'lars' && verb === 'sickness.open')) expect(answer, verb).not.toContain('Mads');
      expect(answer, verb).not.toContain('"type":"application/vnd.microsoft.card.adaptive"');
      const leaderVerb = ['sickness.open', 'sickness.settings.save'].includes(verb);
      if (who === 'lars' && verb === 'sickness.open') expect(answer, verb).toContain('har allerede et åbent forløb hos en anden leder');
      else if (leaderVerb && who !== 'frede') expect(answer, verb).toContain(who === 'lars' ? NOT_FOUND : NOT_LEADER);
      else expect(answer, verb).toContain(verb === 'sickness.open' || verb === 'sickness.settings.save' ? NOT_LEADER : NOT_FOUND);
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
    const employeeVerbs = ['sickness.show', 'sickness.close', 'sickness.samtale.inviteTr', 'sickness.fastholdelsesplan.ask'];
    for (const [verb, data] of forged().filter(([v]) => !employeeVerbs.includes(v))) {
      expect(await act('mads', verb, data), verb).toMatch(new RegExp(`${NOT_FOUND}|${NOT_LEADER}`));
    }
    expect(await snapshot()).toBe(before);
  });

  it('in a channel, even the leader gets nothing individual', async () => {
    expect(await say('lone', 'sygefravær', 'trio')).toContain('virker kun i din private chat');
    expect(await say('lone', 'sygemelding', 'trio')).toContain('virker kun i din private chat');
    const answer = await act('lone', 'sickness.show', ref(), 'trio');
    expect(answer).not.toContain('Mads');
    expect(answer).toContain(NO_ACCESS);
  });

  it('caseFor itself refuses outside a personal chat, whoever asks (the dispatcher is not the only guard)', async () => {
    const lone: Principal = { userId: people.lone.aad, name: 'Lone Leder', memberships: [{ workplaceId: WP, workplaceName: WP_NAME, roles: ['leder'] }], bootstrapLeader: false };
    const deps = { store: store(), isLeader: async () => true };
    const ask = { allowed: ['leader', 'employee'] as const, today: '2026-11-24' };
    expect((await caseFor(deps, lone, { scope: 'personal', conversationId: 'a:1' }, ref(), ask)).as).toBe('leader');
    for (const scope of ['channel', 'groupChat'] as const) {
      const refused = await caseFor(deps, lone, { scope, conversationId: '19:x' }, ref(), ask).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(UserError);
      expect((refused as UserError).message).toBe(NOT_FOUND);
    }
  });

  it('the case leader sees it; another leader of the workplace does not', async () => {
    expect(await say('lone', 'sygefravær')).toContain('Mads Medarbejder');
    expect(await act('lone', 'sickness.show', ref())).toContain('Sygefraværsforløb: Mads Medarbejder');
    expect(await act('lars', 'sickness.show', ref())).toContain(NOT_FOUND);
  });
});

describe('handing a case to another leader', () => {
  it('a holiday cover: Lars sees the case and gets its reminders until the day it ends, then not', async () => {
    const card = await act('lone', 'sickness.handover', { ...ref(), toLeader: people.lars.aad, kind: 'cover', until: '2026-12-04' });
    expect(card).toContain('✓ Lars Leder følger forløbet til og med 4. december 2026.');
    const told = delivered((await bot.tick('2026-11-24T08:01:00Z')).sent);
    expect(told.filter((s) => toLars(s.to)).map((s) => s.text).join()).toContain('Lone Leder har bedt dig følge sygefraværsforløbet for Mads Medarbejder til og med 4. december 2026');
    expect(await say('lars', 'sygefravær')).toContain('Mads Medarbejder');
    expect(await act('lars', 'sickness.show', ref())).toContain('Sygefraværsforløb: Mads Medarbejder');
    // Day 10 (3 December) falls in the cover: the reminder goes to Lars, not to Lone.
    const day10 = delivered((await bot.tick('2026-12-03T08:05:00Z')).sent).filter((s) => s.text.includes('Kontakt på 10. fraværsdag'));
    expect(day10.map((s) => toLars(s.to))).toEqual([true]);
    // Lars cannot hand Lone's case on; only its leader can.
    expect(await act('lars', 'sickness.handover', { ...ref(), toLeader: people.lone.aad, kind: 'transfer' })).toContain('Kun den leder, der følger forløbet, kan overdrage det.');
    clock.set('2026-12-05T08:00:00Z');
    expect(await act('lars', 'sickness.show', ref())).toContain(NOT_FOUND);
    expect(await act('lone', 'sickness.show', ref())).toContain('Sygefraværsforløb: Mads Medarbejder');
  });

  it('for good: the case is Lars\'s and no longer Lone\'s', async () => {
    const card = await act('lone', 'sickness.handover', { ...ref(), toLeader: people.lars.aad, kind: 'transfer' });
    expect(card).toContain('Forløbet er overdraget til Lars Leder.');
    expect(card).not.toContain('Sygefraværsforløb: Mads Medarbejder'); // Lone is no longer shown the case
    expect(await act('lone', 'sickness.show', ref())).toContain(NOT_FOUND);
    expect(await act('lars', 'sickness.show', ref())).toContain('Sygefraværsforløb: Mads Medarbejder');
    expect((await store().get(WP, caseId))?.leaderId).toBe(people.lars.aad);
  });

  it('when the case leader is gone, the other leaders are told once and one takes it over', async () => {
    await bot.app.ctx.workplaces.upsertMember({ workplaceId: WP, workplaceName: WP_NAME, aadObjectId: people.lars.aad, teamsUserId: '29:lars', name: 'Lars Leder', roles: ['medarbejder'] });
    await bot.app.engine.runRecurring('sickness.retention', new Date('2026-12-06T01:30:00Z'));
    const told = delivered((await bot.tick('2026-12-07T08:00:00Z')).sent).filter((s) => s.text.includes('har ikke længere en leder'));
    expect(told.map((s) => s.to)).toEqual(['a:personal-lone']);
    await bot.app.engine.runRecurring('sickness.retention', new Date('2026-12-07T01:30:00Z'));
    expect(delivered((await bot.tick('2026-12-07T08:10:00Z')).sent).filter((s) => s.text.includes('har ikke længere en leder'))).toEqual([]);
    const shown = await act('lone', 'sickness.show', ref());
    expect(shown).toContain('Overtag forløbet');
    expect(await act('lone', 'sickness.takeover', ref())).toContain('✓ Du følger nu forløbet og får påmindelserne.');
    expect((await store().get(WP, caseId))?.leaderId).toBe(people.lone.aad);
  });
});

describe('a leader who is ill herself', () => {
  it('gets the employee view of her own case; another leader follows it up', async () => {
    await bot.app.ctx.workplaces.upsertMember({ workplaceId: WP, workplaceName: WP_NAME, aadObjectId: people.lars.aad, teamsUserId: '29:lars', name: 'Lars Leder', roles: ['leder'] });
    await act('lars', 'sickness.open', { employee: `${WP}|${people.lone.aad}`, firstDay: '2026-12-07', partial: 'false', expectedDuration: 'ukendt' });
    const own = (await store().list(WP)).find((c) => c.employeeId === people.lone.aad)!;
    const mine = { workplaceId: WP, caseId: own.id };
    const view = await act('lone', 'sickness.show', mine);
    expect(view).toContain('Dit sygefravær');
    expect(view).not.toContain('Sygefraværsforløb: Lone');
    for (const [verb, data] of [
      ['sickness.contact.form', { ...mine, point: 1 }],
      ['sickness.milestone.done', { ...mine, step: 'municipality' }],
      ['sickness.update', { ...mine, partial: 'true', expectedDuration: 'ukendt' }],
      ['sickness.handover', { ...mine, toLeader: people.lars.aad, kind: 'transfer' }],
    ] as const) {
      expect(await act('lone', verb, data), verb).toContain(NOT_FOUND);
    }
    expect(await say('lone', 'sygefravær')).not.toContain('Sygefraværsforløb: Lone');
    expect(await act('lars', 'sickness.show', mine)).toContain('Sygefraværsforløb: Lone Leder');
  });
});
