import { localAdapter } from '../bot/adapter.js';
import { BotTransport } from '../bot/transport.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { CONVERSATIONS_TABLE, ConversationStore } from '../conversations/store.js';
import { ReminderEngine, type EngineOptions } from '../outbox/engine.js';
import { REMINDERS_TABLE } from '../outbox/store.js';
import type { JobHandler, ScheduleRequest } from '../outbox/types.js';
import { safeKey, submitInBatches, type Storage } from '../storage/tables.js';
import { WORKPLACE_TABLES, WorkplaceStore } from '../workplaces/store.js';

/**
 * Shared by the fan-out benchmark, the crash-test worker and the delivery tests: a job
 * kind whose message names its key (so the connector double's records show what arrived
 * how often), stored personal-chat references for N users, and an engine wired to the
 * real botbuilder transport in local mode.
 */

export const FANOUT_KIND = 'fanout.message';
export const FANOUT_WORKPLACE = 'fanout';
export const TENANT = '00000000-0000-0000-0000-0000000000t1';

export const fanoutHandler: JobHandler = {
  kind: FANOUT_KIND,
  label: 'Testbesked',
  async render(job) {
    return { text: `fanout ${job.key}` };
  },
};

/** The key a recorded message was rendered from (undefined for other messages). */
export function keyOfText(text: unknown): string | undefined {
  return typeof text === 'string' && text.startsWith('fanout ') ? text.slice(7) : undefined;
}

export const userId = (i: number) => `u-${String(i).padStart(6, '0')}`;
export const userConversation = (i: number) => `a:dm-${userId(i)}`;

export function userReference(i: number, serviceUrl: string): string {
  return JSON.stringify({
    serviceUrl,
    channelId: 'msteams',
    bot: { id: '28:trio-bot', name: 'TRIO-bot' },
    user: { id: `29:${userId(i)}`, aadObjectId: userId(i) },
    conversation: { id: userConversation(i), conversationType: 'personal', tenantId: TENANT },
  });
}

export async function ensureTables(storage: Storage): Promise<void> {
  await storage.ensure([REMINDERS_TABLE, CONVERSATIONS_TABLE, ...WORKPLACE_TABLES]);
}

/** Stores personal-chat references for users 0..n-1, as the bot would on their first message. */
export async function seedUserReferences(storage: Storage, serviceUrl: string, n: number, at = new Date()): Promise<void> {
  const rows = Array.from({ length: n }, (_, i) => ({
    partitionKey: 'user',
    rowKey: safeKey(userId(i)),
    reference: userReference(i, serviceUrl),
    tenantId: TENANT,
    serviceUrl,
    teamId: '',
    active: true,
    inactiveReason: '',
    updatedAt: at.toISOString(),
  }));
  await submitInBatches(storage.table(CONVERSATIONS_TABLE), rows.map((r) => ['upsert', r, 'Replace'] as const));
}

export function fanoutRequests(n: number, dueAt: Date, prefix = 'fanout'): ScheduleRequest[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `${prefix}:${userId(i)}`,
    kind: FANOUT_KIND,
    workplaceId: FANOUT_WORKPLACE,
    target: { kind: 'user', aadObjectId: userId(i) },
    dueAt,
  }));
}

/** An engine on the real botbuilder transport (local mode), with the fan-out kind registered. */
export function fanoutEngine(
  deps: { storage: Storage; clock: Clock; log: Logger },
  options: Partial<EngineOptions> & { transportTimeoutMs?: number; handlers?: JobHandler[] } = {},
): ReminderEngine {
  const { transportTimeoutMs, handlers, ...engineOptions } = options;
  const engine = new ReminderEngine(deps, { appRatePerSecond: 50, workingHours: { start: '07:00', end: '20:00' }, ...engineOptions });
  engine.connect({
    transport: new BotTransport(localAdapter(), '', transportTimeoutMs ? { timeoutMs: transportTimeoutMs } : {}),
    conversations: new ConversationStore(deps.storage, deps.clock),
    workplaces: new WorkplaceStore(deps.storage, deps.clock),
  });
  engine.register(fanoutHandler);
  handlers?.forEach((h) => engine.register(h));
  return engine;
}

/** Counts what the connector double received per key. */
export function tally(texts: readonly unknown[], expected: number, prefix = 'fanout'): { unique: number; duplicates: number; lost: number } {
  const counts = new Map<string, number>();
  for (const t of texts) {
    const key = keyOfText(t);
    if (key?.startsWith(`${prefix}:`)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let duplicates = 0;
  for (const c of counts.values()) duplicates += c - 1;
  return { unique: counts.size, duplicates, lost: expected - counts.size };
}
