import type { PlannedAction } from '../actions/plan.js';
import type { MemberChoice } from '../actions/model.js';
import { actionsText } from '../i18n/actions.js';
import { renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { formatDateTime } from '../i18n/da.js';
import { meetingTitle, medyearText as t } from '../i18n/medyear.js';
import { DANISH_MONTH_NAMES, formatDanishDate, type LocalDate } from '../shared/calendar.js';
import type { Forum } from '../core/access.js';
import { APV_STEPS, EVERY_MEETING, MAX_MEETINGS, MEDYEAR_VERBS as V, OFF, STANDING_ITEMS, TALK_QUESTIONS, type ApvCycle, type Decision, type KupPlan, type Meeting, type Wheel, type YearTalk } from './model.js';
import { agendaDay, apvDeadline, apvReminderDue, apvState, kupReviewDue, yearOf, type aggregateNeeds } from './rules.js';
import type { AgendaData } from './service.js';

/** Typed expansions of cards/medyear-*.json. Every decision is made here, not in the templates. */

const number = (n: number) => `H-${n}`;
const status = (a: PlannedAction) => actionsText.statuses[a.status];

export function wheelCard(v: { workplaceName: string; year: number; wheel: Wheel; forum: Forum }): CardJson {
  const meetings = yearOf(v.wheel, v.year);
  return renderCard('medyear-wheel', {
    title: t.wheel.title(v.workplaceName, v.year),
    note: v.wheel.saved ? (v.wheel.updatedBy && v.wheel.updatedAt ? t.wheel.savedNote(v.wheel.updatedBy, formatDateTime(new Date(v.wheel.updatedAt))) : '') : t.wheel.defaultNote,
    empty: meetings.length ? '' : t.wheel.none(v.year),
    meetings: meetings.map(({ meeting, items }) => ({
      title: meetingTitle(meeting.forum, meeting.date, meeting.time),
      items: t.wheel.itemsLine(items.map((i) => t.items[i].title)),
      agendaOn: t.wheel.agendaOn(agendaDay(meeting)),
    })),
    t: { edit: t.wheel.edit, prev: t.wheel.prevYear, next: t.wheel.nextYear },
    editData: { verb: V.wheelEdit, year: v.year },
    prevData: { verb: V.wheelShow, year: v.year - 1 },
    nextData: { verb: V.wheelShow, year: v.year + 1 },
  });
}

export type WheelFormValues = Record<string, string>;

/** The edit form of one forum's meetings (and, in MED, the standing items). */
export function wheelForm(v: { workplaceName: string; year: number; wheel: Wheel; forum: Forum; values?: WheelFormValues; errors?: string[] }): CardJson {
  const own = v.wheel.meetings.filter((m) => m.forum === v.forum && m.date >= `${v.year}-01-01`).sort((a, b) => (a.date < b.date ? -1 : 1));
  const value = (id: string, fallback: string) => v.values?.[id] ?? fallback;
  const placement = (p: number) => String(p);
  return renderCard('medyear-wheel-form', {
    title: t.wheel.formTitle(v.workplaceName, v.forum),
    intro: t.wheel.formIntro,
    errors: (v.errors ?? []).join('\n'),
    meetings: Array.from({ length: MAX_MEETINGS }, (_, i) => ({
      dateId: `date${i}`,
      timeId: `time${i}`,
      dateLabel: t.wheel.meetingLabel(i + 1),
      timeLabel: t.wheel.timeLabel(i + 1),
      date: value(`date${i}`, own[i]?.date ?? ''),
      time: value(`time${i}`, own[i]?.time.replace(':', ':') ?? ''),
    })),
    showItems: v.forum === 'med',
    items: STANDING_ITEMS.map((item) => ({
      id: `p_${item}`,
      label: t.wheel.placementLabel(t.items[item].title),
      value: value(`p_${item}`, placement(v.wheel.placements[item])),
    })),
    choices: [
      { title: t.wheel.every, value: String(EVERY_MEETING) },
      ...Array.from({ length: 12 }, (_, i) => ({ title: t.wheel.month(i + 1), value: String(i + 1) })),
      { title: t.wheel.off, value: String(OFF) },
    ],
    t: { save: t.wheel.save },
    saveData: { verb: V.wheelSave, year: v.year, forum: v.forum },
  });
}

const meetingData = (m: Meeting) => ({ forum: m.forum, date: m.date });

export function agendaCard(v: { workplaceName: string; data: AgendaData; today: LocalDate }): CardJson {
  const { meeting, items, actions, apv, mus, added } = v.data;
  const apvLine = apv ? apvStatusLine(apv, v.today) : '';
  return renderCard('medyear-agenda', {
    title: t.agenda.title(meeting.forum, meeting.date, meeting.time),
    workplaceName: v.workplaceName,
    intro: t.agenda.intro,
    summary: t.agenda.summary(meeting.forum, meeting.date),
    standingTitle: t.agenda.standing,
    standing: items.map((i, n) => ({ title: `${n + 1}) ${t.items[i].title}`, note: t.items[i].note })),
    actionsTitle: t.agenda.actionsTitle,
    actionsLine: t.agenda.actions(actions.open, actions.overdue.length),
    overdue: actions.overdue.slice(0, 5).map((a) => ({ text: t.agenda.overdueItem(number(a.number), a.emne, formatDanishDate(a.end)) })),
    apvTitle: t.agenda.apvTitle,
    apvLine,
    sicknessTitle: items.includes('sygefravaer') || items.includes('sygefravaersstatistik') ? t.agenda.sicknessTitle : '',
    sicknessNote: t.agenda.sicknessNote,
    sicknessEmpty: v.data.sickness.length ? '' : t.agenda.sicknessNone,
    sickness: v.data.sickness.map((s) => ({ text: t.agenda.sicknessMonth(monthLabel(s.month), s.activeCases, s.absence) })),
    pulseTitle: t.agenda.pulseTitle(v.data.pulse?.weekLabel ?? ''),
    pulseNote: v.data.pulse && !v.data.pulse.tooFew ? t.agenda.pulseNote : '',
    pulseEmpty: !v.data.pulse ? t.agenda.pulseNone : v.data.pulse.tooFew ? t.agenda.pulseTooFew : '',
    pulse: v.data.pulse && !v.data.pulse.tooFew ? v.data.pulse.dimensions.map((d) => ({ text: t.agenda.pulseDimension(d.name, d.value, d.change) })) : [],
    violenceTitle: t.agenda.violenceTitle,
    violenceNote: t.agenda.violenceNote,
    violenceEmpty: v.data.violence.length ? '' : t.agenda.violenceNone,
    violence: v.data.violence.map((m) => ({ text: t.agenda.violenceMonth(monthLabel(m.month), m.total, m.byKind.map((k) => `${k.label} ${k.count}`).join(', ')) })),
    musTitle: t.agenda.musTitle,
    musLine: mus ? (mus.total ? t.agenda.mus(mus.held, mus.total, mus.overdue) : t.agenda.musNone) : '',
    addedTitle: added.length ? t.agenda.added : '',
    added: added.map((a) => ({ text: t.agenda.addedItem(a.text, a.byName) })),
    t: { addLabel: t.agenda.addLabel, add: t.agenda.add, referat: t.agenda.referat, required: t.agenda.required },
    addData: { verb: V.agendaAdd, ...meetingData(meeting) },
    referatData: { verb: V.referatShow, ...meetingData(meeting) },
  });
}

/** "november 2026" */
const monthLabel = (month: string) => `${DANISH_MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? ''} ${month.slice(0, 4)}`;

export function apvStatusLine(apv: ApvCycle, today: LocalDate): string {
  const state = apvState(apv, today);
  const deadline = apv.surveyedOn ? formatDanishDate(apvDeadline(apv.surveyedOn)) : t.apv.never;
  return t.apv.statusLine(t.apv.states[state], deadline);
}

export function referatCard(v: { workplaceName: string; meeting: Meeting; decisions: readonly Decision[]; members: readonly MemberChoice[]; errors?: string[] }): CardJson {
  return renderCard('medyear-referat', {
    title: t.referat.title(v.meeting.forum, v.meeting.date, v.meeting.time),
    workplaceName: v.workplaceName,
    intro: t.referat.intro,
    errors: (v.errors ?? []).join('\n'),
    empty: v.decisions.length ? '' : t.referat.none,
    decisions: v.decisions.map((d) => ({
      text: t.referat.decision(d.text, d.byName),
      action: d.actionNumber !== undefined ? t.referat.becameAction(number(d.actionNumber)) : '',
      open: d.actionNumber === undefined,
      ownerId: `owner_${d.id}`,
      groupId: `group_${d.id}`,
      endId: `end_${d.id}`,
      toActionData: { verb: V.decisionToAction, ...meetingData(v.meeting), id: d.id },
    })),
    members: v.members,
    t: {
      addLabel: t.referat.addLabel,
      add: t.referat.add,
      required: t.referat.required,
      ownerLabel: t.referat.ownerLabel,
      groupLabel: t.referat.groupLabel,
      endLabel: t.referat.endLabel,
      endHint: actionsText.hints.end,
      toAction: t.referat.toAction,
    },
    addData: { verb: V.referatAdd, ...meetingData(v.meeting) },
  });
}

export function apvCard(v: { workplaceName: string; apv: ApvCycle; actions: readonly PlannedAction[]; today: LocalDate; members: readonly MemberChoice[]; note?: string }): CardJson {
  const { apv } = v;
  const state = apvState(apv, v.today);
  const reminder = apvReminderDue(apv);
  return renderCard('medyear-apv', {
    title: t.apv.title(v.workplaceName),
    intro: t.apv.intro,
    note: v.note ?? '',
    state: t.apv.states[state],
    stateColor: state === 'overdue' || state === 'newRequired' ? 'Attention' : 'Default',
    major: apv.majorChange ? t.apv.majorChangeLine(apv.majorChange.on, apv.majorChange.reason) : '',
    facts: [
      { title: t.apv.surveyed, value: apv.surveyedOn ? formatDanishDate(apv.surveyedOn) : t.apv.never },
      { title: t.apv.deadline, value: apv.surveyedOn ? formatDanishDate(apvDeadline(apv.surveyedOn)) : t.apv.never },
      { title: t.apv.reminder, value: reminder ? formatDanishDate(reminder) : '–' },
    ],
    steps: APV_STEPS.map((s) => ({
      title: t.apv.steps[s],
      value: apv.steps[s] ? t.apv.stepDone(apv.steps[s]!) : t.apv.stepOpen,
    })),
    stepButtons: APV_STEPS.filter((s) => s !== 'kortlaegning' && !apv.steps[s] && apv.steps.kortlaegning).map((s) => ({
      title: t.apv.markDone(t.apv.steps[s]),
      data: { verb: V.apvStep, step: s, rev: apv.rev },
    })),
    findingsTitle: t.apv.findingsTitle,
    findingsEmpty: v.actions.length ? '' : t.apv.findingsNone,
    findings: v.actions.map((a) => ({ text: t.apv.finding(number(a.number), a.emne, status(a)) })),
    members: v.members,
    t: {
      surveyLabel: t.apv.surveyLabel,
      survey: t.apv.survey,
      surveyRequired: t.apv.requiredSurvey,
      majorLabel: t.apv.majorLabel,
      major: t.apv.major,
      majorRequired: t.apv.requiredReason,
      findingLabel: t.apv.findingLabel,
      findingRequired: t.apv.requiredFinding,
      finding: t.apv.findingButton,
      ownerLabel: t.referat.ownerLabel,
      groupLabel: t.referat.groupLabel,
      endLabel: t.referat.endLabel,
      endHint: actionsText.hints.end,
    },
    surveyData: { verb: V.apvSurvey, rev: apv.rev },
    majorData: { verb: V.apvMajorChange, rev: apv.rev },
    findingData: { verb: V.apvFinding, rev: apv.rev },
  });
}

export function kupCard(v: { workplaceName: string; plan: KupPlan; needs: ReturnType<typeof aggregateNeeds>; today: LocalDate; note?: string }): CardJson {
  const { plan, needs } = v;
  return renderCard('medyear-kup', {
    title: t.kup.title(v.workplaceName),
    intro: t.kup.intro,
    note: v.note ?? '',
    needsTitle: t.kup.needsTitle,
    needsFrom: needs.plans ? t.kup.needsFrom(needs.plans) : t.kup.needsNone,
    needs: needs.shown.map((n) => ({ text: t.kup.need(n.count, n.label) })),
    hidden: needs.hidden ? t.kup.needsHidden(needs.hidden) : '',
    activitiesTitle: t.kup.activitiesTitle,
    activitiesEmpty: plan.activities.length ? '' : t.kup.activitiesNone,
    activities: plan.activities.map((a) => ({ text: t.kup.activity(a.what, a.who, a.when) })),
    supervision: plan.supervision,
    review: plan.reviewOn ? t.kup.review(formatDanishDate(plan.reviewOn)) : '',
    reviewDue: kupReviewDue(plan.reviewOn, v.today) ? t.kup.reviewDue : '',
    reviewOn: plan.reviewOn ?? '',
    t: {
      whatLabel: t.kup.whatLabel,
      whoLabel: t.kup.whoLabel,
      whenLabel: t.kup.whenLabel,
      addActivity: t.kup.addActivity,
      supervisionLabel: t.kup.supervisionLabel,
      reviewLabel: t.kup.reviewLabel,
      save: t.kup.save,
      whatRequired: t.kup.requiredWhat,
      whoRequired: t.kup.requiredWho,
      whenRequired: t.kup.requiredWhen,
    },
    activityData: { verb: V.kupActivity },
    saveData: { verb: V.kupSave },
  });
}

export function talkCard(v: { workplaceName: string; year: number; talk?: YearTalk; lastGoals: readonly { text: string; action?: PlannedAction }[]; note?: string }): CardJson {
  const goals = v.talk?.goals ?? [];
  return renderCard('medyear-talk', {
    title: t.talk.title(v.workplaceName, v.year),
    intro: t.talk.intro,
    note: v.note ?? '',
    held: v.talk?.heldOn && v.talk.byName ? t.talk.heldBy(v.talk.byName, v.talk.heldOn) : '',
    lastGoalsTitle: t.talk.lastGoalsTitle(v.year - 1),
    lastGoalsEmpty: v.lastGoals.length ? '' : t.talk.lastGoalsNone,
    lastGoals: v.lastGoals.map((g) => ({ text: g.action ? t.talk.goal(number(g.action.number), g.text, status(g.action)) : g.text })),
    questions: TALK_QUESTIONS.map((q) => ({ id: `q_${q}`, label: t.talk.questions[q], value: v.talk?.answers[q] ?? '' })),
    goalsTitle: goals.length ? t.talk.goalsTitle : '',
    goals: goals.map((g) => ({ text: `${number(g.actionNumber)} ${g.text}` })),
    newGoals: [1, 2, 3].map((n) => ({ goalId: `goal${n}`, label: t.talk.newGoalLabel(n) })),
    t: { save: t.talk.save },
    saveData: { verb: V.talkSave, year: v.year },
  });
}
