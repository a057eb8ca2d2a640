import type { Config } from './config.js';
import { createAdapter } from './bot/adapter.js';
import type { AuthOverrides } from './bot/auth.js';
import { BotEndpoint } from './bot/endpoint.js';
import { TeamsBot } from './bot/teams-bot.js';
import { systemClock, type Clock } from './core/clock.js';
import { Dispatcher } from './core/dispatcher.js';
import type { AppContext, Feature } from './core/feature.js';
import { createLogger, type Logger } from './core/log.js';
import { mountFeatures } from './core/mount.js';
import type { CommandRegistry } from './core/registry.js';
import type { VerbRouter } from './core/router.js';
import { CONVERSATIONS_TABLE, ConversationStore } from './conversations/store.js';
import { EVENTS_TABLE, EventLog } from './events/event-log.js';
import { createHttpServer, type HttpServer } from './server.js';
import { openStorage, type OpenedStorage } from './storage/connect.js';
import { IntentStore } from './storage/intents.js';
import { WriteGuard, writesFeature } from './core/writes.js';
import type { Telemetry } from './core/telemetry.js';
import { startTelemetry } from './telemetry/setup.js';
import type { Storage } from './storage/tables.js';
import { BotTransport } from './bot/transport.js';
import { ReminderEngine } from './outbox/engine.js';
import { outboxFeature } from './outbox/feature.js';
import { aboutFeature } from './about/feature.js';
import { ReachService } from './reach/service.js';
import { reachFeature } from './reach/feature.js';
import { botCredential, GraphInstaller } from './reach/graph.js';
import type { TokenCredential } from '@azure/identity';
import { actionsFeature } from './actions/feature.js';
import { medyearFeature } from './medyear/feature.js';
import { musFeature } from './mus/feature.js';
import { pulseTrendPort } from './pulse/agenda-port.js';
import { pulseFeature } from './pulse/feature.js';
import { loadSealKey } from './pulse/seal-key.js';
import { sicknessFeature } from './sickness/feature.js';
import { violenceFiguresPort } from './violence/agenda-port.js';
import { violenceFeature } from './violence/feature.js';
import { inboxFeature } from './inbox/feature.js';
import { privacyFeature } from './privacy/feature.js';
import { refuseIfRestricted, RestrictionAwareConversations } from './privacy/restriction.js';
import { PrivacyStore } from './privacy/store.js';
import { resolvePrincipal } from './workplaces/principal.js';
import { welcomeFor, workplacesFeature } from './workplaces/feature.js';
import { WorkplaceStore } from './workplaces/store.js';

export type { AppContext } from './core/feature.js';

export interface App {
  readonly ctx: AppContext;
  readonly port: number;
  readonly http: HttpServer;
  readonly registry: CommandRegistry;
  readonly router: VerbRouter;
  /** Tests drive time with app.engine.tick(now). */
  readonly engine: ReminderEngine;
  /** Tests run the repair of unfinished writes with app.dispatcher.repair(now). */
  readonly dispatcher: Dispatcher;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  log?: Logger;
  /** Tests: the token source for Microsoft Graph (default: the bot's own identity). */
  graphCredential?: TokenCredential;
  telemetry?: Telemetry;
  /** Tests: where the token signing keys come from (a local OpenID metadata double). */
  auth?: AuthOverrides;
  /** Tests: how long a redelivered invoke waits for the first answer. */
  redeliveryWaitMs?: number;
  /**
   * The storage, already being opened (main.ts starts the embedded Azurite while the rest
   * of the app loads). Default: opened here, after telemetry.
   */
  storage?: Promise<OpenedStorage>;
}

