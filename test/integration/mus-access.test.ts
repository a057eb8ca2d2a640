import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Role } from '../../src/core/types.js';
import type { DevPlan, Draft, Invite, Talk } from '../../src/mus/model.js';
import { MusStore } from '../../src/mus/store.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double.js';

/**
 * Preparation notes and udviklingsplaner belong to the employee and the leaders of the
 * workplace. A TR, a colleague and a leader of another workplace try every MUS command
 * and every MUS card verb, with data crafted to point at Sofie's talk and plan, in their
 * personal chat and in the MED channel: nothing of Sofie's reaches them and nothing of
 * hers changes. A leader cannot pull private content into a channel either.
 */
const WP = 'bostedet-solhoej';
const OTHER = 'botilbuddet-fjord';
const MED = '19:solhoej-general@thread.tacv2';
const NOTE = 'HEMMELIG-NOTE om min mor';
const GOAL = 'HEMMELIG-PLAN om lederuddannelse';
const people = {
  lone: { aad: 'a4d3c3f9-ba13-4d91-b1f1-e0c7908d7f5e', name: 'Lone Leder', wp: WP, roles: ['leder'] },
  tobias: { aad: '8c0f0366-3ba4-4409-9656-60d5a0faa1e4', name: 'Tobias Tillid', wp: WP, roles: ['TR', 'medarbejder'] },
  mads: { aad: '1d6f2bad-7e25-44e6-adbc-b35517fc5e04', name: 'Mads Medarbejder', wp: WP, roles: ['medarbejder'] },
  sofie: { aad: '6fe681aa-4832-490f-bed8-a2dfd1374330', name: 'Sofie Social', wp: WP, roles: ['medarbejder'] },
  karl: { aad: '0b7e3f3a-1111-4c4c-9999-000000000001', name: 'Karl Fjordleder', wp: OTHER, roles: ['leder'] },
} as const;
type Person = keyof typeof people;
type Json = Record<string, unknown>;

let connector: ConnectorDouble;
let t: TestApp;
let store: MusStore;
const clock = new ManualClock('2026-12-01T08:00:00Z');
const planned = { id: 'tplanned', start: zonedInstant('2026-12-10', '09:00') };
const held = { id: 'theld', start: zonedInstant('2026-11-20', '09:00') };

async function post(activity: Json): Promise<string> {
  const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  expect(res.status).toBe(200);
  return res.text();
}

