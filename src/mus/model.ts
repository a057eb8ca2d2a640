/**
 * The MUS domain model: talks, invitations, development plans, planning drafts and the
 * workplace's MUS settings. Storage shapes are in store.ts; card input schemas in
 * schemas.ts.
 */
import { onceHex, type Once } from '../core/once.js';
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
} as const;


/** Ids of drafts and talks: random, short, meaningless. */
/** A new draft or talk id: under a one-time key (src/core/once.ts) the same on every replay, so a replay finds what it created. */
export const newId = (once?: Once, label = ''): string => (once ? onceHex(once, `mus|${label}`, 10) : randomBytes(5).toString('hex'));

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
  activities: Activity[];
  activityNote: string;
  /** How new knowledge from a course is shared with colleagues (seed 001:102). */
  knowledgeSharing: string;
  followUpOn: LocalDate;
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