/** The features mounted on the bot, in help order. Exported for tests that check all of them. */
export function appFeatures(ctx: AppContext, extras: { reach?: ReachService } = {}): Feature[] {
  const sickness = sicknessFeature(ctx);
  const actions = actionsFeature(ctx);
  const mus = musFeature(ctx, { absence: sickness.absence });
  return [
    // The app's own tables: conversation references (the bot layer) and the event log.
    { name: 'core', tables: [CONVERSATIONS_TABLE, EVENTS_TABLE] },
    workplacesFeature(ctx),
    actions,
    outboxFeature({ ...ctx, reach: extras.reach ?? new ReachService(ctx) }),
    mus,
    pulseFeature(ctx),
    sickness,
    medyearFeature(ctx, { actions: actions.plan, mus: mus.year, sickness: sickness.figures, pulse: pulseTrendPort(ctx), violence: violenceFiguresPort(ctx.storage) }),
    privacyFeature(ctx),
    violenceFeature(ctx, { actions: actions.plan }),
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
    // The pulse's seal key: PULSE_SEAL_KEY, or (local mode) a key file kept outside DATA_DIR.
    const seal = loadSealKey(config);
    if (seal.origin !== 'setting') {
      log.warn(
        { event: 'pulse.sealKeyFile', file: seal.file, created: seal.origin === 'created' },
        `PULSE_SEAL_KEY is not set: pulse ballots are sealed with the key in ${seal.file}${seal.origin === 'created' ? ' (made now)' : ''}, kept outside DATA_DIR. Keep it apart from copies of the data; without it open rounds cannot be closed. Set PULSE_SEAL_KEY for production.`,
      );
    }

    // Storage
    const opened = await (options.storage ?? openStorage(config, log));
    cleanups.unshift(() => opened.stop());
    const storage = opened.storage;
    let boundPort = config.port;
    const engine = new ReminderEngine(
      { storage, clock, log, telemetry },
      {
        appRatePerSecond: config.scheduler.appRatePerSecond,
        workingHours: config.workingHours,
        // Sends in flight at shutdown get a short deadline; the rest of the grace is for handing jobs back.
        stopDeadlineMs: Math.min(2_000, config.shutdownGraceMs / 4),
      },
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
      pulseSealKey: seal.secret,
    };
    // Every feature's commands, verbs, jobs and recurring jobs, mounted the one way (also in tests).
    // The inbox of handled activity ids is the bot layer's: its ledger goes to the endpoint.
    const inbox = inboxFeature(ctx);
    // Every declared write runs once per key and is finished after a crash (src/core/writes.ts).
    const intents = new IntentStore(storage);
    const writes = new WriteGuard({ rows: intents, clock, log, instanceId: engine.instanceId }, { leaseMs: config.writes.leaseMs });
    // Reaching everyone: the reach report in `status`, and `installér bot` when Graph installation is set up.
    const reach = new ReachService(ctx);
    const installer = await graphInstaller(config, options.graphCredential, log);
    reach.canInstall = installer !== undefined;
    const reachCommands = installer ? [reachFeature({ reach, installer, log })] : [];
    const { registry, router, tables, routes } = mountFeatures([...appFeatures(ctx, { reach }), ...reachCommands, inbox, writesFeature({ store: intents, log })], engine);
    await storage.ensure(tables);

    // Bot
    if (config.bot.localMode) {
      log.warn(
        { event: 'auth.localMode' },
        'MicrosoftAppId is not set: the bot accepts unauthenticated requests (on loopback only). Use this only locally (Agents Playground); set MicrosoftAppId and MicrosoftAppPassword for Teams.',
      );
    } else if (config.bot.allowedTenants.length === 0) {
      log.warn({ event: 'auth.anyTenant' }, 'ALLOWED_TENANTS and MicrosoftAppTenantId are empty: activities from any tenant are accepted.');
    }
    const privacy = new PrivacyStore(storage, clock);
    const dispatcher = new Dispatcher({
      registry,
      router,
      log,
      writes,
      // Nothing happens before the principal is known, so waiting here for the turn's claim
      // (turn.ready) lets the claim and the reads run side by side.
      // A person whose data is restricted (GDPR art. 18) changes nothing: refused before any command or verb.
      resolvePrincipal: async (turn) =>
        (await Promise.all([resolvePrincipal(ctx.workplaces, config.bootstrapLeaders, turn), turn.ready, refuseIfRestricted(privacy, turn.actor.aadObjectId)]))[0],
      telemetry,
    });
    // Unfinished writes of an instance that died are finished at start-up (once their lease
    // has run out) and on every scheduler tick.
    engine.alongTick((now) => dispatcher.repair(now));
    const startupRepair = repairAtStart(dispatcher, clock, log, config.writes.leaseMs);
    cleanups.unshift(() => startupRepair.stop());
    const { adapter, authenticator } = createAdapter(config, log, options.auth);
    const bot = new TeamsBot({ dispatcher, conversations: ctx.conversations, clock, log, welcome: welcomeFor(ctx, personalButtons(registry)) });
    const messages = new BotEndpoint({
      adapter,
      authenticator,
      bot,
      ledger: inbox.ledger,
      untracked: (verb) => dispatcher.isAnonymous(verb),
      allowedTenants: config.bot.allowedTenants,
      log,
      telemetry,
      ...(options.redeliveryWaitMs !== undefined ? { redeliveryWaitMs: options.redeliveryWaitMs } : {}),
    });

    // The outbox: the one sender needs the adapter; every feature's jobs were mounted above.
    // Nothing is sent to a person whose data is restricted (src/privacy/restriction.ts).
    const conversations = new RestrictionAwareConversations(storage, clock, ctx.conversations, privacy);
    engine.connect({ transport: new BotTransport(adapter, config.bot.appId), conversations, workplaces: ctx.workplaces });
    const stopEngine = () => engine.stop();
    cleanups.unshift(stopEngine);
    if (config.scheduler.enabled) engine.start();

    // HTTP
    const http = createHttpServer({
      messages,
      log,
      ...(config.readinessToken ? { readinessToken: config.readinessToken } : {}),
      readiness: [
        { name: 'storage', check: async () => ({ ok: await storage.ping() }) },
        { name: 'scheduler', check: () => engine.readiness() },
      ],
    });
    for (const r of routes) http.route(r);
    const port = await http.listen(config.port, config.host);
    boundPort = port;
    // Turns in flight get part of the grace period; the engine stops alongside (see stop()).
    const closeHttp = () => http.close(config.shutdownGraceMs * 0.3);
    cleanups.unshift(closeHttp);
    log.info({ event: 'http.listening', port, host: config.host }, `TRIO-bot listening on http://${config.host}:${port}/api/messages`);

    let stopped = false;
    return {
      ctx,
      port,
      http,
      registry,
      router,
      engine,
      dispatcher,
      async stop() {
        if (stopped) return;
        stopped = true;
        // HTTP and the outbox stop side by side (neither waits for the other); storage last,
        // because the outbox hands its jobs back to it.
        await Promise.all([closeHttp(), stopEngine()]);
        for (const c of cleanups.filter((c) => c !== closeHttp && c !== stopEngine)) await c();
      },
    };
  } catch (e) {
    for (const c of cleanups) await c().catch(() => undefined);
    throw e;
  }
}

