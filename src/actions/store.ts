import { randomBytes } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Clock } from '../core/clock.js';
import { updateWithEtag } from '../storage/etag.js';
import { ConflictError, NotFoundError } from '../storage/errors.js';
import { getOrUndefined, listAll, type Storage } from '../storage/tables.js';
import { ACTION_SOURCES, ACTION_STATUSES, isOpen, type ActionDraft, type ActionItem, type LogEntry, type LogKind } from './model.js';
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
 *
 * An action and its log sort together, so "handling H-12" is one range query. Every
 * change writes the action row (ETag-guarded) and its log row in one transaction:
 * nothing is ever half-written.
 */
const COUNTER = 'counter';
const DIGEST = 'digest';
const actionKey = (n: number) => `a${String(n).padStart(6, '0')}`;
const logKey = (n: number, at: string) => `${actionKey(n)}-l-${at}-${randomBytes(3).toString('hex')}`;

interface ActionRow {
  kind: 'action';
  number: number;
  open: boolean;
  tema: string;
  emne: string;
  /** The start of emne for lists (rules.shortEmne). */
  emneShort: string;
  maal: string;
  hvad: string;
  start: string;
  end: string;
  startLabel: string;
  endLabel: string;
  dokumentation: string;
  ownerId: string;
  ownerName: string;
  effekt: string;
  source: string;
  status: string;
  createdAt: string;
  createdBy: string;
  createdByName: string;
  updatedAt: string;
  closedAt: string;
}

interface LogRow {
  kind: 'log';
  at: string;
  actorId: string;
  actorName: string;
  logKind: string;
  text: string;
}

/** What the open list reads: only these columns travel (measured: about half the time of whole rows). */
const SUMMARY_COLUMNS = ['number', 'tema', 'emneShort', 'ownerId', 'ownerName', 'end', 'status', 'closedAt'];

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
   * can never get the same number, and a lost race retries with the next one.
   */
  async create(workplaceId: string, draft: ActionDraft, by: Actor): Promise<ActionItem> {
    const step = async (): Promise<ActionItem> => {
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
      await this.table.submitTransaction([counterOp, ['create', { partitionKey: workplaceId, rowKey: actionKey(number), ...toRow(action) }]]);
      return action;
    };
    // A lost race is 412 (the counter moved) or 409 (the first counter, or the number, was taken).
    return updateWithEtag(`Action number in ${workplaceId}`, step, { attempts: 30, lostRace: [409], jitterMs: 10 });
  }

  async get(workplaceId: string, number: number): Promise<ActionItem | undefined> {
    const row = await getOrUndefined<ActionRow>(this.table, workplaceId, actionKey(number));
    return row ? fromRow(workplaceId, row) : undefined;
  }

  /** The action and its log, oldest entry first: one range query inside the partition. */
  async getWithLog(workplaceId: string, number: number): Promise<{ action: ActionItem; log: LogEntry[] } | undefined> {
    const from = actionKey(number);
    const rows = await listAll<ActionRow | LogRow>(this.table, odata`PartitionKey eq ${workplaceId} and RowKey ge ${from} and RowKey lt ${`${from}~`}`);
    const actionRow = rows.find((r) => r.kind === 'action') as (ActionRow & { rowKey: string }) | undefined;
    if (!actionRow) return undefined;
    const log = rows.filter((r) => r.kind === 'log').map((r) => fromLogRow(r as LogRow));
    return { action: fromRow(workplaceId, actionRow), log };
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
    const rows = this.table.listEntities<ActionRow>({ queryOptions: { filter, select: SUMMARY_COLUMNS } });
    for await (const r of rows) {
      out.push({
        workplaceId,
        number: r.number,
        tema: r.tema,
        emne: r.emneShort,
        owner: r.ownerId ? { id: r.ownerId, name: r.ownerName } : { name: r.ownerName },
        end: r.end,
        status: r.status as ActionItem['status'],
        ...(r.closedAt ? { closedAt: r.closedAt } : {}),
      });
    }
    return out;
  }

  /** Every action and log entry of a workplace (for the CSV export): one partition query. */
  async listAll(workplaceId: string): Promise<{ action: ActionItem; log: LogEntry[] }[]> {
    const rows = await listAll<ActionRow | LogRow>(this.table, odata`PartitionKey eq ${workplaceId} and RowKey ge 'a' and RowKey lt 'b'`);
    const byKey = new Map<string, { action: ActionItem; log: LogEntry[] }>();
    for (const r of rows) {
      if (r.kind === 'action') byKey.set(r.rowKey, { action: fromRow(workplaceId, r as ActionRow), log: [] });
      else if (r.kind === 'log') byKey.get(r.rowKey.slice(0, 7))?.log.push(fromLogRow(r as LogRow));
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
      const row = await getOrUndefined<ActionRow>(this.table, workplaceId, actionKey(number));
      if (!row) throw new NotFoundError(what);
      const before = fromRow(workplaceId, row);
      const change = decide(before);
      const at = this.clock.now().toISOString();
      const after: ActionItem = { ...before, ...change.patch, updatedAt: at };
      const log: LogRow = { kind: 'log', at, actorId: actor.id, actorName: actor.name, logKind: change.log.kind, text: change.log.text };
      await this.table.submitTransaction([
        ['update', { partitionKey: workplaceId, rowKey: actionKey(number), ...toRow(after) }, 'Replace', { etag: row.etag }],
        ['create', { partitionKey: workplaceId, rowKey: logKey(number, at), ...log }],
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
    source: (ACTION_SOURCES as readonly string[]).includes(r.source) ? (r.source as ActionItem['source']) : 'andet',
    status: (ACTION_STATUSES as readonly string[]).includes(r.status) ? (r.status as ActionItem['status']) : 'open',
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    createdByName: r.createdByName,
    updatedAt: r.updatedAt,
    ...(r.closedAt ? { closedAt: r.closedAt } : {}),
  };
}

function fromLogRow(r: LogRow): LogEntry {
  return { at: r.at, actorId: r.actorId, actorName: r.actorName, kind: r.logKind as LogKind, text: r.text };
}
