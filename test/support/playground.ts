/**
 * Drives the Microsoft 365 Agents Playground 0.2.28 from tests, without a browser, so
 * e2e tests act as Teams users (scenario: playground-scenario.ts; self-test:
 * test/e2e/playground-harness.test.ts with the echo bot fixture in echo-bot.ts).
 *
 * FACTS, verified by running it (ids from the Solhøj scenario; "PG" = the Playground):
 * Process: `node <pkg>/cli.js -e <bot> -c msteams --dt -p 0` with TEAMSAPPTESTER_BROWSER=none,
 *   M365_AGENTS_PLAYGROUND_CONFIG_PATH=<yml>, M365_AGENTS_PLAYGROUND_LOGFILE=<tmp>/devTools/...
 *   (cwd = temp dir). Prints only `Listening on <port>` (console goes to the log file when
 *   stdout is no TTY), and prints it BEFORE the config is validated: a bad config exits 1
 *   right after, the reason only in the log file. Ready (ping + both WebSockets) in ~1-1.5 s.
 *   `--conversation-id` only affects the built-in default config, not a config file (source).
 * Ids: PG message ids are ms timestamps ("1795435153100"); the activity.id the bot gets for a
 *   user message is a random GUID (NOT the PG message id). Bot messages get PG ids: the
 *   ResourceResponse.id from sendActivity = PgMessage.messageId = replyToId of submit/invoke.
 * Who acts: POST /_conversation/v1/conversations/:id/messages validates `from.id` (member of
 *   the chat/team, else 400 UserNotFound) but the activity's `from` is ALWAYS the current
 *   user (Lone). Install events are always from the current user. submit and invoke DO use
 *   `from`. So for other users this harness stores the message in PG WITHOUT a mention (that
 *   opens the channel thread, the bot is not called) and POSTs an identical activity with
 *   the other `from` straight to the bot (PgTurn.via 'direct'); the test checks the shapes match.
 * Personal message: {type:'message', id:GUID, text, textFormat:'plain', locale:'en-US',
 *   from:{id:'29:1a4d…', name:'Lone Leder', aadObjectId:'a4d3c3f9-…'}, recipient:{id:'28:c6af…',
 *   name:'TRIO-bot'}, conversation:{conversationType:'personal', tenantId, id:'a:1solhoej-personal-lone-leder'}
 *   (no isGroup), channelData:{tenant:{id}}, serviceUrl:'http://localhost:PORT/_connector',
 *   channelId:'msteams', entities:[{type:'clientInfo', locale, country, platform:'Web', timezone}]}.
 * Channel message: each new message opens a thread; conversation:{isGroup:true,
 *   conversationType:'channel', tenantId, id:'19:solhoej-trio@thread.tacv2;messageid=1795435164599'},
 *   channelData:{teamsChannelId:'19:solhoej-trio…', teamsTeamId:'19:solhoej-general…', tenant:{id},
 *   team:{id}, channel:{id}} (no team name), text '<at>TRIO-bot</at> hej', entities[0] =
 *   {type:'mention', mentioned:{id:bot.id, name:'TRIO-bot'}, text:'<at>TRIO-bot</at>'}. General
 *   channel id = team id. Bot hears channel/group messages only when mentioned. Group chat:
 *   conversation {isGroup:true, conversationType:'groupChat', tenantId, id}, channelData {tenant}.
 * Submit: {type:'message', no text, value:{...}, replyToId:<card message id>, channelData:{source:
 *   {name:'message'}, tenant, team?, channel?}}. Invoke: {type:'invoke', name:'adaptiveCard/action',
 *   value:{action:{type:'Action.Execute', verb, data}} (exactly what is posted: PG does not merge
 *   card inputs into data), replyToId}. The HTTP answer is {type, value: card} (statusCode
 *   dropped); PG swaps the stored card but sends NO update frame.
 * Install (POST /_debug/conversation/:id/installation): installationUpdate {action:'add',
 *   from:{id, aadObjectId} (no name), channelData:{tenant, team?:{id,name,aadGroupId}, channel?,
 *   source:{name:'message'}, settings:{selectedChannel:{id}}}} AND conversationUpdate
 *   {membersAdded: personal [user, bot] | group/channel [bot]; channel: channelData.eventType
 *   'teamMemberAdded'}; both are sent concurrently, order not guaranteed (source).
 * Proactive: CloudAdapter.continueConversationAsync('', reference, logic) works with an EMPTY
 *   MicrosoftAppId (PG needs no token). To a channel id it starts a new thread.
 * createConversation (POST /v3/conversations, adapter.createConversationAsync('', 'msteams',
 *   serviceUrl, '', {isGroup:false, members:[{id:'29:…'}], tenantId}, logic)) works for any
 *   configured user: id '<guid>@test.user' (idempotent per user; for the current user it is the
 *   configured personal chat). Only that user is a member. PG never puts chats without the
 *   current user on the conversation WebSocket (STACK.md is wrong here): the harness reads
 *   those messages from the traffic log (/_ws/log/stream), PgMessage.source 'log', toUserId set.
 *   isGroup:true + channelData.channel.id creates a thread {id:'<channel>;messageid=<id>'}; note
 *   createConversationAsync sets the turn's activity.id to the conversation id.
 *   TeamsInfo.sendMessageToTeamsChannel FAILS with CloudAdapter and an empty app id.
 * Members: TeamsInfo.getPagedMembers works: team/channel and group chat -> current user + 5
 *   users (no bot), sorted by id, {id:'29:…', name, aadObjectId, givenName, surname, email,
 *   userPrincipalName, tenantId, userRole:'user'}; personal chat -> only its user; totalCount is
 *   off by one (PG bug). getMember, getTeamDetails ({id, name, aadGroupId}) and getTeamChannels
 *   ([{id: team id (General, no name)}, {id, name:'TRIO'}]) work.
 * updateActivity: PUT -> 200, frame {action:'updateMessage'} with the same messageId (for a
 *   thread root its actionConversationId is the channel id). deleteActivity: not implemented (source).
 * Errors: a bot answering 500 shows in the log with the error message as body; sending to an
 *   unknown conversation gives 404 ConversationNotFound. Mention entities the bot sends must
 *   have text '<at>…</at>' contained in the message text, else 400 (source).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import WebSocket from 'ws';
import { PlaygroundClient } from './playground-client.js';
import type { PgBotError, PgMessage, PgTurn } from './playground-messages.js';
import { scenarioYaml, solhoej, type PgScenario } from './playground-scenario.js';

export * from './playground-scenario.js';
export { cardText, cards, latestVersions, type PgAttachment, type PgBotError, type PgMessage, type PgTurn } from './playground-messages.js';
export type { PgConversationKind } from './playground-activities.js';

type Json = Record<string, unknown>;

export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  botEndpoint: string;
  scenario?: PgScenario;
  /** Default timeout of waits (send/submit/install/waitForMessage). Default 10 s. */
  timeoutMs?: number;
  /** Keep the temp dir with config and devTools/ log after stop (also env KEEP_PLAYGROUND_LOGS=1). */
  keepTempDir?: boolean;
}

