import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import { musRig, planForm, WP } from '../support/mus-rig.js';

/**
 * One round of MUS on Azurite through the dispatcher, with a manual clock and the real
 * engine keeping the jobs: the employees answer (accept with preparation and the
 * seniorsamtale wish, notes with a health word held back until confirmed, another time
 * asked for); the leader sees every answer, wish and preparation from `MUS status`, on
 * the talk's card, in the reminder and on the registration card, even for a talk moved
 * so near that no reminder comes; the plan takes the trade's words; the follow-up
 * records what happened to each activity and what changes.
 */
const clock = new ManualClock('2026-11-23T08:00:00Z'); // Monday 09:00 in Copenhagen
const m = musRig(clock);
const talkOf = async (who: string) => String((await m.jobs('mus.invite', who))[0]!.payload.talkId);
const inviteData = async (who: string) => {
  const job = (await m.jobs('mus.invite', who))[0]!;
  return { workplaceId: WP, talkId: String(job.payload.talkId), version: Number(job.payload.version) };
};

beforeAll(async () => {
  await m.ready();
  await m.act('lone', 'mus.people.save', { workplaceId: WP, ids: 'sofie', s_sofie: '2005-01-01', b_sofie: '1960', l_sofie: '' });
  const { card } = await m.act('lone', 'mus.propose', planForm('mads,sofie,ole', { from: '2026-12-07', to: '2026-12-11' }));
  await m.act('lone', 'mus.send', m.dataOf(card, 'Send invitationer'));
});

describe('the employees answer', () => {
  it('Sofie accepts, prepares and asks for the seniorsamtale', async () => {
    const r = await m.act('sofie', 'mus.accept', { ...(await inviteData('sofie')), notes: 'Jeg vil gerne tale om et nyt projekt og om min arbejdstid', senior: 'true' });
    expect(r.text).toContain('Du har sagt ja til tiden');
    expect(await m.rig.workplaces.member(WP, 'sofie')).toMatchObject({ birthYear: 1960 });
  });

  it('notes with a health word are held back with the typed text kept, and saved when confirmed', async () => {
    const data = await inviteData('mads');
    const held = await m.act('mads', 'mus.notes', { ...data, notes: 'Jeg har haft ondt i ryggen efter løft' });
    expect(held.text).toContain('Dine noter nævner "ondt", "ryggen"');
    expect(held.text).toContain('Jeg har haft ondt i ryggen efter løft');
    expect(held.text).not.toContain('Dine noter er gemt');
    expect(await m.rig.storage.table('MusNotes').getEntity(WP, `${data.talkId}_mads`).catch(() => undefined)).toBeUndefined();
    const confirm = m.dataOf(held.card, 'Gem alligevel');
    expect(confirm).toMatchObject({ confirmedTerms: 'ondt,ryggen' });
    const saved = await m.act('mads', 'mus.notes', { ...confirm, notes: 'Jeg har haft ondt i ryggen efter løft' });
    expect(saved.text).toContain('Dine noter er gemt');
  });

  it('Ole asks for another time, and is told truly that the leader hears it now', async () => {
    const r = await m.act('ole', 'mus.requestChange', { ...(await inviteData('ole')), reason: '' });
    expect(r.text).toContain('Skriv kort, hvorfor tiden ikke passer');
    const ok = await m.act('ole', 'mus.requestChange', { ...(await inviteData('ole')), reason: 'Kursus den dag' });
    expect(ok.text).toContain('Du har bedt om et andet tidspunkt. Din leder får besked nu.');
    const [change] = await m.jobs('mus.change', 'lone');
    expect(change!.deliverAt.getTime()).toBeLessThanOrEqual(clock.now().getTime());
  });
});

