import { z } from 'zod';
import { access, type Principal } from '../core/access.js';
import type { Clock } from '../core/clock.js';
import { explained, UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb, type VerbResult } from '../core/router.js';
import type { Turn } from '../core/types.js';
import type { EventInput, EventLog } from '../events/event-log.js';
import type { Logger } from '../core/log.js';
import type { Once } from '../core/once.js';
import { formatDate } from '../i18n/da.js';
import { actionsText as t } from '../i18n/actions.js';
import type { Scheduler } from '../outbox/types.js';
import { formatDanishDate, localDateOf } from '../shared/calendar.js';
import { formCard, formErrors, type FormField } from './cards.js';
import { ACTION_SOURCES, actionRef, createFormSchema, displayNumber, formLabels, isOpen, memberChoice, ownerOf, text, type ActionItem, ACTION_VERBS } from './model.js';
import { syncReminders } from './jobs.js';
import { mayChange, mayCreate, mayRead, NO_FILTER } from './rules.js';
import type { ActionChange, ActionStore } from './store.js';
import { parseWhen } from './when.js';
import { confirmedTermsInput, screenFields } from '../sickness/firewall.js';
import { firewallCard } from '../sickness/firewall-card.js';
import type { ActionView } from './view.js';

export interface VerbDeps {
  store: ActionStore;
  view: ActionView;
  events: EventLog;
  clock: Clock;
  log: Logger;
  scheduler: Scheduler;
}

const ref = z.object(actionRef);

/** Where an action card is used and who may try its buttons: members, in the channel or the owner's chat (ownership is checked per change). */
const ON_ACTION_CARD = { scopes: ['channel', 'personal'], allowed: access.member } as const;
type Ref = z.infer<typeof ref>;
/** A submit whose free text passed, or was confirmed past, the diagnosis firewall. */
const checked = ref.extend({ confirmedTerms: confirmedTermsInput });

/**
 * The diagnosis firewall on text that others read in the channel (src/sickness/firewall.ts):
 * with a health term the writer has not confirmed, nothing is stored and the warning card
 * comes back with the text; undefined when the text may be saved.
 */
function heldBack(verb: string, data: Record<string, unknown>, confirmed: unknown, fields: Record<string, { label: string; value: string }>): VerbResult | undefined {
  const screen = screenFields(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value])), confirmed);
  if (!screen.held) return undefined;
  return { refused: true, card: firewallCard({ verb, data, screen, fields: Object.entries(fields).map(([id, f]) => ({ id, ...f })), where: 'channel' }) };
}

const actionRefOf = (r: Ref): Record<string, unknown> => ({ workplaceId: r.workplaceId, number: r.number });

function assertReadable(principal: Principal, turn: Turn, workplaceId: string): void {
  if (!mayRead(principal, turn.where, workplaceId)) {
    throw new UserError('FORBIDDEN', turn.where.scope === 'channel' ? t.otherWorkplace : t.notMember);
  }
}

/** The fields whose old and new values go to the event log when they change. */
const TRACKED = {
  status: (a: ActionItem) => a.status,
  dokumentation: (a: ActionItem) => a.dokumentation,
  owner: (a: ActionItem) => a.owner.name,
  ownerId: (a: ActionItem) => a.owner.id ?? '',
  end: (a: ActionItem) => a.end,
} as const;

/**
 * Runs one change: read access, change permission (checked against the newest row),
 * the ETag-guarded write with its log line, one event per changed field, and the
 * reminder rows re-planned. Returns the updated card for everyone who sees it. Under the
 * press's one-time key (`once`) a replay finds the change it made and only finishes it.
 */
