/**
 * Storage of the pulse. Three tables, and the anonymity argument lives in how they are
 * written (PRIVACY.md says the same for readers of the README):
 *
 * - PulseRounds (PK workplace, RK round "2026-W48"): schedule, the questions asked,
 *   how many were invited and, after closing, how many answered. No people.
 * - PulseInbox (PK "<workplace>~<round>"), only while a round is open:
 *   `p~<aadObjectId>` rows say who has answered (for reminders and to refuse a second
 *   answer); `b~<random>` rows hold the sealed-in-time ballots. An answer is ONE
 *   transaction that creates the person's row and the ballot and rewrites (no-op
 *   merge) up to 98 other ballots, all in shuffled order, so Azure's own Timestamp
 *   gives every ballot touched the same moment and order says nothing.
 * - PulseAnswers (PK "<workplace>~<round>"), written once when the round closes:
 *   one row per score and one per comment, random row keys, shuffled, no person, no
 *   time but the round; scores only from minScores answers, comments only from
 *   minComments (below that nothing could be shown, so nothing is kept). The inbox
 *   is then deleted, so after closing nothing records who answered.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { getOrUndefined, listAll, safeKey, statusOf, submitInBatches, type Storage } from '../storage/tables.js';
import type { PulseAnswer, PulseThresholds } from './aggregate.js';
import type { DimensionId, Scale } from './bank.js';

export const PULSE_TABLES = ['PulseRounds', 'PulseInbox', 'PulseAnswers'] as const;

/** Ballots rewritten together with a new answer: one transaction holds at most 100 operations. */
export const MIX_SIZE = 98;
export const COMMENT_MAX = 500;

export interface RoundItem {
  id: string;
  dimension: DimensionId;
  reversed: boolean;
  text: string;
  scale: Scale;
}

export type RoundStatus = 'open' | 'closing' | 'flushed' | 'closed';

export interface Round {
  workplaceId: string;
  id: string;
  weekIndex: number;
  weekLabel: string;
  openDate: string;
  opensAt: Date;
  remindAt: Date;
  closesAt: Date;
  items: RoundItem[];
  invited: number;
  answered: number;
  status: RoundStatus;
  fannedOut: boolean;
}

interface RoundRow {
  weekIndex: number;
  weekLabel: string;
  openDate: string;
  opensAt: string;
  remindAt: string;
  closesAt: string;
  items: string;
  invited: number;
  answered: number;
  status: RoundStatus;
  fannedOut: boolean;
  claim: string;
  /** When the current closer claimed the round; a claim older than the lease may be taken over. */
  claimedAt?: string;
}

/** How long a closer's claim protects it before another instance may assume it died. */
export const CLOSE_LEASE_MS = 10 * 60_000;

export interface Ballot {
  scores: { itemId: string; score: number }[];
  comment?: string;
}

export interface RoundAnswers {
  answers: PulseAnswer[];
  comments: string[];
}

export type SubmitOutcome = 'saved' | 'duplicate';
export type CloseOutcome = 'closed' | 'busy' | 'missing';

export const boxKey = (workplaceId: string, roundId: string): string => `${workplaceId}~${roundId}`;
const personRow = (aadObjectId: string): string => `p~${safeKey(aadObjectId.toLowerCase())}`;
const randomKey = (): string => randomBytes(16).toString('hex');
const BALLOTS = (pk: string) => odata`PartitionKey eq ${pk} and RowKey gt 'b~' and RowKey lt 'b~~'`;

