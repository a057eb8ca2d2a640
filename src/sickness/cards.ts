/**
 * One typed function per sickness card: it computes everything and the template in
 * cards/sickness-*.json only binds. Card data carries workplace and case ids only;
 * every verb re-checks access against the stored case. The case card is in
 * cards-case.ts, the settings and MED's figures in cards-figures.ts.
 */
import { renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { ADJUSTMENT_LABELS, CONTACT_PURPOSE, METHOD_LABELS, MULIGHEDSERKLAERING_LABELS, STATUS_LABELS, sicknessText as t } from '../i18n/sickness.js';
import { sicknessCardText as C } from '../i18n/sickness-cards.js';
import { formatDanishDate, type LocalDate } from '../shared/calendar.js';
import { caseFacts, durationChoices, payChoices } from './cards-case.js';
import { isOpenCase, MANUAL_STEPS, type SicknessCase, SICKNESS_VERBS } from './model.js';
import type { ContactCounting, FollowUpPolicy } from './policy.js';
import type { TimelineItem } from './timeline.js';

export { caseCard, durationChoices, type CaseView } from './cards-case.js';

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, title]) => ({ title, value }));
const ref = (c: SicknessCase) => ({ workplaceId: c.workplaceId, caseId: c.id });
const bool = (b: boolean | undefined) => (b ? 'true' : 'false');
const fact = (title: string, value: string) => ({ title, value });

/** Which purpose text fits a contact: by its place in the model (first, second, third and later). */
export function purposesFor(point: number, policy: FollowUpPolicy, items: readonly TimelineItem[]): readonly string[] {
  let index = policy.contacts.days.indexOf(point);
  if (index < 0) {
    const reached = items.filter((i) => i.kind === 'contact' && i.status !== 'upcoming').length;
    index = Math.max(0, reached - 1);
  }
  return CONTACT_PURPOSE[Math.min(index, CONTACT_PURPOSE.length - 1)] ?? [];
}

export function openForm(employees: { title: string; value: string }[], today: LocalDate): CardJson {
  return renderCard('sickness-open', { t: C.open, employees, today, durations: durationChoices(), payChoices: payChoices() });
}

export function confirmCard(c: SicknessCase): CardJson {
  return renderCard('sickness-confirm', {
    t: C.confirm,
    title: t.confirmTitle(c.employeeName),
    intro: t.confirmIntro(c.employeeName, c.firstDay),
    noDiagnosis: t.noDiagnosis,
    firstDay: c.firstDay,
    partial: bool(c.partial),
    expectedDuration: c.expectedDuration,
    durations: durationChoices(),
    pay: c.pay,
    payChoices: payChoices(),
    confirmData: { verb: SICKNESS_VERBS.confirm, ...ref(c) },
    dismissData: { verb: SICKNESS_VERBS.dismiss, ...ref(c) },
  });
}

/**
 * The reminder of one contact. A contact person (TR, AMR, colleague) sees the name, the
 * purpose and the no-diagnosis line, never the case's facts.
 */
