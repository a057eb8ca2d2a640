import { z } from 'zod';
import type { Forum } from '../core/access.js';
import { isLocalDate, isLocalTime, type LocalDate, type LocalTime } from '../shared/calendar.js';
import { medyearText as t } from '../i18n/medyear.js';

/**
 * The MED year (issue 19): the årshjul of a workplace (its MED and TRIO meetings and the
 * standing items placed on the year), the agenda and referat of each meeting, the APV
 * cycle, the annual arbejdsmiljødrøftelse and the kompetenceudviklingsplan.
 * DOMAIN.md "The MED year, APV and kompetenceudvikling".
 */

/** Card verbs of the MED year: the names cards/medyear-*.json use. */
export const MEDYEAR_VERBS = {
  wheelShow: 'medyear.wheel.show',
  wheelEdit: 'medyear.wheel.edit',
  wheelSave: 'medyear.wheel.save',
  agendaShow: 'medyear.agenda.show',
  agendaAdd: 'medyear.agenda.add',
  referatShow: 'medyear.referat.show',
  referatAdd: 'medyear.referat.add',
  decisionToAction: 'medyear.referat.toAction',
  apvShow: 'medyear.apv.show',
  apvSurvey: 'medyear.apv.survey',
  apvStep: 'medyear.apv.step',
  apvMajorChange: 'medyear.apv.majorChange',
  apvFinding: 'medyear.apv.finding',
  kupShow: 'medyear.kup.show',
  kupActivity: 'medyear.kup.activity',
  kupSave: 'medyear.kup.save',
  talkShow: 'medyear.talk.show',
  talkSave: 'medyear.talk.save',
} as const;

/**
 * The standing items a MED year places on its meetings (seeds 000, 001, 003, 004; see
 * DOMAIN.md): each has a default month, or sits on every meeting.
 */
export const STANDING_ITEMS = [
  'arbejdsmiljoedroeftelse',
  'kompetenceudviklingsplan',
  'musEvaluering',
  'sygefravaersstatistik',
  'sygefravaer',
  'apvStatus',
  'handleplanStatus',
  'seniorpolitik',
  'tilsynsrapport',
] as const;
export type StandingItem = (typeof STANDING_ITEMS)[number];

/** Where an item sits: a month (1-12: the first meeting from that month), every meeting (0), or off (-1). */
export type Placement = number;
export const EVERY_MEETING = 0;
export const OFF = -1;

/** Items that also come on TRIO meetings when they sit on every meeting (sickness absence: 003:737). */
export const TRIO_ITEMS: readonly StandingItem[] = ['sygefravaer', 'handleplanStatus'];

export interface Meeting {
  forum: Forum;
  date: LocalDate;
  time: LocalTime;
}

/** A workplace's årshjul: the meetings, and where each standing item sits. */
export interface Wheel {
  meetings: Meeting[];
  placements: Record<StandingItem, Placement>;
  /** False while the workplace has not saved its own (the default is shown). */
  saved: boolean;
  updatedAt?: string;
  updatedBy?: string;
}

export const meetingSchema = z.object({
  forum: z.enum(['trio', 'med']),
  date: z.string().refine(isLocalDate),
  time: z.string().refine(isLocalTime),
});
export const placementsSchema = z.record(z.string(), z.number().int().min(-1).max(12));

/** A meeting as card data names it. */
export const meetingRef = {
  forum: z.enum(['trio', 'med']),
  date: z.string().refine(isLocalDate, t.badDate),
};

export const MAX_MEETINGS = 8;

// ---------------------------------------------------------------- APV

/** The steps of an APV (004:2070-2075): data changes nothing by itself. */
export const APV_STEPS = ['kortlaegning', 'analyse', 'prioritering', 'handleplan', 'opfoelgning'] as const;
export type ApvStep = (typeof APV_STEPS)[number];

export interface ApvCycle {
  /** The day the current cycle's kortlægning was done: the 3-year clock runs from here. */
  surveyedOn?: LocalDate;
  /** The day each step was done in the current cycle. */
  steps: Partial<Record<ApvStep, LocalDate>>;
  /** A major change asked for a new APV (004:2051): the cycle starts over. */
  majorChange?: { on: LocalDate; reason: string };
  /** Earlier cycles, newest first (surveyed, and why they ended). */
  history: { surveyedOn?: LocalDate; endedOn: LocalDate; why: 'newSurvey' | 'majorChange' }[];
  /** Counts every change: a button pressed on an older card is seen as such. */
  rev: number;
}

export const EMPTY_APV: ApvCycle = { steps: {}, history: [], rev: 0 };

// ---------------------------------------------------------------- meetings

export interface AgendaItem {
  id: string;
  text: string;
  byName: string;
  at: string;
}

export interface Decision {
  id: string;
  text: string;
  byName: string;
  at: string;
  /** The action the decision became (H-number), once. */
  actionNumber?: number;
}

// ---------------------------------------------------------------- kompetenceudviklingsplan

export interface KupActivity {
  id: string;
  what: string;
  who: string;
  when: string;
}

export interface KupPlan {
  activities: KupActivity[];
  /** How supervision and sparring are used (001:84-109, 000:69). */
  supervision: string;
  /** When the local MED reviews the plan next (at least yearly). */
  reviewOn?: LocalDate;
  updatedAt?: string;
}

export const EMPTY_KUP: KupPlan = { activities: [], supervision: '' };

// ---------------------------------------------------------------- arbejdsmiljødrøftelse

/** The four questions of the annual arbejdsmiljødrøftelse (004:277-290) plus the contribution to the plan. */
export const TALK_QUESTIONS = ['plan', 'form', 'lastGoals', 'kup'] as const;
export type TalkQuestion = (typeof TALK_QUESTIONS)[number];

export interface YearTalk {
  year: number;
  answers: Partial<Record<TalkQuestion, string>>;
  /** New goals, each an action of the handleplan. */
  goals: { text: string; actionNumber: number }[];
  heldOn?: LocalDate;
  byName?: string;
}

/** A trimmed text input; Teams sends empty inputs as "" or leaves them out. */
export const text = (max: number, requiredMessage?: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : v),
    requiredMessage ? z.string().min(1, requiredMessage).max(max, t.tooLong(max)) : z.string().max(max, t.tooLong(max)),
  );
