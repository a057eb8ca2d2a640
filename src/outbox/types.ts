import type { OutMessage } from '../core/types.js';

/**
 * The public contract of the reminder engine. Workflows schedule and cancel rows
 * through `Scheduler` and render their messages in a `JobHandler`; they never use
 * timers of their own. (Implementation: engine.ts, store.ts, sender.ts.)
 */

/** Where a job's message goes. Users are addressed by AAD object id, never a raw address. */
export type JobTarget =
  | { kind: 'user'; aadObjectId: string }
  | { kind: 'channel'; conversationId: string };

/** Flat, small, and never health data (case ids and step names only). */
export type JobPayload = Readonly<Record<string, string | number | boolean | null>>;

export type JobStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface ScheduleRequest {
  /**
   * Idempotency key, unique across the app, e.g. "actions:solhoej:H-12:due-7d".
   * Scheduling the same key again updates a pending job and never duplicates it.
   */
  key: string;
  /** The registered JobHandler kind that renders the message at send time. */
  kind: string;
  workplaceId: string;
  target: JobTarget;
  dueAt: Date;
  payload?: JobPayload;
  /** Urgent jobs ignore quiet hours (e.g. a statutory deadline escalation). Default false. */
  urgent?: boolean;
}

export interface Job extends Required<Omit<ScheduleRequest, 'urgent'>> {
  urgent: boolean;
  status: JobStatus;
  attempts: number;
  /** When it will actually be delivered (dueAt moved into the working window unless urgent). */
  deliverAt: Date;
  createdAt: Date;
  lastError?: string;
  sentAt?: Date;
}

/**
 * What workflows use to plan messages: every feature gets one (AppContext.scheduler),
 * always, so no feature checks for it or for its methods.
 */
export interface Scheduler {
  schedule(req: ScheduleRequest): Promise<Job>;
  /**
   * Schedules many jobs at once (a fan-out such as the weekly pulse): new keys in
   * transactions, existing keys as `schedule` would. Never unbounded in parallel.
   */
  scheduleMany(requests: readonly ScheduleRequest[]): Promise<{ scheduled: number; created: number }>;
  /** Cancels a pending job; true if it was pending. */
  cancel(key: string): Promise<boolean>;
  /** Cancels every pending job whose key starts with the prefix (e.g. all of one case). */
  cancelPrefix(prefix: string): Promise<number>;
  reschedule(key: string, dueAt: Date): Promise<Job | undefined>;
  get(key: string): Promise<Job | undefined>;
  /** Pending and failed jobs of a workplace (for `status`). */
  listOpen(workplaceId: string): Promise<Job[]>;
  /**
   * Deletes every job whose key starts with the prefix, whatever its status, with its
   * due and failed rows, so nothing is left of it (the pulse, when a round closes).
   */
  purge(prefix: string): Promise<number>;
  /** The Danish label of a job kind (JobHandler.label), for `status`; undefined for an unknown kind. */
  labelOf(kind: string): string | undefined;
}

export type JobOutcome = 'sent' | 'failed' | 'blocked' | 'cancelled';

export interface JobHandler {
  kind: string;
  /** Danish name of the kind for the `status` command, e.g. "Påmindelse om handling". Defaults to the kind. */
  label?: string;
  /**
   * Renders the message at send time from current state. Returning null means the
   * job is no longer relevant (e.g. the action was completed): it is cancelled.
   */
  render(job: Job, now: Date): Promise<OutMessage | null>;
  /** Told when a job ends (sent, failed after retries, or blocked by the user). */
  onFinal?(job: Job, outcome: JobOutcome): Promise<void>;
  /**
   * For jobs whose traces must not tell about a person (the pulse). 'quiet': the engine's
   * log lines about them name the kind only, never the key, the target or the
   * conversation. 'forget': quiet, and the job's record is deleted as soon as it ends,
   * so no status ("sent", "cancelled") is kept. Default: everything is logged and kept.
   */
  trace?: 'quiet' | 'forget';
}

/** A recurring job (weekly pulse, digests). Runs once per slot across all instances. */
export interface RecurringJob {
  name: string;
  /** node-cron expression in Europe/Copenhagen, e.g. "0 9 * * 1". */
  cron: string;
  run(now: Date): Promise<void>;
}

/**
 * Schedules the rows whose key does not exist yet, and leaves every existing one as it is
 * (a key is never sent twice, and a pending row is not moved): for a workflow's rows that
 * are written again when a step is replayed.
 */
/**
 * A feature's monthly post to each forum the workplace has linked (TRIO, MED), keyed per
 * month and forum so that a month is posted once: `<prefix>:<workplace>:monthly:<month>:<forum>`.
 */
export function monthlyForumRows(
  prefix: string,
  kind: string,
  wp: { id: string; trio?: { conversationId: string }; med?: { conversationId: string } },
  month: string,
  now: Date,
): ScheduleRequest[] {
  return (['trio', 'med'] as const).flatMap((forum) => {
    const link = wp[forum];
    return link ? [{ key: `${prefix}:${wp.id}:monthly:${month}:${forum}`, kind, workplaceId: wp.id, target: { kind: 'channel' as const, conversationId: link.conversationId }, dueAt: now, payload: { month } }] : [];
  });
}

export async function scheduleMissing(scheduler: Pick<Scheduler, 'get' | 'schedule'>, rows: readonly ScheduleRequest[]): Promise<void> {
  for (const row of rows) {
    if (!(await scheduler.get(row.key))) await scheduler.schedule(row);
  }
}
