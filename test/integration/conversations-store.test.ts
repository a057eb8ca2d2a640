/** ConversationStore writes a reference only when it really changes, so its row never says when a person last wrote. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { ConversationStore, CONVERSATIONS_TABLE } from '../../src/conversations/store.js';
import { testStorage } from '../support/storage.js';

const storage = testStorage();
const clock = new ManualClock('2026-11-23T09:00:00Z');
const ref = { kind: 'user' as const, key: 'aad-mads', reference: '{"conversation":{"id":"a:1on1-29:mads"}}', tenantId: 't', serviceUrl: 'http://x/' };
const row = () => storage.table(CONVERSATIONS_TABLE).getEntity<{ updatedAt: string; serviceUrl: string; active: boolean }>('user', 'aad-mads');

beforeAll(() => storage.ensure([CONVERSATIONS_TABLE]));

describe('ConversationStore', () => {
  it('writes a reference on first contact, and again only when it changed, also across restarts', async () => {
    await new ConversationStore(storage, clock).save(ref);
    const first = await row();
    expect(first.updatedAt).toBe('2026-11-23T09:00:00.000Z');

    // Later turns, in this process and after a restart (a fresh store, nothing cached): nothing is written.
    clock.set('2026-11-24T13:17:05Z');
    const same = new ConversationStore(storage, clock);
    await same.save(ref);
    await same.save(ref);
    await new ConversationStore(storage, clock).save({ ...ref });
    expect((await row()).etag).toBe(first.etag);

    // A real change (a new service URL) is written, once.
    clock.set('2026-11-25T08:00:00Z');
    await same.save({ ...ref, serviceUrl: 'http://y/' });
    const changed = await row();
    expect(changed).toMatchObject({ serviceUrl: 'http://y/', updatedAt: '2026-11-25T08:00:00.000Z' });
    await same.save({ ...ref, serviceUrl: 'http://y/' });
    expect((await row()).etag).toBe(changed.etag);
  });

  it('writes the same reference again when it had been deactivated (the person came back)', async () => {
    const store = new ConversationStore(storage, clock);
    await store.deactivate('user', 'aad-mads', 'blocked');
    expect((await row()).active).toBe(false);
    await new ConversationStore(storage, clock).save({ ...ref, serviceUrl: 'http://y/' });
    expect((await row()).active).toBe(true);
  });
});
