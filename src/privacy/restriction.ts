/**
 * Restriction (art. 18): while a person's data is restricted, nothing is sent to them
 * and they change nothing through the bot.
 *
 * - Sends: the outbox resolves its targets through RestrictionAwareConversations, which
 *   answers for a restricted person as for one who blocked the bot ("restricted"): the
 *   job ends without a send and without opening a chat, and `status` shows it as not sent.
 * - Changes: every turn of a restricted person is refused with a Danish explanation
 *   before any command or card verb runs (restrictedTurn, used by the composition root).
 */
import type { Clock } from '../core/clock.js';
import { UserError } from '../core/errors.js';
import { ConversationStore, type StoredTarget, type TargetKind } from '../conversations/store.js';
import { privacyText as t } from '../i18n/privacy.js';
import type { Storage } from '../storage/tables.js';
import type { PrivacyStore } from './store.js';

export const RESTRICTED = 'restricted';

/**
 * The app's one ConversationStore, seen by the outbox: every call goes to `inner` (so its
 * cache of what is stored stays the one cache), except that a restricted person reads as
 * unreachable.
 */
export class RestrictionAwareConversations extends ConversationStore {
  constructor(
    storage: Storage,
    clock: Clock,
    private readonly inner: ConversationStore,
    private readonly privacy: PrivacyStore,
  ) {
    super(storage, clock);
  }

  override async get(kind: TargetKind, key: string): Promise<StoredTarget | undefined> {
    if (kind === 'user' && (await this.privacy.isRestricted(key))) {
      return { kind, key, reference: '', tenantId: '', serviceUrl: '', active: false, inactiveReason: RESTRICTED, updatedAt: '' };
    }
    return this.inner.get(kind, key);
  }

  override save(target: Parameters<ConversationStore['save']>[0]): Promise<void> {
    return this.inner.save(target);
  }

  override deactivate(kind: TargetKind, key: string, reason: string): Promise<void> {
    return this.inner.deactivate(kind, key, reason);
  }

  override deactivateTeam(teamId: string, reason: string): Promise<number> {
    return this.inner.deactivateTeam(teamId, reason);
  }
}

/** Refuses the turn of a restricted person (a UserError the dispatcher answers with). */
export async function refuseIfRestricted(privacy: PrivacyStore, aadObjectId: string): Promise<void> {
  if (await privacy.isRestricted(aadObjectId)) throw new UserError('FORBIDDEN', t.restrictedRefusal);
}
