/**
 * The leader's MUS cards (cards/mus-talk, -register, -status, -counts.json): one talk
 * with each participant's answer, seniorsamtale wish and preparation; the registration
 * form with the same preparation in view; the overview with names (personal chat only)
 * and the counts a channel may see.
 */
import { renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { activityNames, musText as t, notHeldNames, SENIOR_QUESTIONS, talkTime } from '../i18n/mus.js';
import type { LocalDate } from '../shared/calendar.js';
import { errorSummary } from './cards.js';
import type { EmployeeMusStatus, MusCounts, MusState } from './due.js';
import { fieldView, type FieldErrors, type Typed } from './forms.js';
import { MUS_VERBS, REGISTER_ACTIVITY_ROWS, type Invite, type InviteResponse, type Talk } from './model.js';
import { activityRowIds } from './schemas.js';

const choices = (names: Record<string, string>) => Object.entries(names).map(([value, title]) => ({ title, value }));

/** A participant as the leader's cards show them: the invitation and the preparation notes. */
export interface Prepared {
  invite: Invite;
  notes: string;
}

const answerOf = (i: Invite): string =>
  i.response === 'accepted' ? t.answerAccepted : i.response === 'changeRequested' ? t.answerChange(i.changeReason ?? '') : t.answerPending;
const seniorOf = (i: Invite): string => (i.seniorWanted ? t.seniorWanted(i.name) : i.seniorOffered ? t.seniorNotWanted : '');
const wantsSenior = (people: readonly Prepared[]) => people.some((p) => p.invite.seniorWanted);

/** One talk for its leader: when and where, and per participant the answer, the senior wish and the notes. */
export function talkCard(talk: Talk, people: readonly Prepared[], lead = ''): CardJson {
  return renderCard('mus-talk', {
    title: t.talkTitle(talk.label),
    lead,
    labels: t,
    when: talkTime(talk.start, talk.end),
    place: talk.place,
    people: people.map((p) => ({
      name: p.invite.name,
      answer: answerOf(p.invite),
      senior: seniorOf(p.invite),
      notesHeading: t.preparationOf(p.invite.name),
      notes: p.notes.trim() || t.noPreparation,
    })),
    showSenior: wantsSenior(people),
    seniorQuestions: SENIOR_QUESTIONS.map((q) => ({ q })),
    talkData: { workplaceId: talk.workplaceId, talkId: talk.id },
  });
}

export function registerCard(talk: Talk, people: readonly Prepared[], followUpOn: LocalDate, form: { typed?: Typed; errors?: FieldErrors } = {}): CardJson {
  const field = (id: string, stored = '') => fieldView(form.typed, form.errors, id, stored);
  const names = people.map((p) => p.invite.name);
  return renderCard('mus-register', {
    title: t.registerTitle(talk.label),
    intro: t.registerIntro(talk.start, talk.end),
    errorSummary: errorSummary(form.errors),
    labels: t,
    people: people.map((p) => ({ heading: t.preparationOf(p.invite.name), notes: p.notes.trim() || t.noPreparation, senior: p.invite.seniorWanted ? t.seniorWanted(p.invite.name) : '' })),
    reasons: choices(notHeldNames),
    activities: choices(activityNames),
    groupNote: names.length > 1 ? t.groupPlanNote(names) : '',
    rows: Array.from({ length: REGISTER_ACTIVITY_ROWS }, (_, i) => {
      const ids = activityRowIds(i);
      return { label: t.activityKind(i + 1), kindId: ids.kind, textId: ids.text, kind: form.typed?.[ids.kind] ?? '', text: form.typed?.[ids.text] ?? '', error: form.errors?.[ids.kind] ?? form.errors?.[ids.text] ?? '' };
    }),
    showSenior: wantsSenior(people),
    seniorQuestions: SENIOR_QUESTIONS.map((q) => ({ q })),
    f: {
      outcome: field('outcome', 'held'),
      reason: field('reason'),
      shortGoals: field('shortGoals'),
      longGoals: field('longGoals'),
      knowledgeSharing: field('knowledgeSharing'),
      seniorNote: field('seniorNote'),
      followUpOn: field('followUpOn', followUpOn),
    },
    actionData: { workplaceId: talk.workplaceId, talkId: talk.id },
  });
}

/** One employee on the leader's overview, with the answer to a planned talk and where to look further. */
export interface StatusRow extends EmployeeMusStatus {
  workplaceId: string;
  planned?: { talkId: string; answer: InviteResponse; seniorWanted: boolean; hasNotes: boolean };
  /** The talk of the latest written plan. */
  planTalkId?: string;
}

const SECTION_ORDER: MusState[] = ['overdue', 'due', 'planned', 'held', 'notYet'];

function statusLine(s: StatusRow): string {
  const parts: string[] = [];
  if (s.plannedOn) parts.push(t.linePlanned(s.plannedOn));
  if (s.planned) {
    parts.push(t.lineAnswer[s.planned.answer] ?? '');
    if (s.planned.seniorWanted) parts.push(t.lineSenior);
    if (s.planned.hasNotes) parts.push(t.lineNotes);
  }
  if (s.lastHeldOn) parts.push(t.lineHeld(s.lastHeldOn));
  else if (s.state !== 'notYet') parts.push(t.lineNever);
  if (s.state === 'overdue' && s.overdueFrom) parts.push(t.lineOverdueSince(s.overdueFrom));
  if (s.state === 'due') parts.push(s.overdueFrom ? t.lineDueBy(s.overdueFrom) : t.lineDueNow);
  if (s.reasons.includes('noPlan')) parts.push(t.lineNoPlan);
  if (s.missingStartDate) parts.push(t.lineNoStart);
  return `${s.name}: ${parts.filter(Boolean).join(', ')}`;
}

function buttonOf(s: StatusRow): { button: string; buttonVerb: string; buttonData: object } {
  if (s.planned) return { button: t.showTalk, buttonVerb: MUS_VERBS.talk, buttonData: { workplaceId: s.workplaceId, talkId: s.planned.talkId, from: 'status' } };
  if (s.planTalkId) return { button: t.showPlan, buttonVerb: MUS_VERBS.planView, buttonData: { workplaceId: s.workplaceId, talkId: s.planTalkId, aadObjectId: s.id, from: 'status' } };
  return { button: '', buttonVerb: MUS_VERBS.talk, buttonData: {} };
}

/** The leader's view, with names. Only ever sent to a leader's personal chat. */
export function statusCard(workplaceName: string, rows: StatusRow[], counts: MusCounts): CardJson {
  return renderCard('mus-status', {
    title: t.statusTitle(workplaceName),
    summary: t.statusSummary(counts),
    sections: SECTION_ORDER.map((state) => ({ state, people: rows.filter((s) => s.state === state) }))
      .filter((x) => x.people.length > 0)
      .map((x) => ({ heading: `${t.sections[x.state]} (${x.people.length})`, lines: x.people.map((p) => ({ text: statusLine(p), ...buttonOf(p) })) })),
    hint: t.statusHint,
  });
}

/** What a channel sees: numbers, never a name or a date of anyone's talk. */
export function countsCard(title: string, counts: MusCounts): CardJson {
  return renderCard('mus-counts', {
    title,
    labels: t.countsFacts,
    held: String(counts.held),
    planned: String(counts.planned),
    due: String(counts.due),
    overdue: String(counts.overdue),
    total: String(counts.total),
    note: t.countsNote,
  });
}
