/**
 * The weekly pulse through the real dispatcher, stores and Azurite, its jobs kept by the
 * real reminder engine; the test renders the stored jobs with the feature's handlers (the
 * engine's own sending is tested in test/e2e/pulse-playground.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { CardJson, Role } from '../../src/core/types.js';
import { EVENTS_TABLE } from '../../src/events/event-log.js';
import { DIMENSION_NAMES } from '../../src/pulse/bank.js';
import { pulseFeature } from '../../src/pulse/feature.js';
import { tick as pulseTick } from '../../src/pulse/lifecycle.js';
import type { Round } from '../../src/pulse/model.js';
import { PulseService } from '../../src/pulse/service.js';
import type { Job } from '../../src/outbox/types.js';
import { listAll } from '../../src/storage/tables.js';
import { validateCard } from '../support/card-validator.js';
import { fakeTurn, textOf } from '../support/fake-turn.js';
import { featureRig } from '../support/feature-rig.js';
import { seedWorkplace } from '../support/seed.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const WP = 'solhoej';
const TRIO = '19:trio@thread.tacv2';
const MED = '19:med@thread.tacv2';
const STAFF = ['mads', 'sofie', 'nadia', 'ida', 'oskar', 'freja', 'emil', 'hanne'];
const PEOPLE: [string, Role][] = [['lone', 'leder'], ['tobias', 'TR'], ['amira', 'AMR'], ...STAFF.map((who): [string, Role] => [who, 'medarbejder'])];
/** Those who answer week 48: all but Nadia and Hanne (9 of 11; 6 outside TRIO). */
const W48 = PEOPLE.map(([who]) => who).filter((who) => who !== 'nadia' && who !== 'hanne');
const aad = (who: string) => `aad-${who}`;

const clock = new ManualClock('2026-11-23T06:30:00Z'); // Monday 07:30 in Copenhagen
const rig = featureRig(clock, pulseFeature);
const { engine, dispatcher, storage, workplaces } = rig;
const svc = new PulseService(rig);
const store = svc.store;

const tick = () => rig.recurring('pulse.tick').run(clock.now());
const handler = rig.handler;
const job = async (key: string): Promise<Job> => (await engine.get(key))!;
const personal = (who: string) => fakeTurn({ aadObjectId: aad(who), name: who, where: { scope: 'personal', conversationId: `a:${who}` }, now: clock.now() });
const channel = (who: string, conversationId = TRIO) => fakeTurn({ aadObjectId: aad(who), name: who, where: { scope: 'channel', conversationId, teamId: 'team' }, now: clock.now() });

/** Answers a round as Teams would send it: the card's submit data with the inputs merged in. */
async function answer(who: string, round: Round, inputs: Json) {
  const data = { verb: 'pulse.answer', workplaceId: WP, round: round.id, items: round.items.map((i) => i.id), ...inputs };
  return dispatcher.handleAction(personal(who), 'pulse.answer', data, { source: 'execute' });
}
/** A score of `normalised` on every item (reversed items answered the other way round). */
const scores = (round: Round, normalised: number) => Object.fromEntries(round.items.map((item, i) => [`q${i + 1}`, String(item.reversed ? 6 - normalised : normalised)]));
const people = PEOPLE.length;


beforeAll(async () => {
  await rig.ready();
  const members = PEOPLE.map(([who, role]) => ({ aadObjectId: aad(who), teamsUserId: `29:${who}`, name: who, roles: [role] }));
  const links = [{ forum: 'trio', conversationId: TRIO, teamId: 'team' }, { forum: 'med', conversationId: MED, teamId: 'team' }] as const;
  await seedWorkplace(workplaces, { id: WP, name: 'Bostedet Solhøj', createdBy: aad('lone'), links }, members);
});

let w48: Round;
let lastAnswerAt = 0;

