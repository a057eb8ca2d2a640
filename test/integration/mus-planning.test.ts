import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import { musRig, planForm, WP } from '../support/mus-rig.js';

/**
 * Planning MUS on Azurite through the dispatcher, the jobs kept by the real reminder
 * engine, with a manual clock: sickness left out silently, GRUS groups, nothing proposed
 * or sent before now, a MUS planned again soon after one was held is said out loud, the
 * pause between talks visible and what did not fit explained, and a refused card that
 * keeps every typed value with the error at its field.
 */
const clock = new ManualClock('2026-11-23T07:15:00Z'); // Monday 08:15 in Copenhagen
const sick = new Set(['nadia']);
const m = musRig(clock, { sick });

beforeAll(() => m.ready());

describe('planning', () => {
  it('leaves an employee with an active sickness case out, without saying why', async () => {
    const { text } = await m.act('lone', 'mus.propose', planForm('mads,nadia,sofie'));
    expect(text).toContain('Forslag til MUS-tider');
    expect(text).toMatch(/Mads[\s\S]*Sofie/);
    expect(text).not.toContain('Nadia');
    expect(text).not.toMatch(/syg|fravær|ikke plads/i);
  });

  it('plans GRUS: the same group name gives one talk together, no name an individual talk', async () => {
    const { text } = await m.act('lone', 'mus.propose', planForm('mads,sofie,ole', { mode: 'group', g_mads: 'Dagvagt', g_sofie: ' dagvagt ' }));
    expect(text).toContain('Gruppesamtale med Mads, Sofie');
    expect(text).toContain('Ole');
  });

  it('refuses a period in the past and a window too short, on the card, keeping what was typed', async () => {
    const past = await m.act('lone', 'mus.propose', planForm('mads', { from: '2026-11-20', place: 'Kontoret ved haven' }));
    expect(past.text).toContain('Tidspunktet er allerede passeret');
    expect(past.text).toContain('Kontoret ved haven');
    expect(JSON.stringify(past.card)).toContain('"id":"from","label":"Første dag","value":"2026-11-20"');
    const short = await m.act('lone', 'mus.propose', planForm('mads', { duration: '5', g_mads: 'x'.repeat(41), mode: 'group' }));
    expect(short.text).toContain('Mindst 15 minutter');
    expect(JSON.stringify(short.card)).toContain('"id":"duration","label":"Varighed (minutter)","value":5');
    const window = await m.act('lone', 'mus.propose', planForm('mads', { windowStart: '09:00', windowEnd: '09:45' }));
    expect(window.text).toContain('Tidsrummet 09.00-09.45 er for kort til en samtale på 60 minutter');
    const group = await m.act('lone', 'mus.propose', planForm('mads', { mode: 'group', g_mads: 'x'.repeat(41) }));
    expect(group.text).toContain('Gruppenavnet må højst være 40 tegn');
    expect(group.text).toContain('x'.repeat(41));
    expect(await m.jobs('mus.invite')).toEqual([]);
  });

  it('never proposes a time before now: at 08:15 with the window 07:00-09:00 from today, the first talk is tomorrow', async () => {
    const today = await m.act('lone', 'mus.propose', planForm('mads', { from: '2026-11-23', to: '2026-11-23', windowStart: '07:00', windowEnd: '09:00' }));
    expect(today.text).toContain('Jeg kan ikke planlægge nogen af de valgte i perioden');
    const two = await m.act('lone', 'mus.propose', planForm('mads,sofie', { from: '2026-11-23', to: '2026-11-24', windowStart: '07:00', windowEnd: '09:00' }));
    expect(JSON.stringify(two.card)).toContain('"id":"d_0","label":"Dato","value":"2026-11-24"');
    expect(JSON.stringify(two.card)).toContain('"id":"t_0","label":"Kl.","value":"07:00"');
    expect(JSON.stringify(two.card)).not.toContain('"value":"2026-11-23"');
  });

  it('refuses to send a proposal whose time has passed since it was made, and sends nothing', async () => {
    const { card } = await m.act('lone', 'mus.propose', planForm('ole', { from: '2026-11-24', to: '2026-11-24' }));
    const send = m.dataOf(card, 'Send invitationer');
    clock.set(zonedInstant('2026-11-24', '09:30')); // the talk began at 09:00
    const late = await m.act('lone', 'mus.send', send);
    expect(late.text).toContain('Tidspunktet er allerede passeret');
    expect(JSON.stringify(late.card)).toContain('"id":"d_0"');
    expect(await m.jobs('mus.invite', 'ole')).toEqual([]);
    expect(await m.jobs('mus.reminder')).toEqual([]);
    // Moved to a later time on the same card, it goes out.
    const sent = await m.act('lone', 'mus.send', { ...send, d_0: '2026-11-25', t_0: '10:00' });
    expect(sent.text).toContain('Invitationerne sendes nu til 1 medarbejder');
    expect(sent.text).toContain('Påmindelser 7 dage og 1 dag før sendes, hvor der er tid til dem');
    expect(await m.jobs('mus.invite', 'ole')).toHaveLength(1);
    clock.set('2026-11-23T07:15:00Z');
  });

  it('makes the pause a setting, and explains what did not fit', async () => {
    const form = planForm('mads,sofie,ole', { from: '2026-11-30', to: '2026-11-30', windowStart: '09:00', windowEnd: '11:00' });
    const tight = await m.act('lone', 'mus.propose', form);
    expect(tight.text).toContain('Der var ikke plads til: Ole, Sofie.');
    expect(tight.text).toContain('Tidsrummet 09.00-11.00 giver plads til 1 samtale om dagen (2 uden pause)');
    const noPause = await m.act('lone', 'mus.propose', { ...form, buffer: '0' });
    expect(noPause.text).toContain('Der var ikke plads til: Sofie.');
    expect(JSON.stringify(noPause.card)).toContain('"value":"10:00"');
    const planCard = await m.say('lone', 'planlæg MUS');
    expect(planCard).toContain('Pause mellem samtaler (minutter)');
  });

  it("does not let another leader send someone else's draft", async () => {
    await m.rig.workplaces.upsertMember({ workplaceId: WP, workplaceName: 'Bostedet Solhøj', aadObjectId: 'lis', teamsUserId: '29:lis', name: 'Lis', roles: ['leder'] });
    const { card } = await m.act('lone', 'mus.propose', planForm('mads', { place: 'K' }));
    expect((await m.act('lis', 'mus.send', m.dataOf(card, 'Send invitationer'))).text).toContain('Kun en leder på arbejdsstedet kan det');
    await m.rig.workplaces.removeMember(WP, 'lis');
  });
});

