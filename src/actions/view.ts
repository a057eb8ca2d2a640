import type { Principal } from '../core/access.js';
import type { Clock } from '../core/clock.js';
import { UserError } from '../core/errors.js';
import type { CardJson } from '../core/types.js';
import { actionsText as t } from '../i18n/actions.js';
import { localDateOf } from '../shared/calendar.js';
import type { Member } from '../workplaces/model.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { detailCard, formCard, listCard, type FormView } from './cards.js';
import { displayNumber, type ActionItem, type LogEntry, type MemberChoice } from './model.js';
import { applyFilter, compareOpen, isOverdue, mayCreate, pageOf, type ActionSummary, type ListFilter } from './rules.js';
import type { ActionStore } from './store.js';

/** Loads what a card needs and renders it: the one place that joins actions, members and workplaces. */
export class ActionView {
  constructor(
    private readonly deps: { store: ActionStore; workplaces: WorkplaceStore; clock: Clock },
  ) {}

  private today(): string {
    return localDateOf(this.deps.clock.now());
  }

  async members(workplaceId: string): Promise<MemberChoice[]> {
    return choicesOf(await this.deps.workplaces.members(workplaceId));
  }

  /** The AAD ids of the workplace's leaders: they get the reminders of a group that names no person. */
  async leaderIds(workplaceId: string): Promise<string[]> {
    return (await this.deps.workplaces.membersWithRole(workplaceId, 'leder')).map((m) => m.aadObjectId);
  }

  async workplaceName(workplaceId: string, principal?: Principal): Promise<string> {
    if (principal?.channel?.workplaceId === workplaceId) return principal.channel.workplaceName;
    const m = principal?.memberships.find((x) => x.workplaceId === workplaceId);
    return m?.workplaceName ?? (await this.deps.workplaces.get(workplaceId))?.name ?? workplaceId;
  }

  async detailFor(action: ActionItem, log?: LogEntry[], principal?: Principal, note?: string): Promise<CardJson> {
    const [entries, people, workplaceName] = await Promise.all([
      log ? Promise.resolve(log) : this.deps.store.getWithLog(action.workplaceId, action.number).then((r) => r?.log ?? []),
      this.deps.workplaces.members(action.workplaceId),
      this.workplaceName(action.workplaceId, principal),
    ]);
    return detailCard({ action, log: entries, members: choicesOf(people), viewers: viewersOf(people, action.owner.id), workplaceName, today: this.today(), ...(note ? { note } : {}) });
  }

  /** The full action with its log, or a Danish "not found". */
  async detail(workplaceId: string, number: number, principal?: Principal, note?: (a: ActionItem) => string): Promise<CardJson> {
    const found = await this.deps.store.getWithLog(workplaceId, number);
    if (!found) throw new UserError('NOT_FOUND', t.notFound(displayNumber(number)));
    return this.detailFor(found.action, found.log, principal, note?.(found.action));
  }

  async form(workplaceId: string, principal: Principal, values?: FormView['values']): Promise<CardJson> {
    const [members, workplaceName] = await Promise.all([this.members(workplaceId), this.workplaceName(workplaceId, principal)]);
    return formCard({ workplaceId, workplaceName, members, ...(values ? { values } : {}) });
  }

  /** Open actions of the channel's workplace: one partition query. */
  async channelList(principal: Principal, filter: ListFilter, page: number): Promise<CardJson> {
    const channel = principal.channel;
    if (!channel) throw new UserError('WRONG_PLACE', t.needChannel);
    const [open, people] = await Promise.all([
      this.deps.store.listOpen(channel.workplaceId, filter.mine ? principal.userId : undefined),
      this.deps.workplaces.members(channel.workplaceId),
    ]);
    return this.list(open, principal, filter, page, {
      title: t.list.title(channel.workplaceName),
      personal: false,
      viewers: viewersOf(people, principal.userId),
      ...(mayCreate(principal, channel.workplaceId) ? { createFor: channel.workplaceId } : {}),
    });
  }

  /** In personal chat: the user's own open actions in every workplace they belong to (one partition query each). */
  async personalList(principal: Principal, filter: ListFilter, page: number): Promise<CardJson> {
    if (principal.memberships.length === 0) throw new UserError('FORBIDDEN', t.notMember);
    const lists = await Promise.all(principal.memberships.map((m) => this.deps.store.listOpen(m.workplaceId, principal.userId)));
    const names = new Map(principal.memberships.map((m) => [m.workplaceId, m.workplaceName]));
    return this.list(lists.flat(), principal, { ...filter, mine: true }, page, {
      title: t.list.titleMine,
      personal: true,
      // Only its reader sees a personal list; it refreshes by hand.
      viewers: [],
      ...(principal.memberships.length > 1 ? { showWorkplace: (id: string) => names.get(id) ?? id } : {}),
    });
  }

  private list(
    open: ActionSummary[],
    principal: Principal,
    filter: ListFilter,
    page: number,
    opts: { title: string; personal: boolean; viewers: readonly string[]; createFor?: string; showWorkplace?: (id: string) => string },
  ): CardJson {
    const today = this.today();
    const shown = applyFilter(open, filter, principal.userId, today).sort(compareOpen(today));
    return listCard({
      ...opts,
      filter,
      totalOpen: shown.length,
      totalOverdue: shown.filter((a) => isOverdue(a, today)).length,
      page: pageOf(shown, page),
      today,
    });
  }
}

const choicesOf = (people: readonly Member[]): MemberChoice[] => people.map((m) => ({ id: m.aadObjectId, name: m.name }));

/**
 * Who sees a card of the workplace, as Teams user ids for its refresh (at most 60 are
 * used): the person it is about first, then TRIO (leader, TR, AMR), then everyone else.
 */
export function viewersOf(people: readonly Member[], firstAad?: string): string[] {
  const rank = (m: Member) => (m.aadObjectId === firstAad ? 0 : m.roles.some((r) => r !== 'medarbejder') ? 1 : 2);
  return [...people].sort((a, b) => rank(a) - rank(b)).map((m) => m.teamsUserId).filter(Boolean);
}
