import { z } from 'zod';
import type { LocalDate } from '../shared/calendar.js';
import { actionsText as t } from '../i18n/actions.js';
import { parseWhen, parseWhenRange } from './when.js';

/** Card verbs of the action plans: the names the verbs are routed by, and that cards/actions-*.json use. */
export const ACTION_VERBS = {
  list: 'actions.list',
  show: 'actions.show',
  refresh: 'actions.refresh',
  newForm: 'actions.newForm',
  create: 'actions.create',
  start: 'actions.start',
  complete: 'actions.complete',
  note: 'actions.note',
  cancel: 'actions.cancel',
  change: 'actions.change',
} as const;


/**
 * An action (handling) of a workplace's action plan. Its fields are the columns of a
 * real plan (seed 002): Tema, Emne, Mål, Hvad, Hvornår, Dokumentation, Hvem, Forventet
 * effekt; plus where it came from, its status and a dated log.
 */
export const ACTION_STATUSES = ['open', 'started', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const OPEN_STATUSES: readonly ActionStatus[] = ['open', 'started'];

export const ACTION_SOURCES = ['apv', 'trivselsmaaling', 'trivselspuls', 'mus', 'tilsynsrapport', 'med', 'trio', 'vold', 'andet'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];

/** Hvem: a member of the workplace (by AAD object id) or a group written as text. */
export interface ActionOwner {
  /** AAD object id (lower case) when the owner is a member; absent for a group. */
  id?: string;
  name: string;
}

export interface ActionDraft {
  tema: string;
  emne: string;
  maal: string;
  hvad: string;
  start: LocalDate;
  end: LocalDate;
  startLabel: string;
  endLabel: string;
  dokumentation: string;
  owner: ActionOwner;
  effekt: string;
  source: ActionSource;
}

export interface ActionItem extends ActionDraft {
  workplaceId: string;
  number: number;
  status: ActionStatus;
  createdAt: string;
  createdBy: string;
  createdByName: string;
  updatedAt: string;
  /** When it was completed or cancelled. */
  closedAt?: string;
}

export const LOG_KINDS = ['note', 'started', 'completed', 'cancelled', 'owner', 'end'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export interface LogEntry {
  at: string;
  actorId: string;
  actorName: string;
  kind: LogKind;
  text: string;
}

export const isOpen = (s: ActionStatus): boolean => OPEN_STATUSES.includes(s);

/** "H-12" */
export const displayNumber = (n: number): string => `H-${n}`;

/** Reads "H-12", "h12", "H 12" or "12". */
export const actionNumberArg = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const m = /^(?:h\s*-?\s*)?(\d{1,6})$/i.exec(s);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: t.badNumber });
      return z.NEVER;
    }
    return Number(m[1]);
  })
  .pipe(z.number().int().min(1, t.badNumber));

const MAX_TEXT = 2000;

/** A trimmed text input; Teams sends empty inputs as "" or leaves them out. */
export const text = (max: number, requiredMessage?: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : v),
    requiredMessage
      ? z.string().min(1, requiredMessage).max(max, t.required.tooLong(max))
      : z.string().max(max, t.required.tooLong(max)),
  );

export const memberChoice = z.object({ id: z.string().min(1).max(100), name: z.string().max(200) });
export type MemberChoice = z.infer<typeof memberChoice>;

/** Labels for Danish validation messages (keys are the card's input ids). */
export const formLabels: Readonly<Record<string, string>> = {
  tema: t.fields.tema,
  emne: t.fields.emne,
  maal: t.fields.maal,
  hvad: t.fields.hvad,
  start: t.fields.start,
  end: t.fields.end,
  dokumentation: t.fields.dokumentation,
  owner: t.fields.owner,
  ownerGroup: t.fields.ownerGroup,
  effekt: t.fields.effekt,
  source: t.fields.source,
};

/**
 * The "ny handling" form as submitted. Every field is checked at once so the form can
 * show one Danish message per field; Hvornår is parsed against `today()` (the clock).
 */
export function createFormSchema(today: () => LocalDate) {
  const when = (edge: 'start' | 'end') =>
    text(80, edge === 'start' ? t.required.start : t.required.end).superRefine((v, ctx) => {
      if (!v) return;
      const r = parseWhen(v, edge, today());
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
    });
  return z
    .object({
      workplaceId: z.string().min(1).max(80),
      members: z.array(memberChoice).max(500).default([]),
      tema: text(200, t.required.tema),
      emne: text(MAX_TEXT, t.required.emne),
      maal: text(MAX_TEXT, t.required.maal),
      hvad: text(MAX_TEXT, t.required.hvad),
      start: when('start'),
      end: when('end'),
      dokumentation: text(MAX_TEXT),
      owner: text(100),
      ownerGroup: text(80),
      effekt: text(MAX_TEXT),
      // A string check (not z.enum) so a missing kilde does not stop the cross-field checks below.
      source: text(30, t.required.source).refine((v) => !v || (ACTION_SOURCES as readonly string[]).includes(v), t.required.source),
    })
    .superRefine((v, ctx) => {
      if (typeof v.owner !== 'string' || typeof v.ownerGroup !== 'string') return;
      if (!v.owner && !v.ownerGroup) ctx.addIssue({ code: 'custom', path: ['owner'], message: t.required.owner });
      else if (v.owner && !(v.members ?? []).some((m) => m.id === v.owner)) {
        ctx.addIssue({ code: 'custom', path: ['owner'], message: t.required.ownerUnknown });
      }
      // Each edge was checked on its own above; here only their order.
      if (typeof v.start === 'string' && typeof v.end === 'string' && parseWhen(v.start, 'start', today()).ok && parseWhen(v.end, 'end', today()).ok) {
        const r = parseWhenRange(v.start, v.end, today());
        if (!r.ok) ctx.addIssue({ code: 'custom', path: [r.field], message: r.message });
      }
    })
    .transform((v): { workplaceId: string; draft: ActionDraft } => {
      const range = parseWhenRange(v.start, v.end, today());
      if (!range.ok) throw new Error('unreachable: range was checked');
      const member = v.members.find((m) => m.id === v.owner);
      return {
        workplaceId: v.workplaceId,
        draft: {
          tema: v.tema,
          emne: v.emne,
          maal: v.maal,
          hvad: v.hvad,
          start: range.start,
          end: range.end,
          startLabel: range.startLabel,
          endLabel: range.endLabel,
          dokumentation: v.dokumentation,
          owner: ownerOf(member, v.ownerGroup),
          effekt: v.effekt,
          source: v.source as ActionSource,
        },
      };
    });
}

/**
 * Hvem from the form: a person, a group, or both. With both the group is responsible and
 * the person is its named member, who gets the reminders (a group alone: the leaders do).
 */
export function ownerOf(person: MemberChoice | undefined, group: string): ActionOwner {
  if (person && group) return { id: person.id, name: t.groupOwner(group, person.name) };
  return person ? { id: person.id, name: person.name } : { name: group };
}

/** Identifies an action in card data. */
export const actionRef = {
  workplaceId: z.string().min(1).max(80),
  number: z.coerce.number().int().min(1).max(999_999),
};