async function applyChange(deps: VerbDeps, turn: Turn, principal: Principal, r: Ref, decide: (a: ActionItem) => ActionChange, once: Once | undefined): Promise<VerbResult> {
  assertReadable(principal, turn, r.workplaceId);
  const actor = { id: principal.userId, name: principal.name || turn.actor.name };
  const change = deps.store.change(r.workplaceId, r.number, actor, (current) => {
    if (!mayChange(principal, current)) throw new UserError('FORBIDDEN', t.mayNotChange(displayNumber(current.number)));
    return decide(current);
  }, once);
  let result: Awaited<typeof change>;
  try {
    result = await explained(change, { CONFLICT: t.conflict, NOT_FOUND: t.notFound(displayNumber(r.number)) });
  } catch (e) {
    // A button on an older copy (already started, already closed): the current card, saying so.
    if (e instanceof StaleStatus) return { card: await deps.view.detailFor(e.action, undefined, principal, e.userMessage) };
    throw e;
  }
  const { before, after, log } = result;
  const subject = displayNumber(after.number);
  const events: EventInput[] = [];
  for (const [field, get] of Object.entries(TRACKED)) {
    if (get(before) !== get(after)) events.push({ workplaceId: after.workplaceId, actorId: actor.id, type: `actions.${field}Changed`, subject, data: { field, old: get(before), new: get(after) } });
  }
  if (log.kind === 'note') {
    events.push({ workplaceId: after.workplaceId, actorId: actor.id, type: 'actions.noteAdded', subject, data: { field: 'log', old: null, new: log.text.slice(0, 200) } });
  }
  const replan = before.status !== after.status || before.owner.id !== after.owner.id || before.end !== after.end;
  await afterCommit(deps, after, events, replan, once);
  return { card: await deps.view.detailFor(after, undefined, principal), ref: subject };
}

/**
 * What follows a committed change: events and reminder rows, written under the press's
 * one-time key. A failure here fails the turn: the write guard then keeps the press open,
 * and the repair (or the user's retry of the same card) finishes it without a duplicate.
 */
async function afterCommit(deps: VerbDeps, a: ActionItem, events: EventInput[], replan: boolean, once: Once | undefined): Promise<void> {
  for (const e of events) await deps.events.append(e, once);
  if (replan) await syncReminders(deps.scheduler, a, deps.clock.now(), a.owner.id ? [] : await deps.view.leaderIds(a.workplaceId));
}

/** The action is no longer in the state the button was for. */
class StaleStatus extends UserError {
  constructor(readonly action: ActionItem) {
    super('CONFLICT', t.detail.stale(displayNumber(action.number), t.statuses[action.status]));
  }
}

function wrongStatus(a: ActionItem): UserError {
  return new StaleStatus(a);
}

const closing = (a: ActionItem) => {
  if (!isOpen(a.status)) throw wrongStatus(a);
};

