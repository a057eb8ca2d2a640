import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { onceId, type Once } from '../core/once.js';
import { listAll, newestFirstKey, statusOf, type Storage } from '../storage/tables.js';
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import { jsonColumn, optionalText, rowCodec } from '../storage/codec.js';

export const EVENTS_TABLE = 'Events';

/**
 * Append-only log of state changes: who did what, when, in which workplace.
 * Health information never goes here: sickness events carry only the case id and
 * the kind of step, and `assertNoHealthFields` rejects fields that could hold more.
 */
export interface EventInput {
  workplaceId: string;
  actorId: string;
  /** e.g. "actions.created", "setup.channelRegistered" */
  type: string;
  /** The thing changed, e.g. "H-12" or a case id. */
  subject?: string;
  /** Small, non-sensitive details (field, old, new). */
  data?: Record<string, string | number | boolean | null | undefined>;
}

export interface EventRecord extends EventInput {
  id: string;
  at: string;
}

const eventRow = rowCodec(
  EVENTS_TABLE,
  z.object({
    actorId: z.string(),
    type: z.string(),
    subject: optionalText(),
    data: jsonColumn(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])), {}),
    at: z.string(),
  }),
);

const FORBIDDEN_FIELDS = /(diagnos|sygdom|illness|cause|aarsag|årsag|symptom)/i;

export function assertNoHealthFields(data: EventInput['data']): void {
  for (const key of Object.keys(data ?? {})) {
    if (FORBIDDEN_FIELDS.test(key)) throw new Error(`Event field "${key}" is not allowed: no health information in the event log`);
  }
}

export class EventLog {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends an event. Under a write's one-time key (`once`, src/core/once.ts) the event's id
   * and time come from the key, so a replay of the same write appends nothing twice; two
   * events of one write differ by type and subject.
   */
  async append(event: EventInput, once?: Once): Promise<EventRecord> {
    assertNoHealthFields(event.data);
    const at = once ? once.at : this.clock.now();
    const id = once ? onceId(once, `event|${event.type}|${event.subject ?? ''}`) : randomUUID();
    const record: EventRecord = { ...event, id, at: at.toISOString() };
    // JSON leaves out undefined values, as the stored data always did.
    const data = Object.fromEntries(Object.entries(event.data ?? {}).filter((e): e is [string, string | number | boolean | null] => e[1] !== undefined));
    try {
      await this.storage.table(EVENTS_TABLE).createEntity({
        partitionKey: event.workplaceId || '_',
        rowKey: newestFirstKey(at, id),
        ...eventRow.encode({ actorId: event.actorId, type: event.type, subject: event.subject, data, at: record.at }),
      });
    } catch (e) {
      if (!(once && statusOf(e) === 409)) throw e;
    }
    return record;
  }

  /** Whether the write under `once` appended this event (for a replay that must tell "not yet" from "done and undone since"). */
  async appended(workplaceId: string, event: Pick<EventInput, 'type' | 'subject'>, once: Pick<Once, 'key'>): Promise<boolean> {
    const id = onceId(once, `event|${event.type}|${event.subject ?? ''}`);
    return (await this.list(workplaceId, { type: event.type })).some((e) => e.id === id);
  }

  /** Newest first. */
  async list(workplaceId: string, opts: { type?: string } = {}): Promise<EventRecord[]> {
    const filter = opts.type
      ? odata`PartitionKey eq ${workplaceId} and type eq ${opts.type}`
      : odata`PartitionKey eq ${workplaceId}`;
    const rows = await listAll<Record<string, unknown>>(this.storage.table(EVENTS_TABLE), filter);
    return rows.map((r) => {
      const { subject, ...row } = eventRow.decode(r);
      return { id: r.rowKey.slice(17), workplaceId: r.partitionKey, ...row, ...(subject ? { subject } : {}) };
    });
  }
}
