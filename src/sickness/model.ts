/**
 * A sickness case (sygefraværsforløb) as stored and as the timeline reads it.
 *
 * By design there is no field for a diagnosis, a cause or symptoms anywhere: the
 * employer is entitled to know the consequences for the work, never the illness.
 * Free text (contact notes, the return plan, the samtale's place) passes the
 * diagnosis firewall (firewall.ts) before it is stored.
 */
import type { LocalDate } from '../shared/calendar.js';
import type { PayKind } from './law.js';
import type { ExpectedDuration, LoggedContact, SicknessCaseState } from './timeline.js';

/** Card verbs of the sickness follow-up: the names the verbs are routed by, and that cards/sickness-*.json use. */
export const SICKNESS_VERBS = {
  open: 'sickness.open',
  confirm: 'sickness.confirm',
  dismiss: 'sickness.dismiss',
  show: 'sickness.show',
  update: 'sickness.update',
  rest: 'sickness.rest',
  resume: 'sickness.resume',
  milestoneDone: 'sickness.milestone.done',
  close: 'sickness.close',
  contactForm: 'sickness.contact.form',
  contactLog: 'sickness.contact.log',
  contactPostpone: 'sickness.contact.postpone',
  samtaleForm: 'sickness.samtale.form',
  samtaleBook: 'sickness.samtale.book',
  outcomeForm: 'sickness.samtale.outcomeForm',
  outcome: 'sickness.samtale.outcome',
  inviteTr: 'sickness.samtale.inviteTr',
  settingsSave: 'sickness.settings.save',
  askPlan: 'sickness.fastholdelsesplan.ask',
  handover: 'sickness.handover',
  endCover: 'sickness.cover.end',
  takeOver: 'sickness.takeover',
  contactHandover: 'sickness.contact.handover',
  contactTakeBack: 'sickness.contact.takeback',
} as const;


export { EXPECTED_DURATIONS, type ExpectedDuration } from './timeline.js';