export function contactReminder(c: SicknessCase, point: number, policy: FollowUpPolicy, items: readonly TimelineItem[], opts: { lead?: string; forLeader: boolean }): CardJson {
  const lead = opts.lead ?? '';
  return renderCard('sickness-contact', {
    t: C.contact,
    title: t.contactTitle(point, c.employeeName, policy.contacts.counting),
    lead,
    hasLead: lead !== '',
    forLeader: opts.forLeader,
    facts: opts.forLeader ? caseFacts(c) : [],
    purposes: purposesFor(point, policy, items),
    noDiagnosis: t.noDiagnosis,
    source: items.find((i) => i.kind === 'contact')?.source ?? policy.source,
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

export function contactForm(c: SicknessCase, point: number, opts: { values?: ContactValues; warnTerms?: string[]; asContactPerson?: boolean; counting?: ContactCounting } = {}): CardJson {
  const values = opts.values ?? {};
  const warnTerms = opts.warnTerms ?? [];
  const data = { ...ref(c), point };
  return renderCard('sickness-contact-form', {
    t: C.contactForm,
    title: t.contactTitle(point, c.employeeName, opts.counting),
    noDiagnosis: t.noDiagnosis,
    hasWarning: warnTerms.length > 0,
    warning: t.healthWarning(warnTerms),
    asContactPerson: !!opts.asContactPerson,
    methods: choices(METHOD_LABELS),
    adjustmentChoices: choices(ADJUSTMENT_LABELS),
    how: values.how ?? '',
    // A contact person is not shown what the leader knows.
    expectedReturn: values.expectedReturn ?? (opts.asContactPerson ? '' : (c.expectedReturn ?? '')),
    adjustments: values.adjustments ?? 'ved-ikke',
    nextContact: values.nextContact ?? '',
    note: values.note ?? '',
    saveData: data,
    confirmData: { ...data, confirmedTerms: warnTerms.join(',') },
    canGoBack: !opts.asContactPerson,
    backData: ref(c),
  });
}

export function milestoneCard(c: SicknessCase, item: TimelineItem, opts: { step: string; urgent: boolean; forLeader: boolean; lead?: string }): CardJson {
  const manual = (MANUAL_STEPS as readonly string[]).includes(opts.step);
  const deadline = item.deadline;
  return renderCard('sickness-milestone', {
    t: C.milestone,
    urgent: opts.urgent,
    urgentText: deadline ? t.escalationLead(deadline) : '',
    title: `${item.title}: ${c.employeeName}`,
    lead: opts.lead ?? (opts.forLeader ? (t.milestoneLead[opts.step] ?? '') : t.escalationHr(c.employeeName)),
    facts: [
      fact(t.facts.firstDay, formatDanishDate(c.firstDay)),
      ...(deadline ? [fact(t.facts.deadline, formatDanishDate(deadline))] : []),
      ...(c.samtale ? [fact(t.facts.samtale, t.invitationWhen(c.samtale.date, c.samtale.time))] : []),
    ],
    noDiagnosis: t.noDiagnosis,
    source: [item.source, item.local].filter(Boolean).join(' '),
    canBook: opts.forLeader && (opts.step === 'samtale:book' || opts.step === 'samtale'),
    canOutcome: opts.forLeader && opts.step === 'samtale:outcome',
    canMark: opts.forLeader && manual,
    canShow: opts.forLeader,
    refData: ref(c),
    markData: { ...ref(c), step: opts.step },
  });
}

export function samtaleForm(c: SicknessCase, deadlines: { bookBy: LocalDate; holdBy: LocalDate; law: string }, values: { date?: string; time?: string; place?: string } = {}, warnTerms: string[] = []): CardJson {
  const data = ref(c);
  return renderCard('sickness-samtale', {
    t: C.samtale,
    title: t.samtaleFormTitle(c.employeeName),
    lead: t.samtaleDeadlines(deadlines.bookBy, deadlines.holdBy),
    law: deadlines.law,
    hasWarning: warnTerms.length > 0,
    warning: t.healthWarning(warnTerms),
    date: values.date ?? c.samtale?.date ?? '',
    time: values.time ?? c.samtale?.time ?? '10:00',
    place: values.place ?? c.samtale?.place ?? '',
    saveData: data,
    confirmData: { ...data, confirmedTerms: warnTerms.join(',') },
    backData: data,
  });
}

export interface OutcomeValues {
  heldOn?: string;
  plan?: string;
  partialReturn?: boolean;
  mulighedserklaering?: string;
  paragraf56?: boolean;
  nextFollowUp?: string;
}

export function outcomeForm(c: SicknessCase, today: LocalDate, values: OutcomeValues = {}, warnTerms: string[] = []): CardJson {
  const o = c.samtale?.outcome;
  const data = ref(c);
  return renderCard('sickness-outcome', {
    t: C.outcome,
    title: t.outcomeTitle(c.employeeName),
    hasWarning: warnTerms.length > 0,
    warning: t.healthWarning(warnTerms),
    heldOn: values.heldOn ?? c.samtale?.heldOn ?? c.samtale?.date ?? today,
    plan: values.plan ?? o?.plan ?? '',
    partialReturn: bool(values.partialReturn ?? o?.partialReturn),
    mulighedserklaering: values.mulighedserklaering ?? o?.mulighedserklaering ?? 'nej',
    mulighedChoices: choices(MULIGHEDSERKLAERING_LABELS),
    paragraf56: bool(values.paragraf56 ?? o?.paragraf56),
    nextFollowUp: values.nextFollowUp ?? o?.nextFollowUp ?? '',
    saveData: data,
    confirmData: { ...data, confirmedTerms: warnTerms.join(',') },
    backData: data,
  });
}

export function invitationCard(c: SicknessCase, opts: { canInviteTr: boolean; trNote?: string; trChoices?: { title: string; value: string }[] }): CardJson {
  const s = c.samtale;
  return renderCard('sickness-invitation', {
    t: C.invitation,
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

/** The employee's own card: the dates that concern them, the right to a fastholdelsesplan, who sees it. */
export function employeeCard(c: SicknessCase, today: LocalDate, canInviteTr: boolean, confirmation?: string): CardJson {
  const s = c.samtale;
  const asked = !!c.fastholdelsesplanRequestedOn && !c.fastholdelsesplanPlannedOn;
  return renderCard('sickness-employee', {
    t: C.employee,
    title: t.employeeTitle,
    hasConfirmation: !!confirmation,
    confirmation: confirmation ?? '',
    facts: [
      fact(t.facts.status, STATUS_LABELS[c.status]),
      fact(t.facts.firstDay, formatDanishDate(c.firstDay)),
      ...(s && !s.heldOn ? [fact(t.facts.samtale, t.whenPlace(s.date, s.time, s.place))] : []),
      ...(asked ? [fact(t.facts.plan, t.planAskedOn(c.fastholdelsesplanRequestedOn!))] : []),
    ],
    canInviteTr: canInviteTr && !!s && !s.heldOn && !s.trInvited,
    inviteData: { ...ref(c), rev: s?.rev ?? 0 },
    canAskPlan: c.status === 'aktiv' && !asked,
    isOpen: isOpenCase(c),
    today,
    refData: ref(c),
  });
}

/** A short notice to a leader about a case as a whole (a contact taken, the case handed over or left without a leader). */
export function caseNotice(c: SicknessCase, lead: string): CardJson {
  return renderCard('sickness-notice', { t: C.notice, title: t.caseTitle(c.employeeName), lead, noDiagnosis: t.noDiagnosis, refData: ref(c) });
}

export function listCard(title: string, rows: { c: SicknessCase; line: string }[], button: { title: string; verb: string }): CardJson {
  return renderCard('sickness-list', {
    title,
    empty: t.listEmpty,
    isEmpty: rows.length === 0,
    cases: rows.map(({ c, line }) => ({ name: c.employeeName, line, buttonTitle: button.title, buttonVerb: button.verb, buttonData: ref(c) })),
  });
}
