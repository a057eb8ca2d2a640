import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import type { Job, JobPayload, JobStatus, JobTarget } from './types.js';

export const REMINDERS_TABLE = 'Reminders';

/**
 * Table layout (one table, "Reminders"):
 *
 *   PartitionKey 'jobs'
 *     k:<key>                  the job record, the truth about a job (any status)
 *     d:<deliverAt ISO>:<key>  the due index: exists exactly while the job is pending or
 *                              sending; a copy of the job data plus the claim (owner,
 *                              leaseUntil). "What is due now" is one range query:
 *                              RowKey in ('d:', 'd:<now ISO>;').
 *     f:<workplace>:<key>      failed jobs of a workplace (for the `status` command)
 *   PartitionKey 'slots'
 *     <recurring name>:<slot>  one row per recurring-job slot (RunCoordinator, cron.ts)
 *
 * The record and its due row live in one partition so that every change of a job is
 * one entity-group transaction: a job can never be pending without a due row, nor
 * have a due row once it is sent, failed or cancelled. Concurrency:
 *   - claim = Merge on the due row with the ETag from the due query (412: another
 *     instance has it) + record status 'sending', in one transaction;
 *   - changes that start from the record (reschedule, cancel) are conditional on the
 *     record's ETag, which the claim changes; they also delete the due row, which makes
 *     a competing claim fail.
 * One partition is plenty: Teams lets a bot send 50 messages a second per tenant, a
 * job costs about four entity writes, and a partition serves 2,000 a second.
 */
export const JOBS = 'jobs';
export const SLOTS_PARTITION = 'slots';

export const entity = <T extends object>(rowKey: string, data: T) => ({ partitionKey: JOBS, rowKey, ...data });
export const recordRk = (key: string) => `k:${safeKey(key)}`;
export const dueRk = (deliverAt: Date, key: string) => `d:${deliverAt.toISOString()}:${safeKey(key)}`;
export const failedRk = (workplaceId: string, key: string) => `f:${safeKey(workplaceId)}:${safeKey(key)}`;

/** What the engine stores for a new or changed job. */
export interface JobSpec {
  key: string;
  kind: string;
  workplaceId: string;
  target: JobTarget;
  dueAt: Date;
  deliverAt: Date;
  urgent: boolean;
  payload: JobPayload;
}

export interface DataColumns {
  key: string;
  kind: string;
  workplaceId: string;
  targetKind: string;
  targetId: string;
  payload: string;
  dueAt: string;
  deliverAt: string;
  urgent: boolean;
  attempts: number;
  createdAt: string;
}

interface RecordColumns extends DataColumns {
  status: JobStatus;
  dueRk: string;
  owner: string;
  leaseUntil: string;
  lastError: string;
  sentAt: string;
  activityId: string;
  updatedAt: string;
}

export interface DueColumns extends DataColumns {
  owner: string;
  leaseUntil: string;
  claims: number;
}

export type RecordRow = RecordColumns & { partitionKey: string; rowKey: string; etag: string };
export type DueRow = DueColumns & { partitionKey: string; rowKey: string; etag: string };

export function columns(spec: JobSpec, createdAt: string, attempts: number): DataColumns {
  return {
    key: spec.key,
    kind: spec.kind,
    workplaceId: spec.workplaceId,
    targetKind: spec.target.kind,
    targetId: spec.target.kind === 'user' ? spec.target.aadObjectId : spec.target.conversationId,
    payload: JSON.stringify(spec.payload),
    dueAt: spec.dueAt.toISOString(),
    deliverAt: spec.deliverAt.toISOString(),
    urgent: spec.urgent,
    attempts,
    createdAt,
  };
}

function toTarget(kind: string, id: string): JobTarget {
  return kind === 'channel' ? { kind: 'channel', conversationId: id } : { kind: 'user', aadObjectId: id };
}

function toJob(row: DataColumns, status: JobStatus, extra: { lastError?: string; sentAt?: string } = {}): Job {
  return {
    key: row.key,
    kind: row.kind,
    workplaceId: row.workplaceId,
    target: toTarget(row.targetKind, row.targetId),
    dueAt: new Date(row.dueAt),
    payload: JSON.parse(row.payload || '{}') as JobPayload,
    urgent: row.urgent,
    status,
    attempts: row.attempts,
    deliverAt: new Date(row.deliverAt),
    createdAt: new Date(row.createdAt),
    ...(extra.lastError ? { lastError: extra.lastError } : {}),
    ...(extra.sentAt ? { sentAt: new Date(extra.sentAt) } : {}),
  };
}

export const recordToJob = (r: RecordColumns): Job => toJob(r, r.status, r);
export const dueToJob = (r: DueColumns): Job => toJob(r, r.owner ? 'sending' : 'pending');

export class JobStore {
  constructor(private readonly storage: Storage) {}

  get table(): TableClient {
    return this.storage.table(REMINDERS_TABLE);
  }

  private entity<T extends object>(rowKey: string, data: T) {
    return entity(rowKey, data);
  }

  private newRows(spec: JobSpec, now: string): TransactionAction[] {
    const data = columns(spec, now, 0);
    const rk = dueRk(spec.deliverAt, spec.key);
    return [
      ['create', this.entity(recordRk(spec.key), { ...data, status: 'pending', dueRk: rk, owner: '', leaseUntil: '', lastError: '', sentAt: '', activityId: '', updatedAt: now })],
      ['create', this.entity(rk, { ...data, owner: '', leaseUntil: '', claims: 0 })],
    ];
  }

