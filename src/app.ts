import type { Config } from './config.js';
import { createAdapter } from './bot/adapter.js';
import { TeamsBot } from './bot/teams-bot.js';
import { systemClock, type Clock } from './core/clock.js';
import { Dispatcher } from './core/dispatcher.js';
import type { Feature } from './core/feature.js';
import { helpCommand } from './core/help.js';
import { createLogger, type Logger } from './core/log.js';
import { CommandRegistry } from './core/registry.js';
import { VerbRouter } from './core/router.js';
import { CONVERSATIONS_TABLE, ConversationStore } from './conversations/store.js';
import { EVENTS_TABLE, EventLog } from './events/event-log.js';
import { createHttpServer, type HttpServer } from './server.js';
import { openStorage } from './storage/connect.js';
import type { Telemetry } from './core/telemetry.js';
import { startTelemetry } from './telemetry/setup.js';
import type { Storage } from './storage/tables.js';
import { BotTransport } from './bot/transport.js';
import { ReminderEngine } from './outbox/engine.js';
import { remindersFeature } from './outbox/feature.js';
import type { Scheduler } from './outbox/types.js';
import { aboutFeature } from './about/feature.js';
import { actionsFeature } from './actions/feature.js';
import { musFeature } from './mus/feature.js';
import { pulseFeature } from './pulse/feature.js';
import { sicknessFeature } from './sickness/feature.js';
import { resolvePrincipal } from './workplaces/principal.js';
import { rolesFeature } from './workplaces/roles.js';
import { setupCommands, welcomeMessage } from './workplaces/setup.js';
import { WORKPLACE_TABLES, WorkplaceStore } from './workplaces/store.js';

/** Everything a feature may depend on. Built once, passed in; nothing global. */
export interface AppContext {
  config: Config;
  clock: Clock;
  log: Logger;
  storage: Storage;
  events: EventLog;
  conversations: ConversationStore;
  workplaces: WorkplaceStore;
  /** The reminder engine: every workflow schedules later messages here. */
  scheduler: Scheduler;
  /** The bot's public base URL (PUBLIC_BASE_URL, or this instance once it listens). */
  publicBaseUrl(): string;
  /** Traces and metrics (OpenTelemetry when an exporter is configured; records nothing otherwise). */
  telemetry: Telemetry;
}

export interface App {
  readonly ctx: AppContext;
  readonly port: number;
  readonly http: HttpServer;
  readonly registry: CommandRegistry;
  readonly router: VerbRouter;
  /** Tests drive time with app.engine.tick(now). */
  readonly engine: ReminderEngine;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  log?: Logger;
  telemetry?: Telemetry;
}

/** The features mounted on the bot, in help order. */
function features(ctx: AppContext): Feature[] {
  const setup = setupCommands(ctx);
  const roles = rolesFeature(ctx);
  const sickness = sicknessFeature(ctx);
  return [
    {
      name: 'workplaces',
      tables: [...WORKPLACE_TABLES, CONVERSATIONS_TABLE, EVENTS_TABLE],
      commands: [...setup.commands, ...roles.commands],
      verbs: [...setup.verbs, ...roles.verbs],
    },
    actionsFeature(ctx),
    remindersFeature(ctx),
    musFeature(ctx, { absence: sickness.absence }),
    pulseFeature(ctx),
    sickness,
    aboutFeature(),
  ];
}

/**
 * The composition root. Order: config → storage → bot → scheduler → HTTP server.
 * It wires; it does not decide.
 */
export async function startApp(config: Config, options: StartOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const cleanups: (() => Promise<void>)[] = [];
  try {
    // Telemetry first and stopped last, so the shutdown's own sends are still exported.
    const telemetry = options.telemetry ?? (await startTelemetry(config, log));
    cleanups.unshift(() => telemetry.shutdown());

    // Storage
    const opened = await openStorage(config, log);
    cleanups.unshift(() => opened.stop());
    const storage = opened.storage;
    let boundPort = config.port;
    const engine = new ReminderEngine(
      { storage, clock, log },
      { appRatePerSecond: config.scheduler.appRatePerSecond, workingHours: config.workingHours },
    );
    const ctx: AppContext = {
      config,
      clock,
      log,
      storage,
      events: new EventLog(storage, clock),
      conversations: new ConversationStore(storage, clock),
      workplaces: new WorkplaceStore(storage, clock),
      scheduler: engine,
      publicBaseUrl: () => config.publicBaseUrl ?? `http://localhost:${boundPort}`,
      telemetry,
    };
    const mounted = features(ctx);
    await storage.ensure([...new Set(mounted.flatMap((f) => f.tables))]);

    // Bot
    if (config.bot.localMode) {
      log.warn(
        { event: 'auth.localMode' },
        'MicrosoftAppId is not set: the bot accepts unauthenticated requests. Use this only locally (Agents Playground); set MicrosoftAppId and MicrosoftAppPassword for Teams.',
      );
    }
    const registry = new CommandRegistry();
    const router = new VerbRouter();
    registry.add(helpCommand(registry));
    for (const f of mounted) {
      f.commands?.forEach((c) => registry.add(c));
      f.verbs?.forEach((v) => router.add(v));
    }
    const dispatcher = new Dispatcher({
      registry,
      router,
      log,
      resolvePrincipal: (turn) => resolvePrincipal(ctx.workplaces, config.bootstrapLeaders, turn),
    });
    const adapter = createAdapter(config, log);
    const bot = new TeamsBot({ dispatcher, conversations: ctx.conversations, clock, log, welcome: welcomeMessage });

    // Reminders: the one sender needs the adapter; every feature's jobs go to the one engine.
    engine.connect({ transport: new BotTransport(adapter, config.bot.appId), conversations: ctx.conversations, workplaces: ctx.workplaces });
    for (const f of mounted) engine.mount(f);
    cleanups.unshift(() => engine.stop());
    if (config.scheduler.enabled) engine.start();

    // HTTP
    const http = createHttpServer({
      adapter,
      bot,
      log,
      readiness: [
        { name: 'storage', check: async () => ({ ok: await storage.ping() }) },
        { name: 'scheduler', check: () => engine.readiness() },
      ],
    });
    for (const f of mounted) f.routes?.forEach((r) => http.route(r));
    const port = await http.listen(config.port, config.host);
    boundPort = port;
    cleanups.unshift(() => http.close());
    log.info({ event: 'http.listening', port, host: config.host }, `TRIO-bot listening on http://${config.host}:${port}/api/messages`);

    let stopped = false;
    return {
      ctx,
      port,
      http,
      registry,
      router,
      engine,
      async stop() {
        if (stopped) return;
        stopped = true;
        for (const c of cleanups) await c();
      },
    };
  } catch (e) {
    for (const c of cleanups) await c().catch(() => undefined);
    throw e;
  }
}
