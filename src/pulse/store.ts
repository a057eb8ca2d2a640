/**
 * Storage of the pulse. Three tables; the anonymity argument lives in how they are
 * written (PRIVACY.md says the same for readers of the README):
 *
 * - PulseRounds (PK workplace, RK round "2026-W48"): schedule, the questions asked, how
 *   many were invited (and how many of them hold a TRIO role), the seal key's id, after
 *   closing how many answered and what was published (disclosure.ts). No people.
 * - PulseInbox (PK "<workplace>~<round>"), only while a round is open:
 *   `i~<token>` one per person invited when the round opened (written at opening, in
 *             random order, all at once),
 *   `a~<token>` "has answered" (refuses a second answer: its create fails with 409),
 *   `b~<random>` a sealed ballot: scores and comment, AES-GCM under PULSE_SEAL_KEY,
 *             padded to one length.
 *   A token is an HMAC of the person under the seal key (seal.ts): without the key it
 *   names nobody, so the Timestamp Azure (or Azurite's `meta.created`) puts on an `a~`
 *   or `b~` row is the time *someone* answered, never a person's. An answer is ONE
 *   transaction of two creates (`a~` and `b~`): both or neither, whatever the round's size.
 * - PulseAnswers (PK "<workplace>~<round>"), written once when the round closes: the
 *   closer opens the ballots and writes one row per score and one per comment, random
 *   row keys, shuffled, no person, no time but the round; scores only from minScores
 *   answers, comments only from minComments (below that nothing could be shown, so
 *   nothing is kept). Only after those rows are stored is the round marked flushed and
 *   the inbox deleted, so after closing nothing records who answered.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { instantColumn, jsonColumn, optionalJsonColumn, rowCodec } from '../storage/codec.js';
import { getOrUndefined, listAll, statusOf, submitInBatches, type Storage } from '../storage/tables.js';
import type { PulseAnswer, PulseThresholds } from './aggregate.js';
import { DIMENSIONS } from './bank.js';
import { PublicationSchema, type Publication } from './disclosure.js';
import { BallotSchema, ROUND_STATUSES, RoundItemSchema, type Ballot, type NewRound, type Round } from './model.js';
import { SealError, type Seal } from './seal.js';

export const PULSE_TABLES = ['PulseRounds', 'PulseInbox', 'PulseAnswers'] as const;
/** Entities one answer writes (the `a~` marker and the sealed ballot), for any round size. */
export const ENTITIES_PER_ANSWER = 2;

/** How long a closer's claim protects it before another instance may assume it died. */
export const CLOSE_LEASE_MS = 10 * 60_000;

const roundRow = rowCodec(
  'PulseRounds',
  z.object({
    weekIndex: z.number().int(),
    weekLabel: z.string(),
    openDate: z.string(),
    opensAt: instantColumn,
    remindAt: instantColumn,
    closesAt: instantColumn,
    items: jsonColumn(z.array(RoundItemSchema)),
    invited: z.number().int(),
    forumInvited: z.number().int().default(0),
    answered: z.number().int(),
    status: z.enum(ROUND_STATUSES),
    fannedOut: z.boolean(),
    keyId: z.string().default(''),
    published: optionalJsonColumn(PublicationSchema),
    /** When a closer claimed the round (its ETag update); a claim older than the lease may be taken over. */
    claimedAt: z.string().optional(),
  }),
);
type RoundColumns = z.output<typeof roundRow.schema>;

const answerRow = rowCodec(
  'PulseAnswers',
  z.object({ item: z.string().optional(), dim: z.enum(DIMENSIONS).optional(), rev: z.boolean().optional(), score: z.number().int().optional(), comment: z.string().optional() }),
);
/** A ballot row: sealed, or (written before ballots were sealed) plain JSON. */
const ballotRow = rowCodec('PulseInbox', z.object({ sealed: z.string().optional(), ballot: optionalJsonColumn(BallotSchema) }));

export interface RoundAnswers {
  answers: PulseAnswer[];
  comments: string[];
}

