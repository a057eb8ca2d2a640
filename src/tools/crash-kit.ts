/**
 * The crash harness behind `npm run bench:crash` and test/integration/crash.test.ts: the
 * real bot (`node dist/main.js`, embedded Azurite in a data folder) gets mixed traffic
 * over HTTP, is killed with SIGKILL at a random moment, is started again on the same
 * folder, and what users saw confirmed is checked against what is stored.
 *
 *   lost        a write the bot confirmed (its card or text came back) that is not stored
 *   duplicates  two records for one intended change (an action twice, two open cases of
 *               one employee, two answers of one person)
 *   partial     a record without its events or reminder rows, or a reminder row whose
 *               record does not exist
 *   azurite     how many Azurite processes ran on the data folder after each restart
 *
 * Loopback only; every process is stopped by its own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, localDateOf } from '../shared/calendar.js';
import { azuriteConnectionString } from '../storage/azurite.js';
import { readLock } from '../storage/azurite-lock.js';
import { IntentStore } from '../storage/intents.js';
import { Storage } from '../storage/tables.js';
import { check, type Expect } from './crash-check.js';
import { openCrashPulse, seedCrashWorkplace, CRASH, type CrashPeople } from './crash-seed.js';
import { startConnectorDouble, type ConnectorDouble } from './connector-double.js';

export interface CrashOptions {
  rounds: number;
  /** Clients sending at once in each round (default 4). */
  clients?: number;
  /**
   * The kill comes this long after the round's first answer (so that writes are in flight
   * whatever the machine's speed), at random in the range (default 0-2000 ms).
   */
  killAfterMs?: readonly [number, number];
  /**
   * Every other round the kill comes this long after the round's first confirmed sickness
   * case instead (at random in the range; default: not used), so that a loaded machine,
   * where a case takes seconds, still confirms sickness writes before a kill. At most
   * 20 s are waited for that case; then the kill comes anyway.
   */
  killAfterCaseMs?: readonly [number, number];
  /** The bot's entry point (default: dist/main.js). */
  main?: string;
  log?: (line: string) => void;
}

export interface CrashReport {
  rounds: number;
  requests: number;
  confirmed: number;
  /** Confirmed writes by kind: action creates, cases opened, contacts logged, raskmeldinger, pulse answers. */
  confirmedByKind: Record<Expect['kind'], number>;
  lost: number;
  duplicates: number;
  partial: number;
  /** Azurite processes on the data folder after each restart (each must be 1). */
  azurite: number[];
  /** Unfinished writes the restarted bots finished (their log's write.repaired). */
  repaired: number;
  /** What was lost, doubled or partial (empty when all is well). */
  problems: string[];
  durationMs: number;
}

const DIST_MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

// ------------------------------------------------------------------ the bot as a process

interface Bot {
  child: ChildProcess;
  port: number;
  lines: Record<string, unknown>[];
}

function startBot(main: string, env: Record<string, string>): Promise<Bot> {
  const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  let stderr = '';
  return new Promise((resolvePort, reject) => {
    // A loaded machine (load 25 on 2 cores) has taken 10-40 s to start the bot and its Azurite.
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // its supervisor then stops its Azurite
      const events = lines.map((l) => String(l.event)).join(', ');
      reject(new Error(`the bot did not listen in 120 s (events: ${events}): ${stderr.slice(-500)}`));
    }, 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) {
        if (!part.startsWith('{')) continue;
        const line = JSON.parse(part) as Record<string, unknown>;
        lines.push(line);
        if (line.event === 'http.listening') {
          clearTimeout(timer);
          resolvePort({ child, port: Number(line.port), lines });
        }
      }
    });
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code ?? signal}) before it listened: ${stderr.slice(-800)}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** The Azurite processes (Linux /proc) whose command line names this data folder. */
export function azuriteProcessesOn(location: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => a.includes('azurite')) && cmd.some((a) => resolve(a) === location)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

// ------------------------------------------------------------------ traffic

interface Traffic {
  requests: number;
  confirmed: Expect[];
  /** Called on every answer (the round's first one starts the kill timer). */
  answered: () => void;
  /** Called when a sickness case is confirmed (the round's first one may start the kill timer). */
  caseConfirmed: () => void;
}

