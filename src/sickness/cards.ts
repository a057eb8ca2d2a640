/**
 * One typed function per sickness card: it computes everything and the template in
 * cards/sickness-*.json only binds. Card data carries workplace and case ids only;
 * every verb re-checks access against the stored case.
 */
import { renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import {
  ADJUSTMENT_LABELS,
  CONTACT_PURPOSE,
  DURATION_LABELS,
  ITEM_STATUS_LABELS,
  METHOD_LABELS,
  monthName,
  STATUS_LABELS,
  sicknessText as t,
} from '../i18n/sickness.js';
import { sicknessCardText as C } from '../i18n/sickness-cards.js';
import { formatDanishDate, type LocalDate } from '../shared/calendar.js';
import { isOpenCase, MANUAL_STEPS, type SicknessCase, SICKNESS_VERBS } from './model.js';
import type { FollowUpPolicy } from './policy.js';
import type { SicknessSettings } from './settings.js';
import { showFigures, type MonthlyFigures } from './stats.js';
import type { TimelineItem } from './timeline.js';

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, title]) => ({ title, value }));
const ref = (c: SicknessCase) => ({ workplaceId: c.workplaceId, caseId: c.id });
const bool = (b: boolean | undefined) => (b ? 'true' : 'false');
const fact = (title: string, value: string) => ({ title, value });

export const durationChoices = () => choices(DURATION_LABELS);

/** The settings card's "no HR contact" choice (src/sickness/inputs.ts reads it as none). */
export const NO_HR_CONTACT = 'ingen';

function caseFacts(c: SicknessCase): { title: string; value: string }[] {
  return [
    fact(t.facts.firstDay, formatDanishDate(c.firstDay)),
    fact(t.facts.partial, c.partial ? t.yes : t.no),
    fact(t.facts.duration, DURATION_LABELS[c.expectedDuration]),
    ...(c.expectedReturn ? [fact(t.facts.expectedReturn, formatDanishDate(c.expectedReturn))] : []),
  ];
}

/** Which purpose text fits a contact: by its place in the model (first, second, third and later). */
export function purposesFor(point: number, policy: FollowUpPolicy, items: readonly TimelineItem[]): readonly string[] {
  let index = policy.contactDays.indexOf(point);
  if (index < 0) {
    const reached = items.filter((i) => i.kind === 'contact' && i.status !== 'upcoming').length;
    index = Math.max(0, reached - 1);
  }
  return CONTACT_PURPOSE[Math.min(index, CONTACT_PURPOSE.length - 1)] ?? [];
}

export function openForm(employees: { title: string; value: string }[], today: LocalDate): CardJson {
  return renderCard('sickness-open', { t: C.open, employees, today, durations: durationChoices() });
}

export function confirmCard(c: SicknessCase): CardJson {
  return renderCard('sickness-confirm', { t: C.confirm,
    title: t.confirmTitle(c.employeeName),
    intro: t.confirmIntro(c.employeeName, c.firstDay),
    noDiagnosis: t.noDiagnosis,
    firstDay: c.firstDay,
    partial: bool(c.partial),
    expectedDuration: c.expectedDuration,
    durations: durationChoices(),
    confirmData: { verb: SICKNESS_VERBS.confirm, ...ref(c) },
    dismissData: { verb: SICKNESS_VERBS.dismiss, ...ref(c) },
  });
}

export function contactReminder(c: SicknessCase, point: number, policy: FollowUpPolicy, items: readonly TimelineItem[], lead = ''): CardJson {
  return renderCard('sickness-contact', { t: C.contact,
    title: t.contactTitle(point, c.employeeName),
    lead,
    hasLead: lead !== '',
    facts: caseFacts(c),
    purposes: purposesFor(point, policy, items),
    noDiagnosis: t.noDiagnosis,
    source: policy.contactSource,
    formData: { ...ref(c), point },
    postponeData: { ...ref(c), point },
    restData: ref(c),
  });
}

export interface ContactValues {
  how?: string;
  expectedReturn?: string;
  adjustments?: string;
  nextContact?: string;
  note?: string;
}

export function contactForm(c: SicknessCase, point: number, values: ContactValues = {}, warnTerms: string[] = []): CardJson {
  const data = { ...ref(c), point };
  return renderCard('sickness-contact-form', { t: C.contactForm,
    title: t.contactTitle(point, c.employeeName),
    noDiagnosis: t.noDiagnosis,
    hasWarning: warnTerms.length > 0,
    warning: t.healthWarning(warnTerms),
    methods: choices(METHOD_LABELS),
    adjustmentChoices: choices(ADJUSTMENT_LABELS),
    how: values.how ?? '',
    expectedReturn: values.expectedReturn ?? c.expectedReturn ?? '',
    adjustments: values.adjustments ?? 'ved-ikke',
    nextContact: values.nextContact ?? '',
    note: values.note ?? '',
    saveData: data,
    confirmData: { ...data, confirmedTerms: warnTerms.join(',') },
  });
}