describe('the leader sees the answers and the preparation', () => {
  it('`MUS status` shows each employee\'s answer, wish and whether they prepared', async () => {
    const status = await m.say('lone', 'MUS status');
    expect(status).toMatch(/Sofie: planlagt \d+\. december 2026, har sagt ja, ønsker seniorsamtale, har skrevet forberedelse/);
    expect(status).toMatch(/Mads: planlagt \d+\. december 2026, har ikke svaret, har skrevet forberedelse/);
    expect(status).toMatch(/Ole: planlagt \d+\. december 2026, har bedt om et andet tidspunkt/);
  });

  it("the status card's button brings the talk's card: the preparation, the wish and the senior questions", async () => {
    const talkId = await talkOf('sofie');
    expect(await m.say('lone', 'MUS status')).toContain('Se forberedelsen');
    const talk = await m.act('lone', 'mus.talk', { workplaceId: WP, talkId, from: 'status' });
    expect(talk.text).toContain('MUS med Sofie');
    expect(talk.text).toContain('Jeg vil gerne tale om et nyt projekt og om min arbejdstid');
    expect(talk.text).toContain('Sofie ønsker en seniorsamtale sammen med MUS.');
    expect(talk.text).toContain('Spørgsmål til seniorsamtalen');
    expect((await m.act('tobias', 'mus.talk', { workplaceId: WP, talkId: await talkOf('sofie') })).text).not.toContain('arbejdstid');
  });

  it("the leader's reminder is the talk's card, with the preparation", async () => {
    const madsTalk = await talkOf('mads');
    const forMads = (await m.jobs('mus.reminder', 'lone')).find((j) => j.payload.talkId === madsTalk)!;
    const rendered = await m.render(forMads);
    expect(rendered.text).toContain('Påmindelse: MUS med Mads');
    expect(rendered.text).toContain("Mads' forberedelse");
    expect(rendered.text).toContain('Jeg har haft ondt i ryggen efter løft');
  });

  it('a talk moved so near that no reminder comes still shows the preparation on the registration card', async () => {
    const data = await inviteData('sofie');
    const moved = await m.act('lone', 'mus.move', { ...data, aadObjectId: 'sofie', date: '2026-11-23', time: '14:00' });
    expect(moved.text).toContain('Den nye invitation sendes nu');
    expect((await m.jobs('mus.reminder')).filter((j) => j.payload.talkId === data.talkId)).toEqual([]);
    clock.set(zonedInstant('2026-11-23', '15:05'));
    const cards = await m.say('lone', 'registrér MUS');
    expect(cards).toContain('Registrér MUS: Sofie');
    expect(cards).toContain('Jeg vil gerne tale om et nyt projekt og om min arbejdstid');
    expect(cards).toContain('Sofie ønsker en seniorsamtale sammen med MUS.');
    expect(cards).toContain('Aftaler fra seniorsamtalen');
  });
});

