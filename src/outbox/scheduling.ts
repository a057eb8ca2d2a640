import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { WorkingWindow } from '../shared/calendar.js';
import { statusOf } from '../storage/tables.js';
import { deliveryMoment } from './quiet-hours.js';
import { laneOf, recordToJob, type JobSpec, type JobStore, type Lane, type RecordRow } from './store.js';
import { pool } from './tick.js';
import type { Job, ScheduleRequest, Scheduler } from './types.js';

/**
 * The Scheduler that workflows use: idempotent on the key, optimistic (ETag) against
 * concurrent changes and against the sender's claims. `deliverAt` is `dueAt` moved into
 * the workplace's working window unless the job is urgent; `dueAt` is kept as given.
 * (`labelOf` comes with the engine, which knows the handlers.)
 *
 * Lanes decide what a tick claims first: `schedule` puts a job in the urgent lane when it
 * is urgent and in the normal lane otherwise; `scheduleMany` is for fan-outs and puts its
 * jobs in the bulk lane, ranked per workplace so that they are claimed round-robin
 * across workplaces. A leader's reminder never waits behind 30,000 pulse cards.
 */
export abstract class JobScheduler implements Omit<Scheduler, 'labelOf'> {
  constructor(
    protected readonly store: JobStore,
    private readonly clock: Clock,
  ) {}

  /** The working window of a workplace. */
  protected abstract windowFor(workplaceId: string): Promise<WorkingWindow>;

  async schedule(req: ScheduleRequest): Promise<Job> {
    return (await this.upsert(await this.spec(req, req.urgent ? 'urgent' : 'normal', 0))).job;
  }

  /**
   * Schedules many jobs fast (transactions of 50 jobs); a transaction that meets an
   * existing key is redone job by job. `created` counts the jobs that did not exist.
   */
  async scheduleMany(requests: readonly ScheduleRequest[], options: { lane?: Lane } = {}): Promise<{ scheduled: number; created: number }> {
    const byKey = new Map(requests.map((r) => [r.key, r]));
    const ranks = new Map<string, number>();
    const specs = await Promise.all(
      [...byKey.values()].map((r) => {
        const rank = ranks.get(r.workplaceId) ?? 0;
        ranks.set(r.workplaceId, rank + 1);
        return this.spec(r, options.lane ?? 'bulk', rank);
      }),
    );
    const conflicted = await this.store.insertMany(specs, this.clock.now());
    let created = specs.length - conflicted.length;
    await pool(conflicted, 8, async (spec) => {
      if ((await this.upsert(spec)).created) created++;
    });
    return { scheduled: specs.length, created };
  }

  /** Inserts the job, or applies the spec to the existing one (idempotent on the key). */
  private async upsert(spec: JobSpec): Promise<{ job: Job; created: boolean }> {
    for (let attempt = 0; attempt < 6; attempt++) {
      const now = this.clock.now();
      if (await this.store.insert(spec, now)) return { job: this.newJob(spec, now), created: true };
      const record = await this.store.record(spec.key);
      if (!record) continue;
      const result = await this.apply(record, spec, now);
      if (result) return { job: result, created: false };
    }
    throw new AppError('CONFLICT', `Could not schedule ${spec.key}: too many concurrent changes`);
  }

  async cancel(key: string): Promise<boolean> {
    for (let attempt = 0; attempt < 6; attempt++) {
      const record = await this.store.record(key);
      if (record?.status !== 'pending') return false;
      try {
        await this.store.cancelPending(record, this.clock.now());
        return true;
      } catch (e) {
        if (!retryable(e)) throw e;
      }
    }
    return false;
  }

  async cancelPrefix(prefix: string): Promise<number> {
    if (!prefix) throw new AppError('INTERNAL', 'cancelPrefix needs a non-empty prefix');
    let count = 0;
    for (const row of await this.store.pendingWithPrefix(prefix)) if (await this.cancel(row.key)) count++;
    return count;
  }

  async purge(prefix: string): Promise<number> {
    if (!prefix) throw new AppError('INVALID_INPUT', 'purge needs a non-empty prefix');
    const records = await this.store.recordsWithPrefix(prefix);
    await pool(records, 8, (r) => this.store.remove(r));
    return records.length;
  }

  async reschedule(key: string, dueAt: Date): Promise<Job | undefined> {
    const record = await this.store.record(key);
    if (!record) return undefined;
    const job = recordToJob(record);
    const spec = await this.spec({ key, kind: job.kind, workplaceId: job.workplaceId, target: job.target, dueAt, payload: job.payload, urgent: job.urgent }, laneOf(record.lane), record.rank ?? 0);
    return (await this.upsert(spec)).job;
  }

  async get(key: string): Promise<Job | undefined> {
    const record = await this.store.record(key);
    return record ? recordToJob(record) : undefined;
  }

  async listOpen(workplaceId: string): Promise<Job[]> {
    return (await this.store.open(workplaceId)).sort((a, b) => a.deliverAt.getTime() - b.deliverAt.getTime());
  }

  /** The outcome of scheduling onto an existing record, or undefined to try again. */
  private async apply(record: RecordRow, spec: JobSpec, now: Date): Promise<Job | undefined> {
    try {
      switch (record.status) {
        case 'pending':
          if (sameSpec(record, spec)) return recordToJob(record);
          await this.store.replacePending(record, spec, now);
          return { ...recordToJob(record), ...spec };
        case 'failed':
        case 'cancelled':
          await this.store.revive(record, spec, now);
          return { ...recordToJob(record), ...spec, status: 'pending', attempts: 0 };
        default:
          return recordToJob(record); // sending or sent: never twice
      }
    } catch (e) {
      if (retryable(e)) return undefined;
      throw e;
    }
  }

  private async spec(req: ScheduleRequest, lane: Lane, rank: number): Promise<JobSpec> {
    if (!req.key || req.key.length > 400) throw new AppError('INTERNAL', 'A job key must have 1-400 characters');
    if (Number.isNaN(req.dueAt.getTime())) throw new AppError('INTERNAL', `Job ${req.key}: dueAt is not a valid date`);
    const payload = req.payload ?? {};
    if (JSON.stringify(payload).length > 16_000) throw new AppError('INTERNAL', `Job ${req.key}: payload is too large (ids only)`);
    const urgent = req.urgent ?? false;
    const window = urgent ? undefined : await this.windowFor(req.workplaceId);
    return {
      key: req.key,
      kind: req.kind,
      workplaceId: req.workplaceId,
      target: req.target,
      dueAt: req.dueAt,
      deliverAt: window ? deliveryMoment(req.dueAt, false, window) : req.dueAt,
      urgent,
      payload,
      lane,
      rank,
    };
  }

  private newJob(spec: JobSpec, now: Date): Job {
    return { ...spec, status: 'pending', attempts: 0, createdAt: now };
  }
}

function retryable(e: unknown): boolean {
  const status = statusOf(e);
  return status === 412 || status === 404 || status === 409;
}

function sameSpec(record: RecordRow, spec: JobSpec): boolean {
  const targetId = spec.target.kind === 'user' ? spec.target.aadObjectId : spec.target.conversationId;
  return (
    record.kind === spec.kind &&
    record.workplaceId === spec.workplaceId &&
    record.targetKind === spec.target.kind &&
    record.targetId === targetId &&
    record.payload === JSON.stringify(spec.payload) &&
    record.dueAt === spec.dueAt.toISOString() &&
    record.deliverAt === spec.deliverAt.toISOString() &&
    record.urgent === spec.urgent &&
    laneOf(record.lane) === spec.lane
  );
}