/** 'meldt': the employee wrote `syg` and no leader has confirmed yet. */
export const CASE_STATUSES = ['meldt', 'aktiv', 'raskmeldt'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CONTACT_METHODS = ['telefon', 'moede', 'sms', 'besked'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const ADJUSTMENT_NEEDS = ['nej', 'ja', 'ved-ikke'] as const;
export type AdjustmentNeed = (typeof ADJUSTMENT_NEEDS)[number];

/** Milestones a leader marks as done by hand (the samtale has its own forms). */
export const MANUAL_STEPS = ['municipality', 'fasttrack', 'fastholdelsesplan', 'return-followup'] as const;
export type ManualStep = (typeof MANUAL_STEPS)[number];

export interface ContactEntry extends LoggedContact {
  how: ContactMethod;
  expectedReturn?: LocalDate;
  adjustments: AdjustmentNeed;
  nextContact?: LocalDate;
  note?: string;
  byId: string;
  at: string;
}

/** Who wants a mulighedserklæring from the doctor (§ 36): nobody, the leader or the employee. */
export const MULIGHEDSERKLAERING = ['nej', 'leder', 'medarbejder'] as const;
export type Mulighedserklaering = (typeof MULIGHEDSERKLAERING)[number];

export interface SamtaleOutcome {
  plan?: string;
  partialReturn: boolean;
  mulighedserklaering: Mulighedserklaering;
  paragraf56: boolean;
  nextFollowUp?: LocalDate;
  recordedOn: LocalDate;
}

export interface Samtale {
  /** Increases with every (re)booking; jobs carry it so an old invitation is never sent. */
  rev: number;
  date: LocalDate;
  time: string;
  place: string;
  bookedOn: LocalDate;
  heldOn?: LocalDate;
  outcome?: SamtaleOutcome;
  /** The employee asked the bot to invite their TR for this booking. */
  trInvited?: boolean;
}

export interface LeaderCover {
  leaderId: string;
  from: LocalDate;
  until: LocalDate;
}

/** `point` 0 hands every contact of the case not handed separately. */
export interface ContactHandover {
  point: number;
  toId: string;
  on: LocalDate;
}

export interface SicknessCase {
  workplaceId: string;
  id: string;
  employeeId: string;
  /** The leader needs the name; it is never shown outside personal chats. */
  employeeName: string;
  /**
   * The case's leader: the employee's nearest leader, who opened or confirmed it. Only
   * they see and follow the case, unless it is handed over (`cover`) or they are gone.
   */
  leaderId: string;
  /** Holiday cover: another leader follows the case from `from` to `until` (inclusive). */
  cover?: LeaderCover;
  /** Contacts the leader handed to a TR, AMR or colleague, by agreement with the employee. */
  contactHandovers: ContactHandover[];
  status: CaseStatus;
  reportedBy: 'leder' | 'medarbejder';
  /** The id of the fraværspolitik model the case follows (policy.ts). */
  model: string;
  firstDay: LocalDate;
  partial: boolean;
  /** Salary during the absence or not: decides the notification deadline (§ 40). */
  pay: PayKind;
  expectedDuration: ExpectedDuration;
  expectedReturn?: LocalDate;
  returnDay?: LocalDate;
  contacts: ContactEntry[];
  samtale?: Samtale;
  restRequestedOn?: LocalDate;
  municipalityNotifiedOn?: LocalDate;
  fastholdelsesplanOfferedOn?: LocalDate;
  /** The employee asked for a fastholdelsesplan (§ 7 b) from their own card. */
  fastholdelsesplanRequestedOn?: LocalDate;
  fastholdelsesplanPlannedOn?: LocalDate;
  fastTrackHandledOn?: LocalDate;
  returnFollowUpHeldOn?: LocalDate;
  openedAt: string;
  closedOn?: LocalDate;
  /** Closed cases: the details are deleted on this day (retention). */
  deleteOn?: LocalDate;
  /** Storage ETag of the row this was read from. */
  etag?: string;
}

export const isOpenCase = (c: Pick<SicknessCase, 'status'>): boolean => c.status !== 'raskmeldt';

/** Case ids are random, short and carry no meaning. */
export const CASE_ID_RE = /^sf[0-9a-f]{8}$/;

/** What the pure timeline needs; a reported case is followed up as if active. */
export function stateOf(c: SicknessCase): SicknessCaseState {
  return {
    firstDay: c.firstDay,
    partial: c.partial,
    expectedDuration: c.expectedDuration,
    ...(c.expectedReturn ? { expectedReturn: c.expectedReturn } : {}),
    pay: c.pay,
    status: c.status === 'raskmeldt' ? 'raskmeldt' : 'aktiv',
    ...(c.returnDay ? { returnDay: c.returnDay } : {}),
    contacts: c.contacts.map((x) => ({ point: x.point, on: x.on })),
    ...(c.samtale ? { samtaleBookedFor: c.samtale.date, samtaleBookedOn: c.samtale.bookedOn } : {}),
    ...(c.samtale?.heldOn ? { samtaleHeldOn: c.samtale.heldOn } : {}),
    ...(c.municipalityNotifiedOn ? { municipalityNotifiedOn: c.municipalityNotifiedOn } : {}),
    ...(c.fastholdelsesplanOfferedOn ? { fastholdelsesplanOfferedOn: c.fastholdelsesplanOfferedOn } : {}),
    ...(c.fastholdelsesplanRequestedOn ? { fastholdelsesplanRequestedOn: c.fastholdelsesplanRequestedOn } : {}),
    ...(c.fastholdelsesplanPlannedOn ? { fastholdelsesplanPlannedOn: c.fastholdelsesplanPlannedOn } : {}),
    ...(c.fastTrackHandledOn ? { fastTrackHandledOn: c.fastTrackHandledOn } : {}),
    ...(c.returnFollowUpHeldOn ? { returnFollowUpHeldOn: c.returnFollowUpHeldOn } : {}),
    ...(c.restRequestedOn ? { restRequestedOn: c.restRequestedOn } : {}),
  };
}

/** The field a manual step sets. */
export const STEP_FIELD: Record<ManualStep, keyof SicknessCase> = {
  municipality: 'municipalityNotifiedOn',
  fasttrack: 'fastTrackHandledOn',
  fastholdelsesplan: 'fastholdelsesplanOfferedOn',
  'return-followup': 'returnFollowUpHeldOn',
};
