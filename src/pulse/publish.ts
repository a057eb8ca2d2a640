/**
 * Deciding and reading publications (disclosure.ts) for stored rounds. A round is
 * decided once, while it is being closed (lifecycle.ts), against the publications of
 * the workplace's earlier rounds. Rounds closed before publications were stored are
 * decided here on the fly from their answer rows, oldest first, by the same rules.
 */
import { aggregatePulse, type PulseRoundResult, type PulseThresholds } from './aggregate.js';
import { loadDefaultBank } from './bank.js';
import { decidePublication, type Publication } from './disclosure.js';
import type { Round } from './model.js';
import type { PulseStore } from './store.js';

/** How many answer partitions are read at once. */
export const READ_CONCURRENCY = 4;

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The raw aggregate of one stored round (its answer partition). */
export async function aggregateRound(store: PulseStore, round: Round, thresholds: PulseThresholds): Promise<PulseRoundResult> {
  const { answers } = await store.answers(round.workplaceId, round.id);
  // Answers carry their own `reversed`; the bank is only a fallback.
  return aggregatePulse({ weekIndex: round.weekIndex, invited: round.invited, answered: round.answered, answers }, loadDefaultBank(), thresholds);
}

/** The decision for `round` against everything published before it. */
export function decide(round: Round, result: PulseRoundResult, earlier: readonly Publication[], thresholds: PulseThresholds): Publication {
  const asked = [...new Set(round.items.map((i) => i.dimension))];
  return decidePublication({ result, asked, forumInvited: round.forumInvited, earlier, thresholds });
}

export interface Published {
  round: Round;
  publication: Publication;
}

/**
 * The publications of the closed rounds among `rounds` (all rounds of one workplace
 * up to the newest one needed), oldest first. Stored ones are used as they are.
 */
export async function publications(store: PulseStore, rounds: readonly Round[], thresholds: PulseThresholds): Promise<Published[]> {
  const closed = rounds.filter((r) => r.status === 'closed').sort((a, b) => a.weekIndex - b.weekIndex);
  const missing = closed.filter((r) => !r.published);
  const results = new Map((await mapLimit(missing, READ_CONCURRENCY, async (r) => [r.id, await aggregateRound(store, r, thresholds)] as const)));
  const out: Published[] = [];
  for (const round of closed) {
    const publication = round.published ?? decide(round, results.get(round.id)!, out.map((p) => p.publication), thresholds);
    out.push({ round, publication });
  }
  return out;
}

/** Decides and stores what a round that is being closed publishes. */
export async function publishRound(store: PulseStore, round: Round, thresholds: PulseThresholds): Promise<Publication> {
  const earlier = (await store.rounds(round.workplaceId)).filter((r) => r.weekIndex < round.weekIndex);
  const before = await publications(store, earlier, thresholds);
  const publication = decide(round, await aggregateRound(store, round, thresholds), before.map((p) => p.publication), thresholds);
  await store.publish(round.workplaceId, round.id, publication);
  return publication;
}
