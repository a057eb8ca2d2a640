/**
 * Typed data for the MUS cards of planning and invitation (cards/mus-plan, -draft,
 * -invite, -change.json). The templates only bind and repeat; every decision (who sees
 * what, which status line) is made here. Cards sent back after an error get what was
 * typed (`typed`) and the errors by field (`errors`): nothing is lost.
 * The leader's other cards: cards-leader.ts; the plan: cards-plan.ts; stamdata and
 * MED's frame: cards-admin.ts.
 */
import { noticeCard, renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { musText as t, SENIOR_QUESTIONS, talkTime } from '../i18n/mus.js';
import { localDateOf, localTimeOf } from '../shared/calendar.js';
import { fieldView, type FieldErrors, type Typed } from './forms.js';
import type { Draft, Invite, MusSettings, PlanParams, Talk } from './model.js';
import { MUS_VERBS } from './model.js';
import { MAX_BUFFER_MINUTES } from './schemas.js';

export { noticeCard };

/** The error line at the top of a card sent back after an error. */
export const errorSummary = (errors: FieldErrors | undefined): string => (errors && Object.keys(errors).length ? t.fixFields : '');

/** A number input's value: what was typed when it is a number, else the stored one. */
const numberValue = (typed: string | undefined, stored: number): number => (typed !== undefined && typed.trim() !== '' && Number.isFinite(Number(typed)) ? Number(typed) : stored);

export function planCard(input: {
  workplaceId: string;
  workplaceName: string;
  people: { id: string; name: string }[];
  selected: string[];
  defaults: PlanParams;
  typed?: Typed;
  errors?: FieldErrors;
}): CardJson {
  const d = input.defaults;
  const field = (id: string, stored: string) => fieldView(input.typed, input.errors, id, stored);
  return renderCard('mus-plan', {
    title: t.planTitle(input.workplaceName),
    intro: t.planIntro,
    errorSummary: errorSummary(input.errors),
    labels: t,
    maxBuffer: MAX_BUFFER_MINUTES,
    f: {
      from: field('from', d.from),
      to: field('to', d.to),
      windowStart: field('windowStart', d.windowStart),
      windowEnd: field('windowEnd', d.windowEnd),
      duration: { ...field('duration', ''), value: numberValue(input.typed?.duration, d.durationMinutes) },
      buffer: { ...field('buffer', ''), value: numberValue(input.typed?.buffer, d.bufferMinutes) },
      place: field('place', d.place),
      mode: field('mode', d.mode),
      participants: field('participants', input.selected.join(',')),
    },
    people: input.people.map((p) => ({
      ...p,
      groupInputId: `g_${p.id}`,
      groupLabel: t.groupOf(p.name),
      group: input.typed?.[`g_${p.id}`] ?? '',
      groupError: input.errors?.[`g_${p.id}`] ?? '',
    })),
    proposeData: { verb: MUS_VERBS.propose, workplaceId: input.workplaceId },
  });
}

export function draftCard(draft: Draft, options: { status?: string; typed?: Typed; errors?: FieldErrors } = {}): CardJson {
  const data = { workplaceId: draft.workplaceId, draftId: draft.id };
  const p = draft.params;
  return renderCard('mus-draft', {
    title: t.draftTitle,
    intro: t.draftIntro(p.from, p.to, p.durationMinutes, p.place),
    errorSummary: errorSummary(options.errors),
    labels: { date: t.slotDate, time: t.slotTime, send: t.sendInvites, save: t.saveDraft },
    slots: draft.slots.map((s, i) => ({
      label: s.label,
      members: p.mode === 'group' && s.participantIds.length > 1 ? t.groupMembers(s.participantIds.map((id) => draft.names[id] ?? id)) : '',
      dateId: `d_${i}`,
      timeId: `t_${i}`,
      date: options.typed?.[`d_${i}`] ?? localDateOf(s.start),
      time: options.typed?.[`t_${i}`] ?? localTimeOf(s.start),
      error: options.errors?.[`d_${i}`] ?? options.errors?.[`t_${i}`] ?? '',
    })),
    recentlyHeld: draft.recentlyHeld.length ? t.recentlyHeld(draft.recentlyHeld) : '',
    unplanned: draft.unplannedNames.length ? t.unplanned(draft.unplannedNames) : '',
    unplannedWhy: draft.unplannedNames.length && draft.capacity ? t.unplannedWhy(draft.capacity, p) : '',
    status: options.status ?? '',
    sendData: { verb: MUS_VERBS.send, ...data },
    saveData: { verb: MUS_VERBS.draftSave, ...data },
  });
}

/** The health words found in notes that were held back, and the verb that confirms them ("Gem alligevel"). */
export interface NotesWarning {
  terms: string[];
  verb: string;
}

export function inviteCard(input: {
  talk: Talk;
  invite: Invite;
  notes: string;
  settings: MusSettings;
  moved?: boolean;
  kept?: boolean;
  /** The line under the status: when the leader hears of a request. */
  told?: string;
  typed?: Typed;
  errors?: FieldErrors;
  warning?: NotesWarning;
}): CardJson {
  const { talk, invite } = input;
  const status =
    invite.response === 'accepted' ? t.statusAccepted : invite.response === 'changeRequested' ? `${t.statusChange}${input.told ? ` ${input.told}` : ''}` : input.kept ? t.statusKept : '';
  const actionData = { workplaceId: talk.workplaceId, talkId: talk.id, version: talk.version };
  const senior = input.typed?.senior ?? (invite.seniorWanted ? 'true' : 'false');
  return renderCard('mus-invite', {
    title: input.moved ? t.movedTitle : t.inviteTitle,
    status,
    labels: t,
    when: talkTime(talk.start, talk.end),
    place: talk.place,
    leader: talk.leaderName,
    kind: talk.mode === 'group' && talk.participantIds.length > 1 ? t.kindGroup(talk.label) : t.kindIndividual,
    questions: input.settings.questions.map((q) => ({ q })),
    seniorOffered: invite.seniorOffered,
    seniorText: t.seniorText(input.settings.seniorAge),
    seniorQuestions: SENIOR_QUESTIONS.map((q) => ({ q })),
    senior,
    notes: input.typed?.notes ?? input.notes,
    notesError: input.errors?.notes ?? '',
    reason: input.typed?.reason ?? '',
    reasonError: input.errors?.reason ?? '',
    warning: input.warning
      ? { text: t.notesHealth(input.warning.terms), verb: input.warning.verb, data: { ...actionData, confirmedTerms: input.warning.terms.join(',') } }
      : { text: '', verb: MUS_VERBS.notes, data: actionData },
    actionData,
  });
}

export function changeCard(talk: Talk, invite: Invite, form: { typed?: Typed; errors?: FieldErrors } = {}): CardJson {
  return renderCard('mus-change', {
    title: t.changeTitle,
    body: t.changeBody(invite.name, talk.start, talk.end),
    reason: t.changeReason(invite.changeReason ?? ''),
    hint: t.changeHint(invite.name, talk.participantIds.length > 1),
    labels: { date: t.slotDate, time: t.slotTime, move: t.move, keep: t.keep },
    f: { date: fieldView(form.typed, form.errors, 'date', localDateOf(talk.start)), time: fieldView(form.typed, form.errors, 'time', localTimeOf(talk.start)) },
    actionData: { workplaceId: talk.workplaceId, talkId: talk.id, version: talk.version, aadObjectId: invite.aadObjectId },
  });
}
