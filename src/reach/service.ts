import type { ConversationStore } from '../conversations/store.js';
import type { RosterMember } from '../core/types.js';
import { reachText as t } from '../i18n/reach.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { classifyReach, UNREACHABLE, type ReachEntry, type ReachFacts } from './reach.js';

/** Pages through a team's roster (the bot layer's Turn.roster with a team id). */
export type RosterOf = (teamId: string) => AsyncIterable<RosterMember>;

export interface ReachReport {
  entries: ReachEntry[];
  /** False when a team roster could not be read. */
  rosterKnown: boolean;
}

export interface ReachDeps {
  workplaces: WorkplaceStore;
  conversations: ConversationStore;
}

/** Gathers who in a workplace has a working personal chat, and the team roster, for classifyReach. */
export class ReachService {
  /** True when `installér bot` can install the app through Graph (GRAPH_INSTALL_TEAMS_APP_ID). */
  canInstall = false;

  constructor(private readonly deps: ReachDeps) {}

  async report(workplaceId: string, rosterOf: RosterOf): Promise<ReachReport> {
    const [workplace, members] = await Promise.all([this.deps.workplaces.get(workplaceId), this.deps.workplaces.members(workplaceId)]);
    const people = members.filter((m) => m.roles.length > 0);
    const facts: ReachFacts[] = await Promise.all(
      people.map(async (m) => {
        const chat = await this.deps.conversations.get('user', m.aadObjectId);
        return { aadObjectId: m.aadObjectId, name: m.name, ...(chat ? { chat: { active: chat.active, ...(chat.inactiveReason ? { inactiveReason: chat.inactiveReason } : {}) } } : {}) };
      }),
    );
    const teams = [...new Set([workplace?.trio?.teamId, workplace?.med?.teamId].filter((x): x is string => !!x))];
    let team: Set<string> | undefined;
    if (teams.length > 0) {
      try {
        team = new Set();
        for (const teamId of teams) for await (const m of rosterOf(teamId)) team.add(m.aadObjectId.toLowerCase());
      } catch {
        team = undefined;
      }
      if (team?.size === 0) team = undefined; // a team has members: an empty answer is not a roster
    }
    return { entries: classifyReach(facts, team), rosterKnown: team !== undefined };
  }
}

/** The report as Danish markdown for `status`. Pure. */
export function reachSection(report: ReachReport, options: { canInstall?: boolean } = {}): string {
  const { entries } = report;
  const unreachable = entries.filter((e) => UNREACHABLE.includes(e.state));
  const noChat = entries.filter((e) => e.state === 'noChat');
  const lines = [t.header(entries.length - unreachable.length, entries.length)];
  if (unreachable.length === 0 && noChat.length === 0) lines.push(t.everyone);
  if (unreachable.length > 0) {
    lines.push(t.cannot(unreachable.length));
    for (const e of unreachable) lines.push(t.line(e.name, t.why[e.state as keyof typeof t.why]));
  }
  if (noChat.length > 0) lines.push(t.noChatHeader(noChat.length), t.names(noChat.map((e) => e.name)));
  if (!report.rosterKnown) lines.push(t.rosterUnknown);
  if (options.canInstall && unreachable.some((e) => e.state === 'notInTeam')) lines.push(t.canInstall);
  else if (unreachable.length > 0) lines.push(t.howToFix);
  return lines.join('\n');
}
