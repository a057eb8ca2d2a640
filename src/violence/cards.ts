/**
 * One typed function per violence card: it computes everything and the template in
 * cards/violence-*.json only binds. Card data carries workplace and episode ids only;
 * every verb re-checks access against the stored episode.
 */
import { ACTION_VERBS } from '../actions/model.js';
import { renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { KIND_LABELS, LABEL, SOURCE_LABELS, SOURCES, STATUS_LABELS, stepTitle, TIME_LABELS, violenceText as t } from '../i18n/violence.js';
import { DANISH_MONTH_NAMES, formatDanishDate } from '../shared/calendar.js';
import { needsAnmeldelse, timeOfDayOf, VIOLENCE_VERBS, type Episode } from './model.js';
import { anmeldelseDeadline, type TimelineItem } from './rules.js';
import type { ViolencePolicy } from './settings.js';
import { shownBreakdown, shownCount, shownShare, type MonthlyCounts } from './stats.js';

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, title]) => ({ title, value }));
const fact = (title: string, value: string) => ({ title, value });
const refOf = (e: Episode) => ({ workplaceId: e.workplaceId, episodeId: e.id });

/** What the form shows again after a refusal: the raw values as typed. */
export type FormValues = Partial<Record<'subject' | 'occurredOn' | 'occurredAt' | 'place' | 'kind' | 'source' | 'injured' | 'absenceFrom' | 'needsTalkNow' | 'amrMayKnowName' | 'description', string>>;

export interface FormView {
  workplaceId: string;
  /** The form's one-time key: the episode id is made from it, so a second submit is the same episode. */
  formKey: string;
  /** The colleagues one may register for ("self" first). */
  colleagues: { title: string; value: string }[];
  places: readonly string[];
  values?: FormValues;
  errors?: string[];
  warnTerms?: string[];
}

export function formCard(v: FormView): CardJson {
  const blank = { subject: 'self', occurredOn: '', occurredAt: '', place: '', kind: '', source: '', injured: 'false', absenceFrom: '', needsTalkNow: 'false', amrMayKnowName: 'false', description: '' };
  const values: Required<FormValues> = { ...blank, ...v.values };
  const data = { workplaceId: v.workplaceId, formKey: v.formKey, people: v.colleagues, places: v.places };
  const warn = v.warnTerms ?? [];
  return renderCard('violence-form', {
    t: t.form,
    values,
    people: [{ title: t.form.self, value: 'self' }, ...v.colleagues],
    places: v.places.map((p) => ({ title: p, value: p })),
    kinds: choices(KIND_LABELS),
    sources: choices(SOURCE_LABELS),
    hasErrors: (v.errors ?? []).length > 0,
    errors: v.errors ?? [],
    hasWarning: warn.length > 0,
    warning: t.form.warningTitle(warn),
    registerData: data,
    confirmData: { ...data, confirmedTerms: warn.join(',') },
  });
}

function facts(e: Episode, withName: boolean): { title: string; value: string }[] {
  return [
    ...(withName ? [fact(t.facts.who, e.employeeName)] : []),
    fact(t.facts.when, t.when(e.occurredOn, e.occurredAt)),
    fact(t.facts.place, e.place),
    fact(t.facts.kind, KIND_LABELS[e.kind]),
    fact(t.facts.source, SOURCE_LABELS[e.source]),
    fact(t.facts.injured, e.injured ? t.yes : t.no),
    fact(t.facts.absence, e.absenceFrom ? t.absenceFrom(e.absenceFrom) : t.no),
    ...(withName && e.reportedById !== e.employeeId ? [fact(t.facts.reportedBy, t.colleague)] : []),
  ];
}

function statusText(i: TimelineItem): string {
  switch (i.status) {
    case 'done':
      return STATUS_LABELS.done(i.doneOn ?? i.due);
    case 'overdue':
      return STATUS_LABELS.overdue(i.deadline);
    case 'not-applicable':
      return STATUS_LABELS.notApplicable;
    case 'upcoming':
      return STATUS_LABELS.upcoming(i.due);
    default:
      return STATUS_LABELS.due(i.deadline);
  }
}

