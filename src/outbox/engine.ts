import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { ConversationStore } from '../conversations/store.js';
import type { WorkingWindow } from '../shared/calendar.js';
import type { Storage } from '../storage/tables.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { assertCron, slotKey, startCron, TableRunCoordinator, type CronHandles } from './cron.js';
import { SharedBudget, type SharedBudgetOptions } from './budget.js';
import { FixedRate, SendLimiter, TEAMS_PER_CONVERSATION, type RateSource, type WindowRule } from './limiter.js';
import { parseWorkingHours, workingWindow } from './quiet-hours.js';
import { Sender, type SenderOptions } from './sender.js';
import { JobScheduler } from './scheduling.js';
import { JobStore, REMINDERS_TABLE } from './store.js';
import { emptyReport, runTick, type TickReport } from './tick.js';
import type { Transport } from '../core/transport.js';
import type { Telemetry } from '../core/telemetry.js';
import type { Job, JobHandler, RecurringJob, ScheduleRequest } from './types.js';

export interface EngineOptions {
  /**
   * Sends per second per tenant for the whole app (APP_SEND_RATE_PER_SECOND, Teams: 50),
   * shared by every instance through storage; after 429s it is lowered and probed back up.
   */
  appRatePerSecond: number;
  /** false: this instance alone uses appRatePerSecond (no shared budget; tests of one instance). */
  sharedBudget?: boolean | Partial<Omit<SharedBudgetOptions, 'ceiling'>>;
  /** How long requests in flight may still take when the engine stops (default 2 s). */
  stopDeadlineMs?: number;
  /** How often a long tick looks for newly due urgent and single jobs (default 1 s). */
  pollMs?: number;
  /** Default working window (WORKING_HOURS); a workplace may set settings.reminders.workingHours. */
  workingHours: { start: string; end: string };
  instanceId?: string;
  /**
   * How long a claim holds a job (default 2 min); a dead instance's jobs are taken over
   * after it. Keep it above the sender's budget (a third of it by default) plus one
   * request timeout (15 s).
   */
  leaseMs?: number;
  /** Jobs in flight per instance (also the most that a crash can leave with an unknown outcome). */
  concurrency?: number;
  pageSize?: number;
  maxAttempts?: number;
  perConversation?: readonly WindowRule[];
  sender?: SenderOptions;
}

export interface EngineDeps {
  storage: Storage;
  clock: Clock;
  log: Logger;
  /** Spans for jobs and sends, the send metrics and the backlog gauge (default: none). */
  telemetry?: Telemetry;
}

/** Built after the bot: the transport needs the adapter; the stores are the app's own instances. */
export interface EngineConnection {
  transport: Transport;
  conversations: ConversationStore;
  workplaces: WorkplaceStore;
}

export interface EngineState {
  instanceId: string;
  cron: boolean;
  ticking: boolean;
  /** Share and limit of the shared send budget per tenant. */
  budget?: Record<string, { share: number; limit: number; paused: boolean }>;
  lastTick?: TickReport & { at: string; durationMs: number; error?: string };
  handlers: string[];
  recurring: string[];
}

/**
 * The reminder engine: the Scheduler that workflows use, the minute tick that sends
 * what is due, and the recurring jobs. Storage decides; node-cron only wakes it.
 * `tick(now)` and `runRecurring(name, now)` are public so tests drive time.
 */
export class ReminderEngine extends JobScheduler {
  readonly instanceId: string;
  readonly limiter: SendLimiter;
  private readonly leaseMs: number;
  private readonly rates: RateSource;
  private readonly waits = new AbortController();
  private readonly sends = new AbortController();
  private kickTimer?: NodeJS.Timeout;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly recurring = new Map<string, RecurringJob>();
  private readonly windows = new Map<string, { window: Promise<WorkingWindow>; at: number }>();
  private readonly coordinator: TableRunCoordinator;
  private connection?: EngineConnection & { sender: Sender };
  private ticking?: Promise<TickReport>;
  private lastTick?: EngineState['lastTick'];
  private cron?: CronHandles;
  private stopping = false;