export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export class PulseStore {
  constructor(private readonly storage: Storage) {}

  private t(name: (typeof PULSE_TABLES)[number]): TableClient {
    return this.storage.table(name);
  }

  async round(workplaceId: string, roundId: string): Promise<Round | undefined> {
    const row = await getOrUndefined<RoundRow>(this.t('PulseRounds'), workplaceId, roundId);
    return row ? toRound(workplaceId, row.rowKey, row) : undefined;
  }

  /** Creates the round; false when it exists already (another instance or an earlier tick). */
  async createRound(r: Omit<Round, 'answered' | 'status' | 'fannedOut'>): Promise<boolean> {
    try {
      await this.t('PulseRounds').createEntity({
        partitionKey: r.workplaceId,
        rowKey: r.id,
        weekIndex: r.weekIndex,
        weekLabel: r.weekLabel,
        openDate: r.openDate,
        opensAt: r.opensAt.toISOString(),
        remindAt: r.remindAt.toISOString(),
        closesAt: r.closesAt.toISOString(),
        items: JSON.stringify(r.items),
        invited: r.invited,
        answered: 0,
        status: 'open',
        fannedOut: false,
        claim: '',
      });
      return true;
    } catch (e) {
      if (statusOf(e) === 409) return false;
      throw e;
    }
  }

  async markFannedOut(workplaceId: string, roundId: string): Promise<void> {
    await this.t('PulseRounds').updateEntity({ partitionKey: workplaceId, rowKey: roundId, fannedOut: true }, 'Merge');
  }

  /** Every round of a workplace (about 52 a year: one small partition), oldest first. */
  async rounds(workplaceId: string): Promise<Round[]> {
    const rows = await listAll<RoundRow>(this.t('PulseRounds'), odata`PartitionKey eq ${workplaceId}`);
    return rows.map((r) => toRound(workplaceId, r.rowKey, r)).sort((a, b) => a.weekIndex - b.weekIndex);
  }

  async unclosedRounds(workplaceId: string): Promise<Round[]> {
    const rows = await listAll<RoundRow>(this.t('PulseRounds'), odata`PartitionKey eq ${workplaceId} and status ne 'closed'`);
    return rows.map((r) => toRound(workplaceId, r.rowKey, r));
  }

  async hasAnswered(workplaceId: string, roundId: string, aadObjectId: string): Promise<boolean> {
    return (await getOrUndefined(this.t('PulseInbox'), boxKey(workplaceId, roundId), personRow(aadObjectId))) !== undefined;
  }

  /**
   * Stores an answer: the person's row and the ballot in one transaction (both or
   * neither), mixed with up to MIX_SIZE existing ballots. 'duplicate' when the person
   * has answered before: the transaction fails as a whole and nothing is written.
   */
  async submit(workplaceId: string, roundId: string, aadObjectId: string, ballot: Ballot): Promise<SubmitOutcome> {
    const pk = boxKey(workplaceId, roundId);
    const inbox = this.t('PulseInbox');
    for (let attempt = 0; ; attempt++) {
      const existing: string[] = [];
      for await (const e of inbox.listEntities({ queryOptions: { filter: BALLOTS(pk), select: ['RowKey'] } })) existing.push(e.rowKey!);
      const mixed = shuffle(existing).slice(0, MIX_SIZE);
      const ops: TransactionAction[] = shuffle([
        ['create', { partitionKey: pk, rowKey: personRow(aadObjectId) }],
        ['create', { partitionKey: pk, rowKey: `b~${randomKey()}`, ballot: JSON.stringify(ballot) }],
        ...mixed.map((rowKey): TransactionAction => ['update', { partitionKey: pk, rowKey }, 'Merge']),
      ]);
      try {
        await inbox.submitTransaction(ops);
        return 'saved';
      } catch (e) {
        const status = statusOf(e);
        if (status === 409 && (await this.hasAnswered(workplaceId, roundId, aadObjectId))) return 'duplicate';
        // 404: a mixed ballot vanished (the round is being closed); 409 on a random key: retry once.
        if ((status === 404 || status === 409) && attempt === 0) continue;
        throw e;
      }
    }
  }

  /**
   * Closes a round, resumable at every step: claim it (ETag), write the answer rows
   * (after removing any from an interrupted attempt), record the count, delete the
   * inbox, mark it closed. Returns 'busy' when another instance holds the claim.
   */
  async close(workplaceId: string, roundId: string, keep: PulseThresholds, now: Date = new Date()): Promise<CloseOutcome> {
    const rounds = this.t('PulseRounds');
    const row = await getOrUndefined<RoundRow>(rounds, workplaceId, roundId);
    if (!row) return 'missing';
    if (row.status === 'closed') return 'closed';
    // Another closer is at work (its claim is fresh): taking over now would write the
    // answers twice. Only a claim older than the lease is assumed dead and resumed.
    if (row.claim && row.claimedAt && now.getTime() - Date.parse(row.claimedAt) < CLOSE_LEASE_MS) return 'busy';
    const pk = boxKey(workplaceId, roundId);
    const claim = randomKey();
    try {
      await rounds.updateEntity(
        { partitionKey: workplaceId, rowKey: roundId, claim, claimedAt: now.toISOString(), status: row.status === 'open' ? 'closing' : row.status },
        'Merge',
        { etag: row.etag },
      );
    } catch (e) {
      if (statusOf(e) === 412) return 'busy';
      throw e;
    }
    if (row.status !== 'flushed') {
      const answers = this.t('PulseAnswers');
      const stale = await listAll(answers, odata`PartitionKey eq ${pk}`);
      await submitInBatches(answers, stale.map((s): TransactionAction => ['delete', { partitionKey: pk, rowKey: s.rowKey }]));
      const items = new Map(toRound(workplaceId, roundId, row).items.map((i) => [i.id, i]));
      const ballots = await listAll<{ ballot: string }>(this.t('PulseInbox'), BALLOTS(pk));
      // Below a threshold nothing could ever be shown, so nothing is kept: no scores
      // under minScores answers, no comments under minComments.
      const keepScores = ballots.length >= keep.minScores;
      const keepComments = ballots.length >= keep.minComments;
      const out: TransactionAction[] = [];
      for (const b of keepScores ? ballots : []) {
        const ballot = JSON.parse(b.ballot) as Ballot;
        for (const s of ballot.scores) {
          const item = items.get(s.itemId);
          if (!item) continue;
          out.push(['create', { partitionKey: pk, rowKey: randomKey(), item: item.id, dim: item.dimension, rev: item.reversed, score: s.score }]);
        }
        if (ballot.comment && keepComments) out.push(['create', { partitionKey: pk, rowKey: randomKey(), comment: ballot.comment }]);
      }
      await submitInBatches(answers, shuffle(out));
      await rounds.updateEntity({ partitionKey: workplaceId, rowKey: roundId, status: 'flushed', answered: ballots.length }, 'Merge');
    }
    const inbox = this.t('PulseInbox');
    const left = await listAll(inbox, odata`PartitionKey eq ${pk}`);
    await submitInBatches(inbox, left.map((r): TransactionAction => ['delete', { partitionKey: pk, rowKey: r.rowKey }]));
    await rounds.updateEntity({ partitionKey: workplaceId, rowKey: roundId, status: 'closed', claim: '' }, 'Merge');
    return 'closed';
  }

  /** The anonymous answers of a closed round: one partition query. */
  async answers(workplaceId: string, roundId: string): Promise<RoundAnswers> {
    const rows = await listAll<{ item?: string; dim?: DimensionId; rev?: boolean; score?: number; comment?: string }>(
      this.t('PulseAnswers'),
      odata`PartitionKey eq ${boxKey(workplaceId, roundId)}`,
    );
    const answers: PulseAnswer[] = [];
    const comments: string[] = [];
    for (const r of rows) {
      if (r.comment) comments.push(r.comment);
      else if (r.item && r.dim && typeof r.score === 'number') answers.push({ itemId: r.item, dimension: r.dim, score: r.score, reversed: r.rev === true });
    }
    return { answers, comments };
  }
}

function toRound(workplaceId: string, id: string, row: RoundRow): Round {
  return {
    workplaceId,
    id,
    weekIndex: row.weekIndex,
    weekLabel: row.weekLabel,
    openDate: row.openDate,
    opensAt: new Date(row.opensAt),
    remindAt: new Date(row.remindAt),
    closesAt: new Date(row.closesAt),
    items: JSON.parse(row.items) as RoundItem[],
    invited: row.invited,
    answered: row.answered,
    status: row.status,
    fannedOut: row.fannedOut,
  };
}