describe('a refused draft keeps every edit', () => {
  it('one bad edit keeps the other, valid ones on the card, each error at its slot', async () => {
    const { card } = await m.act('lone', 'mus.propose', planForm('mads,sofie', { from: '2026-12-07', to: '2026-12-11' }));
    const save = m.dataOf(card, 'Gem ændringer');
    const bad = await m.act('lone', 'mus.draftSave', { ...save, d_0: '2026-12-08', t_0: '13:00', d_1: '2026-12-25', t_1: '09:00' });
    const json = JSON.stringify(bad.card);
    expect(json).toContain('"id":"d_0","label":"Dato","value":"2026-12-08"');
    expect(json).toContain('"id":"t_0","label":"Kl.","value":"13:00"');
    expect(json).toContain('"id":"d_1","label":"Dato","value":"2026-12-25"');
    expect(bad.text).toContain('25. december 2026 er en helligdag (Juledag)');
    expect(bad.text).toContain('Send invitationer');
  });
});

describe('planned again soon after a MUS', () => {
  it('refuses to register a talk before it begins; says it, with the date, when someone who just had MUS is planned again', async () => {
    const { card } = await m.act('lone', 'mus.propose', planForm('sofie', { from: '2026-11-24', to: '2026-11-24' }));
    await m.act('lone', 'mus.send', m.dataOf(card, 'Send invitationer'));
    const talkId = String((await m.jobs('mus.register', 'lone')).find((j) => j.payload.talkId)!.payload.talkId);
    const register = { workplaceId: WP, talkId, outcome: 'held', shortGoals: 'Mål', longGoals: 'Mål', a0_kind: 'projekt', followUpOn: '2027-05-24' };
    clock.set(zonedInstant('2026-11-24', '08:59')); // a minute before it begins: not held yet, so it counts for nothing
    const early = await m.act('lone', 'mus.register', register);
    expect(early.text).toContain('Registrér den, når den er holdt');
    expect(await m.say('lone', 'MUS status')).toContain('Sofie: planlagt 24. november 2026');
    clock.set(zonedInstant('2026-11-24', '10:00'));
    const held = await m.act('lone', 'mus.register', register);
    expect(held.text).toContain('er registreret');
    clock.set(zonedInstant('2026-11-24', '11:00')); // an hour later
    const again = await m.act('lone', 'mus.propose', planForm('sofie', { from: '2026-12-14', to: '2026-12-18' }));
    expect(again.text).toContain('Havde MUS for under 11 måneder siden: Sofie (24. november 2026)');
    clock.set('2026-11-23T07:15:00Z');
  });
});
