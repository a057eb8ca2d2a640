/**
 * Domain-level types shared by every feature. Nothing here depends on botbuilder,
 * so the domain can move to another Teams SDK by rewriting only src/bot/.
 */

/** Where a message was written. */
export type Scope = 'personal' | 'channel' | 'groupChat';

/** Roles a workplace member can hold. Danish values are stored and shown as-is. */
export const ROLES = ['leder', 'TR', 'AMR', 'medarbejder'] as const;
export type Role = (typeof ROLES)[number];

/** The person acting in a turn. `aadObjectId` is the stable key for people. */
export interface Actor {
  aadObjectId: string;
  /** Teams user id ("29:...") used to create personal conversations. */
  teamsUserId: string;
  name: string;
}

export interface Where {
  scope: Scope;
  conversationId: string;
  tenantId?: string;
  teamId?: string;
  channelId?: string;
}

/** An Adaptive Card as plain JSON. */
export type CardJson = Record<string, unknown>;

/** What a feature sends: text, a card, or both. */
export interface OutMessage {
  text?: string;
  card?: CardJson;
  /**
   * Plain text for the chat list and notifications. Optional: without it the bot layer
   * uses the text, else the card's title (src/core/cards.ts messageSummary).
   */
  summary?: string;
}

/** A member of a team roster as the connector reports it. */
export interface RosterMember {
  aadObjectId: string;
  teamsUserId: string;
  name: string;
  email?: string;
}

/**
 * One incoming turn as the domain sees it. The bot layer builds it from a
 * TurnContext; tests may build it directly.
 */
export interface Turn {
  readonly actor: Actor;
  readonly where: Where;
  readonly now: Date;
  /** Correlates logs and the reference id shown to users on errors. */
  readonly correlationId: string;
  /** The incoming activity's id, for operators' logs. */
  readonly activityId?: string;
  /**
   * Resolves once the turn may have effects: the bot layer has claimed the activity (each
   * activity is handled at most once). Principal resolution waits for it, so the claim
   * runs alongside the turn's first reads; sends wait for it too. For a redelivered
   * activity it never resolves: the turn is abandoned before any effect.
   */
  readonly ready?: Promise<void>;
  reply(msg: OutMessage): Promise<string | undefined>;
  update(activityId: string, msg: OutMessage): Promise<void>;
  /** Pages through the roster of the team this turn happens in (empty outside teams), or of the team given. */
  roster(teamId?: string): AsyncIterable<RosterMember>;
}
