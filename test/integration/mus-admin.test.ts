import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { MED_WHERE, musRig, planForm, WP } from '../support/mus-rig.js';

/**
 * What MUS needs besides talks, on Azurite through the dispatcher: the leader's stamdata
 * (a workplace that already holds MUS starts where it is; new hires ahead; the card's
 * limits are the server's), and MED's frame changed by MED as a body (a leader and a TR
 * or AMR approve before it applies; the invitations then use it).
 */
const clock = new ManualClock('2026-11-23T08:00:00Z'); // Monday 09:00 in Copenhagen
const m = musRig(clock);

beforeAll(() => m.ready());

describe('stamdata', () => {
  it('takes the last MUS, so a workplace that already holds MUS is not "everyone overdue"', async () => {
    expect(await m.say('lone', 'MUS status')).toContain('Sofie: ingen MUS registreret, skal have MUS nu');
    const saved = await m.act('lone', 'mus.people.save', { workplaceId: WP, ids: 'mads,sofie,ole', s_mads: '2015-03-01', b_mads: '1962', l_mads: '2026-03-10', s_sofie: '2012-01-01', l_sofie: '2025-11-01', b_sofie: '0', s_ole: '2010-05-01', l_ole: '2025-12-20' });
    expect(saved.text).toContain('Gemt for 3 medarbejdere');
    const status = await m.say('lone', 'MUS status');
    expect(status).toContain('Mads: holdt 10. marts 2026');
    expect(status).toContain('Sofie: holdt 1. november 2025, skulle have haft MUS senest 1. november 2026');
    expect(status).toContain('Ole: holdt 20. december 2025, skal have MUS senest 20. december 2026');
    expect(status).not.toContain('1. januar 2011');
    expect(await m.rig.workplaces.member(WP, 'sofie')).not.toHaveProperty('birthYear');
  });

  it('accepts a new hire with a start date next month, who is not due yet', async () => {
    expect((await m.act('lone', 'mus.people.save', { workplaceId: WP, ids: 'nadia', s_nadia: '2026-12-15', b_nadia: '', l_nadia: '' })).text).toContain('Gemt for 1 medarbejder');
    expect(await m.rig.workplaces.member(WP, 'nadia')).toMatchObject({ startDate: '2026-12-15' });
    expect(await m.say('lone', 'MUS status')).toMatch(/Ikke aktuelt endnu \(1\)[\s\S]*Nadia/);
  });

  it('refuses at the field and keeps every typed value; the card limits are the server limits', async () => {
    const card = await m.say('lone', 'MUS stamdata');
    expect(card).toContain('Sidste MUS');
    const people = await m.act('lone', 'mus.people.save', { workplaceId: WP, ids: 'mads,sofie', s_mads: '2031-01-01', b_mads: '1962', l_mads: '2026-03-10', s_sofie: '2012-01-01', b_sofie: '1890', l_sofie: '2027-01-01' });
    const json = JSON.stringify(people.card);
    expect(people.text).toContain('Ansættelsesdatoen kan højst ligge et år ude i fremtiden');
    expect(people.text).toContain('Skriv et år mellem 1940 og 2011, eller lad feltet stå tomt');
    expect(people.text).toContain('Sidste MUS kan ikke ligge i fremtiden');
    expect(json).toContain('"id":"s_mads","label":"Ansat fra","value":"2031-01-01"');
    expect(json).toContain('"id":"l_sofie","label":"Sidste MUS","value":"2027-01-01"');
    expect(json).toContain('"min":1940,"max":2011');
    expect((await m.rig.workplaces.member(WP, 'mads'))?.startDate).toBe('2015-03-01');
    expect((await m.act('tobias', 'mus.people.save', { workplaceId: WP, ids: 'mads', s_mads: '2020-01-01' })).text).toContain('Det har du ikke adgang til');
  });
});