function base(who: Person, channel: boolean): Json {
  const p = people[who];
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: `29:${who}`, aadObjectId: p.aad, name: p.name },
    recipient: { id: '28:bot', name: 'TRIO-bot' },
    conversation: channel ? { id: `${MED};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: 'tenant' } : { id: `a:1on1-29:${who}`, conversationType: 'personal', tenantId: 'tenant' },
    channelData: channel ? { team: { id: MED }, channel: { id: MED }, tenant: { id: 'tenant' } } : { tenant: { id: 'tenant' } },
  };
}

/** Everything the bot answered to one activity: the invoke body and the messages it sent. */
async function answer(activity: Json): Promise<string> {
  const before = connector.sent().length;
  const body = await post(activity);
  const sent = connector.sent().slice(before).map((r) => ({ text: r.activity.text, attachments: r.activity.attachments }));
  return body + JSON.stringify(sent);
}

const say = (who: Person, channel: boolean, text: string) =>
  answer({ ...base(who, channel), type: 'message', text: channel ? `<at>TRIO-bot</at> ${text}` : text, entities: channel ? [{ type: 'mention', mentioned: { id: '28:bot', name: 'TRIO-bot' }, text: '<at>TRIO-bot</at>' }] : [] });
const execute = (who: Person, channel: boolean, verb: string, data: Json) =>
  answer({ ...base(who, channel), type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } } } });

/** Data aimed at Sofie's talks and plan, with a value for every field any MUS verb reads. */
const crafted = (talkId: string): Json => ({
  workplaceId: WP, talkId, version: '1', draftId: 'd1', aadObjectId: people.sofie.aad, notes: 'overskrevet', senior: 'true', reason: 'other', questions: 'Et spørgsmål?', seniorAge: '60',
  date: '2026-12-11', time: '13:00', outcome: 'held', shortGoals: 'x', longGoals: 'y', activities: 'projekt', knowledgeSharing: 'z', followUpOn: '2027-06-01',
  ids: people.sofie.aad, [`s_${people.sofie.aad}`]: '2001-01-01', [`b_${people.sofie.aad}`]: '1950', d_0: '2026-12-11', t_0: '13:00',
  from: '2026-12-14', to: '2026-12-18', windowStart: '09:00', windowEnd: '15:00', duration: '60', place: 'X', mode: 'individual', participants: people.sofie.aad,
});

/** Sofie's private rows, to prove nothing changed. */
async function sofiesRows(): Promise<unknown> {
  const sofie = people.sofie.aad;
  return {
    notes: await store.notes(WP, planned.id, sofie),
    invite: await store.invite(WP, planned.id, sofie),
    talks: (await store.talks(WP)).map((x) => [x.id, x.status, x.start.toISOString(), x.version]),
    plan: await store.plan(WP, held.id, sofie),
    member: await t.app.ctx.workplaces.member(WP, sofie),
  };
}

beforeAll(async () => {
  connector = await startConnectorDouble();
  t = await startTestApp({}, clock);
  store = new MusStore(t.app.ctx.storage);
  const w = t.app.ctx.workplaces;
  await w.create(WP, 'Bostedet Solhøj', people.lone.aad);
  await w.create(OTHER, 'Botilbuddet Fjord', people.karl.aad);
  for (const [key, p] of Object.entries(people)) {
    await w.upsertMember({ workplaceId: p.wp, workplaceName: p.wp === WP ? 'Bostedet Solhøj' : 'Botilbuddet Fjord', aadObjectId: p.aad, teamsUserId: `29:${key}`, name: p.name, roles: [...p.roles] as Role[] });
  }
  await w.linkChannel(WP, 'med', MED, MED);
  const talk = (x: { id: string; start: Date }): Talk => ({
    workplaceId: WP, id: x.id, draftId: 'd1', leaderId: people.lone.aad, leaderName: 'Lone Leder', label: 'Sofie Social', mode: 'individual',
    participantIds: [people.sofie.aad], start: x.start, end: new Date(x.start.getTime() + 3_600_000), place: 'Mødelokalet', status: 'planned', version: 1,
  });
  const invite = (talkId: string): Invite => ({ workplaceId: WP, talkId, aadObjectId: people.sofie.aad, name: 'Sofie Social', response: 'pending', seniorOffered: false, seniorWanted: false });
  const draft: Draft = {
    workplaceId: WP, id: 'd1', leaderId: people.lone.aad, leaderName: 'Lone Leder',
    params: { from: '2026-11-16', to: '2026-12-18', durationMinutes: 60, windowStart: '09:00', windowEnd: '15:00', place: 'Mødelokalet', mode: 'individual' },
    slots: [], unplannedNames: [], names: {}, status: 'draft', createdAt: clock.now().toISOString(),
  };
  await store.saveDraft(draft);
  await store.sendDraft(draft, (await store.draft(WP, 'd1'))!.etag, [talk(planned), talk(held)], [invite(planned.id), invite(held.id)]);
  await store.saveNotes(WP, planned.id, people.sofie.aad, NOTE, clock.now().toISOString());
  const plan: DevPlan = {
    workplaceId: WP, talkId: held.id, aadObjectId: people.sofie.aad, name: 'Sofie Social', heldOn: '2026-11-20', shortGoals: GOAL, longGoals: GOAL,
    activities: ['kursus'], activityNote: GOAL, knowledgeSharing: GOAL, followUpOn: '2027-05-20', createdBy: people.lone.aad, createdAt: clock.now().toISOString(),
  };
  await store.register((await store.talk(WP, held.id))!, 'held', people.lone.aad, clock.now().toISOString(), [plan]);
});

afterAll(async () => {
  await t?.stop();
  await connector?.stop();
});

describe('MUS access', () => {
  it('Sofie herself sees her notes and her plan', async () => {
    const mine = await say('sofie', false, 'min MUS');
    expect(mine).toContain('HEMMELIG-NOTE');
    expect(mine).toContain('HEMMELIG-PLAN');
  });

  const attackers: [Person, boolean][] = [['tobias', false], ['tobias', true], ['mads', false], ['mads', true], ['karl', false]];

  it.each(attackers)('%s (in channel: %s) gets nothing of Sofie from any MUS verb, and changes nothing', async (who, channel) => {
    const verbs = t.app.router.all().map((v) => v.verb).filter((v) => v.startsWith('mus.'));
    expect(verbs.length).toBeGreaterThanOrEqual(13);
    const before = await sofiesRows();
    for (const verb of verbs) {
      for (const talkId of [planned.id, held.id]) {
        const res = await execute(who, channel, verb, crafted(talkId));
        expect(res, `${verb} as ${who}`).not.toContain('HEMMELIG');
        expect(res, `${verb} as ${who}`).not.toContain('Lone Leder');
        // The data is valid for every verb, so what refused it was the access check, not validation.
        expect(res, `${verb} as ${who}`).not.toContain('Ret venligst');
      }
    }
    expect(await sofiesRows()).toEqual(before);
  });

  it.each(attackers)('%s (in channel: %s) gets nothing of Sofie from any MUS command', async (who, channel) => {
    const commands = t.app.registry.all().filter((c) => c.id.startsWith('mus.'));
    for (const c of commands) {
      for (const text of [c.name, `${c.name} Bostedet Solhøj`]) {
        const res = await say(who, channel, text);
        expect(res, `${text} as ${who}`).not.toContain('HEMMELIG');
        expect(res, `${text} as ${who}`).not.toContain('Sofie');
      }
    }
  });

  it('refuses a TR and a colleague by name, not by silence', async () => {
    expect(await execute('tobias', false, 'mus.notes', crafted(planned.id))).toContain('Den MUS kan du ikke se');
    expect(await execute('mads', false, 'mus.ack', crafted(held.id))).toContain('Den MUS kan du ikke se');
    expect(await execute('tobias', false, 'mus.register', crafted(planned.id))).toContain('Det har du ikke adgang til');
    expect(await execute('karl', false, 'mus.move', crafted(planned.id))).toContain('Kun en leder på arbejdspladsen');
  });

  it("keeps even the leader's private MUS content out of channels", async () => {
    for (const verb of ['mus.notes', 'mus.accept', 'mus.register', 'mus.move', 'mus.propose', 'mus.people.save']) {
      const res = await execute('lone', true, verb, crafted(planned.id));
      expect(res, verb).toContain('private chat');
      expect(res, verb).not.toContain('HEMMELIG');
    }
    const status = await say('lone', true, 'MUS status');
    expect(status).toContain('Skal have MUS');
    expect(status).not.toContain('Sofie');
  });
});
