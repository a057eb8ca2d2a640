import type { Forum } from '../../src/core/access.js';
import type { Role } from '../../src/core/types.js';
import type { WorkplaceStore } from '../../src/workplaces/store.js';

/** A workplace as a test sets it up: its leader, and the channels linked as TRIO or MED. */
export interface SeedWorkplace {
  id: string;
  name: string;
  /** AAD id of the leader who created it. */
  createdBy: string;
  links?: readonly { forum: Forum; conversationId: string; teamId: string }[];
}

export interface SeedMember {
  aadObjectId: string;
  teamsUserId: string;
  name: string;
  roles: readonly Role[];
}

/**
 * Creates the workplace, adds the members and links the channels, as a leader would with
 * the setup commands. Someone without a role is not added: a guest who is not a member.
 */
export async function seedWorkplace(workplaces: WorkplaceStore, wp: SeedWorkplace, members: readonly SeedMember[]): Promise<void> {
  await workplaces.create(wp.id, wp.name, wp.createdBy);
  for (const m of members) {
    if (m.roles.length === 0) continue;
    await workplaces.upsertMember({ workplaceId: wp.id, workplaceName: wp.name, aadObjectId: m.aadObjectId, teamsUserId: m.teamsUserId, name: m.name, roles: [...m.roles] });
  }
  for (const link of wp.links ?? []) await workplaces.linkChannel(wp.id, link.forum, link.conversationId, link.teamId);
}
