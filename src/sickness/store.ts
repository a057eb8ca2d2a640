import { randomBytes } from 'node:crypto';
import { odata, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import type { Clock } from '../core/clock.js';
import { onceHex, type Once } from '../core/once.js';
import { jsonColumn, optionalJsonColumn, optionalText, rowCodec } from '../storage/codec.js';
import { updateWithEtag } from '../storage/etag.js';
import { ConflictError, NotFoundError } from '../storage/errors.js';
import { wasApplied, withApplied } from '../storage/once.js';
import { getOrUndefined, listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import { PAY_KINDS } from './law.js';
import { ADJUSTMENT_NEEDS, CASE_STATUSES, CONTACT_METHODS, EXPECTED_DURATIONS, isOpenCase, MULIGHEDSERKLAERING, type ContactEntry, type ContactHandover, type LeaderCover, type Samtale, type SicknessCase } from './model.js';
import { EMPTY_FIGURES, type MonthlyFigures } from './stats.js';

export const SICKNESS_CASES_TABLE = 'SicknessCases';
export const SICKNESS_STATS_TABLE = 'SicknessStats';
export const SICKNESS_TABLES = [SICKNESS_CASES_TABLE, SICKNESS_STATS_TABLE] as const;

/**
 * SicknessCases: PartitionKey = workplace id, RowKey = case id ("sf" + 8 hex).
 *   One row per case; the contact log and the samtale are JSON columns on it, so every
 *   change is one ETag-guarded write and nothing is ever half-written. A workplace has
 *   few cases, so "cases of one employee" is a filter on one partition.
 *   RowKey "open~<employee>": the employee's open case (its id). Created in the same
 *   transaction as the case and deleted in the same transaction as the raskmelding, so
 *   two instances opening a case for one employee at once make one case: the second
 *   transaction fails on this row. Case queries read only the "sf" key range.
 *   Under a write's one-time key (src/core/once.ts) a new case's id comes from the key,
 *   and the case row keeps the keys of its recent changes (`applied`): a replay finds the
 *   case it created, and a change it made, and makes neither again.
 * SicknessStats: PartitionKey = workplace id, RowKey = "YYYY-MM". Counts only, no names,
 *   no case ids: these stay when case details are deleted after the retention period.
 *
 * No column holds a diagnosis, a cause or symptoms.
 */
const contactEntry = z.object({
  point: z.number(),
  on: z.string(),
  how: z.enum(CONTACT_METHODS),
  expectedReturn: z.string().optional(),
  adjustments: z.enum(ADJUSTMENT_NEEDS),
  nextContact: z.string().optional(),
  note: z.string().optional(),
  byId: z.string(),
  at: z.string(),
}) satisfies z.ZodType<ContactEntry>;

const samtale = z.object({
  rev: z.number().int(),
  date: z.string(),
  time: z.string(),
  place: z.string(),
  bookedOn: z.string(),
  heldOn: z.string().optional(),
  outcome: z
    .object({
      plan: z.string().optional(),
      partialReturn: z.boolean(),
      // Rows written before it said who wished it held a boolean: the employer asks for it (§ 36).
      mulighedserklaering: z.codec(z.union([z.boolean(), z.enum(MULIGHEDSERKLAERING)]), z.enum(MULIGHEDSERKLAERING), {
        decode: (v) => (typeof v === 'boolean' ? (v ? 'leder' : 'nej') : v),
        encode: (v) => v,
      }),
      paragraf56: z.boolean(),
      nextFollowUp: z.string().optional(),
      recordedOn: z.string(),
    })
    .optional(),
  trInvited: z.boolean().optional(),
}) satisfies z.ZodType<Samtale>;

const cover = z.object({ leaderId: z.string(), from: z.string(), until: z.string() }) satisfies z.ZodType<LeaderCover>;
const handover = z.object({ point: z.number().int(), toId: z.string(), on: z.string() }) satisfies z.ZodType<ContactHandover>;
/** Rows from before the question was asked: the usual case, salary during sickness. */
const pay = z.codec(z.string().optional(), z.enum(PAY_KINDS), { decode: (v) => (PAY_KINDS as readonly string[]).includes(v ?? '') ? (v as (typeof PAY_KINDS)[number]) : 'loen', encode: (v) => v });

/** A case row: the contact log and the samtale are validated JSON columns; optional dates are '' when unset. */
const caseRow = rowCodec(
  SICKNESS_CASES_TABLE,
  z.object({
    employeeId: z.string(),
    employeeName: z.string(),
    leaderId: z.string(),
    cover: optionalJsonColumn(cover),
    contactHandovers: jsonColumn(z.array(handover), []),
    status: z.enum(CASE_STATUSES),
    reportedBy: z.enum(['leder', 'medarbejder']),
    model: z.string(),
    firstDay: z.string(),
    partial: z.boolean(),
    pay,
    expectedDuration: z.enum(EXPECTED_DURATIONS),
    expectedReturn: optionalText(),
    returnDay: optionalText(),
    contacts: jsonColumn(z.array(contactEntry), []),
    samtale: optionalJsonColumn(samtale),
    restRequestedOn: optionalText(),
    municipalityNotifiedOn: optionalText(),
    fastholdelsesplanOfferedOn: optionalText(),
    fastholdelsesplanRequestedOn: optionalText(),
    fastholdelsesplanPlannedOn: optionalText(),
    fastTrackHandledOn: optionalText(),
    returnFollowUpHeldOn: optionalText(),
    openedAt: z.string(),
    closedOn: optionalText(),
    deleteOn: optionalText(),
    applied: optionalJsonColumn(z.array(z.string())),
  }),
);

const CASE_RANGE = { from: 'sf', to: 'sg' } as const;
const pointerKey = (employeeId: string) => `open~${safeKey(employeeId)}`;
const pointerRow = rowCodec(SICKNESS_CASES_TABLE, z.object({ caseId: z.string() }));

/** Another case of the employee is open (the pointer row): nothing was created. */
export class OpenCaseExistsError extends ConflictError {
  constructor(readonly existing: SicknessCase) {
    super('The employee already has an open sickness case');
    this.name = 'OpenCaseExistsError';
  }
}

/** The id of the case a write's one-time key creates (the same on a replay). */
export const caseIdOf = (once: Pick<Once, 'key'>): string => `sf${onceHex(once, 'sickness-case', 8)}`;

/** A count column; rows written before a figure existed read it as 0. */
const count = () => z.codec(z.number().optional(), z.number(), { decode: (v) => v ?? 0, encode: (v) => v });

/** Counts only (stats.ts); these rows outlive the case details. */
const figuresRow = rowCodec(
  SICKNESS_STATS_TABLE,
  z.object(Object.fromEntries(Object.keys(EMPTY_FIGURES).map((k) => [k, count()])) as Record<keyof MonthlyFigures, ReturnType<typeof count>>),
);

export type NewCase = Omit<SicknessCase, 'id' | 'workplaceId' | 'etag' | 'openedAt' | 'contacts' | 'contactHandovers'> & { contacts?: ContactEntry[] };

export class SicknessStore {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  private get cases() {
    return this.storage.table(SICKNESS_CASES_TABLE);
  }

  /**
   * Creates an open case, with the employee's pointer row in the same transaction: when
   * the employee has an open case already, nothing is created and that case comes back
   * in an OpenCaseExistsError. Under a one-time key a replay gets the case it created.
   */
  async create(workplaceId: string, draft: NewCase, once?: Once): Promise<SicknessCase> {
    const c: SicknessCase = {
      ...draft,
      workplaceId,
      id: once ? caseIdOf(once) : `sf${randomBytes(4).toString('hex')}`,
      contacts: draft.contacts ?? [],
      contactHandovers: [],
      openedAt: (once?.at ?? this.clock.now()).toISOString(),
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.cases.submitTransaction([
          ['create', { partitionKey: workplaceId, rowKey: c.id, ...caseRow.encode(c) }],
          ['create', { partitionKey: workplaceId, rowKey: pointerKey(c.employeeId), ...pointerRow.encode({ caseId: c.id }) }],
        ]);
        return c;
      } catch (e) {
        if (statusOf(e) !== 409) throw e;
        const mine = await this.get(workplaceId, c.id);
        if (mine) return mine; // a replay: this key created it
        const pointer = await getOrUndefined<Record<string, unknown>>(this.cases, workplaceId, pointerKey(c.employeeId));
        const open = pointer && (await this.get(workplaceId, pointerRow.decode(pointer).caseId));
        if (open && isOpenCase(open)) throw new OpenCaseExistsError(open);
        // A pointer left by a case that is closed or gone: it no longer counts.
        if (pointer) await this.cases.deleteEntity(workplaceId, pointerKey(c.employeeId), { etag: pointer.etag }).catch(ignoreLostRace);
      }
    }
    throw new ConflictError(`Sickness case for ${workplaceId}: too many concurrent changes`);
  }

  async get(workplaceId: string, id: string): Promise<SicknessCase | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.cases, safeKey(workplaceId), safeKey(id));
    return row ? fromRow(workplaceId, row.rowKey, row) : undefined;
  }

  /**
   * Reads, changes and writes a case with its ETag; retried when someone else wrote in
   * between (updateWithEtag). `change` may throw to refuse (nothing is written then).
   * A missing case is a NotFoundError, a lost race a ConflictError. A change that closes
   * the case deletes the employee's pointer row in the same transaction. Under a one-time
   * key the change is recorded on the row; a replay finds it there and changes nothing.
   */
  async update(workplaceId: string, id: string, change: (c: SicknessCase) => SicknessCase, once?: Once): Promise<SicknessCase> {
    const what = `Sickness case ${workplaceId}/${id}`;
    return updateWithEtag(what, async () => {
      const current = await this.get(workplaceId, id);
      if (!current) throw new NotFoundError(what);
      if (wasApplied(current.applied, once)) return current;
      const next: SicknessCase = { ...change(structuredClone(current)), applied: withApplied(current.applied, once) };
      const ops: TransactionAction[] = [['update', { partitionKey: workplaceId, rowKey: id, ...caseRow.encode(next) }, 'Replace', { etag: current.etag ?? '*' }]];
      // The pointer can only go with this case (whose ETag guards the transaction).
      if (isOpenCase(current) && !isOpenCase(next) && (await this.pointsAt(workplaceId, current))) ops.push(['delete', { partitionKey: workplaceId, rowKey: pointerKey(current.employeeId) }]);
      await this.cases.submitTransaction(ops);
      return { ...next, etag: '' };
    });
  }

  /** Deletes a case and, in the same transaction, its employee's pointer row. */
  async remove(workplaceId: string, id: string): Promise<void> {
    const current = await this.get(workplaceId, id);
    if (!current) return;
    const ops: TransactionAction[] = [['delete', { partitionKey: workplaceId, rowKey: id }]];
    if (await this.pointsAt(workplaceId, current)) ops.push(['delete', { partitionKey: workplaceId, rowKey: pointerKey(current.employeeId) }]);
    await this.cases.submitTransaction(ops).catch((e: unknown) => {
      if (statusOf(e) !== 404) throw e; // removed by someone else first
    });
  }

  /** True when the employee's pointer row points at this case (cases from before pointers have none). */
  private async pointsAt(workplaceId: string, c: SicknessCase): Promise<boolean> {
    const pointer = await getOrUndefined<Record<string, unknown>>(this.cases, workplaceId, pointerKey(c.employeeId));
    return pointer !== undefined && pointerRow.decode(pointer).caseId === c.id;
  }

  /** Every case of a workplace (one partition query over the case key range). */
  async list(workplaceId: string): Promise<SicknessCase[]> {
    const rows = await listAll<Record<string, unknown>>(this.cases, odata`PartitionKey eq ${workplaceId} and RowKey ge ${CASE_RANGE.from} and RowKey lt ${CASE_RANGE.to}`);
    return rows.map((r) => fromRow(workplaceId, r.rowKey, r)).sort((a, b) => (a.firstDay < b.firstDay ? -1 : 1));
  }

  async listForEmployee(workplaceId: string, employeeId: string): Promise<SicknessCase[]> {
    const rows = await listAll<Record<string, unknown>>(
      this.cases,
      odata`PartitionKey eq ${workplaceId} and RowKey ge ${CASE_RANGE.from} and RowKey lt ${CASE_RANGE.to} and employeeId eq ${employeeId}`,
    );
    return rows.map((r) => fromRow(workplaceId, r.rowKey, r)).sort((a, b) => (a.firstDay < b.firstDay ? -1 : 1));
  }

  async putFigures(workplaceId: string, month: string, figures: MonthlyFigures): Promise<void> {
    await this.storage.table(SICKNESS_STATS_TABLE).upsertEntity({ partitionKey: workplaceId, rowKey: month, ...figuresRow.encode(figures) }, 'Replace');
  }

  async figures(workplaceId: string, month: string): Promise<MonthlyFigures | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.storage.table(SICKNESS_STATS_TABLE), workplaceId, month);
    return row ? figuresRow.decode(row) : undefined;
  }

  /** The stored months from `from` to `to` ("YYYY-MM", inclusive), by month (one partition query). */
  async figuresBetween(workplaceId: string, from: string, to: string): Promise<Map<string, MonthlyFigures>> {
    const rows = await listAll<Record<string, unknown>>(this.storage.table(SICKNESS_STATS_TABLE), odata`PartitionKey eq ${workplaceId} and RowKey ge ${from} and RowKey le ${to}`);
    return new Map(rows.map((r) => [String(r.rowKey), figuresRow.decode(r)]));
  }
}

function ignoreLostRace(e: unknown): void {
  if (statusOf(e) !== 404 && statusOf(e) !== 412) throw e;
}

function fromRow(workplaceId: string, id: string, entity: Record<string, unknown>): SicknessCase {
  return { ...caseRow.decode(entity), workplaceId, id, etag: String(entity.etag ?? '') };
}
