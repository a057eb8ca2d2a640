import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Role } from '../../src/core/types.js';
import { SicknessStore } from '../../src/sickness/store.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double.js';

/**
 * Who sees what: a case is visible to the workplace's leaders and the employee only.
 * The TR, the AMR, a colleague and a leader of another workplace try every command and
 * every card verb with forged card data; nothing is shown or changed, nothing is sent.
 */
const WP = 'bostedet-solhoej';
const TRIO = '19:solhoej-trio@thread.tacv2';
const TEAM = '19:solhoej-general@thread.tacv2';
const people = {
  lone: { aad: 'a4d3c3f9-ba13-4d91-b1f1-e0c7908d7f5e', name: 'Lone Leder', roles: ['leder'], wp: WP },
  tobias: { aad: '8c0f0366-3ba4-4409-9656-60d5a0faa1e4', name: 'Tobias Tillid', roles: ['TR'], wp: WP },
  amira: { aad: 'ce177bd2-ba9e-4450-a14d-8ce49b34263a', name: 'Amira Arbejdsmiljø', roles: ['AMR'], wp: WP },
  mads: { aad: '1d6f2bad-7e25-44e6-adbc-b35517fc5e04', name: 'Mads Medarbejder', roles: ['medarbejder'], wp: WP },
  sofie: { aad: '6fe681aa-4832-490f-bed8-a2dfd1374330', name: 'Sofie Social', roles: ['medarbejder'], wp: WP },
  frede: { aad: '0f0e0d0c-0b0a-4909-8807-060504030201', name: 'Frede Fjordleder', roles: ['leder'], wp: 'fjord' },
} as const;
type Person = keyof typeof people;
type Json = Record<string, unknown>;

let connector: ConnectorDouble;
let t: TestApp;
let caseId = '';
const clock = new ManualClock('2026-11-24T08:00:00Z');

async function post(who: Person, where: 'trio' | 'personal', extra: Json): Promise<Json> {
  const p = people[who];
  const conversation = where === 'trio'
    ? { id: `${TRIO};messageid=${Date.now()}`, conversationType: 'channel', isGroup: true, tenantId: 'tenant' }
    : { id: `a:personal-${who}`, conversationType: 'personal', tenantId: 'tenant' };
  const channelData = where === 'trio' ? { team: { id: TEAM }, channel: { id: TRIO }, tenant: { id: 'tenant' } } : { tenant: { id: 'tenant' } };
  const activity = { id: randomUUID(), channelId: 'msteams', serviceUrl: connector.url, from: { id: `29:${who}`, aadObjectId: p.aad, name: p.name }, recipient: { id: '28:bot', name: 'TRIO-bot' }, conversation, channelData, ...extra };
  const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  expect(res.status).toBe(200);
  const text = await res.text();
  return text ? (JSON.parse(text) as Json) : {};
}

async function say(who: Person, text: string, where: 'trio' | 'personal' = 'personal'): Promise<string> {
  const before = connector.sent().length;
  const mention = where === 'trio' ? '<at>TRIO-bot</at> ' : '';
  const entities = where === 'trio' ? [{ type: 'mention', mentioned: { id: '28:bot', name: 'TRIO-bot' }, text: '<at>TRIO-bot</at>' }] : [];
  await post(who, where, { type: 'message', text: `${mention}${text}`, entities });
  return connector.sent().slice(before).map((r) => JSON.stringify(r.activity)).join('\n');
}

async function act(who: Person, verb: string, data: Json, where: 'trio' | 'personal' = 'personal'): Promise<string> {
  const before = connector.sent().length;
  const body = await post(who, where, { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb, data } } });
  return [JSON.stringify(body), ...connector.sent().slice(before).map((r) => JSON.stringify(r.activity))].join('\n');
}

const ref = () => ({ workplaceId: WP, caseId });
const store = () => new SicknessStore(t.app.ctx.storage, clock);
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
  connector = await startConnectorDouble();
  t = await startTestApp({}, clock);
  const w = t.app.ctx.workplaces;
  await w.create(WP, 'Bostedet Solhøj', people.lone.aad);
  await w.create('fjord', 'Botilbuddet Fjord', people.frede.aad);
  for (const [key, p] of Object.entries(people)) {
    const workplaceName = p.wp === WP ? 'Bostedet Solhøj' : 'Botilbuddet Fjord';
    await w.upsertMember({ workplaceId: p.wp, workplaceName, aadObjectId: p.aad, teamsUserId: `29:${key}`, name: p.name, roles: [...p.roles] as Role[] });
  }
  await w.linkChannel(WP, 'trio', TRIO, TEAM);
  await say('lone', 'hjælp', 'trio');
  await say('lone', 'sygemelding');
  await act('lone', 'sickness.open', { employee: `${WP}|${people.mads.aad}`, firstDay: '2026-11-24', partial: 'false', expectedDuration: 'ukendt' });
  caseId = (await store().list(WP))[0]!.id;
  await act('lone', 'sickness.samtale.book', { ...ref(), date: '2026-12-10', time: '10:00', place: 'Mødelokalet' });
});

afterAll(async () => {
  await t?.stop();
  await connector?.stop();
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
    const jobsBefore = (await t.app.engine.listOpen(WP)).length;
    for (const [verb, data] of forged()) {
      const answer = await act(who, verb, data);
      expect(answer, verb).not.toContain('Mads');
      expect(answer, verb).not.toContain('"type":"application/vnd.microsoft.card.adaptive"');
      expect(answer, verb).toMatch(/Jeg kan ikke finde det forløb|Kun arbejdsstedets ledere|Det har du ikke adgang til/);
    }
    expect(await snapshot()).toBe(before);
    expect((await t.app.engine.listOpen(WP)).length).toBe(jobsBefore);
    expect((await t.app.ctx.workplaces.get(WP))?.settings.sickness).toBeUndefined();
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
