import { Writable } from 'node:stream';
import { ManualClock } from '../../src/core/clock.js';
import { createLogger, type Logger } from '../../src/core/log.js';
import { ConversationStore } from '../../src/conversations/store.js';
import type { ReminderEngine } from '../../src/outbox/engine.js';
import type { Job, JobHandler, JobOutcome } from '../../src/outbox/types.js';
import type { Storage } from '../../src/storage/tables.js';
import { ensureTables, fanoutEngine, keyOfText, seedUserReferences } from '../../src/tools/fanout-kit.js';
import { WorkplaceStore } from '../../src/workplaces/store.js';
import { startConnectorDouble, type ConnectorDouble, type ConnectorDoubleOptions } from './connector-double.js';
import { testStorage } from './storage.js';

/**
 * Reminder engines on the run's Azurite (fresh table prefix) sending through the
 * connector double, with a ManualClock and captured JSON logs. `note` jobs render
 * "fanout <key>" (or nothing when payload.obsolete) and report their outcome.
 */
export const NOTE_KIND = 'test.note';

export interface Harness {
  storage: Storage;
  clock: ManualClock;
  connector: ConnectorDouble;
  logs: Record<string, unknown>[];
  log: Logger;
  outcomes: { key: string; outcome: JobOutcome; job: Job }[];
  conversations: ConversationStore;
  workplaces: WorkplaceStore;
  engine(options?: Parameters<typeof fanoutEngine>[1]): ReminderEngine;
  /** Keys of the messages the double accepted, in order. */
  delivered(): string[];
  events(name: string): Record<string, unknown>[];
  stop(): Promise<void>;
}

export async function startHarness(opts: { users?: number; start?: string; connector?: ConnectorDoubleOptions } = {}): Promise<Harness> {
  const storage = testStorage();
  await ensureTables(storage);
  const connector = await startConnectorDouble(opts.connector);
  // Tuesday 24 November 2026, 10:00 in Copenhagen: inside the working window.
  const clock = new ManualClock(opts.start ?? '2026-11-24T09:00:00Z');
  await seedUserReferences(storage, connector.url, opts.users ?? 10, clock.now());
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = createLogger('info', sink);
  const outcomes: Harness['outcomes'] = [];
  const note: JobHandler = {
    kind: NOTE_KIND,
    label: 'Testpåmindelse',
    async render(job) {
      return job.payload.obsolete ? null : { text: `fanout ${job.key}` };
    },
    async onFinal(job, outcome) {
      outcomes.push({ key: job.key, outcome, job });
    },
  };
  return {
    storage,
    clock,
    connector,
    logs,
    log,
    outcomes,
    conversations: new ConversationStore(storage, clock),
    workplaces: new WorkplaceStore(storage, clock),
    engine: (options = {}) =>
      fanoutEngine({ storage, clock, log }, { appRatePerSecond: 1_000, transportTimeoutMs: 2_000, ...options, handlers: [note, ...(options.handlers ?? [])] }),
    delivered: () => connector.sent().map((r) => keyOfText(r.activity.text) ?? '?'),
    events: (name) => logs.filter((l) => l.event === name),
    stop: () => connector.stop(),
  };
}
