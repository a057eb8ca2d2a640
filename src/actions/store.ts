import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Clock } from '../core/clock.js';
import { rowCodec } from '../storage/codec.js';
import { updateWithEtag } from '../storage/etag.js';
import { ConflictError, NotFoundError } from '../storage/errors.js';
import { getOrUndefined, listAll, safeKey, type Storage } from '../storage/tables.js';
import { ACTION_SOURCES, ACTION_STATUSES, isOpen, LOG_KINDS, type ActionDraft, type ActionItem, type LogEntry, type LogKind } from './model.js';
import { shortEmne, type ActionSummary } from './rules.js';

export const ACTIONS_TABLE = 'Actions';

/**
 * One table, partitioned by workplace, so everything about a workplace's plan is one
 * partition: listing its open actions is ONE partition query.
 *
 *   RowKey "counter"               the last number used (ETag-guarded, see create)
 *   RowKey "digest"                what the last Monday digest said (a hash)
 *   RowKey "a000012"               action H-12          (kind = "action", open = true|false)
 *   RowKey "a000012-l-<time>-<id>" a log entry of H-12  (kind = "log")
 *   RowKey "once-<key>"            the number an action created with a one-time key got (kind = "once")
 *
 * An action and its log sort together, so "handling H-12" is one range query. Every
 * change writes the action row (ETag-guarded) and its log row in one transaction:
 * nothing is ever half-written.
 */
const COUNTER = 'counter';
const DIGEST = 'digest';
const actionKey = (n: number) => `a${String(n).padStart(6, '0')}`;
const logKey = (n: number, at: string) => `${actionKey(n)}-l-${at}-${randomBytes(3).toString('hex')}`;

const text = z.string().catch('');
/** An action row. Unknown source and status values (older rows) read as 'andet' and 'open'. */
const actionColumns = z.object({
  kind: z.literal('action'),
  number: z.number().int().min(1),
  open: z.boolean(),
  tema: text,
  emne: text,
  /** The start of emne for lists (rules.shortEmne). */
  emneShort: text,
  maal: text,
  hvad: text,
  start: z.string(),
  end: z.string(),
  startLabel: text,
  endLabel: text,
  dokumentation: text,
  ownerId: text,
  ownerName: text,
  effekt: text,
  source: z.enum(ACTION_SOURCES).catch('andet'),
  status: z.enum(ACTION_STATUSES).catch('open'),
  createdAt: text,
  createdBy: text,
  createdByName: text,
  updatedAt: text,
  closedAt: text,
});
type ActionRow = z.output<typeof actionColumns>;
const actionRow = rowCodec(ACTIONS_TABLE, actionColumns);

const logRow = rowCodec(
  ACTIONS_TABLE,
  z.object({ kind: z.literal('log'), at: z.string(), actorId: text, actorName: text, logKind: z.enum(LOG_KINDS).catch('note'), text }),
);
type LogRow = z.output<(typeof logRow)['schema']>;

/** What the open list reads: only these columns travel (measured: about half the time of whole rows). */
const summaryRow = rowCodec(ACTIONS_TABLE, actionColumns.pick({ number: true, tema: true, emneShort: true, ownerId: true, ownerName: true, end: true, status: true, closedAt: true }));
const SUMMARY_COLUMNS = Object.keys(summaryRow.schema.shape);

/** A change to one action: the new field values, its log line and what changed (for events). */
export interface ActionChange {
  patch: Partial<Pick<ActionItem, 'status' | 'dokumentation' | 'owner' | 'end' | 'endLabel' | 'closedAt'>>;
  log: { kind: LogKind; text: string };
}

export interface Actor {
  id: string;
  name: string;
}

export class ActionStore {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  private get table(): TableClient {
    return this.storage.table(ACTIONS_TABLE);
  }

