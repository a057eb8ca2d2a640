/**
 * The inbox: which incoming activities were already handled. The bot layer claims an
 * activity before it does any work; a redelivery (Teams resends an activity with the
 * same id when the bot is slow) or a second instance racing for the same activity
 * finds the claim and does nothing again. Implementation: store.ts (Azure Tables).
 *
 * Only the claim is stored, never an answer: a card can hold personal data (a sickness
 * note, MUS notes), and it must not end up in a second table.
 */
export type ClaimResult = 'first' | 'seen';

export interface ActivityLedger {
  /**
   * Records the activity as handled, atomically (one create: of two instances racing,
   * exactly one gets 'first'). `key` is opaque, made by the caller from the activity.
   */
  claim(key: string, kind: string): Promise<ClaimResult>;
}
