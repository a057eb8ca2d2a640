/**
 * The MUS domain model: talks, invitations, development plans, planning drafts and the
 * workplace's MUS settings. Storage shapes are in store.ts; card input schemas in
 * schemas.ts.
 */
import { randomBytes } from 'node:crypto';
import type { LocalDate } from '../shared/calendar.js';

/** Card verbs of MUS: the names the verbs are routed by, and that cards/mus-*.json use. */
export const MUS_VERBS = {
  propose: 'mus.propose',
  draftSave: 'mus.draftSave',
  send: 'mus.send',
  accept: 'mus.accept',
  notes: 'mus.notes',
  requestChange: 'mus.requestChange',
  move: 'mus.move',
  keep: 'mus.keep',
  register: 'mus.register',
  ack: 'mus.ack',
  peopleSave: 'mus.people.save',
  settingsSave: 'mus.settings.save',
  settingsReset: 'mus.settings.reset',
  settingsApprove: 'mus.settings.approve',
  settingsReject: 'mus.settings.reject',
  talk: 'mus.talk',
  planView: 'mus.planView',
  followUpOpen: 'mus.followUpOpen',
  followUpSave: 'mus.followUpSave',
} as const;


/** Ids of drafts and talks: random, short, meaningless. */
export const newId = (): string => randomBytes(5).toString('hex');

export const TALK_STATUSES = ['planned', 'held', 'notHeld', 'cancelled'] as const;
export type TalkStatus = (typeof TALK_STATUSES)[number];
export type TalkMode = 'individual' | 'group';

/** One meeting: one employee, or a GRUS group. */
export interface Talk {
  workplaceId: string;
  id: string;
  draftId: string;
  leaderId: string;
  leaderName: string;
  /** The employee's name, or the GRUS group's name. */
  label: string;
  mode: TalkMode;
  participantIds: string[];
  start: Date;
  end: Date;
  place: string;
  status: TalkStatus;
  /** Bumped on every move; reminder keys carry it so old reminders can be cancelled. */
  version: number;
  notHeldReason?: NotHeldReason;
  registeredAt?: string;
  registeredBy?: string;
}

export const INVITE_RESPONSES = ['pending', 'accepted', 'changeRequested'] as const;
export type InviteResponse = (typeof INVITE_RESPONSES)[number];

/** One participant's answer to a talk. */
export interface Invite {
  workplaceId: string;
  talkId: string;
  aadObjectId: string;
  name: string;
  response: InviteResponse;
  /** The short reason given with a request for another time. */
  changeReason?: string;
  seniorOffered: boolean;
  seniorWanted: boolean;
  respondedAt?: string;
}

export const ACTIVITIES = ['kursus', 'nyeOpgaver', 'projekt', 'jobbytte', 'andet'] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** Where an activity of the plan stands: set at the follow-up (planlagt, i gang, gennemført, droppet). */
export const ACTIVITY_STATUSES = ['planned', 'started', 'done', 'dropped'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** One activity of an udviklingsplan: a kind, in the trade's own words, and where it stands. */
export interface PlanActivity {
  kind: Activity;
  text: string;
  status: ActivityStatus;
  /** What happened, as recorded at the last follow-up. */
  note: string;
}

/** One recorded follow-up: who, when, what changed and what the two agreed to change. */
export interface FollowUp {
  at: string;
  by: string;
  byName: string;
  /** "Kursus i medicinhåndtering: planlagt → gennemført", one line per change, in Danish as shown. */
  changed: string[];
  changes: string;
}

/** Activities on one registration card; a follow-up may add more up to the plan's limit. */
export const REGISTER_ACTIVITY_ROWS = 4;
export const MAX_PLAN_ACTIVITIES = 10;

export const NOT_HELD_REASONS = ['employeeAbsent', 'leaderAbsent', 'postponed', 'other'] as const;
export type NotHeldReason = (typeof NOT_HELD_REASONS)[number];

/** The written udviklingsplan of one employee from one talk. */
export interface DevPlan {
  workplaceId: string;
  talkId: string;
  aadObjectId: string;
  name: string;
  heldOn: LocalDate;
  shortGoals: string;
  longGoals: string;
  activities: PlanActivity[];
  /** How new knowledge from a course is shared with colleagues (seed 001:102). */
  knowledgeSharing: string;
  followUpOn: LocalDate;
  /** The employee asked for a seniorsamtale with this MUS; what the two agreed there. */
  seniorWanted: boolean;
  seniorNote: string;
  followUps: FollowUp[];
  createdBy: string;
  createdAt: string;
  acknowledgedAt?: string;
}

export interface DraftSlot {
  label: string;
  participantIds: string[];
  start: Date;
  end: Date;
}

/** What the leader asked for on the planning card. */
export interface PlanParams {
  from: LocalDate;
  to: LocalDate;
  durationMinutes: number;
  windowStart: string;
  windowEnd: string;
  place: string;
  mode: TalkMode;
  /** The pause between two talks, shown on the planning card (default 15). */
  bufferMinutes: number;
}

/** What the period held (planner.ts), kept with a draft to explain who did not fit. */
export interface DraftCapacity {
  workingDays: number;
  total: number;
  perFreeDay: number;
  perFreeDayWithoutPause: number;
}

/** A proposal the leader can still change; becomes talks when sent. */
export interface Draft {
  workplaceId: string;
  id: string;
  leaderId: string;
  leaderName: string;
  params: PlanParams;
  slots: DraftSlot[];
  /** Names of those who did not fit in the period (never those left out silently). */
  unplannedNames: string[];
  capacity?: DraftCapacity;
  /** Names with the date of a MUS held less than 11 months ago: planned again on purpose? */
  recentlyHeld: { name: string; on: LocalDate }[];
  /** aadObjectId → name of everyone in the draft. */
  names: Record<string, string>;
  status: 'draft' | 'sent';
  createdAt: string;
}

/** Set by MED (questions) and Hoved-MED (senior age) per workplace; see settings.ts. */
export interface MusSettings {
  questions: string[];
  seniorAge: number;
}

/** Who approved a proposed change of the MUS frame, with the MED roles they held then. */
export interface Approval {
  id: string;
  name: string;
  roles: string[];
  at: string;
}

/**
 * A change of the MUS frame proposed in the MED channel. Lokal-MED sets the frame as a
 * body (seed 001:103): it takes effect when a leader and an employee representative
 * (TR or AMR), two people, have approved it (rules.ts).
 */
export interface SettingsProposal {
  workplaceId: string;
  /** Random: a card approves exactly the proposal it showed. */
  id: string;
  /** Absent: back to the default questions. */
  questions?: string[];
  seniorAge: number;
  proposedBy: string;
  proposedByName: string;
  proposedAt: string;
  approvals: Approval[];
}