export function actionVerbs(deps: VerbDeps): FeaturePart {
  const today = () => localDateOf(deps.clock.now());
  const createSchema = createFormSchema(today);
  // The raw submit rides along (catchall), so a held-back form keeps everything that was typed.
  const createChecked = z.intersection(createSchema, z.object({ confirmedTerms: confirmedTermsInput }).catchall(z.unknown()));

  const list = defineVerb({
    verb: ACTION_VERBS.list,
    ...ON_ACTION_CARD,
    schema: z.object({
      page: z.coerce.number().int().min(1).max(10_000),
      mine: z.boolean().default(false),
      overdue: z.boolean().default(false),
      tema: z.string().max(80).default(''),
    }),
    async run(turn, principal, d) {
      const filter = { ...NO_FILTER, mine: d.mine, overdue: d.overdue, tema: d.tema };
      const card = turn.where.scope === 'channel' ? await deps.view.channelList(principal, filter, d.page) : await deps.view.personalList(principal, filter, d.page);
      return { card };
    },
  });

  /** Opens an action from the list as a new message, so the list stays for the others. */
  const show = defineVerb({
    verb: ACTION_VERBS.show,
    ...ON_ACTION_CARD,
    schema: ref,
    async run(turn, principal, r) {
      assertReadable(principal, turn, r.workplaceId);
      return { message: { card: await deps.view.detail(r.workplaceId, r.number, principal) } };
    },
  });

  /** Universal Actions refresh: the current card for whoever looks at an older copy. */
  const refresh = defineVerb({
    verb: ACTION_VERBS.refresh,
    ...ON_ACTION_CARD,
    schema: ref,
    async run(turn, principal, r) {
      assertReadable(principal, turn, r.workplaceId);
      return { card: await deps.view.detail(r.workplaceId, r.number, principal) };
    },
  });

  // Other features open the form pre-filled (e.g. the pulse: Tema trivsel, kilde trivselspuls).
  const newFormSchema = z.object({
    workplaceId: actionRef.workplaceId,
    tema: z.string().max(200).optional(),
    emne: z.string().max(2000).optional(),
    kilde: z.enum(ACTION_SOURCES).optional(),
  });
  const newForm = defineVerb({
    verb: ACTION_VERBS.newForm,
    scopes: ['channel'],
    schema: newFormSchema,
    allowed: access.inForum(),
    async run(turn, principal, d) {
      assertReadable(principal, turn, d.workplaceId);
      if (!mayCreate(principal, d.workplaceId)) throw new UserError('FORBIDDEN', t.mayNotCreate);
      const values = { ...(d.tema ? { tema: d.tema } : {}), ...(d.emne ? { emne: d.emne } : {}), ...(d.kilde ? { source: d.kilde } : {}) };
      return { message: { card: await deps.view.form(d.workplaceId, principal, values) } };
    },
  });

  const create = defineVerb({
    verb: ACTION_VERBS.create,
    scopes: ['channel'],
    schema: createChecked,
    labels: formLabels,
    allowed: access.inForum(),
    writes: { again: (ref) => (ref ? t.alreadyCreated(ref) : t.alreadySaved) },
    async run(turn, principal, { workplaceId, draft, confirmedTerms, ...raw }, { once }) {
      assertReadable(principal, turn, workplaceId);
      const f = t.fields as Record<string, string>;
      const texts = { tema: draft.tema, emne: draft.emne, maal: draft.maal, hvad: draft.hvad, dokumentation: draft.dokumentation, effekt: draft.effekt };
      const held = heldBack(ACTION_VERBS.create, { ...raw, workplaceId }, confirmedTerms, Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, { label: f[k] ?? k, value: v ?? '' }])));
      if (held) return held;
      if (!mayCreate(principal, workplaceId)) throw new UserError('FORBIDDEN', t.mayNotCreate);
      if (draft.owner.id && !(await deps.view.members(workplaceId)).some((m) => m.id === draft.owner.id)) {
        throw new UserError('INVALID_INPUT', `${t.fields.owner}: ${t.required.ownerUnknown}.`);
      }
      const action = await deps.store.create(workplaceId, draft, { id: principal.userId, name: principal.name || turn.actor.name }, once);
      const created: EventInput = {
        workplaceId,
        actorId: principal.userId,
        type: 'actions.created',
        subject: displayNumber(action.number),
        data: { field: 'status', old: null, new: action.status, owner: action.owner.name, end: action.end },
      };
      await afterCommit(deps, action, [created], true, once);
      return { card: await deps.view.detailFor(action, [], principal), ref: displayNumber(action.number) };
    },
    invalid(raw, errors) {
      return formCard({
        workplaceId: String(raw.workplaceId ?? ''),
        workplaceName: typeof raw.workplaceName === 'string' ? raw.workplaceName : '',
        members: z.array(memberChoice).catch([]).parse(raw.members),
        values: Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Partial<Record<FormField, string>>,
        errors: formErrors(createSchema, raw, errors),
      });
    },
  });

  const start = defineVerb({
    verb: ACTION_VERBS.start,
    ...ON_ACTION_CARD,
    writes: { again: (ref) => (ref ? t.alreadyChanged(ref) : t.alreadySaved) },
    schema: ref,
    run: (turn, principal, r, { once }) =>
      applyChange(deps, turn, principal, r, (a) => {
        if (a.status !== 'open') throw wrongStatus(a);
        return { patch: { status: 'started' }, log: { kind: 'started', text: t.log.started } };
      }, once),
  });

  const complete = defineVerb({
    verb: ACTION_VERBS.complete,
    ...ON_ACTION_CARD,
    writes: { again: (ref) => (ref ? t.alreadyChanged(ref) : t.alreadySaved) },
    schema: checked.extend({ achieved: text(2000, t.required.achieved) }),
    labels: { achieved: t.detail.completeLabel },
    run: async (turn, principal, r, { once }) =>
      heldBack(ACTION_VERBS.complete, actionRefOf(r), r.confirmedTerms, { achieved: { label: t.detail.completeLabel, value: r.achieved } }) ??
      applyChange(deps, turn, principal, r, (a) => {
        closing(a);
        const doc = t.log.achievedDoc(formatDate(turn.now), r.achieved);
        return {
          patch: { status: 'done', closedAt: turn.now.toISOString(), dokumentation: a.dokumentation ? `${a.dokumentation}\n\n${doc}` : doc },
          log: { kind: 'completed', text: t.log.completed(r.achieved) },
        };
      }, once),
  });

  const note = defineVerb({
    verb: ACTION_VERBS.note,
    ...ON_ACTION_CARD,
    writes: { again: (ref) => (ref ? t.alreadyChanged(ref) : t.alreadySaved) },
    schema: checked.extend({ note: text(1000, t.required.note) }),
    labels: { note: t.detail.noteLabel },
    run: async (turn, principal, r, { once }) =>
      heldBack(ACTION_VERBS.note, actionRefOf(r), r.confirmedTerms, { note: { label: t.detail.noteLabel, value: r.note } }) ??
      applyChange(deps, turn, principal, r, () => ({ patch: {}, log: { kind: 'note', text: r.note } }), once),
  });

  const cancel = defineVerb({
    verb: ACTION_VERBS.cancel,
    ...ON_ACTION_CARD,
    writes: { again: (ref) => (ref ? t.alreadyChanged(ref) : t.alreadySaved) },
    schema: checked.extend({ reason: text(1000, t.required.cancelReason) }),
    labels: { reason: t.detail.cancelLabel },
    run: async (turn, principal, r, { once }) =>
      heldBack(ACTION_VERBS.cancel, actionRefOf(r), r.confirmedTerms, { reason: { label: t.detail.cancelLabel, value: r.reason } }) ??
      applyChange(deps, turn, principal, r, (a) => {
        closing(a);
        return { patch: { status: 'cancelled', closedAt: turn.now.toISOString() }, log: { kind: 'cancelled', text: t.log.cancelled(r.reason) } };
      }, once),
  });

  const changeSchema = ref
    .extend({
      newOwner: text(100),
      newGroup: text(80),
      newEnd: text(80).superRefine((v, ctx) => {
        const p = v ? parseWhen(v, 'end', today()) : undefined;
        if (p && !p.ok) ctx.addIssue({ code: 'custom', message: p.message });
      }),
    })
    .superRefine((v, ctx) => {
      if (!v.newOwner && !v.newGroup && !v.newEnd) ctx.addIssue({ code: 'custom', path: ['newOwner'], message: t.required.change });
    });
  const change = defineVerb({
    verb: ACTION_VERBS.change,
    ...ON_ACTION_CARD,
    writes: { again: (ref) => (ref ? t.alreadyChanged(ref) : t.alreadySaved) },
    schema: changeSchema,
    labels: { newOwner: t.detail.changeOwner, newGroup: t.detail.changeGroup, newEnd: t.detail.changeEnd },
    async run(turn, principal, r, { once }) {
      assertReadable(principal, turn, r.workplaceId);
      const member = r.newOwner ? (await deps.view.members(r.workplaceId)).find((m) => m.id === r.newOwner) : undefined;
      if (r.newOwner && !member) throw new UserError('INVALID_INPUT', `${t.fields.owner}: ${t.required.ownerUnknown}.`);
      const end = r.newEnd ? parseWhen(r.newEnd, 'end', today()) : undefined;
      return applyChange(deps, turn, principal, r, (a) => {
        closing(a);
        const patch: ActionChange['patch'] = {};
        const lines: string[] = [];
        const owner = member || r.newGroup ? ownerOf(member, r.newGroup) : undefined;
        if (owner && (owner.name !== a.owner.name || owner.id !== a.owner.id)) {
          patch.owner = owner;
          lines.push(t.log.owner(a.owner.name, owner.name));
        }
        if (end?.ok && end.date !== a.end) {
          if (end.date < a.start) throw new UserError('INVALID_INPUT', t.endBeforeStart(formatDanishDate(a.start)));
          patch.end = end.date;
          patch.endLabel = end.label;
          lines.push(t.log.end(formatDanishDate(a.end), formatDanishDate(end.date)));
        }
        if (lines.length === 0) throw new UserError('INVALID_INPUT', t.nothingToChange);
        return { patch, log: { kind: patch.owner ? 'owner' : 'end', text: lines.join(' ') } };
      }, once);
    },
  });

  return { verbs: [list, show, refresh, newForm, create, start, complete, note, cancel, change] };
}