function sourceOf(key: TimelineItem['key'], policy: ViolencePolicy): string {
  return key === 'anmeldelse' ? SOURCES.anmeldelse(policy.anmeldelseDays) : SOURCES[key];
}

export interface EpisodeCardOptions {
  as: 'leader' | 'employee';
  /** A reminder's first line. */
  lead?: string;
  /** Show the "Vis episoden" button (on a reminder, to get the current card). */
  showButton?: boolean;
}

/** The episode as its leader follows it up, or as the employee it happened to sees it. */
export function episodeCard(e: Episode, items: readonly TimelineItem[], policy: ViolencePolicy, opts: EpisodeCardOptions): CardJson {
  const leader = opts.as === 'leader';
  const pending = e.status === 'afventer';
  const lead = opts.lead ?? (leader ? (pending ? t.confirmFirst : policy.talkDays === 0 ? t.leader.lead : t.leader.leadLater) : '');
  const steps = leader
    ? items
        .filter((i) => i.who === 'leader')
        .map((i) => {
          const canAct = !pending && i.status !== 'done' && i.status !== 'not-applicable';
          return {
            title: stepTitle(i.key, policy.talkDays),
            status: statusText(i),
            color: i.status === 'overdue' ? 'Attention' : 'Default',
            source: sourceOf(i.key, policy),
            canAct,
            hasLink: i.key === 'anmeldelse',
            linkTitle: t.leader.report,
            url: policy.reportUrl,
            markTitle: LABEL.markDone,
            markData: { ...refOf(e), step: i.key },
            // The risk assessment may become an action in the handleplan (once per episode).
            hasAction: !pending && i.key === 'risk',
            actionTitle: t.riskAction.button,
            actionData: refOf(e),
          };
        })
    : [];
  const police = items.find((i) => i.key === 'police');
  const askPolice = !leader && e.status === 'aktiv' && !e.police;
  const decided = e.police && e.policeDecidedOn ? t.employee.policeDecided(e.police === 'ja', e.policeDecidedOn) : '';
  return renderCard('violence-episode', {
    t: { ...t.employee, steps: t.leader.steps, show: LABEL.show },
    urgent: leader && e.needsTalkNow && !e.talkOfferedOn,
    urgentText: t.leader.needsTalk(e.employeeName),
    title: leader ? (pending ? t.leader.titleUnconfirmed(e.employeeName) : t.leader.title(e.employeeName)) : t.employee.title(KIND_LABELS[e.kind], e.occurredOn),
    hasLead: lead !== '',
    lead,
    facts: facts(e, leader),
    hasDescription: leader && e.description !== undefined,
    description: e.description ?? '',
    hasSteps: steps.length > 0,
    steps,
    askPolice,
    policeSource: police ? SOURCES.police : '',
    policeYes: { ...refOf(e), decision: 'ja' },
    policeNo: { ...refOf(e), decision: 'nej' },
    hasPoliceDecision: decided !== '',
    policeDecision: decided,
    hasHelp: !leader,
    canShow: opts.showButton === true,
    refData: refOf(e),
  });
}

/** "Ja, 3. december 2026", "Ikke endnu (frist ...)" or "Ikke nødvendigt". */
export function reportedState(e: Episode, policy: ViolencePolicy): string {
  if (!needsAnmeldelse(e)) return t.reportedStates.no;
  return e.anmeldtOn ? t.reportedStates.yes(e.anmeldtOn) : t.reportedStates.pending(anmeldelseDeadline(policy, e));
}

/** What the AMR sees: kind, place, time of day, whether reported; the name only with consent. */
export function amrCard(e: Episode, policy: ViolencePolicy, reportedNow = false): CardJson {
  const named = e.amrMayKnowName;
  return renderCard('violence-amr', {
    t: t.amr,
    title: reportedNow ? t.amr.reportedTitle : t.amr.title,
    facts: [
      ...(named ? [fact(t.facts.who, e.employeeName)] : []),
      fact(t.facts.kind, KIND_LABELS[e.kind]),
      fact(t.facts.place, e.place),
      fact(t.facts.timeOfDay, TIME_LABELS[timeOfDayOf(e.occurredAt)]),
      fact(t.facts.when, formatDanishDate(e.occurredOn)),
      fact(t.facts.reported, reportedState(e, policy)),
    ],
    anonymous: !named,
  });
}

