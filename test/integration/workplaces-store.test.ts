import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { ConversationStore, CONVERSATIONS_TABLE } from '../../src/conversations/store.js';
import { EventLog, EVENTS_TABLE } from '../../src/events/event-log.js';
import { workplaceIdFromName } from '../../src/workplaces/model.js';
import { WORKPLACE_TABLES, WorkplaceStore } from '../../src/workplaces/store.js';
import { testStorage } from '../support/storage.js';

const storage = testStorage();
const clock = new ManualClock('2026-11-23T09:00:00Z');
const store = new WorkplaceStore(storage, clock);
const events = new EventLog(storage, clock);
const conversations = new ConversationStore(storage, clock);

beforeAll(async () => {
  await storage.ensure([...WORKPLACE_TABLES, EVENTS_TABLE, CONVERSATIONS_TABLE]);
});

describe('WorkplaceStore on Azurite', () => {
  it('derives stable ids from Danish names', () => {
    expect(workplaceIdFromName('Bostedet Solhøj')).toBe('bostedet-solhoej');
    expect(workplaceIdFromName('  Åbo Ærø  ')).toBe('aabo-aeroe');
  });

  it('creates a workplace once; a second create reports it exists', async () => {
    expect(await store.create('solhoej', 'Bostedet Solhøj', 'u-leader')).toBe(true);
    expect(await store.create('solhoej', 'Bostedet Solhøj', 'u-other')).toBe(false);
    expect((await store.get('solhoej'))?.createdBy).toBe('u-leader');
  });

  it('links a channel and finds the workplace from the channel; relinking moves it', async () => {
    await store.linkChannel('solhoej', 'trio', '19:trio@thread.tacv2', 'team-1');
    expect(await store.channel('19:trio@thread.tacv2')).toEqual({ workplaceId: 'solhoej', workplaceName: 'Bostedet Solhøj', forum: 'trio' });
    await store.linkChannel('solhoej', 'trio', '19:new@thread.tacv2', 'team-1');
    expect(await store.channel('19:trio@thread.tacv2')).toBeUndefined();
    expect((await store.get('solhoej'))?.trio).toEqual({ conversationId: '19:new@thread.tacv2', teamId: 'team-1' });
  });

  it('keeps members by workplace and by person in step', async () => {
    await store.create('fjord', 'Botilbuddet Fjord', 'u-leader');
    const base = { teamsUserId: '29:a', name: 'Amira', workplaceName: 'Bostedet Solhøj' };
    await store.upsertMember({ ...base, workplaceId: 'solhoej', aadObjectId: 'a1', roles: ['AMR', 'medarbejder'] });
    await store.upsertMember({ ...base, workplaceId: 'fjord', workplaceName: 'Botilbuddet Fjord', aadObjectId: 'a1', roles: ['medarbejder'] });
    const memberships = await store.membershipsOf('a1');
    expect(memberships.map((m) => [m.workplaceId, m.roles.join(',')]).sort()).toEqual([
      ['fjord', 'medarbejder'],
      ['solhoej', 'AMR,medarbejder'],
    ]);
    expect((await store.members('solhoej')).map((m) => m.aadObjectId)).toEqual(['a1']);
    await store.removeMember('fjord', 'a1');
    expect((await store.membershipsOf('a1')).map((m) => m.workplaceId)).toEqual(['solhoej']);
    expect(await store.members('fjord')).toEqual([]);
  });

  it('merges feature settings without losing another feature\'s settings', async () => {
    await Promise.all([store.updateSettings('solhoej', 'pulse', { day: 1 }), store.updateSettings('solhoej', 'sickness', { model: '1-3-10' })]);
    expect((await store.get('solhoej'))?.settings).toEqual({ pulse: { day: 1 }, sickness: { model: '1-3-10' } });
  });
});

describe('EventLog', () => {
  it('appends and lists newest first per workplace', async () => {
    await events.append({ workplaceId: 'solhoej', actorId: 'u1', type: 'a.first' });
    clock.advance(1000);
    await events.append({ workplaceId: 'solhoej', actorId: 'u1', type: 'a.second', data: { field: 'x', old: 1, new: 2 } });
    await events.append({ workplaceId: 'other', actorId: 'u1', type: 'b' });
    const list = await events.list('solhoej');
    expect(list.map((e) => e.type)).toEqual(['a.second', 'a.first']);
    expect(list[0]?.data).toEqual({ field: 'x', old: 1, new: 2 });
  });

  it('refuses fields that could hold health information', async () => {
    await expect(events.append({ workplaceId: 'w', actorId: 'u', type: 't', data: { diagnose: 'x' } })).rejects.toThrow(/not allowed/);
    await expect(events.append({ workplaceId: 'w', actorId: 'u', type: 't', data: { cause: 'x' } })).rejects.toThrow(/not allowed/);
    expect(await events.list('w')).toEqual([]);
  });
});

describe('ConversationStore', () => {
  it('stores, deactivates and reactivates a user reference', async () => {
    await conversations.save({ kind: 'user', key: 'u1', reference: '{"a":1}', tenantId: 't', serviceUrl: 'http://x/' });
    expect((await conversations.get('user', 'u1'))?.active).toBe(true);
    await conversations.deactivate('user', 'u1', 'blocked');
    expect(await conversations.get('user', 'u1')).toMatchObject({ active: false, inactiveReason: 'blocked' });
    await conversations.save({ kind: 'user', key: 'u1', reference: '{"a":1}', tenantId: 't', serviceUrl: 'http://x/' });
    expect((await conversations.get('user', 'u1'))?.active).toBe(true);
  });

  it('deactivates every channel of a team when the bot is removed from it', async () => {
    await conversations.save({ kind: 'channel', key: '19:a@thread', reference: '{}', tenantId: 't', serviceUrl: 's', teamId: 'team-9' });
    await conversations.save({ kind: 'channel', key: '19:b@thread', reference: '{}', tenantId: 't', serviceUrl: 's', teamId: 'team-9' });
    await conversations.save({ kind: 'channel', key: '19:c@thread', reference: '{}', tenantId: 't', serviceUrl: 's', teamId: 'team-other' });
    expect(await conversations.deactivateTeam('team-9', 'uninstalled')).toBe(2);
    expect((await conversations.get('channel', '19:a@thread'))?.active).toBe(false);
    expect((await conversations.get('channel', '19:c@thread'))?.active).toBe(true);
  });
});