  constructor(
    private readonly deps: EngineDeps,
    private readonly options: EngineOptions,
  ) {
    super(new JobStore(deps.storage), deps.clock);
    this.instanceId = options.instanceId ?? `i-${randomBytes(4).toString('hex')}`;
    this.leaseMs = options.leaseMs ?? 2 * 60_000;
    const shared = options.sharedBudget ?? true;
    this.rates = shared
      ? new SharedBudget(deps.storage.table(REMINDERS_TABLE), this.instanceId, deps.log, { ...(typeof shared === 'object' ? shared : {}), ceiling: options.appRatePerSecond })
      : new FixedRate(options.appRatePerSecond);
    this.limiter = new SendLimiter({ rates: this.rates, perConversation: options.perConversation ?? TEAMS_PER_CONVERSATION });
    this.coordinator = new TableRunCoordinator(deps.storage, this.instanceId, deps.clock);
    deps.telemetry?.observe('backlog', () => this.store.countDue(deps.clock.now(), 10_000));
  }

  connect(connection: EngineConnection): this {
    const sender = new Sender(
      { ...connection, limiter: this.limiter, log: this.deps.log, ...(this.deps.telemetry ? { telemetry: this.deps.telemetry } : {}) },
      // A claim is never held in process longer than a third of its lease (then it goes back to storage).
      { maxAttempts: this.options.maxAttempts ?? 8, budgetMs: Math.min(60_000, this.leaseMs / 3), ...this.options.sender },
    );
    this.connection = { ...connection, sender };
    return this;
  }

  register(handler: JobHandler): this {
    if (this.handlers.has(handler.kind)) throw new Error(`Job kind ${handler.kind} is registered twice`);
    this.handlers.set(handler.kind, handler);
    return this;
  }

  registerRecurring(job: RecurringJob): this {
    assertCron(job);
    if (this.recurring.has(job.name)) throw new Error(`Recurring job ${job.name} is registered twice`);
    this.recurring.set(job.name, job);
    return this;
  }

  /** Registers a feature's job handlers and recurring jobs. */
  mount(feature: { jobs?: readonly JobHandler[]; recurring?: readonly RecurringJob[] }): this {
    feature.jobs?.forEach((h) => this.register(h));
    feature.recurring?.forEach((r) => this.registerRecurring(r));
    return this;
  }

  /** The Danish label of a kind (for `status`). */
  labelOf(kind: string): string | undefined {
    return this.handlers.get(kind)?.label;
  }

  // ------------------------------------------------------------------ time

  /** Sends everything due at `now`. A tick already running is joined, not repeated. */
  tick(now: Date = this.deps.clock.now()): Promise<TickReport> {
    if (this.ticking) return this.ticking;
    const connection = this.connection;
    if (!connection) return Promise.reject(new Error('ReminderEngine.connect() was not called'));
    const started = performance.now();
    const run = runTick(
      {
        store: this.store,
        sender: connection.sender,
        handlers: this.handlers,
        log: this.deps.log,
        owner: this.instanceId,
        leaseMs: this.leaseMs,
        concurrency: this.options.concurrency ?? 8,
        pageSize: this.options.pageSize ?? 200,
        maxAttempts: this.options.maxAttempts ?? 8,
        windowFor: (id) => this.windowFor(id),
        stopping: () => this.stopping,
        control: { waits: this.waits.signal, sends: this.sends.signal },
        ...(this.deps.telemetry ? { telemetry: this.deps.telemetry } : {}),
        ...(this.options.pollMs !== undefined ? { pollMs: this.options.pollMs } : {}),
      },
      now,
    );
    this.ticking = run
      .then((report) => {
        this.lastTick = { ...report, at: now.toISOString(), durationMs: Math.round(performance.now() - started) };
        if (report.due > 0) this.deps.log.info({ event: 'reminder.tick', ...report, durationMs: this.lastTick.durationMs }, 'reminder tick');
        return report;
      })
      .catch((err: unknown) => {
        this.lastTick = { ...emptyReport(), at: now.toISOString(), durationMs: Math.round(performance.now() - started), error: String(err) };
        throw err;
      })
      .finally(() => {
        this.ticking = undefined;
      });
    return this.ticking;
  }