/** One client's work until the kill: creates, sickness cases with a contact and a raskmelding, pulse answers. */
async function client(bot: Bot, connector: ConnectorDouble, people: CrashPeople, round: number, c: number, traffic: Traffic, stop: AbortSignal, pulse: { round: string; items: string[] }): Promise<void> {
  const url = `http://127.0.0.1:${bot.port}/api/messages`;
  const today = localDateOf(new Date());
  let k = 0;
  const post = async (who: { aad: string; name: string; key: string }, where: 'trio' | 'personal', verb: string, data: Record<string, unknown>, times = 1): Promise<string[]> => {
    const activity = () => ({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: randomBytes(8).toString('hex'),
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: `29:${who.key}`, aadObjectId: who.aad, name: who.name },
      recipient: { id: '28:bot', name: 'TRIO-bot' },
      conversation:
        where === 'trio'
          ? { id: `${CRASH.trio};messageid=${Date.now()}`, conversationType: 'channel', isGroup: true, tenantId: 'tenant' }
          : { id: `a:crash-${who.key}`, conversationType: 'personal', tenantId: 'tenant' },
      channelData: where === 'trio' ? { team: { id: CRASH.team }, channel: { id: CRASH.trio }, tenant: { id: 'tenant' } } : { tenant: { id: 'tenant' } },
      replyToId: 'card',
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } } },
    });
    traffic.requests += times;
    // A double tap: the same card data twice at once, as two activities.
    return Promise.all(
      Array.from({ length: times }, async () => {
        try {
          const t0 = performance.now();
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity()), signal: stop });
          const text = res.status === 200 ? await res.text() : '';
          traffic.answered();
          if (process.env.CRASH_DEBUG) console.log(verb, res.status, Math.round(performance.now() - t0), text.slice(0, 120));
          return text;
        } catch {
          return ''; // killed in flight: the outcome is unknown, nothing was confirmed
        }
      }),
    );
  };
  const once = () => randomBytes(9).toString('base64url');
  const taps = () => (Math.random() < 0.3 ? 2 : 1);
  while (!stop.aborted) {
    const n = `${round}.${c}.${k++}`;
    const pick = Math.random();
    if (pick < 0.4) {
      const emne = `Crash ${n}`;
      const answers = await post(people.leader, 'trio', 'actions.create', {
        workplaceId: CRASH.workplace, workplaceName: CRASH.name, members: [{ id: people.employees[0]!.aad, name: people.employees[0]!.name }],
        tema: 'Psykisk arbejdsmiljø', emne, maal: 'Mål', hvad: 'Hvad', start: dk(addDays(today, 1)), end: dk(addDays(today, 30)),
        owner: people.employees[0]!.aad, ownerGroup: '', source: 'apv', once: once(),
      }, taps());
      // The card of the new action, or (a double tap) "H-3 er allerede oprettet": both promise that it is stored.
      if (answers.some((a) => (a.includes('adaptive') && a.includes('H-')) || a.includes('er allerede oprettet'))) traffic.confirmed.push({ kind: 'action', emne });
    } else if (pick < 0.75) {
      const employee = people.employees[1 + ((round * 8 + c * 2 + k) % (people.employees.length - 1))]!;
      const opened = await post(people.leader, 'personal', 'sickness.open', { employee: `${CRASH.workplace}|${employee.aad}`, firstDay: today, partial: 'false', expectedDuration: '1-4-uger', once: once() }, taps());
      const card = opened.find((a) => a.includes('Sygefraværsforløb'));
      const caseId = /"caseId":"(sf[0-9a-f]{8})"/.exec(card ?? '')?.[1];
      if (!card || !caseId) continue;
      traffic.confirmed.push({ kind: 'case', employee: employee.aad });
      traffic.caseConfirmed();
      if (stop.aborted) break;
      const note = `Crash note ${n}`;
      const logged = await post(people.leader, 'personal', 'sickness.contact.log', { workplaceId: CRASH.workplace, caseId, point: 1, how: 'telefon', adjustments: 'nej', note, once: once() }, taps());
      if (logged.some((a) => a.includes('er gemt'))) traffic.confirmed.push({ kind: 'contact', caseId, note });
      if (stop.aborted) break;
      const closed = await post(people.leader, 'personal', 'sickness.close', { workplaceId: CRASH.workplace, caseId, returnDay: addDays(today, 1), once: once() }, taps());
      if (closed.some((a) => a.includes('raskmeldt'))) traffic.confirmed.push({ kind: 'closed', caseId });
    } else {
      const person = people.employees[(round * 16 + c * 4 + k) % people.employees.length]!;
      const answers = await post(person, 'personal', 'pulse.answer', { workplaceId: CRASH.workplace, round: pulse.round, items: pulse.items, q1: '4', q2: '3', q3: '5', comment: '' }, taps());
      if (answers.some((a) => a.includes('Tak for dit svar') || a.includes('allerede svaret'))) traffic.confirmed.push({ kind: 'answer', person: person.aad });
    }
  }
}