export function milestoneCard(
  c: SicknessCase,
  item: TimelineItem,
  opts: { step: string; urgent: boolean; forLeader: boolean },
): CardJson {
  const manual = (MANUAL_STEPS as readonly string[]).includes(opts.step);
  const deadline = item.deadline;
  return renderCard('sickness-milestone', { t: C.milestone,
    urgent: opts.urgent,
    urgentText: deadline ? t.escalationLead(deadline) : '',
    title: `${item.title}: ${c.employeeName}`,
    lead: opts.forLeader ? (t.milestoneLead[opts.step] ?? '') : t.escalationHr(c.employeeName),
    facts: [
      fact(t.facts.firstDay, formatDanishDate(c.firstDay)),
      ...(deadline ? [fact(t.facts.deadline, formatDanishDate(deadline))] : []),
      ...(c.samtale ? [fact(t.facts.samtale, t.invitationWhen(c.samtale.date, c.samtale.time))] : []),
    ],
    noDiagnosis: t.noDiagnosis,
    source: item.source,
    canBook: opts.forLeader && (opts.step === 'samtale:book' || opts.step === 'samtale'),
    canOutcome: opts.forLeader && opts.step === 'samtale:outcome',
    canMark: opts.forLeader && manual,
    canShow: opts.forLeader,
    refData: ref(c),
    markData: { ...ref(c), step: opts.step },
  });
}

export function samtaleForm(
  c: SicknessCase,
  deadline: LocalDate,
  values: { date?: string; time?: string; place?: string } = {},
  warnTerms: string[] = [],
): CardJson {
  const data = ref(c);
  return renderCard('sickness-samtale', { t: C.samtale,
    title: t.samtaleFormTitle(c.employeeName),
    lead: t.deadline(deadline),
    hasWarning: warnTerms.length > 0,
    warning: t.healthWarning(warnTerms),
    date: values.date ?? c.samtale?.date ?? '',
    time: values.time ?? c.samtale?.time ?? '10:00',
    place: values.place ?? c.samtale?.place ?? '',
    saveData: data,
    confirmData: { ...data, confirmedTerms: warnTerms.join(',') },
  });
}

export interface OutcomeValues {
  heldOn?: string;
  plan?: string;
  partialReturn?: boolean;
  mulighedserklaering?: boolean;
  paragraf56?: boolean;
  nextFollowUp?: string;
}

export function outcomeForm(c: SicknessCase, today: LocalDate, values: OutcomeValues = {}, warnTerms: string[] = []): CardJson {
  const o = c.samtale?.outcome;
  const data = ref(c);
  return renderCard('sickness-outcome', { t: C.outcome,
    title: t.outcomeTitle(c.employeeName),
    hasWarning: warnTerms.length > 0,
    warning: t.healthWarning(warnTerms),
    heldOn: values.heldOn ?? c.samtale?.heldOn ?? c.samtale?.date ?? today,
    plan: values.plan ?? o?.plan ?? '',
    partialReturn: bool(values.partialReturn ?? o?.partialReturn),
    mulighedserklaering: bool(values.mulighedserklaering ?? o?.mulighedserklaering),
    paragraf56: bool(values.paragraf56 ?? o?.paragraf56),
    nextFollowUp: values.nextFollowUp ?? o?.nextFollowUp ?? '',
    saveData: data,
    confirmData: { ...data, confirmedTerms: warnTerms.join(',') },
  });
}

export function invitationCard(
  c: SicknessCase,
  opts: { canInviteTr: boolean; trNote?: string; trChoices?: { title: string; value: string }[] },
): CardJson {
  const s = c.samtale;
  return renderCard('sickness-invitation', { t: C.invitation,
    greeting: t.invitationGreeting(c.employeeName),
    when: s ? t.invitationWhen(s.date, s.time) : '',
    place: s?.place ?? '',
    hasTrNote: !!opts.trNote,
    trNote: opts.trNote ?? '',
    chooseTr: (opts.trChoices?.length ?? 0) > 0,
    trChoices: opts.trChoices ?? [],
    canInviteTr: opts.canInviteTr,
    inviteData: { ...ref(c), rev: s?.rev ?? 0 },
  });
}

