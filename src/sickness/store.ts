import { randomBytes } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import type { Clock } from '../core/clock.js';
import { jsonColumn, optionalJsonColumn, optionalText, rowCodec } from '../storage/codec.js';
import { updateWithEtag } from '../storage/etag.js';
import { NotFoundError } from '../storage/errors.js';
import { getOrUndefined, listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import { ADJUSTMENT_NEEDS, CASE_STATUSES, CONTACT_METHODS, EXPECTED_DURATIONS, type ContactEntry, type Samtale, type SicknessCase } from './model.js';
import type { PolicyPresetId } from './policy.js';
import type { MonthlyFigures } from './stats.js';

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
      mulighedserklaering: z.boolean(),
      paragraf56: z.boolean(),
      nextFollowUp: z.string().optional(),
      recordedOn: z.string(),
    })
    .optional(),
  trInvited: z.boolean().optional(),
}) satisfies z.ZodType<Samtale>;

/** A case row: the contact log and the samtale are validated JSON columns; optional dates are '' when unset. */
const caseRow = rowCodec(
  SICKNESS_CASES_TABLE,
  z.object({
    employeeId: z.string(),
    employeeName: z.string(),
    leaderId: z.string(),
    status: z.enum(CASE_STATUSES),
    reportedBy: z.enum(['leder', 'medarbejder']),
    model: z.enum(['1-3-10', '1-5-14', '2-6-14']) satisfies z.ZodType<PolicyPresetId>,
    firstDay: z.string(),
    partial: z.boolean(),
    expectedDuration: z.enum(EXPECTED_DURATIONS),
    expectedReturn: optionalText(),
    returnDay: optionalText(),
    contacts: jsonColumn(z.array(contactEntry), []),
    samtale: optionalJsonColumn(samtale),
    restRequestedOn: optionalText(),
    municipalityNotifiedOn: optionalText(),
    fastholdelsesplanOfferedOn: optionalText(),
    fastTrackHandledOn: optionalText(),
    returnFollowUpHeldOn: optionalText(),
    openedAt: z.string(),
    closedOn: optionalText(),
    deleteOn: optionalText(),
  }),
);

/** Counts only (stats.ts); these rows outlive the case details. */
const figuresRow = rowCodec(
  SICKNESS_STATS_TABLE,
  z.object({ activeCases: z.number(), contactsDue: z.number(), contactsOnTime: z.number(), samtalerDue: z.number(), samtalerOnTime: z.number() }),
);

export type NewCase = Omit<SicknessCase, 'id' | 'workplaceId' | 'etag' | 'openedAt' | 'contacts'> & { contacts?: ContactEntry[] };

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
}

function fromRow(workplaceId: string, id: string, entity: Record<string, unknown>): SicknessCase {
  return { ...caseRow.decode(entity), workplaceId, id, etag: String(entity.etag ?? '') };
}
