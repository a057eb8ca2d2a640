import { randomBytes } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import type { Clock } from '../core/clock.js';
import { jsonColumn, optionalJsonColumn, optionalText, rowCodec } from '../storage/codec.js';
import { updateWithEtag } from '../storage/etag.js';
import { NotFoundError } from '../storage/errors.js';
import { getOrUndefined, listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import { PAY_KINDS } from './law.js';
import { ADJUSTMENT_NEEDS, CASE_STATUSES, CONTACT_METHODS, EXPECTED_DURATIONS, MULIGHEDSERKLAERING, type ContactEntry, type ContactHandover, type LeaderCover, type Samtale, type SicknessCase } from './model.js';
import { EMPTY_FIGURES, type MonthlyFigures } from './stats.js';

export const SICKNESS_CASES_TABLE = 'SicknessCases';
export const SICKNESS_STATS_TABLE = 'SicknessStats';
export const SICKNESS_TABLES = [SICKNESS_CASES_TABLE, SICKNESS_STATS_TABLE] as const;

/**
 * SicknessCases: PartitionKey = workplace id, RowKey = case id ("sf" + 8 hex).
 *   One row per case; the contact log and the samtale are JSON columns on it, so every
 *   change is one ETag-guarded write and nothing is ever half-written. A workplace has
 *   few cases, so "cases of one employee" is a filter on one partition.
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
  }),
);

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

  async create(workplaceId: string, draft: NewCase): Promise<SicknessCase> {
    const c: SicknessCase = {
      ...draft,
      workplaceId,
      id: `sf${randomBytes(4).toString('hex')}`,
      contacts: draft.contacts ?? [],
      contactHandovers: [],
      openedAt: this.clock.now().toISOString(),
    };
    await this.cases.createEntity({ partitionKey: workplaceId, rowKey: c.id, ...caseRow.encode(c) });
    return c;
  }

  async get(workplaceId: string, id: string): Promise<SicknessCase | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.cases, safeKey(workplaceId), safeKey(id));
    return row ? fromRow(workplaceId, row.rowKey, row) : undefined;
  }

  /**
   * Reads, changes and writes a case with its ETag; retried when someone else wrote in
   * between (updateWithEtag). `change` may throw to refuse (nothing is written then).
   * A missing case is a NotFoundError, a lost race a ConflictError.
   */
  async update(workplaceId: string, id: string, change: (c: SicknessCase) => SicknessCase): Promise<SicknessCase> {
    const what = `Sickness case ${workplaceId}/${id}`;
    return updateWithEtag(what, async () => {
      const current = await this.get(workplaceId, id);
      if (!current) throw new NotFoundError(what);
      const next = change(structuredClone(current));
      await this.cases.updateEntity({ partitionKey: workplaceId, rowKey: id, ...caseRow.encode(next) }, 'Replace', { etag: current.etag ?? '*' });
      return next;
    });
  }

  async remove(workplaceId: string, id: string): Promise<void> {
    await this.cases.deleteEntity(workplaceId, id).catch((e: unknown) => {
      if (statusOf(e) !== 404) throw e;
    });
  }

  /** Every case of a workplace (one partition query). */
  async list(workplaceId: string): Promise<SicknessCase[]> {
    const rows = await listAll<Record<string, unknown>>(this.cases, odata`PartitionKey eq ${workplaceId}`);
    return rows.map((r) => fromRow(workplaceId, r.rowKey, r)).sort((a, b) => (a.firstDay < b.firstDay ? -1 : 1));
  }

  async listForEmployee(workplaceId: string, employeeId: string): Promise<SicknessCase[]> {
    const rows = await listAll<Record<string, unknown>>(this.cases, odata`PartitionKey eq ${workplaceId} and employeeId eq ${employeeId}`);
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

function fromRow(workplaceId: string, id: string, entity: Record<string, unknown>): SicknessCase {
  return { ...caseRow.decode(entity), workplaceId, id, etag: String(entity.etag ?? '') };
}
