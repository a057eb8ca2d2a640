import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import type { Job, JobPayload, JobStatus, JobTarget } from './types.js';

export const REMINDERS_TABLE = 'Reminders';

/**
 * Table layout (one table, "Reminders"):
 *
 *   PartitionKey 'jobs-00' … 'jobs-15': a job lives in the bucket of a hash of its key
 *     k:<key>                  the job record, the truth about a job (any status)
 *     <lane><deliverAt ISO>:<rank>:<key>
 *                              the due index: exists exactly while the job is pending or
 *                              sending; a copy of the job data plus the claim (owner,
 *                              leaseUntil). One range per urgency lane: 'du:' urgent,
 *                              'd:' normal, 'db:' bulk (fan-outs). "What is due now" in a
 *                              lane is one range query per bucket: RowKey in
 *                              ('<lane>', '<lane><now ISO>;'). Within one moment the rank
 *                              (the job's place among its workplace's jobs in one
 *                              scheduleMany) orders the rows, so a fan-out to many
 *                              workplaces is claimed round-robin across them. (Rows
 *                              written before lanes existed, 'd:<ISO>:<key>', are read
 *                              as normal.)
 *     f:<workplace>:<key>      failed jobs of a workplace (for the `status` command)
 *   PartitionKey 'slots'
 *     <recurring name>:<slot>  one row per recurring-job slot (RunCoordinator, cron.ts)
 *   PartitionKey 'budget'
 *     <tenant>                 the tenant's shared send budget: limit and leases (budget.ts)
 *
 * A job's record and due row share a partition, so every change of a job is one
 * entity-group transaction: a job can never be pending without a due row, nor have a
 * due row once it is sent, failed or cancelled. Concurrency:
 *   - claim = Merge on the due row with the ETag from the due query (412: another
 *     instance has it) + record status 'sending', in one transaction;
 *   - changes that start from the record (reschedule, cancel) are conditional on the
 *     record's ETag, which the claim changes; they also delete the due row, which makes
 *     a competing claim fail.
 * Sixteen buckets spread a fan-out over partitions: Azure serves each partition on its
 * own (about 2,000 entities a second each), instances ticking at once start in different
 * buckets, and Azurite's in-memory engine, whose writes cost grows with the partition,
 * stays fast. Queries that are not about one job (status, cancel by prefix) span the
 * bucket range with one query.
 */
export const BUCKETS = 16;
const FIRST = 'jobs-00';
const AFTER_LAST = 'jobs-99';
const ALL_BUCKETS = odata`PartitionKey ge ${FIRST} and PartitionKey lt ${AFTER_LAST}`;

/** The partition of a job: FNV-1a of its key, modulo the bucket count. */
export function partitionOf(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return `jobs-${String((h >>> 0) % BUCKETS).padStart(2, '0')}`;
}

export const bucketPartitions = (): string[] => Array.from({ length: BUCKETS }, (_, i) => `jobs-${String(i).padStart(2, '0')}`);
export const SLOTS_PARTITION = 'slots';

/** A row of the job with this key (record, due row or failed row): same partition for all. */
export const entity = <T extends object>(key: string, rowKey: string, data: T) => ({ partitionKey: partitionOf(key), rowKey, ...data });
export const recordRk = (key: string) => `k:${safeKey(key)}`;

/** Urgency lanes, claimed in this order: urgent jobs, then single jobs, then fan-outs. */
export type Lane = 'urgent' | 'normal' | 'bulk';
export const LANES: readonly Lane[] = ['urgent', 'normal', 'bulk'];
const LANE_PREFIX: Record<Lane, string> = { urgent: 'du:', normal: 'd:', bulk: 'db:' };
export const laneOf = (value: unknown): Lane => (value === 'urgent' || value === 'bulk' ? value : 'normal');

export const dueRk = (deliverAt: Date, key: string, lane: Lane = 'normal', rank = 0) =>
  `${LANE_PREFIX[lane]}${deliverAt.toISOString()}:${String(Math.max(0, Math.min(999_999, rank))).padStart(6, '0')}:${safeKey(key)}`;
