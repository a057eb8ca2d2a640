import { rolesIn, type Principal } from '../core/access.js';
import type { Role, Where } from '../core/types.js';
import { addDays, daysBetween, isoWeek, localDateOf, startOfIsoWeek, type LocalDate } from '../shared/calendar.js';
import { isOpen, type ActionItem } from './model.js';

/** Pure rules of the action plans: what is late, in which order, who may do what. */

/**
 * The fields the list, sorting and the digest need: all the list query reads. `emne` is
 * shortened (see shortEmne) so a long Emne does not travel 500 times for one list.
 */
export type ActionSummary = Pick<ActionItem, 'workplaceId' | 'number' | 'tema' | 'emne' | 'owner' | 'end' | 'status' | 'closedAt'>;

export const SHORT_EMNE = 140;

/** The start of an Emne for lists: whole words, an ellipsis when cut. */
export function shortEmne(emne: string): string {
  const flat = emne.replace(/\s+/g, ' ').trim();
  if (flat.length <= SHORT_EMNE) return flat;
  const cut = flat.slice(0, SHORT_EMNE - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > SHORT_EMNE / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export const PAGE_SIZE = 10;

/** Late: still open and its end date has passed (the end day itself is not late). */
export function isOverdue(a: Pick<ActionSummary, 'status' | 'end'>, today: LocalDate): boolean {
  return isOpen(a.status) && a.end < today;
}

export function daysOverdue(a: Pick<ActionSummary, 'end'>, today: LocalDate): number {
  return Math.max(0, daysBetween(a.end, today));
}

/** Overdue first, then by end date, then by number (stable for equal dates). */
export function compareOpen(today: LocalDate) {
  return (a: ActionSummary, b: ActionSummary): number => {
    const lateA = isOverdue(a, today) ? 0 : 1;
    const lateB = isOverdue(b, today) ? 0 : 1;
    if (lateA !== lateB) return lateA - lateB;
    if (a.end !== b.end) return a.end < b.end ? -1 : 1;
    if (a.workplaceId !== b.workplaceId) return a.workplaceId < b.workplaceId ? -1 : 1;
    return a.number - b.number;
  };
}

export interface ListFilter {
  mine: boolean;
  overdue: boolean;
  /** Case-insensitive part of the tema. */
  tema: string;
}

export const NO_FILTER: ListFilter = { mine: false, overdue: false, tema: '' };

/** "mine", "forsinkede" (and English "my", "overdue") anywhere; the rest is a tema. */
export function parseFilter(input: string): ListFilter {
  const words = input.trim().split(/\s+/).filter(Boolean);
  const filter: ListFilter = { ...NO_FILTER };
  const rest: string[] = [];
  for (const w of words) {
    const lw = w.toLocaleLowerCase('da-DK');
    if (lw === 'mine' || lw === 'my' || lw === 'mine:') filter.mine = true;
    else if (['forsinkede', 'forsinket', 'overdue', 'late'].includes(lw)) filter.overdue = true;
    else rest.push(w);
  }
  filter.tema = rest.join(' ').replace(/^tema:?\s*/i, '').trim();
  return filter;
}

export function applyFilter(list: readonly ActionSummary[], f: ListFilter, userId: string, today: LocalDate): ActionSummary[] {
  const tema = f.tema.toLocaleLowerCase('da-DK');
  return list.filter(
    (a) =>
      isOpen(a.status) &&
      (!f.mine || a.owner.id === userId) &&
      (!f.overdue || isOverdue(a, today)) &&
      (!tema || a.tema.toLocaleLowerCase('da-DK').includes(tema)),
  );
}

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
}

export function pageOf<T>(list: readonly T[], page: number, size = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(list.length / size));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  return { items: list.slice((current - 1) * size, current * size), page: current, pages };
}

/** Roles that may change any action of their workplace. */
export const CHANGER_ROLES: readonly Role[] = ['leder', 'TR', 'AMR'];

export function mayCreate(p: Principal, workplaceId: string): boolean {
  return rolesIn(p, workplaceId).some((r) => CHANGER_ROLES.includes(r));
}

/** Leaders, TR and AMR of the action's workplace, and the member who owns it. */
export function mayChange(p: Principal, action: Pick<ActionItem, 'workplaceId' | 'owner'>): boolean {
  return mayCreate(p, action.workplaceId) || (action.owner.id !== undefined && action.owner.id === p.userId.toLowerCase());
}

/**
 * Reading: everyone in the workplace's registered TRIO/MED channel (actions are not
 * personal data); elsewhere (personal chat, reminders), members of the workplace.
 */
export function mayRead(p: Principal, where: Where, workplaceId: string): boolean {
  if (where.scope === 'channel') return p.channel?.workplaceId === workplaceId;
  return p.memberships.some((m) => m.workplaceId === workplaceId);
}

export interface Digest {
  open: number;
  dueThisWeek: ActionSummary[];
  overdue: ActionSummary[];
  completedLastWeek: ActionSummary[];
}

/** The Monday digest of one workplace: `now` is the moment it is made. */
export function digestOf(actions: readonly ActionSummary[], now: Date): Digest {
  const today = localDateOf(now);
  const week = isoWeek(today);
  const monday = startOfIsoWeek(week.year, week.week);
  const sunday = addDays(monday, 6);
  const lastMonday = addDays(monday, -7);
  const open = actions.filter((a) => isOpen(a.status));
  const sort = compareOpen(today);
  return {
    open: open.length,
    dueThisWeek: open.filter((a) => !isOverdue(a, today) && a.end <= sunday).sort(sort),
    overdue: open.filter((a) => isOverdue(a, today)).sort(sort),
    completedLastWeek: actions
      .filter((a) => a.status === 'done' && a.closedAt && localDateOf(new Date(a.closedAt)) >= lastMonday && localDateOf(new Date(a.closedAt)) < monday)
      .sort((a, b) => a.number - b.number),
  };
}

export function isEmptyDigest(d: Digest): boolean {
  return d.open === 0 && d.completedLastWeek.length === 0;
}

/** What the digest says, as a short key: a digest is only sent when this changed. */
export function digestFingerprint(d: Digest, actions: readonly ActionSummary[]): string {
  const ids = (l: ActionSummary[]) => l.map((a) => a.number).join(',');
  const state = actions
    .filter((a) => isOpen(a.status))
    .map((a) => `${a.number}:${a.status}:${a.end}:${a.owner.id ?? a.owner.name}`)
    .sort()
    .join('|');
  return `${d.open};${ids(d.dueThisWeek)};${ids(d.overdue)};${ids(d.completedLastWeek)};${state}`;
}