export interface PgSendResult {
  /** The Playground's id of the user message (use as a thread root); an activity id when not stored. */
  messageId: string;
  /** The conversation the bot saw: in channels the new (or given) thread id. */
  conversationId: string;
  /** activity.id of the message the bot received (undefined when the bot was not called). */
  activityId?: string;
  /** The bot's HTTP status for that turn (undefined when the bot was not called). */
  status?: number;
}

export interface Playground {
  /** http://127.0.0.1:PORT (the browser UI is served here too). */
  url: string;
  /** http://localhost:PORT/_connector: the serviceUrl in every activity. */
  connectorUrl: string;
  port: number;
  pid: number;
  tempDir: string;
  scenario: PgScenario;
  startupMs: number;
  /** The personal chat with a user: the configured one for the current user, otherwise one opened by `openPersonalChat` or by the bot. */
  personalChatId(userId?: string): string;
  /** Opens (idempotent) the 1:1 chat between the bot and any configured user, like the bot's createConversation. */
  openPersonalChat(userId: string): Promise<string>;
  /** A user writes. Channels and group chats mention the bot by default. Resolves when the bot answered the turn. */
  send(conversationId: string, fromUserId: string, text: string, opts?: { mentionBot?: boolean; timeoutMs?: number }): Promise<PgSendResult>;
  /** Action.Submit on a bot card (replyToId = PgMessage.messageId). Resolves when the bot answered. */
  submit(conversationId: string, fromUserId: string, replyToId: string, value: Record<string, unknown>): Promise<void>;
  /** Action.Execute: returns the HTTP body `{ type, value: card }` the Playground got from the bot. */
  invoke(conversationId: string, fromUserId: string, replyToId: string, verb: string, data?: Record<string, unknown>): Promise<unknown>;
  /** Installs the app in a conversation: installationUpdate(add) + conversationUpdate(membersAdded). */
  install(conversationId: string, opts?: { fromUserId?: string }): Promise<void>;
  /** First bot message (create or update) after `since` matching `predicate`, including ones that already arrived. */
  waitForMessage(predicate: (m: PgMessage) => boolean, opts?: { timeoutMs?: number; conversationId?: string; since?: number }): Promise<PgMessage>;
  /** Everything the bot sent so far (creates and updates), optionally for one chat, channel (all threads) or thread. */
  messages(conversationId?: string): PgMessage[];
  /** The newest version of a message. */
  latest(messageId: string): PgMessage | undefined;
  /** The seq of the last message so far: pass as `since` to ignore older messages. */
  cursor(): number;
  /** Every activity delivered to the bot, with the bot's HTTP status. */
  turns(): PgTurn[];
  /** Failed turns (HTTP >= 400), failed bot calls to the connector, Playground warnings. */
  botErrors(): PgBotError[];
  stop(): Promise<void>;
}

function cliPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
}

function childEnv(configPath: string, logFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['BOT_ENDPOINT', 'DEFAULT_CHANNEL_ID', 'SEND_INSTALLATION_ACTIVITY', 'M365_AGENTS_PLAYGROUND_TARGET_SDK', 'TEAMS_APP_TEST_TOOL_CONFIG_PATH']) delete env[key];
  const noProxy = ['localhost', '127.0.0.1', '::1', env.NO_PROXY].filter(Boolean).join(',');
  return { ...env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath, M365_AGENTS_PLAYGROUND_LOGFILE: logFile, NO_PROXY: noProxy, no_proxy: noProxy };
}

function readLog(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8').slice(-2000);
  } catch {
    return '(no log file)';
  }
}

async function waitForListening(child: ChildProcess, logFile: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`Playground did not start: ${why}\nstdout: ${out}\nstderr: ${err}\nlog: ${readLog(logFile)}`));
    };
    const timer = setTimeout(() => fail(`no "Listening on" within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => fail(`exited with ${code}`));
  });
}

/** The backend (and config validation) is mounted right after "Listening on"; a bad config exits the process. */
async function waitForBackend(url: string, child: ChildProcess, logFile: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`Playground exited (${child.exitCode}) after start; log: ${readLog(logFile)}`);
    const ok = await fetch(`${url}/_debug/ping`).then((r) => r.ok, () => false);
    if (ok && child.exitCode === null) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Playground backend not ready; log: ${readLog(logFile)}`);
}

function openSocket(url: string, onFrame: (frame: Json) => void, isStopping: () => boolean): Promise<{ close(): void }> {
  let ws: WebSocket;
  let attempts = 0;
  const connect = (): Promise<void> =>
    new Promise((resolve, reject) => {
      ws = new WebSocket(url);
      ws.on('message', (data) => {
        try {
          onFrame(JSON.parse(String(data)) as Json);
        } catch {
          /* not JSON: ignore */
        }
      });
      ws.once('open', () => resolve());
      ws.once('error', reject);
      // Frames sent while no client is connected are buffered by the Playground and replayed on reconnect.
      ws.once('close', () => {
        if (!isStopping() && attempts++ < 5) setTimeout(() => void connect().catch(() => undefined), 100);
      });
    });
  return connect().then(() => ({ close: () => ws.terminate() }));
}

export async function startPlayground(opts: StartPlaygroundOptions): Promise<Playground> {
  const scenario = opts.scenario ?? solhoej;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const tempDir = mkdtempSync(join(tmpdir(), 'trio-playground-'));
  const configPath = join(tempDir, '.m365agentsplayground.yml');
  const logFile = join(tempDir, 'devTools', 'm365agentsplayground.log');
  writeFileSync(configPath, scenarioYaml(scenario));
  const started = Date.now();
  const args = [cliPath(), '-e', opts.botEndpoint, '-c', 'msteams', '--dt', '-p', '0'];
  const child = spawn(process.execPath, args, { cwd: tempDir, env: childEnv(configPath, logFile), stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stopping = false;
  const sockets: { close(): void }[] = [];
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    sockets.forEach((s) => s.close());
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    process.removeListener('exit', killOnExit);
    if (!opts.keepTempDir && process.env.KEEP_PLAYGROUND_LOGS !== '1') rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    const port = await waitForListening(child, logFile, 20_000);
    const url = `http://127.0.0.1:${port}`;
    await waitForBackend(url, child, logFile);
    const pg = new PlaygroundClient(scenario, url, `http://localhost:${port}/_connector`, opts.botEndpoint, timeoutMs);
    sockets.push(await openSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`, (f) => pg.onConversationFrame(f), () => stopping));
    sockets.push(await openSocket(`ws://127.0.0.1:${port}/_ws/log/stream`, (f) => pg.onLogFrame(f), () => stopping));
    return Object.assign(pg.api(), { url, connectorUrl: pg.connectorUrl, port, pid: child.pid ?? -1, tempDir, scenario, startupMs: Date.now() - started, stop });
  } catch (e) {
    await stop();
    throw e;
  }
}