  /**
   * Creates an action with the next number of its workplace. The counter update and the
   * new row are one transaction guarded by the counter's ETag: two concurrent creates
   * can never get the same number, and a lost race retries with the next one. With a
   * `onceKey` the action is made once per key: its "once" row is in the same transaction,
   * so a second create with the key (a double tap, a retry after a crash) returns the first.
   */
  async create(workplaceId: string, draft: ActionDraft, by: Actor, onceKey?: string): Promise<ActionItem> {
    const once = onceKey === undefined ? undefined : `once-${safeKey(onceKey)}`.slice(0, 500);
    const step = async (): Promise<ActionItem> => {
      // Another feature's one-time key (a MED decision, an APV finding): the action it already made.
      const made = once ? await getOrUndefined<{ number: number }>(this.table, workplaceId, once) : undefined;
      const existing = made ? await this.get(workplaceId, made.number) : undefined;
      if (existing) return existing;
      const counter = await getOrUndefined<{ last: number }>(this.table, workplaceId, COUNTER);
      const number = (counter?.last ?? 0) + 1;
      const now = this.clock.now().toISOString();
      const action: ActionItem = {
        ...draft,
        workplaceId,
        number,
        status: 'open',
        createdAt: now,
        createdBy: by.id,
        createdByName: by.name,
        updatedAt: now,
      };
      const counterOp: TransactionAction = counter
        ? ['update', { partitionKey: workplaceId, rowKey: COUNTER, last: number }, 'Merge', { etag: counter.etag }]
        : ['create', { partitionKey: workplaceId, rowKey: COUNTER, last: number }];
      const onceOp: TransactionAction[] = once ? [['create', { partitionKey: workplaceId, rowKey: once, kind: 'once', number }]] : [];
      await this.table.submitTransaction([counterOp, ['create', { partitionKey: workplaceId, rowKey: actionKey(number), ...actionRow.encode(toRow(action)) }], ...onceOp]);
      return action;
    };
    // A lost race is 412 (the counter moved) or 409 (the first counter, or the number, was taken).
    return updateWithEtag(`Action number in ${workplaceId}`, step, { attempts: 30, lostRace: [409], jitterMs: 10 });
  }

  async get(workplaceId: string, number: number): Promise<ActionItem | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.table, workplaceId, actionKey(number));
    return row ? fromRow(workplaceId, actionRow.decode(row)) : undefined;
  }

  /** The action and its log, oldest entry first: one range query inside the partition. */
  async getWithLog(workplaceId: string, number: number): Promise<{ action: ActionItem; log: LogEntry[] } | undefined> {
    const from = actionKey(number);
    const rows = await listAll<Record<string, unknown>>(this.table, odata`PartitionKey eq ${workplaceId} and RowKey ge ${from} and RowKey lt ${`${from}~`}`);
    const action = rows.find((r) => r.kind === 'action');
    if (!action) return undefined;
    const log = rows.filter((r) => r.kind === 'log').map((r) => fromLogRow(logRow.decode(r)));
    return { action: fromRow(workplaceId, actionRow.decode(action)), log };
  }

  /** Open actions of a workplace: one query on the workplace's partition, summary columns only. */
  async listOpen(workplaceId: string, ownerId?: string): Promise<ActionSummary[]> {
    const filter = ownerId
      ? odata`PartitionKey eq ${workplaceId} and open eq true and ownerId eq ${ownerId}`
      : odata`PartitionKey eq ${workplaceId} and open eq true`;
    return this.summaries(workplaceId, filter);
  }

  /** Open actions plus those closed since `closedSince` (for the digest): one partition query. */
  async listForDigest(workplaceId: string, closedSince: Date): Promise<ActionSummary[]> {
    const since = closedSince.toISOString();
    return this.summaries(workplaceId, odata`PartitionKey eq ${workplaceId} and kind eq 'action' and (open eq true or closedAt ge ${since})`);
  }

  private async summaries(workplaceId: string, filter: string): Promise<ActionSummary[]> {
    const out: ActionSummary[] = [];
    const rows = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: SUMMARY_COLUMNS } });
    for await (const entity of rows) {
      const r = summaryRow.decode(entity);
      out.push({
        workplaceId,
        number: r.number,
        tema: r.tema,
        emne: r.emneShort,
        owner: r.ownerId ? { id: r.ownerId, name: r.ownerName } : { name: r.ownerName },
        end: r.end,
        status: r.status,
        ...(r.closedAt ? { closedAt: r.closedAt } : {}),
      });
    }
    return out;
  }

  /** Every action and log entry of a workplace (for the CSV export): one partition query. */
  async listAll(workplaceId: string): Promise<{ action: ActionItem; log: LogEntry[] }[]> {
    const rows = await listAll<Record<string, unknown>>(this.table, odata`PartitionKey eq ${workplaceId} and RowKey ge 'a' and RowKey lt 'b'`);
    const byKey = new Map<string, { action: ActionItem; log: LogEntry[] }>();
    for (const r of rows) {
      if (r.kind === 'action') byKey.set(r.rowKey, { action: fromRow(workplaceId, actionRow.decode(r)), log: [] });
      else if (r.kind === 'log') byKey.get(r.rowKey.slice(0, 7))?.log.push(fromLogRow(logRow.decode(r)));
    }
    return [...byKey.values()].sort((a, b) => a.action.number - b.action.number);
  }

  /**
   * Applies a change decided by `decide` from the current row, with its log entry, in one
   * transaction guarded by the row's ETag. On a concurrent change it re-reads and decides
   * again (so checks such as "still open" see the newest state). `decide` may throw.
   */
  async change(workplaceId: string, number: number, actor: Actor, decide: (current: ActionItem) => ActionChange): Promise<{ before: ActionItem; after: ActionItem }> {
    const what = `Action ${workplaceId}/${number}`;
    return updateWithEtag(what, async () => {
      const row = await getOrUndefined<Record<string, unknown>>(this.table, workplaceId, actionKey(number));
      if (!row) throw new NotFoundError(what);
      const before = fromRow(workplaceId, actionRow.decode(row));
      const change = decide(before);
      const at = this.clock.now().toISOString();
      const after: ActionItem = { ...before, ...change.patch, updatedAt: at };
      const log: LogRow = { kind: 'log', at, actorId: actor.id, actorName: actor.name, logKind: change.log.kind, text: change.log.text };
      await this.table.submitTransaction([
        ['update', { partitionKey: workplaceId, rowKey: actionKey(number), ...actionRow.encode(toRow(after)) }, 'Replace', { etag: row.etag }],
        ['create', { partitionKey: workplaceId, rowKey: logKey(number, at), ...logRow.encode(log) }],
      ]);
      return { before, after };
    }, { conflict: () => new ConcurrentChangeError() });
  }

  async digestState(workplaceId: string): Promise<string | undefined> {
    return (await getOrUndefined<{ fingerprint: string }>(this.table, workplaceId, DIGEST))?.fingerprint;
  }

  async saveDigestState(workplaceId: string, fingerprint: string): Promise<void> {
    await this.table.upsertEntity({ partitionKey: workplaceId, rowKey: DIGEST, kind: 'meta', fingerprint, at: this.clock.now().toISOString() }, 'Replace');
  }
}