describe("MED's frame: a leader and a TR or AMR approve", () => {
  const questions = 'Hvad er du stolt af?\nHvad vil du lære?';

  it('a TR alone proposes; nothing changes until a leader approves', async () => {
    expect(await m.say('tobias', 'MUS indstillinger', MED_WHERE)).toContain('Hvordan har du det med dine opgaver');
    const empty = await m.act('tobias', 'mus.settings.save', { workplaceId: WP, questions: '\n', seniorAge: '63' }, MED_WHERE);
    expect(empty.text).toContain('Skriv mindst ét spørgsmål');
    expect(JSON.stringify(empty.card)).toContain('"id":"seniorAge","label":"Alder for tilbud om seniorsamtale (som Hoved-MED har fastsat)","value":63');
    const proposed = await m.act('tobias', 'mus.settings.save', { workplaceId: WP, questions, seniorAge: '62' }, MED_WHERE);
    expect(proposed.text).toContain('Forslaget er gemt. Det træder i kraft, når en leder har godkendt det.');
    expect(proposed.text).toContain('Foreslået af Tobias Tillid');
    expect((await m.rig.workplaces.get(WP))?.settings.mus).toBeUndefined();
    // Another employee representative is not enough.
    const amira = await m.act('amira', 'mus.settings.approve', m.dataOf(proposed.card, 'Godkend'), MED_WHERE);
    expect(amira.text).toContain('Det mangler godkendelse fra en leder');
    expect((await m.rig.workplaces.get(WP))?.settings.mus).toBeUndefined();
    expect((await m.act('mads', 'mus.settings.approve', m.dataOf(proposed.card, 'Godkend'), MED_WHERE)).text).toContain('Det har du ikke adgang til');
    // The leader's approval applies it.
    const applied = await m.act('lone', 'mus.settings.approve', m.dataOf(proposed.card, 'Godkend'), MED_WHERE);
    expect(applied.text).toContain('Ændringen er godkendt og gælder nu: 2 spørgsmål, seniorsamtale fra 62 år');
    expect((await m.rig.workplaces.get(WP))?.settings.mus).toEqual({ questions: ['Hvad er du stolt af?', 'Hvad vil du lære?'], seniorAge: 62 });
    expect(applied.text).not.toContain('Godkend');
  });

  it('a leader alone proposes; a rejected proposal changes nothing; an old card cannot approve a newer proposal', async () => {
    const first = await m.act('lone', 'mus.settings.reset', { workplaceId: WP }, MED_WHERE);
    expect(first.text).toContain('når en TR eller AMR har godkendt det');
    const second = await m.act('lone', 'mus.settings.save', { workplaceId: WP, questions: 'Et spørgsmål?', seniorAge: '60' }, MED_WHERE);
    expect((await m.act('tobias', 'mus.settings.approve', m.dataOf(first.card, 'Godkend'), MED_WHERE)).text).toContain('Forslaget er ændret, siden kortet blev vist');
    expect((await m.act('tobias', 'mus.settings.reject', m.dataOf(second.card, 'Afvis'), MED_WHERE)).text).toContain('Tobias Tillid har afvist forslaget');
    expect((await m.rig.workplaces.get(WP))?.settings.mus).toMatchObject({ seniorAge: 62 });
  });

  it('the invitations use the approved questions and age: "Fra 62 år …" for someone born in 1962', async () => {
    const { card } = await m.act('lone', 'mus.propose', planForm('mads,sofie', { from: '2026-12-07', to: '2026-12-11' }));
    const sent = await m.act('lone', 'mus.send', m.dataOf(card, 'Send invitationer'));
    expect(sent.text).toContain('Invitationerne sendes nu til 2 medarbejdere');
    expect(sent.text).toContain('I får påmindelser 7 dage og 1 dag før');
    const mads = await m.render((await m.jobs('mus.invite', 'mads'))[0]!);
    expect(mads.text).toContain('Hvad er du stolt af?');
    expect(mads.text).not.toContain('Hvordan har du det med dine opgaver');
    expect(mads.text).toContain('Fra 62 år har du ret til at få tilbudt en seniorsamtale sammen med din MUS.');
    expect(mads.text).not.toContain('64 år'); // his age is not the threshold (a bare '64' can be part of a random id on the card)
    expect(mads.text).toContain('Har du ønsker til dine opgaver, mængden af opgaver, din arbejdstid');
    expect((await m.render((await m.jobs('mus.invite', 'sofie'))[0]!)).text).not.toContain('seniorsamtale');
  });
});