/**
 * The start-up repair: one pass now, and one when the lease of whatever a dead instance left
 * open has surely run out. Stopped (and awaited) with the app.
 */
function repairAtStart(dispatcher: Dispatcher, clock: Clock, log: Logger, leaseMs: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const pass = () => {
    running = dispatcher.repair(clock.now()).then(
      (r) => {
        if (r.repaired + r.refused + r.failed > 0) log.info({ event: 'write.repairPass', ...r }, 'unfinished writes repaired');
      },
      (err: unknown) => log.error({ err, event: 'write.repairPassFailed' }, 'repair of unfinished writes failed'),
    );
  };
  pass();
  const later = setTimeout(pass, leaseMs + 1_000);
  later.unref();
  return {
    async stop() {
      clearTimeout(later);
      await running;
    },
  };
}

/** The Graph installer when GRAPH_INSTALL_TEAMS_APP_ID is set and there is an identity to call Graph with. */
async function graphInstaller(config: Config, credential: TokenCredential | undefined, log: Logger): Promise<GraphInstaller | undefined> {
  const { teamsAppId, baseUrl } = config.graphInstall;
  if (!teamsAppId) return undefined;
  const identity = credential ?? (await botCredential(config.bot));
  if (!identity) {
    log.warn({ event: 'reach.installOff' }, 'GRAPH_INSTALL_TEAMS_APP_ID is set, but the bot has no identity to call Microsoft Graph with (local mode, or MultiTenant without a tenant): installation is off');
    return undefined;
  }
  log.info({ event: 'reach.installOn', baseUrl }, 'proactive installation through Microsoft Graph is on');
  return new GraphInstaller({ baseUrl, teamsAppId, credential: identity });
}

/** The buttons of the commands that work in the private chat (the help card's), for its welcome. */
function personalButtons(registry: CommandRegistry): { title: string; verb: string }[] {
  return registry.all().flatMap((c) => (c.button && c.scopes.includes('personal') ? [c.button] : []));
}
