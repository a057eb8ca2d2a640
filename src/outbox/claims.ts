import type { TableClient, TransactionAction } from '@azure/data-tables';
import { statusOf } from '../storage/tables.js';
import { columns, dueRk, dueToJob, entity, failedRk, laneOf, partitionOf, recordRk, type DueRow, type Lane } from './store.js';
import type { Job } from './types.js';

/**
 * The sending side of a job's life: claim (ETag on the due row), finish (record updated,
 * due row deleted) and release (back to pending at a later time). Each is one
 * transaction per job; under load, claims and finishes that arrive while a write is in
 * flight are committed together in one transaction (group commit), which saves most
 * storage round trips without delaying anything when idle. If a grouped transaction
 * fails (one row was taken by another instance), its jobs are retried one by one, so a
 * conflict on one row never costs another row its claim.
 */

export interface Claim {
  job: Job;
  dueRk: string;
  lane: Lane;
  rank: number;
  /** The claim held by an instance that did not finish (crashed or lost its lease). */
  previousOwner?: string;
}

export type Finish =
  | { status: 'sent'; attempts: number; activityId?: string }
  | { status: 'failed'; attempts: number; error: string }
  | { status: 'cancelled'; attempts: number; error?: string };

interface ClaimRequest {
  row: DueRow;
  owner: string;
  leaseUntil: Date;
  now: Date;
}

interface FinishRequest {
  claim: Claim;
  result: Finish;
  now: Date;
}

const MAX_GROUP = 25; // jobs per transaction: at most 3 rows each, under the limit of 100

export class Claims {
  /** Group commits per partition: a transaction never spans two. */
  private readonly groups = new Map<string, { claim: GroupCommit<ClaimRequest, Claim | undefined>; finish: GroupCommit<FinishRequest, boolean> }>();

  constructor(private readonly table: TableClient) {}

  /** Claims a due row with its ETag; undefined when another instance was first. */
  claim(row: DueRow, owner: string, leaseUntil: Date, now: Date): Promise<Claim | undefined> {
    return this.group(row.key).claim.submit({ row, owner, leaseUntil, now });
  }

  /** Ends a claimed job; false when the due row was gone (lease expired, another instance finished it). */
  finish(claim: Claim, result: Finish, now: Date): Promise<boolean> {
    return this.group(claim.job.key).finish.submit({ claim, result, now });
  }

  private group(key: string) {
    const partition = partitionOf(key);
    let group = this.groups.get(partition);
    if (!group) {
      group = {
        claim: new GroupCommit<ClaimRequest, Claim | undefined>((items) => this.claimAll(items), MAX_GROUP),
        finish: new GroupCommit<FinishRequest, boolean>((items) => this.finishAll(items), MAX_GROUP),
      };
      this.groups.set(partition, group);
    }
    return group;
  }

  /** Puts a claimed job back as pending, to be delivered at `deliverAt` (retry later, quiet hours). */
  async release(claim: Claim, deliverAt: Date, attempts: number, error: string, now: Date): Promise<void> {
    const job = claim.job;
    const rk = dueRk(deliverAt, job.key, claim.lane, claim.rank);
    const data = columns({ ...job, deliverAt, lane: claim.lane, rank: claim.rank }, job.createdAt.toISOString(), attempts);
    const record = entity(job.key, recordRk(job.key), { ...data, status: 'pending', dueRk: rk, owner: '', leaseUntil: '', lastError: error, updatedAt: now.toISOString() });
    const due = { ...data, owner: '', leaseUntil: '', claims: 0 };
    const ops: TransactionAction[] =
      rk === claim.dueRk
        ? [['update', record, 'Merge'], ['update', entity(job.key, rk, due), 'Replace']]
        : [['update', record, 'Merge'], ['delete', entity(job.key, claim.dueRk, {})], ['create', entity(job.key, rk, due)]];
    await this.table.submitTransaction(ops);
  }

  private claimOps({ row, owner, leaseUntil, now }: ClaimRequest): TransactionAction[] {
    const lease = leaseUntil.toISOString();
    return [
      ['update', entity(row.key, row.rowKey, { owner, leaseUntil: lease, claims: (row.claims ?? 0) + 1 }), 'Merge', { etag: row.etag }],
      ['update', entity(row.key, recordRk(row.key), { status: 'sending', owner, leaseUntil: lease, updatedAt: now.toISOString() }), 'Merge'],
    ];
  }

  private claimed({ row }: ClaimRequest): Claim {
    return {
      job: { ...dueToJob(row), status: 'sending' },
      dueRk: row.rowKey,
      lane: laneOf(row.lane),
      rank: row.rank ?? 0,
      ...(row.owner ? { previousOwner: row.owner } : {}),
    };
  }

  private async claimAll(items: ClaimRequest[]): Promise<(Claim | undefined)[]> {
    if (items.length > 1) {
      try {
        await this.table.submitTransaction(items.flatMap((i) => this.claimOps(i)));
        return items.map((i) => this.claimed(i));
      } catch (e) {
        if (!lost(e)) throw e;
      }
    }
    const out: (Claim | undefined)[] = [];
    for (const item of items) {
      try {
        await this.table.submitTransaction(this.claimOps(item));
        out.push(this.claimed(item));
      } catch (e) {
        if (!lost(e)) throw e;
        out.push(undefined);
      }
    }
    return out;
  }

  private finishOps({ claim, result, now }: FinishRequest): { ops: TransactionAction[]; record: TransactionAction } {
    const at = now.toISOString();
    const job = claim.job;
    const record: TransactionAction = [
      'update',
      entity(job.key, recordRk(job.key), {
        status: result.status,
        attempts: result.attempts,
        dueRk: '',
        owner: '',
        leaseUntil: '',
        updatedAt: at,
        ...(result.status === 'sent' ? { lastError: '', sentAt: at, activityId: result.activityId ?? '' } : { lastError: result.error ?? '' }),
      }),
      'Merge',
    ];
    const ops: TransactionAction[] = [record, ['delete', entity(job.key, claim.dueRk, {})]];
    if (result.status === 'failed') {
      const failed = { ...columns(job, job.createdAt.toISOString(), result.attempts), lastError: result.error, failedAt: at };
      ops.push(['upsert', entity(job.key, failedRk(job.workplaceId, job.key), failed), 'Replace']);
    }
    return { ops, record };
  }

  private async finishAll(items: FinishRequest[]): Promise<boolean[]> {
    if (items.length > 1) {
      try {
        await this.table.submitTransaction(items.flatMap((i) => this.finishOps(i).ops));
        return items.map(() => true);
      } catch (e) {
        if (statusOf(e) !== 404) throw e;
      }
    }
    const out: boolean[] = [];
    for (const item of items) {
      const { ops, record } = this.finishOps(item);
      try {
        await this.table.submitTransaction(ops);
        out.push(true);
      } catch (e) {
        if (statusOf(e) !== 404) throw e;
        await this.table.submitTransaction([record]); // the due row is gone: record the outcome anyway
        out.push(false);
      }
    }
    return out;
  }
}

const lost = (e: unknown) => statusOf(e) === 412 || statusOf(e) === 404;

/**
 * Group commit: one flush at a time; whatever was submitted meanwhile goes into the next
 * flush, up to `max` items. Idle callers are flushed at once, so nothing waits for a timer.
 */
export class GroupCommit<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly flush: (items: T[]) => Promise<R[]>,
    private readonly max: number,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.max);
        try {
          const results = await this.flush(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve(results[i]!));
        } catch (e) {
          batch.forEach((b) => b.reject(e));
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
