import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ActionStore } from '../../src/actions/store.js';
import { ManualClock } from '../../src/core/clock.js';
import { launchBrowser, shown, type Browser, type PgPage } from '../support/browser.js';
import { seedSolhoej, startE2E, type E2E } from '../support/e2e.js';
import { solhoej, solhoejPeople, startPlayground, type Playground, type PgScenario } from '../support/playground.js';

/**
 * The main stories walked in the Agents Playground's own UI, in one headless Chromium, as
 * the people of Bostedet Solhøj would (issue 12): what is asserted is what the page shows.
 * Lone Leder (leder, in TRIO) is the current user of the first Playground; Mads
 * Medarbejder is the current user of a second one on the same bot, for the pulse.
 * Screenshots: test-screenshots/ (git-ignored).
 */
const clock = new ManualClock('2026-11-24T09:00:00Z'); // Tuesday 10.00 in Copenhagen
let e: E2E;
let browser: Browser;
let lone: PgPage;

/** Mads as the Playground's current user: the same team, chats and people. */
const asMads: PgScenario = {
  ...solhoej,
  currentUser: solhoejPeople.mads,
  users: [solhoejPeople.lone, solhoejPeople.tobias, solhoejPeople.amira, solhoejPeople.sofie, solhoejPeople.nadia],
  personalChatId: 'a:1solhoej-personal-mads',
};

beforeAll(async () => {
  e = await startE2E({}, clock);
  const wp = await seedSolhoej(e);
  // TRIO's plan already has one open action, due on 30 November.
  await new ActionStore(e.t.app.ctx.storage, clock).create(
    wp,
    {
      tema: 'Organisation og ledelse, kriterium 9',
      emne: 'Høj personalegennemstrømning og sygefravær',
      maal: 'Sygefravær på 5-6 %',
      hvad: 'Fraværssamtaler efter 1-3-10',
      start: '2026-11-01',
      end: '2026-11-30',
      startLabel: '1. november 2026',
      endLabel: '30. november 2026',
      dokumentation: '',
      owner: { id: solhoejPeople.sofie.aadObjectId, name: solhoejPeople.sofie.name },
      effekt: '',
      source: 'tilsynsrapport',
    },
    { id: solhoejPeople.tobias.aadObjectId, name: solhoejPeople.tobias.name },
  );
  browser = await launchBrowser();
  lone = await browser.open(e.pg.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await e?.stop();
});

/** A screenshot of what the page showed when a step failed (test-screenshots/failed-*.png). */
const onFailure = (page: () => PgPage | undefined, name: string) => onTestFailed(async () => page()?.screenshot(`failed-${name}`));

describe('in the browser, as the people of Bostedet Solhøj', () => {
  it('TRIO asks for the open actions in the channel and starts one', { timeout: 90_000 }, async () => {
    onFailure(() => lone, 'trio');
    await lone.openChat('TRIO');
    // The channel is already TRIO's: its welcome says so and offers no registration.
    const welcome = await lone.card('Hej! Jeg er TRIO-bot');
    expect(await shown(welcome)).toContain('Denne kanal er TRIO-kanal for Bostedet Solhøj');
    expect(await lone.buttons(welcome)).toEqual([]);

    await lone.postMentioningBot('åbne handlinger');
    const list = await lone.card('Åbne handlinger – Bostedet Solhøj');
    const listText = await shown(list);
    expect(listText).toContain('1 åben handling, heraf 0 forsinkede.');
    expect(listText).toContain('Sofie Social · slut 30. november 2026 · Åben');
    await list.getByText('Organisation og ledelse, kriterium 9').click();

    const detail = await lone.card('H-1 · Organisation og ledelse, kriterium 9');
    const before = await shown(detail);
    // A Danish date at the start of a line is text, not a numbered list.
    expect(before).toContain('Hvornår 1. november 2026 – 30. november 2026');
    expect(await detail.locator('ol').count()).toBe(0);
    await lone.button(detail, 'Start (i gang)').click();
    const started = await lone.card(/H-1 · Organisation og ledelse[\s\S]*I gang/);
    const after = await shown(started);
    expect(after).toContain('Lone Leder: Sat i gang.');
    expect(await lone.buttons(started)).not.toContain('Start (i gang)');
    expect(await lone.buttons(started)).toEqual(expect.arrayContaining(['Afslut', 'Tilføj note']));
    await lone.screenshot('1-trio-starts-an-action');
  });

  it('the leader registers a sick employee in her private chat and books the samtale', { timeout: 90_000 }, async () => {
    onFailure(() => lone, 'sickness');
    await lone.openChat('Personal Chat');
    await lone.say('sygemelding');
    const form = await lone.card('Ny sygemelding');
    await lone.choose(form, 'Medarbejder', 'Mads Medarbejder');
    await lone.button(form, 'Opret forløb').click();
    const caseCard = await lone.card('Sygefraværsforløb: Mads Medarbejder');
    const caseText = await shown(caseCard);
    expect(caseText).toContain('Første fraværsdag 24. november 2026');
    expect(caseText).toMatch(/Spørg aldrig, hvad medarbejderen fejler/);
    expect(await caseCard.locator('ol').count()).toBe(0);
    await lone.button(caseCard, 'Book samtale').click();

    const booking = await lone.card('Book og send invitation');
    await booking.getByLabel(/Dato/).first().fill('2026-12-10');
    await booking.getByLabel(/Klokkeslæt/).first().fill('10:00');
    await booking.getByLabel(/Sted/).first().fill('Mødelokalet på Solhøj');
    await lone.button(booking, 'Book og send invitation').click();
    const booked = await lone.card(/booket/);
    expect(await shown(booked)).toContain('Mads Medarbejder');
    expect(await shown(booked)).toContain('10. december 2026 kl. 10.00');
    await lone.screenshot('2-leader-books-the-samtale');
  });

  describe('a staff member and the weekly pulse', () => {
    let pg2: Playground;
    let mads: PgPage;

    beforeAll(async () => {
      pg2 = await startPlayground({ botEndpoint: `${e.t.url}/api/messages`, scenario: asMads });
      mads = await browser.open(pg2.url);
    }, 60_000);
    afterAll(() => pg2?.stop());

    it('Mads answers the pulse in his private chat and asks for it again', { timeout: 90_000 }, async () => {
      onFailure(() => mads, 'pulse');
      // The round opens Monday 30 November 09.00; the engine sends it through the channel Mads's Playground spoke in.
      await pg2.send(asMads.team.channel!.id, solhoejPeople.mads.id, 'hjælp');
      clock.set('2026-11-30T08:00:00Z');
      await e.t.app.engine.runRecurring('pulse.tick', clock.now());
      await e.t.app.engine.tick(clock.now());

      const pulse = await mads.card('Ugens trivselspuls, uge 49');
      const questions = pulse.getByRole('radiogroup');
      expect(await questions.count()).toBe(3);
      for (let i = 0; i < 3; i++) await questions.nth(i).getByText('4 – Delvis enig').click();
      await mads.screenshot('3-staff-pulse-card');
      await mads.button(pulse, 'Send svar').click();
      await mads.sees('Tak for dit svar!');
      await mads.screenshot('3-staff-answers-the-pulse');
      // He asks for it again: the round is open, but he has answered.
      await mads.say('trivselspuls');
      await mads.sees('Du har allerede svaret på trivselspulsen for uge 49');
      await mads.screenshot('3-staff-asks-for-the-pulse-again');
    });
  });
});
