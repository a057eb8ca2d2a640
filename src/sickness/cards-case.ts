/**
 * The case card a leader follows a case on: facts, the timeline with the law's and the
 * fraværspolitik's lines apart, the contact log, and the actions. After every action the
 * leader gets this card back with a short confirmation on top (never one green line).
 */
import { renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { ADJUSTMENT_LABELS, DURATION_LABELS, ITEM_STATUS_LABELS, METHOD_LABELS, PAY_LABELS, STATUS_LABELS, sicknessText as t, timelineText } from '../i18n/sickness.js';
import { sicknessCardText as C } from '../i18n/sickness-cards.js';
import { formatDanishDate, type LocalDate } from '../shared/calendar.js';
import { MANUAL_STEPS, type SicknessCase } from './model.js';
import type { FollowUpPolicy } from './policy.js';
import { activeCover } from './rules.js';
import { contactPoint, type TimelineItem } from './timeline.js';

type Choice = { title: string; value: string };
const choices = (labels: Record<string, string>): Choice[] => Object.entries(labels).map(([value, title]) => ({ title, value }));
const ref = (c: SicknessCase) => ({ workplaceId: c.workplaceId, caseId: c.id });
const fact = (title: string, value: string) => ({ title, value });

export const durationChoices = (): Choice[] => choices(DURATION_LABELS);
export const payChoices = (): Choice[] => choices(PAY_LABELS);

/** The facts every leader card starts with (first day, partial, expected duration and return, pay). */
export function caseFacts(c: SicknessCase): { title: string; value: string }[] {
  return [
    fact(t.facts.firstDay, formatDanishDate(c.firstDay)),
    fact(t.facts.partial, c.partial ? t.yes : t.no),
    fact(t.facts.duration, DURATION_LABELS[c.expectedDuration]),
    ...(c.expectedReturn ? [fact(t.facts.expectedReturn, formatDanishDate(c.expectedReturn))] : []),
  ];
}

/** What a timeline line says: the status in words and the date that matters for it. */
export function itemLine(item: TimelineItem, c: Pick<SicknessCase, 'samtale'>): { line: string; color: string } {
  const w = t.when;
  const s = c.samtale;
  const when =
    item.status === 'done' && item.doneOn
      ? w.doneOn(item.doneOn)
      : item.status === 'booked' && s
        ? w.bookedFor(s.date, s.time)
        : item.status === 'cancelled' || item.status === 'paused'
          ? w.on(item.due)
          : item.deadline
            ? w.deadline(item.key, item.deadline)
            : item.status === 'upcoming'
              ? w.on(item.due)
              : w.from(item.due);
  // Teams' yellow and green fail WCAG AA on white: only overdue is coloured (red), and the status word says it.
  const color = item.status === 'overdue' ? 'Attention' : 'Default';
  return { line: t.itemLine(ITEM_STATUS_LABELS[item.status], when, item.note), color };
}

export interface CaseView {
  c: SicknessCase;
  items: readonly TimelineItem[];
  policy: FollowUpPolicy;
  today: LocalDate;
  /** Names of the people the card mentions (cover leader, contact persons, who logged a contact). */
  names: ReadonlyMap<string, string>;
  /** Other leaders of the workplace (for a cover or a handover) and the people a contact can go to. */
  otherLeaders: Choice[];
  contactPeople: Choice[];
  /** The viewer is a leader of a case whose leader is gone. */
  canTakeOver: boolean;
  /** The viewer is the case's own leader (only they hand it over). */
  isCaseLeader: boolean;
  confirmation?: string;
}

export function caseCard(v: CaseView): CardJson {
  const { c, items, today } = v;
  const open = c.status === 'aktiv';
  const s = c.samtale;
  const name = (id: string) => v.names.get(id) ?? '';
  const cover = activeCover(c, today) ?? (c.cover && c.cover.until >= today ? c.cover.leaderId : undefined);
  const handed = c.contactHandovers.map((h) => `${name(h.toId)} (${h.point === 0 ? t.handover.allContacts.toLowerCase() : t.handover.contactPoint(h.point).toLowerCase()})`);
  const pendingContacts = items.filter((i) => i.kind === 'contact' && ['upcoming', 'due', 'overdue'].includes(i.status));
  return renderCard('sickness-case', {
    t: C.case,
    hasConfirmation: !!v.confirmation,
    confirmation: v.confirmation ?? '',
    title: t.caseTitle(c.employeeName),
    facts: [
      fact(t.facts.status, STATUS_LABELS[c.status]),
      ...caseFacts(c),
      fact(t.facts.pay, PAY_LABELS[c.pay]),
      fact(t.facts.model, v.policy.name),
      ...(s ? [fact(t.facts.samtale, t.whenPlace(s.date, s.time, s.place))] : []),
      ...(c.restRequestedOn ? [fact(t.facts.rest, t.restFrom(c.restRequestedOn))] : []),
      ...(cover && c.cover ? [fact(t.facts.cover, t.coverLine(name(cover), c.cover.from, c.cover.until))] : []),
      ...(handed.length ? [fact(t.facts.contacts, handed.join(', '))] : []),
    ],
    noDiagnosis: t.noDiagnosis,
    items: items
      .filter((i) => i.status !== 'not-applicable')
      .map((i) => ({
        title: i.title,
        ...itemLine(i, c),
        source: i.source,
        hasLocal: !!i.local,
        local: i.local ?? '',
        canMark: (MANUAL_STEPS as readonly string[]).includes(i.key) && ['due', 'overdue', 'upcoming'].includes(i.status),
        markTitle: markTitle(i),
        markData: { ...ref(c), step: i.key },
      })),
    hasContacts: c.contacts.length > 0,
    contacts: c.contacts.map((x) =>
      t.contactLine(x.on, METHOD_LABELS[x.how], ADJUSTMENT_LABELS[x.adjustments], x.expectedReturn, x.note, x.byId === c.leaderId ? undefined : name(x.byId) || undefined),
    ),
    policyName: v.policy.name,
    hasPolicySummary: !!v.policy.summary,
    policySummary: v.policy.summary ?? '',
    policySource: v.policy.source,
    canTakeOver: v.canTakeOver,
    isOpen: open,
    canBook: open && !s?.heldOn,
    bookTitle: s && !s.heldOn ? t.moveSamtale : t.bookSamtale,
    // The outcome only once the meeting has been (or was recorded).
    canOutcome: !!s && (s.date <= today || !!s.heldOn) && c.status !== 'meldt',
    canHandOver: open && v.isCaseLeader,
    contactPeople: v.contactPeople,
    contactChoices: [{ title: t.handover.allContacts, value: '0' }, ...pendingContacts.map((i) => ({ title: t.handover.contactPoint(contactPoint(i)), value: String(contactPoint(i)) }))],
    hasHandovers: c.contactHandovers.length > 0,
    hasOtherLeaders: v.otherLeaders.length > 0,
    otherLeaders: v.otherLeaders,
    hasCover: !!c.cover,
    resting: !!c.restRequestedOn,
    notResting: !c.restRequestedOn,
    partial: c.partial ? 'true' : 'false',
    expectedDuration: c.expectedDuration,
    durations: durationChoices(),
    pay: c.pay,
    payChoices: payChoices(),
    today,
    refData: ref(c),
    contactData: { ...ref(c), point: 0 },
  });
}

/** The button under a manual step says what it records. */
function markTitle(item: TimelineItem): string {
  const key = item.key === 'fastholdelsesplan' && item.title === timelineText.titles.fastholdelsesplanRequested ? 'fastholdelsesplan:requested' : item.key;
  return t.markTitles[key] ?? t.markTitles.default!;
}