describe('the udviklingsplan and its follow-up', () => {
  const plan = (talkId: string) => ({
    workplaceId: WP, talkId, outcome: 'held',
    shortGoals: 'Kursus i medicinhåndtering', longGoals: 'Psykiatrisk grunduddannelse og Demensuddannelse',
    a0_kind: 'kursus', a0_text: 'Kursus i medicinhåndtering',
    a1_kind: 'andet', a1_text: 'stresshåndtering og psykisk arbejdsmiljø',
    a2_kind: 'projekt', a2_text: 'traumebevidst pædagogik, autisme og misbrug',
    a3_kind: '', a3_text: '',
    knowledgeSharing: 'Oplæg på personalemødet', seniorNote: 'Færre nattevagter fra foråret', followUpOn: '2027-05-24',
  });

  it('a refused registration keeps the plan as typed; the plan takes the trade\'s words', async () => {
    const talkId = await talkOf('sofie');
    const refused = await m.act('lone', 'mus.register', { ...plan(talkId), knowledgeSharing: '' });
    const json = JSON.stringify(refused.card);
    expect(refused.text).toContain('Skriv, hvordan viden fra kurset deles med kollegerne');
    for (const typed of ['Kursus i medicinhåndtering', 'stresshåndtering og psykisk arbejdsmiljø', 'traumebevidst pædagogik, autisme og misbrug', 'Færre nattevagter fra foråret', '2027-05-24']) {
      expect(json).toContain(`"value":"${typed}"`);
    }
    expect(json).toContain('"id":"a1_kind","label":"Aktivitet 2","placeholder":"Vælg slags","value":"andet"');
    const ok = await m.act('lone', 'mus.register', plan(talkId));
    expect(ok.text).toContain('Udviklingsplanen sendes til medarbejderen nu');
    expect(ok.text).not.toMatch(/helbred|sygdom/);
    const [planJob] = await m.jobs('mus.plan', 'sofie');
    const sent = await m.render(planJob!);
    expect(sent.text).toContain('Kursus eller uddannelse: Kursus i medicinhåndtering · Planlagt');
    expect(sent.text).toContain('Færre nattevagter fra foråret');
    expect(sent.text).toContain('Ønsket ved denne MUS');
  });

  it('the follow-up reminder opens a card where each activity gets a status and what changes is recorded', async () => {
    clock.set(zonedInstant('2027-05-24', '09:05'));
    const talkId = await (async () => String((await m.jobs('mus.followUp', 'sofie'))[0]!.payload.talkId))();
    const leaderForm = await m.render((await m.jobs('mus.followUp', 'lone')).find((j) => j.payload.aadObjectId === 'sofie')!);
    const form = await m.render((await m.jobs('mus.followUp', 'sofie'))[0]!);
    expect(form.text).toContain('Opfølgning på udviklingsplan: Sofie');
    const save = m.submit(form.card, 'Gem opfølgningen');
    expect(save).toMatchObject({ s_0: 'planned', s_2: 'planned', shortGoals: 'Kursus i medicinhåndtering' });
    expect((await m.act('sofie', 'mus.followUpSave', save)).text).toContain('Skriv, hvad I har talt om, eller ændr en status');
    expect((await m.act('tobias', 'mus.followUpSave', { ...save, changes: 'x' })).text).toContain('Den MUS kan du ikke se');
    const done = await m.act('sofie', 'mus.followUpSave', {
      ...save, shortGoals: 'Kursus i medicinhåndtering', longGoals: 'Psykiatrisk grunduddannelse',
      s_0: 'done', n_0: 'Bestået i marts', s_1: 'dropped', n_1: 'Ikke aktuelt', s_2: 'started', n_2: '',
      new_kind: 'kursus', new_text: 'Demensuddannelse, modul 2', changes: 'Mere tid til projektet', nextFollowUpOn: '2027-11-24',
    });
    expect(done.text).toContain('Opfølgningen er gemt, og planen er opdateret. Næste opfølgning: 24. november 2027.');
    expect(done.text).toContain('Kursus eller uddannelse: Kursus i medicinhåndtering · Gennemført · Bestået i marts');
    expect(done.text).toContain('Andet: stresshåndtering og psykisk arbejdsmiljø · Droppet');
    expect(done.text).toContain('Kursus eller uddannelse: Demensuddannelse, modul 2 · Planlagt');
    expect(done.text).toContain('Kursus eller uddannelse: Kursus i medicinhåndtering: Planlagt → Gennemført');
    expect(done.text).toContain('Det ændrer vi: Mere tid til projektet');
    const stored = (await m.rig.storage.table('MusTalks').getEntity<Record<string, string>>(WP, `p_${talkId}_sofie`));
    expect(JSON.parse(stored.items!).map((a: { status: string }) => a.status)).toEqual(['done', 'dropped', 'started', 'planned']);
    const next = (await m.jobs('mus.followUp')).filter((j) => j.key.includes('@2027-11-24'));
    expect(next.map((j) => (j.target.kind === 'user' ? j.target.aadObjectId : '')).sort()).toEqual(['lone', 'sofie']);
    // The leader's card was made before Sofie saved: it is not saved over unseen, and what he wrote is kept.
    const stale = await m.act('lone', 'mus.followUpSave', { ...m.submit(leaderForm.card, 'Gem opfølgningen'), s_0: 'planned', changes: 'Min kommentar' });
    expect(stale.text).toContain('Sofie har gemt en opfølgning imens');
    expect(stale.text).toContain('Min kommentar');
    expect(JSON.parse(((await m.rig.storage.table('MusTalks').getEntity<Record<string, string>>(WP, `p_${talkId}_sofie`)).items)!)[0].status).toBe('done');
  });

  it('the leader opens the plan from `MUS status`', async () => {
    const talkId = String((await m.jobs('mus.followUp', 'sofie'))[0]!.payload.talkId);
    expect(await m.say('lone', 'MUS status')).toContain('Se udviklingsplanen');
    const view = await m.act('lone', 'mus.planView', { workplaceId: WP, talkId, aadObjectId: 'sofie', from: 'status' });
    expect(view.text).toContain('Udviklingsplan for Sofie');
    expect(view.text).toContain('Følg op på planen');
    expect((await m.act('mads', 'mus.planView', { workplaceId: WP, talkId, aadObjectId: 'sofie' })).text).toContain('Den MUS kan du ikke se');
  });
});