  /** Creates a job; false when the key exists (409). */
  async insert(spec: JobSpec, now: Date): Promise<boolean> {
    try {
      await this.table.submitTransaction(this.newRows(spec, now.toISOString()));
      return true;
    } catch (e) {
      if (statusOf(e) === 409) return false;
      throw e;
    }
  }

  /** Creates jobs in transactions of 50 (100 rows); returns the specs whose chunk hit an existing key. */
  async insertMany(specs: readonly JobSpec[], now: Date, parallel = 4): Promise<JobSpec[]> {
    const chunks: JobSpec[][] = [];
    for (let i = 0; i < specs.length; i += 50) chunks.push(specs.slice(i, i + 50));
    const conflicted: JobSpec[] = [];
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        try {
          await this.table.submitTransaction(chunk.flatMap((s) => this.newRows(s, now.toISOString())));
        } catch (e) {
          if (statusOf(e) !== 409) throw e;
          conflicted.push(...chunk);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, chunks.length) }, worker));
    return conflicted;
  }

  async record(key: string): Promise<RecordRow | undefined> {
    try {
      return (await this.table.getEntity<RecordColumns>(JOBS, recordRk(key))) as unknown as RecordRow;
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  /** Changes a pending job (ETag of the record; 412 when it changed meanwhile). */
  async replacePending(record: RecordRow, spec: JobSpec, now: Date): Promise<void> {
    const data = columns(spec, record.createdAt, record.attempts);
    const rk = dueRk(spec.deliverAt, spec.key);
    const ops: TransactionAction[] = [
      ['update', this.entity(record.rowKey, { ...data, dueRk: rk, updatedAt: now.toISOString() }), 'Merge', { etag: record.etag }],
    ];
    if (rk === record.dueRk) ops.push(['update', this.entity(rk, { ...data }), 'Merge']);
    else ops.push(['delete', this.entity(record.dueRk, {})], ['create', this.entity(rk, { ...data, owner: '', leaseUntil: '', claims: 0 })]);
    await this.table.submitTransaction(ops);
  }

  /** A failed or cancelled job scheduled again starts over as pending. */
  async revive(record: RecordRow, spec: JobSpec, now: Date): Promise<void> {
    const data = columns(spec, record.createdAt, 0);
    const rk = dueRk(spec.deliverAt, spec.key);
    await this.table.submitTransaction([
      ['update', this.entity(record.rowKey, { ...data, status: 'pending', dueRk: rk, owner: '', leaseUntil: '', lastError: '', sentAt: '', activityId: '', updatedAt: now.toISOString() }), 'Merge', { etag: record.etag }],
      ['create', this.entity(rk, { ...data, owner: '', leaseUntil: '', claims: 0 })],
    ]);
    await this.table.deleteEntity(JOBS, failedRk(record.workplaceId, record.key)).catch(() => undefined);
  }

  /** Cancels a pending job (ETag of the record). */
  async cancelPending(record: RecordRow, now: Date): Promise<void> {
    await this.table.submitTransaction([
      ['update', this.entity(record.rowKey, { status: 'cancelled', dueRk: '', updatedAt: now.toISOString() }), 'Merge', { etag: record.etag }],
      ['delete', this.entity(record.dueRk, {})],
    ]);
  }

  /** Pages of due rows (deliverAt <= now), oldest first. */
  duePages(now: Date, pageSize: number): AsyncIterableIterator<DueRow[]> {
    const filter = odata`PartitionKey eq ${JOBS} and RowKey gt 'd:' and RowKey lt ${`d:${now.toISOString()};`}`;
    return this.table.listEntities<DueColumns>({ queryOptions: { filter } }).byPage({ maxPageSize: pageSize }) as unknown as AsyncIterableIterator<DueRow[]>;
  }

  /** Pending and sending jobs of a workplace (any due time) and its failed jobs. */
  async open(workplaceId: string): Promise<Job[]> {
    const due = await listAll<DueColumns>(this.table, odata`PartitionKey eq ${JOBS} and RowKey gt 'd:' and RowKey lt 'd;' and workplaceId eq ${workplaceId}`);
    const prefix = `f:${safeKey(workplaceId)}:`;
    const failed = await listAll<DataColumns & { lastError: string }>(this.table, odata`PartitionKey eq ${JOBS} and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`);
    const pendingKeys = new Set(due.map((d) => d.key));
    return [
      ...due.map((d) => dueToJob(d)),
      ...failed.filter((f) => !pendingKeys.has(f.key)).map((f) => toJob(f, 'failed', { lastError: f.lastError })),
    ];
  }

  /** Pending job records whose key starts with the prefix. */
  async pendingWithPrefix(prefix: string): Promise<RecordRow[]> {
    const from = recordRk(prefix);
    return (await listAll<RecordColumns>(this.table, odata`PartitionKey eq ${JOBS} and RowKey ge ${from} and RowKey lt ${prefixEnd(from)} and status eq 'pending'`)) as unknown as RecordRow[];
  }

  /** Due rows at `now`, counted up to `cap` (for readiness). */
  async countDue(now: Date, cap = 1_000): Promise<number> {
    let count = 0;
    const filter = odata`PartitionKey eq ${JOBS} and RowKey gt 'd:' and RowKey lt ${`d:${now.toISOString()};`}`;
    for await (const page of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } }).byPage({ maxPageSize: cap })) {
      count += page.length;
      if (count >= cap) break;
    }
    return count;
  }
}

/** The smallest string greater than every string starting with `prefix`. */
export function prefixEnd(prefix: string): string {
  if (!prefix) return '\uffff';
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
