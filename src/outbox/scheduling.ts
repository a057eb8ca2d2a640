import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { WorkingWindow } from '../shared/calendar.js';
import { statusOf } from '../storage/tables.js';
import { deliveryMoment } from './quiet-hours.js';
import { recordToJob, type JobSpec, type JobStore, type RecordRow } from './store.js';
import { pool } from './tick.js';
import type { Job, ScheduleRequest, Scheduler } from './types.js';

/**
 * The Scheduler that workflows use: idempotent on the key, optimistic (ETag) against
 * concurrent changes and against the sender's claims. `deliverAt` is `dueAt` moved into
 * the workplace's working window unless the job is urgent; `dueAt` is kept as given.
 */
export abstract class JobScheduler implements Scheduler {
  constructor(
    protected readonly store: JobStore,
    private readonly clock: Clock,
  ) {}

  /** The working window of a workplace. */
  protected abstract windowFor(workplaceId: string): Promise<WorkingWindow>;

  async schedule(req: ScheduleRequest): Promise<Job> {
    const spec = await this.spec(req);
    for (let attempt = 0; attempt < 6; attempt++) {
      const now = this.clock.now();
      if (await this.store.insert(spec, now)) return this.newJob(spec, now);
      const record = await this.store.record(req.key);
      if (!record) continue;
      const result = await this.apply(record, spec, now);
      if (result) return result;
    }
    throw new AppError('CONFLICT', `Could not schedule ${req.key}: too many concurrent changes`);
  }

  /** Schedules many jobs fast (transactions of 50 jobs); keys that exist go through `schedule`. */
  async scheduleMany(requests: readonly ScheduleRequest[]): Promise<{ scheduled: number; created: number }> {
    const byKey = new Map(requests.map((r) => [r.key, r]));
    const specs = await Promise.all([...byKey.values()].map((r) => this.spec(r)));
    const conflicted = await this.store.insertMany(specs, this.clock.now());
    await pool(conflicted, 8, async (spec) => {
      await this.schedule(byKey.get(spec.key)!);
    });
    return { scheduled: specs.length, created: specs.length - conflicted.length };
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
    if (!prefix) throw new AppError('INVALID_INPUT', 'cancelPrefix needs a non-empty prefix');
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
    return this.schedule({ key, kind: job.kind, workplaceId: job.workplaceId, target: job.target, dueAt, payload: job.payload, urgent: job.urgent });
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

  private async spec(req: ScheduleRequest): Promise<JobSpec> {
    if (!req.key || req.key.length > 400) throw new AppError('INVALID_INPUT', 'A job key must have 1-400 characters');
    if (Number.isNaN(req.dueAt.getTime())) throw new AppError('INVALID_INPUT', `Job ${req.key}: dueAt is not a valid date`);
    const payload = req.payload ?? {};
    if (JSON.stringify(payload).length > 16_000) throw new AppError('INVALID_INPUT', `Job ${req.key}: payload is too large (ids only)`);
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
    record.urgent === spec.urgent
  );
}
