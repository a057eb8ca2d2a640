import type { z } from 'zod';
import { renderCard, withRefresh } from '../core/cards.js';
import { danishIssues } from '../core/validation.js';
import type { CardJson } from '../core/types.js';
import { formatDate, formatDateTime } from '../i18n/da.js';
import { actionsText as t } from '../i18n/actions.js';
import { formatDanishDate, isoWeek, localDateOf, type LocalDate } from '../shared/calendar.js';
import { ACTION_SOURCES, displayNumber, formLabels, isOpen, type ActionItem, type LogEntry, type MemberChoice, ACTION_VERBS } from './model.js';
import { isOngoingLabel } from './when.js';
import { daysOverdue, isOverdue, type ActionSummary, type Digest, type ListFilter, type Page } from './rules.js';

/** Typed expansions of cards/actions-*.json. Every decision is made here, not in the templates. */

const FORM_FIELDS = ['tema', 'emne', 'maal', 'hvad', 'start', 'end', 'dokumentation', 'owner', 'ownerGroup', 'effekt', 'source'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export const REFRESH_VERB = ACTION_VERBS.refresh;

function ownerName(a: Pick<ActionSummary, 'owner'>): string {
  return a.owner.name || '–';
}

export interface ListView {
  title: string;
  filter: ListFilter;
  /** Show the workplace of each item (personal chat, across workplaces). */
  showWorkplace?: (workplaceId: string) => string;
  totalOpen: number;
  totalOverdue: number;
  page: Page<ActionSummary>;
  today: LocalDate;
  /** Where "Ny handling" creates (channel of a workplace, for leader/TR/AMR). */
  createFor?: string;
  personal: boolean;
  /** Teams user ids of the people who see the list: their copy refreshes itself. */
  viewers: readonly string[];
}

export function listCard(v: ListView): CardJson {
  const parts = [v.filter.mine ? t.list.mine : '', v.filter.overdue ? t.list.overdue : '', v.filter.tema ? t.list.tema(v.filter.tema) : ''].filter(Boolean);
  const pageData = (page: number) => ({ verb: ACTION_VERBS.list, page, mine: v.filter.mine, overdue: v.filter.overdue, tema: v.filter.tema });
  const card = renderCard('actions-list', {
    title: v.title,
    filterLine: parts.length ? t.list.filtered(parts.join(', ')) : '',
    summary: t.list.summary(v.totalOpen, v.totalOverdue),
    emptyText: v.page.items.length === 0 ? (v.personal ? t.list.noneMine : t.list.none) : '',
    items: v.page.items.map((a) => {
      const late = isOverdue(a, v.today);
      const where = v.showWorkplace ? `${v.showWorkplace(a.workplaceId)} · ` : '';
      return {
        number: displayNumber(a.number),
        tema: a.tema,
        emne: a.emne,
        flag: late ? `⚠ ${t.list.overdueBy(daysOverdue(a, v.today))}` : '',
        meta: `${where}${t.list.meta(ownerName(a), formatDanishDate(a.end), t.statuses[a.status])}`,
        showData: { verb: ACTION_VERBS.show, workplaceId: a.workplaceId, number: a.number },
      };
    }),
    pageLabel: t.list.page(v.page.page, v.page.pages),
    hasPrev: v.page.page > 1,
    hasNext: v.page.page < v.page.pages,
    prevTitle: t.list.prev,
    nextTitle: t.list.next,
    prevData: pageData(v.page.page - 1),
    nextData: pageData(v.page.page + 1),
    canCreate: v.createFor !== undefined,
    createTitle: t.list.create,
    createData: { verb: ACTION_VERBS.newForm, workplaceId: v.createFor ?? '' },
  });
  // A list shown again later (or another copy of it) shows the open actions as they are then.
  const { verb: _verb, ...current } = pageData(v.page.page);
  return withRefresh(card, ACTION_VERBS.list, current, v.viewers);
}

export interface FormView {
  workplaceId: string;
  workplaceName: string;
  members: MemberChoice[];
  values?: Partial<Record<FormField, string>>;
  errors?: Partial<Record<FormField, string>>;
}

export function formCard(v: FormView): CardJson {
  const val = (k: FormField) => {
    const x = v.values?.[k];
    return typeof x === 'string' ? x : '';
  };
  const errors = v.errors ?? {};
  return renderCard('actions-form', {
    title: t.form.title(v.workplaceName),
    intro: t.form.intro,
    errorSummary: Object.keys(errors).length ? t.form.fixErrors : '',
    // No " *" here: the client marks required inputs itself (isRequired), and the intro says what * means.
    labels: { ...Object.fromEntries(FORM_FIELDS.map((k) => [k, t.fields[k]])), owner: t.fields.ownerPerson },
    hints: { ...t.hints, source: t.form.sourcePlaceholder },
    req: t.required,
    v: Object.fromEntries(FORM_FIELDS.map((k) => [k, val(k)])),
    err: Object.fromEntries(FORM_FIELDS.map((k) => [k, errors[k] ?? ''])),
    members: v.members,
    sources: ACTION_SOURCES.map((s) => ({ title: t.sources[s], value: s })),
    saveTitle: t.form.save,
    submitData: { verb: ACTION_VERBS.create, workplaceId: v.workplaceId, workplaceName: v.workplaceName, members: v.members },
  });
}

export interface DetailView {
  action: ActionItem;
  log: LogEntry[];
  workplaceName: string;
  members: MemberChoice[];
  today: LocalDate;
  /** Teams user ids of the people who see the card (owner and workplace first): their copies refresh themselves. */
  viewers: readonly string[];
  /** A short line on top, e.g. why a button did nothing ("H-12 var allerede i gang"). */
  note?: string;
}

export function detailCard(v: DetailView): CardJson {
  const a = v.action;
  const late = isOverdue(a, v.today);
  const status = t.statuses[a.status];
  const statusLine = late ? `${status} · ${t.detail.overdue(daysOverdue(a, v.today))}` : status;
  const open = isOpen(a.status);
  const field = (label: string, value: string) => ({ label, value: value || '–' });
  const ref = { workplaceId: a.workplaceId, number: a.number };
  const card = renderCard('actions-detail', {
    title: `${displayNumber(a.number)} · ${a.tema}`,
    workplaceName: v.workplaceName,
    note: v.note ?? '',
    statusLine: late ? `⚠ ${statusLine}` : statusLine,
    // Teams' green and yellow fail WCAG AA on white: only red (late) and accent (open) are coloured, and the words say it.
    statusColor: late ? 'Attention' : open ? 'Accent' : 'Default',
    fields: [
      field(t.fields.emne, a.emne),
      field(t.fields.maal, a.maal),
      field(t.fields.hvad, a.hvad),
      field(t.fields.hvornaar, hvornaar(a)),
      field(t.fields.dokumentation, a.dokumentation),
      field(t.fields.owner, ownerName(a)),
      field(t.fields.effekt, a.effekt),
      field(t.fields.source, t.sources[a.source]),
      field(t.fields.created, t.detail.created(formatDate(new Date(a.createdAt)), a.createdByName)),
    ],
    logTitle: t.detail.log,
    logEmpty: v.log.length ? '' : t.detail.logEmpty,
    log: v.log.map((e) => ({ text: t.log.entry(formatDateTime(new Date(e.at)), e.actorName, e.text) })),
    canStart: a.status === 'open',
    canClose: open,
    members: v.members,
    ref,
    t: {
      ...t.detail,
      achievedRequired: t.required.achieved,
      noteRequired: t.required.note,
      cancelRequired: t.required.cancelReason,
      ownerPlaceholder: t.form.ownerPlaceholder,
      endHint: t.hints.end,
    },
  });
  // Every copy (the post from "ny handling", the one from "åbne handlinger", a reminder)
  // fetches the current card when one of the viewers looks at it. The bot layer answers an
  // automatic refresh to that viewer only, without rewriting the message.
  return withRefresh(card, REFRESH_VERB, ref, v.viewers);
}

/** Hvornår as the plan wrote it, with the dates it means; an ongoing action shows its next review. */
function hvornaar(a: ActionItem): string {
  const start = formatDanishDate(a.start);
  const end = formatDanishDate(a.end);
  return isOngoingLabel(a.endLabel) ? t.detail.ongoing(a.startLabel, a.endLabel, start, end) : t.detail.dates(a.startLabel, a.endLabel, start, end);
}

export function digestCard(workplaceName: string, d: Digest, now: Date): CardJson {
  const today = localDateOf(now);
  const line = (a: ActionSummary) => ({ line: `**${displayNumber(a.number)}** ${a.tema} · ${ownerName(a)} · ${formatDanishDate(a.end)}` });
  const section = (heading: string, list: ActionSummary[], color: 'Attention' | 'Default') => ({
    heading: `${heading} (${list.length})`,
    color: list.length ? color : 'Default',
    lines: list.length ? list.slice(0, 15).map(line) : [{ line: t.digest.none }],
  });
  return renderCard('actions-digest', {
    title: t.digest.title(workplaceName, `uge ${isoWeek(today).week}`),
    openLine: t.digest.open(d.open),
    sections: [
      section(`⚠ ${t.digest.overdue}`, d.overdue, 'Attention'),
      section(t.digest.dueThisWeek, d.dueThisWeek, 'Default'),
      section(`✓ ${t.digest.completed}`, d.completedLastWeek, 'Default'),
    ],
    hint: t.digest.hint,
  });
}

export function exportCard(workplaceName: string, url: string, minutes: number): CardJson {
  return renderCard('actions-export', { title: t.export.title, body: t.export.body(workplaceName, minutes), openTitle: t.export.open, url });
}

/** One Danish message per form field, from the same schema the dispatcher used. */
export function formErrors(schema: z.ZodType, raw: Record<string, unknown>, fallback: string[]): Partial<Record<FormField, string>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return {};
  const blank = Object.fromEntries(Object.keys(formLabels).map((k) => [k, '']));
  const messages = danishIssues(parsed.error, blank);
  const out: Partial<Record<FormField, string>> = {};
  parsed.error.issues.forEach((issue, i) => {
    const key = String(issue.path[0] ?? '') as FormField;
    if (key in formLabels && !out[key]) out[key] = capitalize(messages[i] ?? fallback[0] ?? '');
  });
  return out;
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
