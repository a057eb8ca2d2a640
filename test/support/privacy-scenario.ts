import { expect } from 'vitest';
import type { ManualClock } from '../../src/core/clock.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import { cardOf, contentOf, createdChat as chat, GENERAL, readableJson, solhoejMembers, solhoejTeam, solhoejWorkplace, startHttpBot, TRIO, WP, type HttpBot, type Json } from './http-bot.js';

/**
 * A workplace with two leaders (Lone, and Nadia as second leader), a TR (Tobias), an AMR
 * (Amira) and staff (Mads, Sofie), every workflow run for them over HTTP: actions with a
 * note, a sickness case with a contact note for Mads (and one for Sofie), MUS planned,
 * accepted, prepared and registered with an udviklingsplan, a pulse round answered, and
 * vold og trusler: Sofie registers an episode for Mads (he confirms, Lone marks the talk),
 * Mads registers one for Nadia, and the month's anonymous counts are made.
 * Used by the privacy tests (access request, erasure, restriction, backup).
 */
export const privacyPeople = {
  ...solhoejTeam('lone', 'tobias', 'amira', 'mads', 'sofie'),
  nadia: { ...solhoejMembers.nadia, roles: ['leder'] as const },
};
export type PrivacyPerson = keyof typeof privacyPeople;
export type PrivacyBot = HttpBot<PrivacyPerson, 'trio' | 'med'>;

/** Monday 23 November 2026, 07:30 in Copenhagen. */
export const SCENARIO_START = '2026-11-23T06:30:00Z';

export async function startPrivacyBot(clock: ManualClock, env: Record<string, string> = {}): Promise<PrivacyBot> {
  return startHttpBot({
    clock,
    people: privacyPeople,
    env,
    channels: { trio: { id: TRIO, team: GENERAL }, med: { id: GENERAL, team: GENERAL } },
    personalChat: chat,
    workplaces: [solhoejWorkplace([{ forum: 'trio', conversationId: TRIO, teamId: GENERAL }, { forum: 'med', conversationId: GENERAL, teamId: GENERAL }])],
  });
}

const text = (answer: { body: Json; sent: { activity: Json }[] }) => readableJson(answer.body) + answer.sent.map((r) => readableJson(contentOf(r.activity))).join('\n');
const dataOf = (card: Json, title?: string): Json => {
  const parsed = JSON.parse(JSON.stringify(card.actions ?? [])) as { title: string; data?: Json; card?: { actions: { data: Json }[] } }[];
  const action = title ? parsed.find((a) => a.title === title) : parsed[0];
  return (action?.data ?? action?.card?.actions[0]?.data ?? {}) as Json;
};

/** The data of the first action with this verb anywhere in a card. */
export function actionData(card: unknown, verb: string): Json | undefined {
  if (Array.isArray(card)) {
    for (const c of card) {
      const hit = actionData(c, verb);
      if (hit) return hit;
    }
    return undefined;
  }
  if (!card || typeof card !== 'object') return undefined;
  const o = card as Json;
  if ((o.type === 'Action.Execute' || o.type === 'Action.Submit') && (o.verb === verb || (o.data as Json | undefined)?.verb === verb)) return { verb, ...((o.data ?? {}) as Json) };
  for (const v of Object.values(o)) {
    const hit = actionData(v, verb);
    if (hit) return hit;
  }
  return undefined;
}

/** `who` registers an episode (for themselves, or for `subject`) through the form; returns the episode id. */
export async function registerEpisode(bot: PrivacyBot, who: PrivacyPerson, subject: PrivacyPerson | 'self', inputs: Json): Promise<string> {
  const form = cardOf((await bot.say(who, 'personal', 'registrér episode')).sent[0]!.activity);
  const data = actionData(form, 'violence.register')!;
  const answer = text(await bot.execute(who, 'personal', 'violence.register', { ...data, subject: subject === 'self' ? 'self' : privacyPeople[subject].aad, place: 'Fællesarealer', source: 'borger', ...inputs }));
  expect(answer).toMatch(/registreret|din leder har fået besked/);
  return `ve${String(data.formKey)}`;
}

