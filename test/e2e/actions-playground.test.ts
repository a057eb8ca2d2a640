import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { cardText, cards, type PgMessage } from '../support/playground.js';
import { seedSolhoej, startE2E, type E2E } from '../support/e2e.js';

/**
 * Handleplaner as a TRIO meets them in the Agents Playground: a TR creates actions in
 * the TRIO channel, the leader lists open actions with the overdue one flagged, a staff
 * member is refused, and the owner completes the action so the card updates in place.
 */
type Json = Record<string, unknown>;
const clock = new ManualClock('2026-11-24T09:00:00Z');
let e: E2E;
let workplaceId: string;
let h1: PgMessage;

beforeAll(async () => {
  e = await startE2E({}, clock);
  workplaceId = await seedSolhoej(e);
});
afterAll(() => e?.stop());

const inConv = (conv: string) => (m: PgMessage) => m.conversationId.startsWith(conv);

/** Sends "ny handling" as `who` and fills in the form as Teams would (inputs merged into the data). */
async function createAction(who: string, fields: Json): Promise<{ form: PgMessage; response: Json }> {
  const since = e.pg.cursor();
  await e.pg.send(e.trio, who, 'ny handling');
  const form = await e.pg.waitForMessage((m) => inConv(e.trio)(m) && cardText(m).includes('Ny handling – Bostedet Solhøj'), { since });
  const submit = ((cards(form)[0]?.actions as Json[])[0]!.data ?? {}) as Json;
  const response = (await e.pg.invoke(form.conversationId, who, form.messageId, 'actions.create', { ...submit, ...fields })) as Json;
  return { form, response };
}

describe('handleplaner end to end', () => {
  it('a TR creates two actions in the TRIO channel; each form turns into its action card', async () => {
    const first = await createAction(e.people.tobias.id, {
      tema: 'Organisation og ledelse, kriterium 9',
      emne: 'Høj personalegennemstrømning og sygefravær',
      maal: 'Sygefravær på 5-6 %',
      hvad: 'Fraværssamtaler efter 1-3-10',
      start: '1-11-2026',
      end: '30-11-2026',
      owner: e.people.sofie.aadObjectId,
      source: 'tilsynsrapport',
    });
    expect(cardText(first.response)).toContain('H-1 · Organisation og ledelse, kriterium 9');
    h1 = await e.pg.waitForMessage((m) => m.messageId === first.form.messageId && m.action === 'update' && cardText(m).includes('H-1 ·'));
    expect(cardText(h1)).toContain('Sofie Social');

    const second = await createAction(e.people.tobias.id, {
      tema: 'Psykisk arbejdsmiljø',
      emne: 'Forudsigelighed i vagtplanen',
      maal: 'Vagtplan 8 uger frem',
      hvad: 'Ny planlægningsrutine',
      start: '1. kvartal 2027',
      end: '2. kvartal 2027',
      ownerGroup: 'afdelingsledelse',
      source: 'apv',
    });
    expect(cardText(second.response)).toContain('H-2 · Psykisk arbejdsmiljø');
  });

  it('the leader lists open actions: the overdue one comes first and is flagged', async () => {
    clock.set('2026-12-02T09:00:00Z');
    const since = e.pg.cursor();
    await e.pg.send(e.trio, e.people.lone.id, 'åbne handlinger');
    const list = await e.pg.waitForMessage((m) => inConv(e.trio)(m) && cardText(m).includes('Åbne handlinger – Bostedet Solhøj'), { since });
    const text = cardText(list);
    expect(text).toContain('2 åbne handlinger, heraf 1 forsinket.');
    expect(text.indexOf('H-1')).toBeLessThan(text.indexOf('H-2'));
    expect(text).toMatch(/\*\*H-1\*\*\nOrganisation og ledelse, kriterium 9\n⚠ Forsinket 2 dage/);
    expect(text).not.toMatch(/Psykisk arbejdsmiljø\n⚠ Forsinket/);
  });

  it('a staff member trying to complete it is refused politely, and the card stays', async () => {
    const answer = (await e.pg.invoke(h1.conversationId, e.people.mads.id, h1.messageId, 'actions.complete', { workplaceId, number: 1, achieved: 'Klaret' })) as Json;
    expect(String(answer.value)).toContain('H-1 kan kun ændres af leder, TR, AMR eller den ansvarlige');
    expect(cardText(e.pg.latest(h1.messageId)!)).not.toContain('Afsluttet');
  });

  it('the owner completes it and the card updates in place for everyone', async () => {
    const since = e.pg.cursor();
    const answer = (await e.pg.invoke(h1.conversationId, e.people.sofie.id, h1.messageId, 'actions.complete', { workplaceId, number: 1, achieved: 'Sygefraværet er nede på 5,8 %' })) as Json;
    expect(cardText(answer)).toContain('Afsluttet');
    const updated = await e.pg.waitForMessage((m) => m.messageId === h1.messageId && m.action === 'update', { since });
    const text = cardText(updated);
    expect(text).toContain('Afsluttet');
    expect(text).toContain('Opnået (2. december 2026): Sygefraværet er nede på 5,8 %');
    expect(text).toContain('Sofie Social: Afsluttet. Opnået: Sygefraværet er nede på 5,8 %');
    const events = await e.t.app.ctx.events.list(workplaceId, { type: 'actions.statusChanged' });
    expect(events[0]).toMatchObject({ actorId: e.people.sofie.aadObjectId, subject: 'H-1', data: { old: 'open', new: 'done' } });
    expect(e.pg.botErrors()).toEqual([]);
  });
});