/** The due rows of a lane at `now`: RowKey in (prefix, prefix + now ISO + ';'). */
const dueRange = (lane: Lane, now: Date) => odata`RowKey gt ${LANE_PREFIX[lane]} and RowKey lt ${`${LANE_PREFIX[lane]}${now.toISOString()};`}`;
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
  lane: Lane;
  rank: number;
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
  /** Absent on rows written before lanes existed (normal, rank 0). */
  lane?: Lane;
  rank?: number;
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

export function columns(spec: Omit<JobSpec, 'lane' | 'rank'> & Partial<Pick<JobSpec, 'lane' | 'rank'>>, createdAt: string, attempts: number): DataColumns {
  return {
    lane: spec.lane ?? 'normal',
    rank: spec.rank ?? 0,
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

  private newRows(spec: JobSpec, now: string): TransactionAction[] {
    const data = columns(spec, now, 0);
    const rk = dueRk(spec.deliverAt, spec.key, spec.lane, spec.rank);
    return [
      ['create', entity(spec.key, recordRk(spec.key), { ...data, status: 'pending', dueRk: rk, owner: '', leaseUntil: '', lastError: '', sentAt: '', activityId: '', updatedAt: now })],
      ['create', entity(spec.key, rk, { ...data, owner: '', leaseUntil: '', claims: 0 })],
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

  /** Creates jobs in transactions of 50 (100 rows) per bucket; returns the specs whose chunk hit an existing key. */
  async insertMany(specs: readonly JobSpec[], now: Date, parallel = 4): Promise<JobSpec[]> {
    const byPartition = new Map<string, JobSpec[]>();
    for (const spec of specs) {
      const pk = partitionOf(spec.key);
      byPartition.set(pk, [...(byPartition.get(pk) ?? []), spec]);
    }
    const chunks: JobSpec[][] = [];
    for (const group of byPartition.values()) for (let i = 0; i < group.length; i += 50) chunks.push(group.slice(i, i + 50));
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
      return (await this.table.getEntity<RecordColumns>(partitionOf(key), recordRk(key))) as unknown as RecordRow;
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  /** Changes a pending job (ETag of the record; 412 when it changed meanwhile). */
  async replacePending(record: RecordRow, spec: JobSpec, now: Date): Promise<void> {
    const data = columns(spec, record.createdAt, record.attempts);
    const rk = dueRk(spec.deliverAt, spec.key, spec.lane, spec.rank);
    const ops: TransactionAction[] = [
      ['update', entity(spec.key, record.rowKey, { ...data, dueRk: rk, updatedAt: now.toISOString() }), 'Merge', { etag: record.etag }],
    ];
    if (rk === record.dueRk) ops.push(['update', entity(spec.key, rk, { ...data }), 'Merge']);
    else ops.push(['delete', entity(spec.key, record.dueRk, {})], ['create', entity(spec.key, rk, { ...data, owner: '', leaseUntil: '', claims: 0 })]);
    await this.table.submitTransaction(ops);
  }

  /** A failed or cancelled job scheduled again starts over as pending. */
  async revive(record: RecordRow, spec: JobSpec, now: Date): Promise<void> {
    const data = columns(spec, record.createdAt, 0);
    const rk = dueRk(spec.deliverAt, spec.key, spec.lane, spec.rank);
    await this.table.submitTransaction([
      ['update', entity(spec.key, record.rowKey, { ...data, status: 'pending', dueRk: rk, owner: '', leaseUntil: '', lastError: '', sentAt: '', activityId: '', updatedAt: now.toISOString() }), 'Merge', { etag: record.etag }],
      ['create', entity(spec.key, rk, { ...data, owner: '', leaseUntil: '', claims: 0 })],
    ]);
    await this.table.deleteEntity(partitionOf(record.key), failedRk(record.workplaceId, record.key)).catch(() => undefined);
  }

  /** Cancels a pending job (ETag of the record). */
  async cancelPending(record: RecordRow, now: Date): Promise<void> {
    await this.table.submitTransaction([
      ['update', entity(record.key, record.rowKey, { status: 'cancelled', dueRk: '', updatedAt: now.toISOString() }), 'Merge', { etag: record.etag }],
      ['delete', entity(record.key, record.dueRk, {})],
    ]);
  }

  /** Pages of due rows (deliverAt <= now) of one lane in one bucket, oldest first. */
  duePages(partition: string, now: Date, pageSize: number, lane: Lane = 'normal'): AsyncIterableIterator<DueRow[]> {
    const filter = `${odata`PartitionKey eq ${partition}`} and ${dueRange(lane, now)}`;
    return this.table.listEntities<DueColumns>({ queryOptions: { filter } }).byPage({ maxPageSize: pageSize }) as unknown as AsyncIterableIterator<DueRow[]>;
  }

  /** Up to `max` due rows of a lane across all buckets (one query: the check for urgent work during a fan-out). */
  async dueAcross(lane: Lane, now: Date, max: number): Promise<DueRow[]> {
    const filter = `${ALL_BUCKETS} and ${dueRange(lane, now)}`;
    const rows: DueRow[] = [];
    // A query across partitions may answer a page with fewer rows, even none, and a continuation.
    for await (const page of this.table.listEntities<DueColumns>({ queryOptions: { filter } }).byPage({ maxPageSize: max })) {
      rows.push(...(page as unknown as DueRow[]));
      if (rows.length >= max) break;
    }
    return rows.slice(0, max);
  }

  /** Pending and sending jobs of a workplace (any due time) and its failed jobs. */
  async open(workplaceId: string): Promise<Job[]> {
    const due = await listAll<DueColumns>(this.table, `${ALL_BUCKETS} and ${odata`RowKey ge 'd' and RowKey lt 'e' and workplaceId eq ${workplaceId}`}`);
    const prefix = `f:${safeKey(workplaceId)}:`;
    const failed = await listAll<DataColumns & { lastError: string }>(this.table, `${ALL_BUCKETS} and ${odata`RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`}`);
    const pendingKeys = new Set(due.map((d) => d.key));
    return [
      ...due.map((d) => dueToJob(d)),
      ...failed.filter((f) => !pendingKeys.has(f.key)).map((f) => toJob(f, 'failed', { lastError: f.lastError })),
    ];
  }

  /** Pending job records whose key starts with the prefix. */
  async pendingWithPrefix(prefix: string): Promise<RecordRow[]> {
    const from = recordRk(prefix);
    const filter = `${ALL_BUCKETS} and ${odata`RowKey ge ${from} and RowKey lt ${prefixEnd(from)} and status eq 'pending'`}`;
    return (await listAll<RecordColumns>(this.table, filter)) as unknown as RecordRow[];
  }

  /** Job records (any status) whose key starts with the prefix. */
  async recordsWithPrefix(prefix: string): Promise<RecordRow[]> {
    const from = recordRk(prefix);
    return (await listAll<RecordColumns>(this.table, `${ALL_BUCKETS} and ${odata`RowKey ge ${from} and RowKey lt ${prefixEnd(from)}`}`)) as unknown as RecordRow[];
  }

  /** Deletes a job's record, due row and failed row (those that exist). */
  async remove(job: { key: string; workplaceId: string; status?: JobStatus; dueRk?: string }): Promise<void> {
    const failed = job.status === undefined || job.status === 'failed' ? [failedRk(job.workplaceId, job.key)] : [];
    const rows = [recordRk(job.key), ...failed, ...(job.dueRk ? [job.dueRk] : [])];
    for (const rowKey of rows) {
      await this.table.deleteEntity(partitionOf(job.key), rowKey).catch((e: unknown) => {
        if (statusOf(e) !== 404) throw e;
      });
    }
  }

  /** Due rows at `now`, counted up to `cap` (for readiness). */
  async countDue(now: Date, cap = 1_000): Promise<number> {
    let count = 0;
    const filter = `${ALL_BUCKETS} and (${LANES.map((lane) => `(${dueRange(lane, now)})`).join(' or ')})`;
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