/** Runs every workflow; returns ids the tests look for. */
export async function runEveryWorkflow(bot: PrivacyBot, clock: ManualClock): Promise<{ madsCase: string; sofieCase: string; madsEpisode: string; nadiaEpisode: string }> {
  const p = privacyPeople;
  const act = async (who: PrivacyPerson, verb: string, data: Json, where: 'personal' | 'trio' = 'personal') => text(await bot.execute(who, where, verb, { verb, ...data }));
  await bot.say('lone', 'trio', 'hjælp'); // the channel reference: the engine opens personal chats from it

  // Pulse: the round opens Monday morning; Mads and four others answer (Mads with a comment).
  clock.set(SCENARIO_START);
  await bot.app.engine.runRecurring('pulse.tick', clock.now());
  const roundRow = ((await bot.app.ctx.storage.table('PulseRounds').listEntities<Json>().byPage().next()).value as Json[])[0]!;
  const items = (JSON.parse(String(roundRow.items)) as { id: string }[]).map((i) => i.id);
  for (const who of ['mads', 'sofie', 'tobias', 'amira', 'nadia'] as const) {
    const scores = Object.fromEntries(items.map((_, i) => [`q${i + 1}`, '4']));
    const answer = await act(who, 'pulse.answer', { workplaceId: WP, round: String(roundRow.rowKey), items, ...scores, ...(who === 'mads' ? { comment: 'Travlt på aftenvagten' } : {}) });
    expect(answer).toContain('Tak for dit svar');
  }

  // Actions: Tobias (TR) gives Mads H-1; Lone gives Sofie H-2; Mads writes a note on H-1.
  clock.set('2026-11-23T09:00:00Z');
  const form = cardOf((await bot.say('tobias', 'trio', 'ny handling')).sent[0]!.activity);
  const fields = (over: Json) => ({ ...((form.actions as Json[])[0]!.data as Json), tema: 'Arbejdsmiljø', emne: 'Overlevering mellem vagter', maal: 'Ingen glemte beskeder', hvad: 'Fast overleveringsskema', start: '1-12-2026', end: '31-1-2027', source: 'trio', ...over });
  expect(await act('tobias', 'actions.create', fields({ owner: p.mads.aad }), 'trio')).toContain('H-1');
  expect(await act('lone', 'actions.create', fields({ tema: 'Trivsel', owner: p.sofie.aad }), 'trio')).toContain('H-2');
  expect(await act('mads', 'actions.note', { workplaceId: WP, number: 1, note: 'Skemaet er lavet sammen med Sofie Social' }, 'trio')).toContain('H-1');

  // MUS (before the sickness cases: the planner leaves out who is absent): Lone plans Mads and Sofie; both accept; Mads writes notes; the talk is registered with his plan.
  const planning = cardOf((await bot.say('lone', 'personal', 'planlæg MUS')).sent[0]!.activity);
  const draft = dataOf(planning);
  const proposed = (await bot.execute('lone', 'personal', 'mus.propose', { verb: 'mus.propose', ...draft, from: '2026-11-30', to: '2026-12-11', windowStart: '09:00', windowEnd: '15:00', duration: '60', place: 'Mødelokalet', mode: 'individual', participants: `${p.mads.aad},${p.sofie.aad}` })).body;
  expect(await act('lone', 'mus.send', dataOf((proposed as { value: Json }).value, 'Send invitationer'))).toContain('til 2 medarbejdere');
  const invitation = (who: PrivacyPerson) => bot.connector.sentTo(chat(who)).map((r) => cardOf(r.activity)).find((c) => JSON.stringify(c).includes('Invitation til MUS'))!;
  // A loaded machine may need more than one tick for both invitations.
  for (let i = 0; i < 5 && !(invitation('mads') && invitation('sofie')); i++) await bot.tick(new Date(clock.now().getTime() + 60_000));
  const madsInvite = dataOf(invitation('mads'), 'Jeg kommer');
  expect(await act('mads', 'mus.accept', madsInvite)).toContain('Du har sagt ja');
  expect(await act('mads', 'mus.notes', { ...madsInvite, notes: 'Jeg vil gerne på kursus i konflikthåndtering' })).toContain('Dine noter er gemt');
  expect(await act('sofie', 'mus.accept', dataOf(invitation('sofie'), 'Jeg kommer'))).toContain('Du har sagt ja');
  const talks = (await bot.app.ctx.storage.table('MusTalks').listEntities<Json>({ queryOptions: { filter: "RowKey ge 't_' and RowKey lt 't`'" } }).byPage().next()).value as Json[];
  const madsTalk = talks.find((x) => String(x.participantIds).includes(p.mads.aad))!;
  clock.set(zonedInstant('2026-12-11', '16:00'));
  await bot.tick();
  const reg = { workplaceId: WP, talkId: String(madsTalk.rowKey).slice(2), outcome: 'held', shortGoals: 'Kursus i konflikthåndtering', longGoals: 'Blive ressourceperson', activities: 'kursus', knowledgeSharing: 'Oplæg på personalemødet', followUpOn: '2027-06-09' };
  expect(await act('lone', 'mus.register', reg)).toContain('er registreret');
  await bot.tick();
  clock.set('2026-12-14T08:00:00Z');
  // Sickness: Lone opens a case for Mads and logs the first contact; Nadia one for Sofie.
  expect(await act('lone', 'sickness.open', { employee: `${WP}|${p.mads.aad}`, firstDay: '2026-12-14', partial: 'false', expectedDuration: 'under-1-uge' })).toContain('Mads Medarbejder');
  const cases = await bot.app.ctx.storage.table('SicknessCases').listEntities<Json>().byPage().next();
  const madsCase = String((cases.value as Json[]).find((c) => c.employeeId === p.mads.aad)!.rowKey);
  expect(await act('lone', 'sickness.contact.log', { workplaceId: WP, caseId: madsCase, point: 1, how: 'telefon', adjustments: 'nej', note: 'Sofie tager hans vagter' })).toContain('er gemt');
  expect(await act('nadia', 'sickness.open', { employee: `${WP}|${p.sofie.aad}`, firstDay: '2026-12-14', partial: 'false', expectedDuration: 'under-1-uge' })).toContain('Sofie Social');
  const all = (await bot.app.ctx.storage.table('SicknessCases').listEntities<Json>().byPage().next()).value as Json[];
  const sofieCase = String(all.find((c) => c.employeeId === p.sofie.aad)!.rowKey);

  // Vold og trusler: Sofie registers for Mads; he confirms; Lone marks the talk. Mads registers one for Nadia.
  const madsEpisode = await registerEpisode(bot, 'sofie', 'mads', { occurredOn: '2026-12-13', occurredAt: '19:30', kind: 'fysisk', injured: 'true', description: 'Borgeren kastede en stol mod Mads i stuen' });
  await bot.tick();
  const confirm = bot.connector.sentTo(chat('mads')).map((r) => actionData(cardOf(r.activity), 'violence.confirm')).find(Boolean)!;
  expect(await act('mads', 'violence.confirm', { ...confirm, amrMayKnowName: 'false' })).toContain('episoden er bekræftet');
  expect(await act('lone', 'violence.step', { workplaceId: WP, episodeId: madsEpisode, step: 'talk' })).toContain('Gemt');
  const nadiaEpisode = await registerEpisode(bot, 'mads', 'nadia', { occurredOn: '2026-12-14', occurredAt: '08:15', kind: 'trussel', description: 'En pårørende truede i telefonen' });
  await bot.tick();
  // The month's anonymous counts (the job of 1 January computes December).
  await bot.app.engine.runRecurring('violence.monthly', new Date('2027-01-01T07:00:00Z'));

  return { madsCase, sofieCase, madsEpisode, nadiaEpisode };
}
