import type { Principal } from '../core/access.js';
import type { Turn } from '../core/types.js';
import type { WorkplaceStore } from './store.js';

/** Resolves who is acting: two cheap reads (a point read and one partition query). */
export async function resolvePrincipal(
  store: WorkplaceStore,
  bootstrapLeaders: readonly string[],
  turn: Turn,
): Promise<Principal> {
  const [memberships, channel] = await Promise.all([
    store.membershipsOf(turn.actor.aadObjectId),
    turn.where.scope === 'channel' ? store.channel(turn.where.conversationId) : Promise.resolve(undefined),
  ]);
  return {
    userId: turn.actor.aadObjectId,
    name: turn.actor.name,
    memberships,
    ...(channel ? { channel } : {}),
    bootstrapLeader: bootstrapLeaders.includes(turn.actor.aadObjectId.toLowerCase()),
  };
}