/** To the person a colleague registered an episode for: confirm or reject. */
export function confirmCard(e: Episode): CardJson {
  return renderCard('violence-confirm', {
    t: { ...t.confirm, amrMayKnowName: LABEL.amrMayKnowName },
    intro: t.confirm.intro(e.occurredOn),
    facts: facts(e, false),
    hasDescription: e.description !== undefined,
    description: e.description ?? '',
    refData: refOf(e),
  });
}

export function listCard(rows: { e: Episode; line: string }[]): CardJson {
  return renderCard('violence-list', {
    title: t.listTitle,
    rows: rows.map(({ e, line }) => ({ line, showTitle: LABEL.show, refData: refOf(e) })),
  });
}

export function monthLabel(month: string): string {
  return `${DANISH_MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** TRIO's and MED's monthly card: counts only, nothing under 3 (stats.ts). */
export function monthlyCard(workplaceId: string, workplaceName: string, month: string, c: MonthlyCounts, lastYear: MonthlyCounts | undefined): CardJson {
  const m = t.monthly;
  const totals = [fact(m.total, shownCount(c.total, m.underThree))];
  if (lastYear) {
    totals.push(fact(m.lastYear, shownCount(lastYear.total, m.underThree)));
    // A difference of two hidden counts would tell what they hide.
    if (c.total >= 3 && lastYear.total >= 3) totals.push(fact(m.trend, m.change(c.total - lastYear.total)));
  }
  const enough = c.total >= 3;
  const breakdowns = enough
    ? [
        { title: m.byKind, rows: shownBreakdown(c.byKind, (k) => KIND_LABELS[k as keyof typeof KIND_LABELS] ?? k, m.other) },
        { title: m.byPlace, rows: shownBreakdown(c.byPlace, (k) => k, m.other) },
        { title: m.byTime, rows: shownBreakdown(c.byTime, (k) => TIME_LABELS[k as keyof typeof TIME_LABELS] ?? k, m.other) },
      ].filter((b) => b.rows.length > 0)
    : [];
  const share = (part: number, whole: number) => {
    const p = shownShare(part, whole);
    return p === undefined ? m.tooFew : m.percent(p);
  };
  return renderCard('violence-monthly', {
    t: m,
    title: m.title(monthLabel(month), workplaceName),
    totals,
    breakdowns,
    shares: [fact(m.talkOnTime, share(c.talkOnTime, c.total)), fact(m.anmeldelseOnTime, share(c.anmeldelseOnTime, c.anmeldelseDue))],
    actionData: { verb: ACTION_VERBS.newForm, workplaceId, tema: m.actionTema, emne: m.actionEmne(monthLabel(month)), kilde: 'vold' },
  });
}

/** The settings card's values: as stored, or as typed when the card comes back with errors. */
export type SettingsValues = Record<'places' | 'talkDays' | 'followUpTalkDays' | 'anmeldelseDays' | 'anmeldelseLeadDays' | 'policeReminderDays' | 'riskAssessmentDays', string>;

export function settingsValuesOf(p: ViolencePolicy): SettingsValues {
  return {
    places: p.places.join('\n'),
    talkDays: String(p.talkDays),
    followUpTalkDays: String(p.followUpTalkDays),
    anmeldelseDays: String(p.anmeldelseDays),
    anmeldelseLeadDays: String(p.anmeldelseLeadDays),
    policeReminderDays: String(p.policeReminderDays),
    riskAssessmentDays: String(p.riskAssessmentDays),
  };
}

/** `indstillinger vold`: the place list and the deadlines, for a leader of the workplace. */
export function settingsCard(workplaceId: string, workplaceName: string, values: SettingsValues, errors: readonly string[] = []): CardJson {
  return renderCard('violence-settings', {
    t: t.settings,
    title: t.settings.title(workplaceName),
    hasErrors: errors.length > 0,
    errors,
    values,
    // The name rides along so that a card returned with errors keeps its title (access is checked on the id).
    saveData: { verb: VIOLENCE_VERBS.settingsSave, workplaceId, workplaceName },
  });
}