function itemLine(item: TimelineItem): { line: string; color: string } {
  const when = item.status === 'done' && item.doneOn ? t.dueOn(item.doneOn) : item.deadline ? t.deadline(item.deadline) : t.dueOn(item.due);
  // Teams' yellow and green fail WCAG AA on white: only overdue is coloured (red), and the status word says it.
  const color = item.status === 'overdue' ? 'Attention' : 'Default';
  return { line: t.itemLine(ITEM_STATUS_LABELS[item.status], when, item.note), color };
}

export function caseCard(c: SicknessCase, items: readonly TimelineItem[], today: LocalDate): CardJson {
  const open = c.status === 'aktiv';
  const s = c.samtale;
  return renderCard('sickness-case', { t: C.case,
    title: t.caseTitle(c.employeeName),
    facts: [
      fact(t.facts.status, STATUS_LABELS[c.status]),
      ...caseFacts(c),
      fact(t.facts.model, c.model),
      ...(s ? [fact(t.facts.samtale, t.whenPlace(s.date, s.time, s.place))] : []),
      ...(c.restRequestedOn ? [fact(t.facts.rest, t.restFrom(c.restRequestedOn))] : []),
    ],
    noDiagnosis: t.noDiagnosis,
    items: items
      .filter((i) => i.status !== 'not-applicable')
      .map((i) => ({
        title: i.title,
        ...itemLine(i),
        source: i.source,
        canMark: (MANUAL_STEPS as readonly string[]).includes(i.key) && ['due', 'overdue', 'upcoming'].includes(i.status),
        markData: { ...ref(c), step: i.key },
      })),
    hasContacts: c.contacts.length > 0,
    contacts: c.contacts.map((x) => t.contactLine(x.on, METHOD_LABELS[x.how], ADJUSTMENT_LABELS[x.adjustments], x.expectedReturn, x.note)),
    isOpen: open,
    hasSamtale: open && !!s,
    resting: !!c.restRequestedOn,
    notResting: !c.restRequestedOn,
    partial: bool(c.partial),
    expectedDuration: c.expectedDuration,
    durations: durationChoices(),
    today,
    refData: ref(c),
    contactData: { ...ref(c), point: 0 },
    updateData: ref(c),
  });
}

export function employeeCard(c: SicknessCase, today: LocalDate, canInviteTr: boolean): CardJson {
  const s = c.samtale;
  return renderCard('sickness-employee', { t: C.employee,
    title: t.employeeTitle,
    facts: [
      fact(t.facts.status, STATUS_LABELS[c.status]),
      fact(t.facts.firstDay, formatDanishDate(c.firstDay)),
      ...(s && !s.heldOn ? [fact(t.facts.samtale, t.whenPlace(s.date, s.time, s.place))] : []),
    ],
    canInviteTr: canInviteTr && !!s && !s.heldOn && !s.trInvited,
    inviteData: { ...ref(c), rev: s?.rev ?? 0 },
    isOpen: isOpenCase(c),
    today,
    refData: ref(c),
  });
}

export function listCard(title: string, rows: { c: SicknessCase; line: string }[], button: { title: string; verb: string }): CardJson {
  return renderCard('sickness-list', {
    title,
    empty: t.listEmpty,
    isEmpty: rows.length === 0,
    cases: rows.map(({ c, line }) => ({ name: c.employeeName, line, buttonTitle: button.title, buttonVerb: button.verb, buttonData: ref(c) })),
  });
}

export function settingsCard(workplaceId: string, workplaceName: string, s: SicknessSettings, people: { title: string; value: string }[]): CardJson {
  return renderCard('sickness-settings', {
    t: C.settings,
    title: t.settingsTitle(workplaceName),
    model: s.model,
    // Every choice needs a value (Adaptive Cards refuses an empty one): "none" is a word the input reads as no HR contact.
    hrContactId: s.hrContactId ?? NO_HR_CONTACT,
    people: [{ title: t.hrNone, value: NO_HR_CONTACT }, ...people],
    repeatedCases: s.repeatedCases,
    repeatedMonths: s.repeatedMonths,
    retentionMonths: s.retentionMonths,
    returnFollowUp: bool(s.returnFollowUp),
    saveData: { workplaceId },
  });
}

/** The channel post of a month: counts only, small numbers masked (stats.showFigures). */
export function monthlyCard(workplaceName: string, month: string, figures: MonthlyFigures): CardJson {
  return renderCard('sickness-monthly', { t: C.monthly, title: t.monthlyTitle(workplaceName, monthName(month)), ...showFigures(figures), note: t.monthlyNote });
}