const dk = (date: string) => `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;

// ------------------------------------------------------------------ rounds

export async function runCrash(opts: CrashOptions): Promise<CrashReport> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const dataDir = mkdtempSync(join(tmpdir(), 'trio-crash-'));
  const location = resolve(dataDir, 'azurite');
  const sealKey = randomBytes(32).toString('hex');
  const connector = await startConnectorDouble({ keepActivities: false });
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    TABLE_PREFIX: 'crash',
    LOG_LEVEL: 'info',
    SCHEDULER_ENABLED: 'false',
    WRITE_LEASE_SECONDS: '1',
    PULSE_SEAL_KEY: sealKey,
    BOOTSTRAP_LEADERS: CRASH.leaderAad,
  };
  const report: CrashReport = { rounds: 0, requests: 0, confirmed: 0, confirmedByKind: { action: 0, case: 0, contact: 0, closed: 0, answer: 0 }, lost: 0, duplicates: 0, partial: 0, azurite: [], repaired: 0, problems: [], durationMs: 0 };
  const seen = new Set<string>();
  const traffic: Traffic = { requests: 0, confirmed: [], answered: () => undefined, caseConfirmed: () => undefined };
  const storageOf = () => {
    const port = readLock(location)?.port;
    if (!port) throw new Error(`no lock file with a port in ${location}`);
    return new Storage(azuriteConnectionString(port), env.TABLE_PREFIX);
  };
  let bot: Bot | undefined;
  try {
    bot = await startBot(opts.main ?? DIST_MAIN, env);
    const people = await seedCrashWorkplace(storageOf());
    const pulse = await openCrashPulse(storageOf(), sealKey);
    for (let round = 1; round <= opts.rounds; round++) {
      const stop = new AbortController();
      const firstAnswer = new Promise<void>((r) => (traffic.answered = r));
      const firstCase = new Promise<void>((r) => (traffic.caseConfirmed = r));
      const clients = Array.from({ length: opts.clients ?? 4 }, (_, c) => client(bot!, connector, people, round, c, traffic, stop.signal, pulse));
      const afterCase = opts.killAfterCaseMs !== undefined && round % 2 === 0;
      const [lo, hi] = (afterCase ? opts.killAfterCaseMs : opts.killAfterMs) ?? [0, 2000];
      const killAt = lo + Math.random() * (hi - lo);
      const t = performance.now();
      await Promise.race([afterCase ? firstCase : firstAnswer, new Promise((r) => setTimeout(r, afterCase ? 20_000 : 30_000))]);
      const firstMs = performance.now() - t;
      await new Promise((r) => setTimeout(r, killAt));
      bot.child.kill('SIGKILL');
      await exited(bot.child);
      stop.abort();
      await Promise.all(clients);
      // Start again on the same folder: the old Azurite is stopped (it saves) before a new one runs.
      if (process.env.CRASH_DEBUG) {
        const k0 = performance.now();
        while (azuriteProcessesOn(location).length > 0) await new Promise((r) => setTimeout(r, 50));
        console.log(`old azurite gone after ${Math.round(performance.now() - k0)} ms`);
      }
      const t0 = performance.now();
      bot = await startBot(opts.main ?? DIST_MAIN, env);
      const startMs = performance.now() - t0;
      const running = azuriteProcessesOn(location);
      report.azurite.push(running.length);
      const storage = storageOf();
      const intents = new IntentStore(storage);
      const deadline = Date.now() + 20_000;
      while ((await intents.countOpen()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const repairMs = performance.now() - t0 - startMs;
      report.repaired += bot.lines.filter((l) => l.event === 'write.repaired').length;
      const found = await check(storage, traffic.confirmed, pulse.round, sealKey);
      if (process.env.CRASH_DEBUG) console.log(`start ${Math.round(startMs)} ms, repair ${Math.round(repairMs)} ms, check ${Math.round(performance.now() - t0 - startMs - repairMs)} ms`);
      report.rounds = round;
      log(`round ${round}: killed ${Math.round(killAt)} ms after the first ${afterCase ? 'confirmed case' : 'answer'} (${Math.round(firstMs)} ms); ${traffic.confirmed.length} confirmed so far; azurite ${running.length}; lost ${found.lost.length}, duplicates ${found.duplicates.length}, partial ${found.partial.length}`);
      // Every problem seen after any restart counts, even one that a later repair would hide.
      for (const [kind, list] of [['lost', found.lost], ['duplicate', found.duplicates], ['partial', found.partial]] as const) for (const x of list) seen.add(`${kind}: ${x}`);
      report.problems = [...seen];
      report.lost = report.problems.filter((p) => p.startsWith('lost: ')).length;
      report.duplicates = report.problems.filter((p) => p.startsWith('duplicate: ')).length;
      report.partial = report.problems.filter((p) => p.startsWith('partial: ')).length;
    }
  } finally {
    if (bot) {
      bot.child.kill('SIGTERM');
      await exited(bot.child);
    }
    // The supervisor stops Azurite when the bot is gone; wait for it before removing the folder.
    const deadline = Date.now() + 15_000;
    while (azuriteProcessesOn(location).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // Last resort, by pid: nothing of this run outlives it.
    for (const pid of azuriteProcessesOn(location)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  report.requests = traffic.requests;
  report.confirmed = traffic.confirmed.length;
  for (const e of traffic.confirmed) report.confirmedByKind[e.kind]++;
  report.durationMs = Math.round(performance.now() - started);
  return report;
}
