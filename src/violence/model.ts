/**
 * An episode of violence, threats or harassment (vold, trusler og krænkelser) as stored
 * and as the follow-up timeline reads it.
 *
 * The bot holds no resident data at all: "from whom" is a category (borger, pårørende,
 * kollega, andre), never a name; free text is refused when it looks like a CPR number
 * (rules.ts) and passes the health-term warning before it is stored.
 */
import type { LocalDate, LocalTime } from '../shared/calendar.js';

/** Card verbs of the feature: the names the verbs are routed by, and that cards/violence-*.json use. */
export const VIOLENCE_VERBS = {
  form: 'violence.form',
  register: 'violence.register',
  show: 'violence.show',
  step: 'violence.step',
  police: 'violence.police',
  confirm: 'violence.confirm',
  reject: 'violence.reject',
  riskAction: 'violence.riskAction',
} as const;

export const EPISODE_KINDS = ['fysisk', 'trussel', 'psykisk', 'seksuel', 'chikane', 'mobning'] as const;
export type EpisodeKind = (typeof EPISODE_KINDS)[number];

/** From whom, as a category only: the bot never stores who a resident is. */
export const EPISODE_SOURCES = ['borger', 'paaroerende', 'kollega', 'andre'] as const;
export type EpisodeSource = (typeof EPISODE_SOURCES)[number];

/** The time of day as the shifts of a bosted run: dag 07-15, aften 15-23, nat 23-07. */
export const TIMES_OF_DAY = ['dag', 'aften', 'nat'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

/** 'afventer': registered by a colleague, the person it happened to has not confirmed yet. */
export const EPISODE_STATUSES = ['afventer', 'aktiv'] as const;
export type EpisodeStatus = (typeof EPISODE_STATUSES)[number];

export const POLICE_DECISIONS = ['ja', 'nej'] as const;
export type PoliceDecision = (typeof POLICE_DECISIONS)[number];

/** The steps a leader marks as done by hand. */
export const LEADER_STEPS = ['talk', 'followup', 'anmeldelse', 'risk'] as const;
export type LeaderStep = (typeof LEADER_STEPS)[number];

export interface Episode {
  workplaceId: string;
  /** "ve" + the form's one-time key: a second submit of the same form is the same episode. */
  id: string;
  /** The person it happened to (personal data: shown only to them and the leaders). */
  employeeId: string;
  employeeName: string;
  /** Who registered it: the employee, or a colleague (who then sees nothing more). */
  reportedById: string;
  status: EpisodeStatus;
  occurredOn: LocalDate;
  occurredAt: LocalTime;
  place: string;
  kind: EpisodeKind;
  source: EpisodeSource;
  injured: boolean;
  /** First day of absence, when the episode led to absence. */
  absenceFrom?: LocalDate;
  needsTalkNow: boolean;
  /** The employee lets the AMR see their name. */
  amrMayKnowName: boolean;
  description?: string;
  registeredOn: LocalDate;
  registeredAt: string;
  talkOfferedOn?: LocalDate;
  followUpHeldOn?: LocalDate;
  anmeldtOn?: LocalDate;
  police?: PoliceDecision;
  policeDecidedOn?: LocalDate;
  riskAssessedOn?: LocalDate;
  /** Storage ETag of the row this was read from. */
  etag?: string;
}

/** The one-time key a registration form carries (10 hex). */
export const FORM_KEY_RE = /^[0-9a-f]{10}$/;
export const EPISODE_ID_RE = /^ve[0-9a-f]{10}$/;
export const episodeIdOf = (formKey: string): string => `ve${formKey}`;

/** The time of day of a local time ("02.30" is nat). */
export function timeOfDayOf(time: LocalTime): TimeOfDay {
  const hour = Number(time.slice(0, 2));
  if (hour >= 7 && hour < 15) return 'dag';
  if (hour >= 15 && hour < 23) return 'aften';
  return 'nat';
}

/** Anmeldelse som arbejdsulykke applies when someone was hurt or absent. */
export const needsAnmeldelse = (e: Pick<Episode, 'injured' | 'absenceFrom'>): boolean => e.injured || e.absenceFrom !== undefined;

/** The field a leader step sets. */
export const STEP_FIELD = {
  talk: 'talkOfferedOn',
  followup: 'followUpHeldOn',
  anmeldelse: 'anmeldtOn',
  risk: 'riskAssessedOn',
} as const satisfies Record<LeaderStep, keyof Episode>;
