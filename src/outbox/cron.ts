import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { safeKey, statusOf, type Storage } from '../storage/tables.js';
import { REMINDERS_TABLE, SLOTS_PARTITION } from './store.js';
import type { RecurringJob } from './types.js';

export const TIME_ZONE = 'Europe/Copenhagen';

/**
 * node-cron only wakes the process (STYLE principle 7). The minute tick runs on every
 * instance: the ETag claims decide who sends what. Recurring jobs run once per slot across
 * all instances: the slot row is created with createEntity, and 409 means another
 * instance runs it. A slot whose runner dies is not run again, so recurring jobs should
 * only schedule idempotent jobs (keys derived from the slot, e.g. "pulse:2026-W48:<user>").
 */
export class TableRunCoordinator implements RunCoordinator {
  constructor(
    private readonly storage: Storage,
    private readonly owner: string,
    private readonly clock: Clock,
  ) {}

  async shouldRun(key: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    try {
      await this.storage.table(REMINDERS_TABLE).createEntity({
        partitionKey: SLOTS_PARTITION,
        rowKey: safeKey(key),
        owner: this.owner,
        startedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
        finishedAt: '',
      });
      return true;
    } catch (e) {
      if (statusOf(e) === 409) return false;
      throw e;
    }
  }

  async onComplete(key: string): Promise<void> {
    await this.storage
      .table(REMINDERS_TABLE)
      .updateEntity({ partitionKey: SLOTS_PARTITION, rowKey: safeKey(key), finishedAt: this.clock.now().toISOString() }, 'Merge')
      .catch(() => undefined);
  }
}

/** The coordinator key node-cron uses for a task slot: "<task name>:<slot ISO>". */
export function slotKey(name: string, slot: Date): string {
  const minute = new Date(Math.floor(slot.getTime() / 60_000) * 60_000);
  return `${name}:${minute.toISOString()}`;
}

export function assertCron(job: RecurringJob): void {
  if (!cron.validate(job.cron)) throw new Error(`Recurring job ${job.name}: invalid cron expression "${job.cron}"`);
}

export interface CronHandles {
  stop(): Promise<void>;
}

/** Starts the minute tick and the recurring jobs. */
export function startCron(opts: {
  tick: () => Promise<unknown>;
  recurring: readonly RecurringJob[];
  coordinator: RunCoordinator;
  log: Logger;
  clock: Clock;
}): CronHandles {
  const tasks: ScheduledTask[] = [];
  const tick = cron.schedule(
    '* * * * *',
    () =>
      opts.tick().catch((err: unknown) => {
        opts.log.error({ err, event: 'reminder.tickFailed' }, 'reminder tick failed');
      }),
    { name: 'reminders.tick', timezone: TIME_ZONE, noOverlap: true },
  );
  tasks.push(tick);
  for (const job of opts.recurring) {
    const task = cron.schedule(
      job.cron,
      async (ctx) => {
        opts.log.info({ event: 'recurring.run', name: job.name, slot: ctx.date.toISOString() }, 'recurring job');
        await job.run(opts.clock.now()).catch((err: unknown) => {
          opts.log.error({ err, event: 'recurring.failed', name: job.name }, 'recurring job failed');
        });
      },
      // The lease is only a record here (a slot runs once); an hour covers any digest.
      { name: job.name, timezone: TIME_ZONE, noOverlap: true, distributed: true, runCoordinator: opts.coordinator, distributedLease: 3_600_000 },
    );
    tasks.push(task);
  }
  return {
    async stop() {
      for (const t of tasks) await t.destroy();
    },
  };
}