/** `change` lost the race for the same action too many times (a ConflictError, code CONFLICT). */
export class ConcurrentChangeError extends ConflictError {
  constructor() {
    super('The action changed concurrently too many times');
    this.name = 'ConcurrentChangeError';
  }
}

function toRow(a: ActionItem): ActionRow {
  return {
    kind: 'action',
    number: a.number,
    open: isOpen(a.status),
    tema: a.tema,
    emne: a.emne,
    emneShort: shortEmne(a.emne),
    maal: a.maal,
    hvad: a.hvad,
    start: a.start,
    end: a.end,
    startLabel: a.startLabel,
    endLabel: a.endLabel,
    dokumentation: a.dokumentation,
    ownerId: a.owner.id ?? '',
    ownerName: a.owner.name,
    effekt: a.effekt,
    source: a.source,
    status: a.status,
    createdAt: a.createdAt,
    createdBy: a.createdBy,
    createdByName: a.createdByName,
    updatedAt: a.updatedAt,
    closedAt: a.closedAt ?? '',
  };
}

function fromRow(workplaceId: string, r: ActionRow): ActionItem {
  return {
    workplaceId,
    number: r.number,
    tema: r.tema,
    emne: r.emne,
    maal: r.maal,
    hvad: r.hvad,
    start: r.start,
    end: r.end,
    startLabel: r.startLabel,
    endLabel: r.endLabel,
    dokumentation: r.dokumentation,
    owner: r.ownerId ? { id: r.ownerId, name: r.ownerName } : { name: r.ownerName },
    effekt: r.effekt,
    source: r.source,
    status: r.status,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    createdByName: r.createdByName,
    updatedAt: r.updatedAt,
    ...(r.closedAt ? { closedAt: r.closedAt } : {}),
  };
}

function fromLogRow(r: LogRow): LogEntry {
  return { at: r.at, actorId: r.actorId, actorName: r.actorName, kind: r.logKind, text: r.text };
}