  /** Runs a recurring job for the slot of `now` unless another instance already did; true if it ran here. */
  async runRecurring(name: string, now: Date = this.deps.clock.now()): Promise<boolean> {
    const job = this.recurring.get(name);
    if (!job) throw new Error(`No recurring job named ${name}`);
    const key = slotKey(name, now);
    if (!(await this.coordinator.shouldRun(key, 3_600_000))) return false;
    try {
      await job.run(now);
    } finally {
      await this.coordinator.onComplete(key);
    }
    return true;
  }

  /** Starts node-cron (the minute tick and the recurring jobs) and ticks once at once. */
  start(): void {
    if (this.cron) return;
    this.cron = startCron({ tick: () => this.tick(), recurring: [...this.recurring.values()], coordinator: this.coordinator, log: this.deps.log, clock: this.deps.clock });
    this.deps.log.info({ event: 'reminder.started', instanceId: this.instanceId, handlers: [...this.handlers.keys()], recurring: [...this.recurring.keys()] }, 'reminder engine started');
    this.kick(); // what fell due while no instance ran is sent now, not at the next full minute
  }

  /**
   * Stops within a bounded time whatever the connector does: the cron stops, no new job
   * starts, jobs waiting for a rate-limit slot or a retry end at once, requests in flight
   * are cut after `stopDeadlineMs`, and every job this instance held goes back to storage
   * due at once (the next instance sends it); the send budget's share is given back.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.kickTimer);
    await this.cron?.stop();
    this.cron = undefined;
    this.waits.abort(new Error('stopping'));
    const cut = setTimeout(() => this.sends.abort(new Error('stopping')), this.options.stopDeadlineMs ?? 2_000);
    try {
      await this.ticking?.catch(() => undefined);
    } finally {
      clearTimeout(cut);
    }
    if (this.rates instanceof SharedBudget) await this.rates.stop().catch(() => undefined);
  }

  /** Scheduling a job that is due now wakes a started engine at once instead of at the next minute. */
  override async schedule(req: ScheduleRequest): Promise<Job> {
    const job = await super.schedule(req);
    if (this.cron && !this.stopping && job.status === 'pending' && job.deliverAt.getTime() <= this.deps.clock.now().getTime() + 1_000) this.kick();
    return job;
  }

  private kick(): void {
    if (this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = undefined;
      if (this.stopping) return;
      // A running tick may already have read past the new job: tick again when it ends.
      if (this.ticking) {
        void this.ticking.then(() => this.kick(), () => this.kick());
        return;
      }
      this.tick().catch((err: unknown) => this.deps.log.error({ err, event: 'reminder.tickFailed' }, 'reminder tick failed'));
    }, 250);
    this.kickTimer.unref();
  }

  state(): EngineState {
    return {
      instanceId: this.instanceId,
      cron: this.cron !== undefined,
      ticking: this.ticking !== undefined,
      ...(this.rates instanceof SharedBudget ? { budget: this.rates.snapshot() } : {}),
      ...(this.lastTick ? { lastTick: this.lastTick } : {}),
      handlers: [...this.handlers.keys()],
      recurring: [...this.recurring.keys()],
    };
  }

  /** For /readyz: the state and how many jobs are due now. Not ready only when the last tick failed. */
  async readiness(): Promise<{ ok: boolean; detail: unknown }> {
    const dueNow = await this.store.countDue(this.deps.clock.now());
    return { ok: !this.lastTick?.error, detail: { ...this.state(), dueNow } };
  }

  // ------------------------------------------------------------------ helpers

  /** The workplace's working window (cached for a minute; concurrent callers share one read). */
  protected override windowFor(workplaceId: string): Promise<WorkingWindow> {
    const cached = this.windows.get(workplaceId);
    if (cached && performance.now() - cached.at < 60_000) return cached.window;
    const window = (async () => {
      const workplace = await this.connection?.workplaces.get(workplaceId).catch(() => undefined);
      const custom = parseWorkingHours((workplace?.settings.reminders as { workingHours?: unknown } | undefined)?.workingHours);
      return workingWindow(custom ?? this.options.workingHours);
    })();
    this.windows.set(workplaceId, { window, at: performance.now() });
    return window;
  }
}
