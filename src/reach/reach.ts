/**
 * Who in a workplace the bot can reach in a personal chat, and why not. Pure: the
 * service (service.ts) gathers the facts, this decides. Teams lets a bot open a personal
 * chat only with someone in a team where the bot is installed (or who installed the app
 * personally); someone who blocked the bot or removed the app is not written to again.
 */

export type ReachState =
  /** A personal chat exists and works. */
  | 'reachable'
  /** No personal chat yet; the bot opens one at the first message (the person is in the team). */
  | 'noChat'
  /** Not a member of the workplace's team: the bot cannot open a chat (see README, "Reaching everyone"). */
  | 'notInTeam'
  /** Blocked the bot (Teams answered 403). */
  | 'blocked'
  /** Removed the app from their personal apps. */
  | 'uninstalled';

export interface ReachFacts {
  aadObjectId: string;
  name: string;
  /** The stored personal chat, if any. */
  chat?: { active: boolean; inactiveReason?: string };
}

export interface ReachEntry {
  aadObjectId: string;
  name: string;
  state: ReachState;
}

/** The states in which the bot cannot deliver a personal message. */
export const UNREACHABLE: readonly ReachState[] = ['notInTeam', 'blocked', 'uninstalled'];

/**
 * `team`: the AAD object ids of the workplace's team(s), or undefined when the roster could
 * not be read (then nobody is reported as outside the team).
 */
export function classifyReach(people: readonly ReachFacts[], team: ReadonlySet<string> | undefined): ReachEntry[] {
  return people.map((p) => ({ aadObjectId: p.aadObjectId, name: p.name, state: stateOf(p, team) }));
}

function stateOf(p: ReachFacts, team: ReadonlySet<string> | undefined): ReachState {
  if (p.chat && !p.chat.active) return p.chat.inactiveReason === 'uninstalled' ? 'uninstalled' : 'blocked';
  if (p.chat) return 'reachable';
  if (team && !team.has(p.aadObjectId.toLowerCase())) return 'notInTeam';
  return 'noChat';
}