describe('a week of pulse', () => {
  it('opens the round before Monday 09:00 and schedules a card and a reminder per member, once', async () => {
    await tick();
    w48 = (await store.round(WP, '2026-W48'))!;
    expect(w48).toMatchObject({ status: 'open', invited: people, forumInvited: 3, fannedOut: true, weekLabel: 'uge 48' });
    expect(w48.items).toHaveLength(3);
    const pending = await rig.pending(WP);
    // …and the leader's notice of the first round (pulse-first.test.ts).
    expect(pending.filter((j) => j.kind === 'pulse.first').map((j) => j.target)).toEqual([{ kind: 'user', aadObjectId: 'aad-lone' }]);
    expect(pending.filter((j) => j.kind !== 'pulse.first')).toHaveLength(2 * people);
    expect(await job(`pulse:${WP}:2026-W48:aad-mads`)).toMatchObject({ kind: 'pulse.card', target: { kind: 'user', aadObjectId: 'aad-mads' }, urgent: false, payload: { round: '2026-W48' } });
    expect((await job(`pulse:${WP}:2026-W48:aad-mads`)).dueAt.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect((await job(`pulse:${WP}:2026-W48:aad-mads:reminder`)).dueAt.toISOString()).toBe('2026-11-25T08:00:00.000Z');
    // Another tick schedules nothing (the tick's own report of what it scheduled).
    expect((await pulseTick(svc, clock.now())).jobs).toBe(0);
    expect((await rig.pending(WP)).filter((j) => j.kind !== 'pulse.first')).toHaveLength(2 * people);
  });

  it('someone added after the round opened gets no card and cannot answer it', async () => {
    await workplaces.upsertMember({ workplaceId: WP, workplaceName: 'Bostedet Solhøj', aadObjectId: aad('julie'), teamsUserId: '29:julie', name: 'julie', roles: ['medarbejder'] });
    expect(await engine.get(`pulse:${WP}:2026-W48:aad-julie`)).toBeUndefined();
    const late = await answer('julie', w48, scores(w48, 1));
    expect(textOf({ card: late.card as CardJson })).toContain('Du var ikke med, da denne uges trivselspuls blev sendt ud');
    expect(await store.hasAnswered(WP, w48.id, aad('julie'))).toBe(false);
    // A fan-out resumed after a crash sends to the invitees of the opening, not to Julie.
    await storage.table('PulseRounds').updateEntity({ partitionKey: WP, rowKey: w48.id, fannedOut: false }, 'Merge');
    await pulseTick(svc, clock.now());
    expect(await engine.get(`pulse:${WP}:2026-W48:aad-julie`)).toBeUndefined();
    expect((await rig.pending(WP)).filter((j) => j.kind !== 'pulse.first')).toHaveLength(2 * people);
  });

  it('renders the card for every member at send time', async () => {
    clock.set('2026-11-23T08:00:00Z');
    for (const [who] of PEOPLE) {
      const msg = await handler('pulse.card').render(await job(`pulse:${WP}:2026-W48:${aad(who)}`), clock.now());
      expect(validateCard(msg!.card!)).toEqual([]);
      expect(textOf(msg!)).toContain('Ugens trivselspuls, uge 48');
    }
  });

  it('nine answer; an incomplete answer, a stranger and a second answer are refused and store nothing', async () => {
    const incomplete = await answer('mads', w48, { q1: '3', q3: '3' });
    expect(incomplete).toMatchObject({ rejected: true, message: { text: 'Ret venligst: Spørgsmål 2: vælg et svar fra 1 til 5.' } });
    const stranger = await dispatcher.handleAction(fakeTurn({ aadObjectId: 'aad-x' }), 'pulse.answer', { workplaceId: WP, round: w48.id, items: w48.items.map((i) => i.id), ...scores(w48, 3) }, { source: 'execute' });
    expect(stranger.message?.text).toContain('ikke registreret på det arbejdssted');
    for (const who of W48) {
      // Scores 2 from everyone, 3 from Mads: a mean of 2.1, shown as 2,0.
      const res = await answer(who, w48, { ...scores(w48, who === 'mads' ? 3 : 2), comment: who === 'mads' ? 'For travlt' : '' });
      expect(textOf({ card: res.card as CardJson })).toContain('Tak for dit svar!');
      lastAnswerAt = Date.now();
    }
    const again = await answer('mads', w48, scores(w48, 5));
    expect(textOf({ card: again.card as CardJson })).toContain('Du har allerede svaret på denne uges trivselspuls');
    const inbox = await listAll<Json>(storage.table('PulseInbox'), `PartitionKey eq '${WP}~2026-W48'`);
    const markers = inbox.filter((r) => r.rowKey.startsWith('a~'));
    const ballots = inbox.filter((r) => r.rowKey.startsWith('b~'));
    expect([markers.length, ballots.length]).toEqual([9, 9]);
    // The inbox names nobody, and no ballot can be read without the seal key.
    const raw = JSON.stringify(inbox);
    for (const [who] of PEOPLE) expect(raw).not.toContain(aad(who));
    expect(raw).not.toContain('For travlt');
  });

  it('reminds after 2 days only those who have not answered', async () => {
    clock.set('2026-11-25T08:00:00Z');
    expect(await handler('pulse.reminder').render(await job(`pulse:${WP}:2026-W48:aad-mads:reminder`), clock.now())).toBeNull();
    const nadia = await handler('pulse.reminder').render(await job(`pulse:${WP}:2026-W48:aad-nadia:reminder`), clock.now());
    expect(textOf(nadia!)).toContain('Påmindelse: trivselspuls, uge 48');
  });

  it('closes after 7 days and posts the results to TRIO, with "Opret handling" for low dimensions', async () => {
    clock.set('2026-11-30T08:10:00Z');
    await tick();
    expect(await store.round(WP, '2026-W48')).toMatchObject({ status: 'closed', answered: 9 });
    const results = await job(`pulse:${WP}:2026-W48:results`);
    expect(results).toMatchObject({ kind: 'pulse.results', target: { kind: 'channel', conversationId: TRIO } });
    const msg = await handler('pulse.results').render(results, clock.now());
    const text = textOf(msg!);
    expect(text).toContain('Trivselspuls uge 48, Bostedet Solhøj');
    expect(text).toContain('De fleste har svaret.');
    expect(text).not.toMatch(/9 af 11|82 %/);
    expect(text).toContain('**2,0** af 5');
    expect(text).toContain('Lav score');
    expect(text).toContain('Kommentarer vises først, når mindst 10 har svaret.');
    expect(text).not.toContain('For travlt');
    const data = JSON.stringify(msg!.card);
    for (const item of w48.items) {
      const prefill = { verb: 'actions.newForm', workplaceId: WP, tema: 'Trivsel', emne: DIMENSION_NAMES[item.dimension], kilde: 'trivselspuls' };
      expect(data).toContain(JSON.stringify(prefill));
    }
    // The round's per-person jobs are gone: nothing tells who was reminded, or whose reminder was cancelled.
    expect((await engine.listOpen(WP)).filter((j) => j.key.startsWith(`pulse:${WP}:2026-W48:aad-`))).toEqual([]);
    expect(await engine.get(`pulse:${WP}:2026-W48:aad-mads:reminder`)).toBeUndefined();
    expect(await engine.get(`pulse:${WP}:2026-W48:aad-nadia`)).toBeUndefined();
    // The next round opened in the same tick, with Julie invited this time.
    expect(await store.round(WP, '2026-W49')).toMatchObject({ status: 'open', invited: people + 1 });
  });

  it('leaves an answer table that cannot be tied to anyone', async () => {
    const rows = await listAll<Json>(storage.table('PulseAnswers'), `PartitionKey eq '${WP}~2026-W48'`);
    expect(rows).toHaveLength(9 * 3); // Mads's comment is not kept: fewer than 10 answered
    const identities = PEOPLE.flatMap(([who]) => [who, aad(who), `29:${who}`]);
    const otherKeys = new Set([...(await engine.listOpen(WP)).map((j) => j.key), ...(await listAll(storage.table('Members'), `PartitionKey eq '${WP}'`)).map((m) => m.rowKey)]);
    for (const row of rows) {
      expect(row.rowKey).toMatch(/^[0-9a-f]{32}$/);
      expect(otherKeys.has(row.rowKey)).toBe(false);
      const { partitionKey, rowKey, etag, timestamp, ...fields } = row;
      expect(Object.keys(fields).sort()).toEqual(['dim', 'item', 'rev', 'score']);
      for (const value of Object.values(fields)) for (const id of identities) expect(String(value)).not.toContain(id);
      // The only time on a row is Azure's own Timestamp, set when the round closed: after every answer.
      expect(new Date(timestamp).getTime()).toBeGreaterThan(lastAnswerAt);
    }
    expect(await listAll(storage.table('PulseInbox'), `PartitionKey eq '${WP}~2026-W48'`)).toEqual([]);
    const events = await listAll<Json>(storage.table(EVENTS_TABLE), `PartitionKey eq '${WP}'`);
    expect(events.filter((e) => String(e.type).startsWith('pulse.') && e.type !== 'pulse.settingsChanged')).toEqual([]);
  });

  it('refuses an answer after closing', async () => {
    const late = await answer('nadia', w48, scores(w48, 4));
    expect(textOf({ card: late.card as CardJson })).toContain('Trivselspulsen for uge 48 er lukket');
  });

  it('`trivsel` shows the latest results in the TRIO and MED channels, not in a personal chat', async () => {
    for (const conv of [TRIO, MED]) {
      const turn = channel('tobias', conv);
      await dispatcher.handleText(turn, 'trivsel');
      // Week 49 has opened meanwhile: first that, then week 48's results.
      expect(turn.replies[0]?.text).toBe('Trivselspulsen for uge 49 er åben til 7. december 2026 kl. 09.00. Resultatet kommer her, når den lukker.');
      expect(textOf(turn.replies[1])).toContain('De fleste har svaret.');
      expect(textOf(turn.replies[1])).toContain('**2,0** af 5');
    }
    // In a personal chat `trivsel` is about the person's own card (pulse-again.test.ts), never the results.
    const mine = personal('mads');
    await dispatcher.handleText(mine, 'trivsel');
    expect(mine.replies).toHaveLength(1);
    expect(textOf(mine.replies[0])).toContain('Ugens trivselspuls, uge 49');
    expect(textOf(mine.replies[0])).not.toMatch(/af 5|De fleste har svaret|Kommentarer\b/);
  });

  it('with four answers TRIO sees that there are too few to show anything', async () => {
    const w49 = (await store.round(WP, '2026-W49'))!;
    for (const who of ['lone', 'tobias', 'amira', 'mads']) await answer(who, w49, scores(w49, 4));
    clock.set('2026-12-07T08:10:00Z');
    await tick();
    const msg = await handler('pulse.results').render(await job(`pulse:${WP}:2026-W49:results`), clock.now());
    const text = textOf(msg!);
    expect(text).toContain('Under halvdelen har svaret.');
    expect(text).toContain('For få svar til at vise resultater');
    expect(text).not.toMatch(/\*\*\d,\d\*\* af 5/);
    expect(JSON.stringify(msg!.card)).not.toContain('Chart.Line');
    // Nothing below the threshold is kept at all.
    expect(await listAll(storage.table('PulseAnswers'), `PartitionKey eq '${WP}~2026-W49'`)).toEqual([]);
    expect(await store.round(WP, '2026-W49')).toMatchObject({ status: 'closed', answered: 4 });
  });
});

describe('settings and the quarter', () => {
  it('a leader moves the pulse to Sunday 22:00 for night staff; others may not', async () => {
    const mads = channel('mads');
    await dispatcher.handleText(mads, 'indstillinger trivsel søndag 22:00');
    expect(mads.replies[0]?.text).toContain('ikke adgang');
    const lone = channel('lone');
    await dispatcher.handleText(lone, 'indstillinger trivsel søndag 22:00');
    expect(lone.replies[0]?.text).toContain('hver søndag kl. 22.00');
    expect(lone.replies[0]?.text).toContain('uden for almindelig arbejdstid');
    const form = channel('lone');
    await dispatcher.handleText(form, 'indstillinger trivsel');
    expect(validateCard(form.replies[0]!.card!)).toEqual([]);
    const bad = await dispatcher.handleAction(channel('lone'), 'pulse.settings.save', { workplaceId: WP, workplaceName: 'Bostedet Solhøj', enabled: 'true', weekday: '7', time: '22:00', minScores: '2', minComments: '10' }, { source: 'execute' });
    expect(bad.rejected).toBe(true);
    expect(textOf({ card: bad.card as CardJson })).toContain('Mindst antal svar: kan ikke være under 3');
  });

  it('the next round opens on Sunday evening and is sent at the chosen time', async () => {
    clock.set('2026-12-20T20:30:00Z'); // Sunday 21:30; week 50's Monday round closed on the 14th
    await tick();
    expect(await store.round(WP, '2026-W50')).toMatchObject({ status: 'closed', opensAt: new Date('2026-12-07T08:00:00Z') });
    const round = (await store.round(WP, '2026-W51'))!;
    expect(round.opensAt.toISOString()).toBe('2026-12-20T21:00:00.000Z');
    expect(await job(`pulse:${WP}:2026-W51:aad-nadia`)).toMatchObject({ urgent: true });
    expect((await job(`pulse:${WP}:2026-W51:aad-nadia`)).dueAt).toEqual(round.opensAt);
  });

  it('a leader can switch the pulse off: open rounds still close, no new round opens', async () => {
    const off = channel('lone');
    await dispatcher.handleText(off, 'indstillinger trivsel fra');
    expect(off.replies[0]?.text).toContain('pulsen er slået fra');
    clock.set('2026-12-27T21:30:00Z');
    await tick();
    expect(await store.round(WP, '2026-W51')).toMatchObject({ status: 'closed' });
    expect(await store.round(WP, '2026-W52')).toBeUndefined();
  });

  it('MED gets a quarterly summary', async () => {
    const quarterly = rig.recurring('pulse.quarterly');
    await quarterly.run(new Date('2027-01-01T07:00:00Z'));
    const summary = await job(`pulse:${WP}:quarter:2026-Q4`);
    expect(summary.target).toEqual({ kind: 'channel', conversationId: MED });
    const msg = await handler('pulse.quarter').render(summary, clock.now());
    expect(validateCard(msg!.card!)).toEqual([]);
    const text = textOf(msg!);
    expect(text).toContain('4. kvartal 2026');
    expect(text).toContain("4 pulser i kvartalet. Under halvdelen har svaret."); // weeks 48-51: (9 + 4 + 0 + 0) / (11 + 3 × 12)
    expect(text).toMatch(/Tidsmiljø\n2,0 af 5 \(Ingen sammenligning\)/);
    expect(text).toMatch(/Passende krav\nIkke vist/);
  });
});