export type SubmitOutcome = 'saved' | 'duplicate' | 'notInvited';
export type CloseOutcome = 'closed' | 'busy' | 'missing';

export interface CloseHooks {
  /** Runs once the answer rows are stored and the inbox is deleted, before the round is marked closed (again after a crash). */
  beforeClosed?(round: Round): Promise<void>;
}

export const boxKey = (workplaceId: string, roundId: string): string => `${workplaceId}~${roundId}`;
const randomKey = (): string => randomBytes(16).toString('hex');
const BALLOTS = (pk: string) => odata`PartitionKey eq ${pk} and RowKey gt 'b~' and RowKey lt 'b~~'`;
// Stryker disable next-line StringLiteral: unfiltered, the query returns every round's rows, whose tokens (HMAC over the round id) never match this round's members: same result, more rows read
const INVITATIONS = (pk: string) => odata`PartitionKey eq ${pk} and RowKey gt 'i~' and RowKey lt 'i~~'`;

export function shuffle<T>(items: T[]): T[] {
  // Stryker disable next-line EqualityOperator: with i >= 0 the last step swaps item 0 with itself (randomInt(1) is 0)
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export class PulseStore {
  constructor(
    private readonly storage: Storage,
    private readonly seal: Seal,
  ) {}

  private t(name: (typeof PULSE_TABLES)[number]): TableClient {
    return this.storage.table(name);
  }

  private invitedRow(workplaceId: string, roundId: string, aadObjectId: string): string {
    return `i~${this.seal.token('invited', workplaceId, roundId, aadObjectId.toLowerCase())}`;
  }

  private answeredRow(workplaceId: string, roundId: string, aadObjectId: string): string {
    return `a~${this.seal.token('answered', workplaceId, roundId, aadObjectId.toLowerCase())}`;
  }

  async round(workplaceId: string, roundId: string): Promise<Round | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.t('PulseRounds'), workplaceId, roundId);
    return row ? toRound(workplaceId, row.rowKey, roundRow.decode(row)) : undefined;
  }

  /**
   * Opens a round: first the invitations (one row per invitee, shuffled, so neither
   * order nor Azurite's insertion numbers follow the member list), then the round row.
   * False when the round exists already (another instance or an earlier tick); the
   * invitations it wrote are the same rows again.
   */
  async openRound(r: NewRound, invitees: readonly string[]): Promise<boolean> {
    const pk = boxKey(r.workplaceId, r.id);
    const rows = shuffle([...new Set(invitees.map((aad) => this.invitedRow(r.workplaceId, r.id, aad)))]);
    await submitInBatches(this.t('PulseInbox'), rows.map((rowKey): TransactionAction => ['upsert', { partitionKey: pk, rowKey }, 'Replace']));
    try {
      const { workplaceId, id, ...timing } = r;
      const columns = roundRow.encode({ ...timing, invited: rows.length, answered: 0, status: 'open', fannedOut: false, keyId: this.seal.keyId });
      await this.t('PulseRounds').createEntity({ partitionKey: workplaceId, rowKey: id, ...columns });
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
    const rows = await listAll<Record<string, unknown>>(this.t('PulseRounds'), odata`PartitionKey eq ${workplaceId}`);
    const all = rows.map((r) => toRound(workplaceId, r.rowKey, roundRow.decode(r)));
    // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: row keys are ISO year-week ids (schedule.ts), which the table returns in week order already: the sort never reorders
    return all.sort((a, b) => a.weekIndex - b.weekIndex);
  }

  async unclosedRounds(workplaceId: string): Promise<Round[]> {
    const rows = await listAll<Record<string, unknown>>(this.t('PulseRounds'), odata`PartitionKey eq ${workplaceId} and status ne 'closed'`);
    return rows.map((r) => toRound(workplaceId, r.rowKey, roundRow.decode(r)));
  }

  /** Whether the person was invited when the round opened (rounds from before invitations were stored: everybody). */
  async isInvited(round: Pick<Round, 'workplaceId' | 'id' | 'keyId'>, aadObjectId: string): Promise<boolean> {
    if (!round.keyId) return true;
    const row = this.invitedRow(round.workplaceId, round.id, aadObjectId);
    return (await getOrUndefined(this.t('PulseInbox'), boxKey(round.workplaceId, round.id), row)) !== undefined;
  }

  /** The members who were invited to the round (one partition query). */
  async invitedAmong<T extends { aadObjectId: string }>(round: Pick<Round, 'workplaceId' | 'id' | 'keyId'>, members: readonly T[]): Promise<T[]> {
    if (!round.keyId) return [...members];
    const rows = await listAll(this.t('PulseInbox'), INVITATIONS(boxKey(round.workplaceId, round.id)));
    const invited = new Set(rows.map((r) => r.rowKey));
    return members.filter((m) => invited.has(this.invitedRow(round.workplaceId, round.id, m.aadObjectId)));
  }

  async hasAnswered(workplaceId: string, roundId: string, aadObjectId: string): Promise<boolean> {
    const row = this.answeredRow(workplaceId, roundId, aadObjectId);
    return (await getOrUndefined(this.t('PulseInbox'), boxKey(workplaceId, roundId), row)) !== undefined;
  }

  /**
   * Stores an answer: the person's `a~` row and the sealed ballot in one transaction
   * (both or neither). 'duplicate' when the person has answered before (the create of
   * `a~` fails, nothing is written); 'notInvited' when they were not invited.
   */
  async submit(round: Pick<Round, 'workplaceId' | 'id' | 'keyId'>, aadObjectId: string, ballot: Ballot): Promise<SubmitOutcome> {
    if (round.keyId && round.keyId !== this.seal.keyId) throw new SealError(`round ${round.workplaceId}/${round.id} was opened with another PULSE_SEAL_KEY`);
    if (!(await this.isInvited(round, aadObjectId))) return 'notInvited';
    const pk = boxKey(round.workplaceId, round.id);
    const marker = this.answeredRow(round.workplaceId, round.id, aadObjectId);
    for (let attempt = 0; ; attempt++) {
      const sealed = this.seal.seal(ballot, pk);
      try {
        await this.t('PulseInbox').submitTransaction([
          ['create', { partitionKey: pk, rowKey: marker }],
          ['create', { partitionKey: pk, rowKey: `b~${randomKey()}`, sealed }],
        ]);
        return 'saved';
      } catch (e) {
        if (statusOf(e) !== 409) throw e;
        if (await this.hasAnswered(round.workplaceId, round.id, aadObjectId)) return 'duplicate';
        if (attempt > 0) throw e; // a second clash of 128 random bits is not chance
      }
    }
  }

  /**
   * Closes a round, resumable at every step: claim it (ETag), open the ballots and write
   * the answer rows (after removing any from an interrupted attempt), then (only then)
   * record the count as 'flushed', delete the inbox, run `beforeClosed`, mark it closed.
   * 'busy' when another instance holds a fresh claim. A ballot that does not open with
   * the seal key stops the close (SealError) and leaves everything in place.
   */
  async close(workplaceId: string, roundId: string, keep: PulseThresholds, now: Date = new Date(), hooks: CloseHooks = {}): Promise<CloseOutcome> {
    const rounds = this.t('PulseRounds');
    const stored = await getOrUndefined<Record<string, unknown>>(rounds, workplaceId, roundId);
    if (!stored) return 'missing';
    const row = { ...roundRow.decode(stored), etag: stored.etag };
    if (row.status === 'closed') return 'closed';
    // Another closer is at work (its claim is fresh): taking over now would write the
    // answers twice. Only a claim older than the lease is assumed dead and resumed.
    if (row.claimedAt && now.getTime() - Date.parse(row.claimedAt) < CLOSE_LEASE_MS) return 'busy';
    const pk = boxKey(workplaceId, roundId);
    try {
      await rounds.updateEntity(
        { partitionKey: workplaceId, rowKey: roundId, claimedAt: now.toISOString(), status: row.status === 'open' ? 'closing' : row.status },
        'Merge',
        { etag: row.etag },
      );
    } catch (e) {
      if (statusOf(e) === 412) return 'busy';
      throw e;
    }
    let answered = row.answered;
    if (row.status !== 'flushed') {
      const answers = this.t('PulseAnswers');
      const stale = await listAll(answers, odata`PartitionKey eq ${pk}`);
      await submitInBatches(answers, stale.map((s): TransactionAction => ['delete', { partitionKey: pk, rowKey: s.rowKey }]));
      const ballots = (await listAll<Record<string, unknown>>(this.t('PulseInbox'), BALLOTS(pk))).map((b) => this.openBallot(ballotRow.decode(b), pk));
      answered = ballots.length;
      await submitInBatches(answers, shuffle(answerRows(pk, toRound(workplaceId, roundId, row), ballots, keep)));
      await rounds.updateEntity({ partitionKey: workplaceId, rowKey: roundId, status: 'flushed', answered }, 'Merge');
    }
    const inbox = this.t('PulseInbox');
    const left = await listAll(inbox, odata`PartitionKey eq ${pk}`);
    await submitInBatches(inbox, left.map((r): TransactionAction => ['delete', { partitionKey: pk, rowKey: r.rowKey }]));
    await hooks.beforeClosed?.({ ...toRound(workplaceId, roundId, row), answered, status: 'flushed' });
    await rounds.updateEntity({ partitionKey: workplaceId, rowKey: roundId, status: 'closed' }, 'Merge');
    return 'closed';
  }

  /** Records what the round publishes (disclosure.ts); called while it is being closed. */
  async publish(workplaceId: string, roundId: string, publication: Publication): Promise<void> {
    const { published } = roundRow.schema.pick({ published: true }).encode({ published: publication });
    await this.t('PulseRounds').updateEntity({ partitionKey: workplaceId, rowKey: roundId, published }, 'Merge');
  }

  /** The anonymous answers of a closed round: one partition query. */
  async answers(workplaceId: string, roundId: string): Promise<RoundAnswers> {
    const rows = await listAll<Record<string, unknown>>(this.t('PulseAnswers'), odata`PartitionKey eq ${boxKey(workplaceId, roundId)}`);
    const answers: PulseAnswer[] = [];
    const comments: string[] = [];
    for (const r of rows.map((x) => answerRow.decode(x))) {
      if (r.comment) comments.push(r.comment);
      else if (r.item && r.dim && typeof r.score === 'number') answers.push({ itemId: r.item, dimension: r.dim, score: r.score, reversed: r.rev === true });
    }
    return { answers, comments };
  }

  private openBallot(row: { sealed?: string | undefined; ballot?: Ballot | undefined }, pk: string): Ballot {
    if (row.sealed) {
      const opened = BallotSchema.safeParse(this.seal.open<unknown>(row.sealed, pk));
      if (opened.success) return opened.data;
    }
    if (row.ballot) return row.ballot; // written before ballots were sealed
    throw new SealError(`a ballot in ${pk} has no content that opens`);
  }
}

/** One row per score and one per comment, each with a fresh random key; below a threshold nothing is kept. */
function answerRows(pk: string, round: Round, ballots: readonly Ballot[], keep: PulseThresholds): TransactionAction[] {
  const items = new Map(round.items.map((i) => [i.id, i]));
  const keepScores = ballots.length >= keep.minScores;
  const keepComments = ballots.length >= keep.minComments;
  const out: TransactionAction[] = [];
  for (const ballot of keepScores ? ballots : []) {
    for (const s of ballot.scores) {
      const item = items.get(s.itemId);
      if (item) out.push(['create', { partitionKey: pk, rowKey: randomKey(), item: item.id, dim: item.dimension, rev: item.reversed, score: s.score }]);
    }
    if (ballot.comment && keepComments) out.push(['create', { partitionKey: pk, rowKey: randomKey(), comment: ballot.comment }]);
  }
  return out;
}

function toRound(workplaceId: string, id: string, row: RoundColumns): Round {
  const { claimedAt: _claimedAt, published, ...rest } = row;
  return { workplaceId, id, ...rest, ...(published ? { published } : {}) };
}
