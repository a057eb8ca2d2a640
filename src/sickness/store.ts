import { randomBytes } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { Clock } from '../core/clock.js';
import { updateWithEtag } from '../storage/etag.js';
import { NotFoundError } from '../storage/errors.js';
import { getOrUndefined, listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import type { ContactEntry, Samtale, SicknessCase } from './model.js';
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
interface CaseRow {
  employeeId: string;
  employeeName: string;
  leaderId: string;
  status: string;
  reportedBy: string;
  model: string;
  firstDay: string;
  partial: boolean;
  expectedDuration: string;
  expectedReturn: string;
  returnDay: string;
  contacts: string;
  samtale: string;
  restRequestedOn: string;
  municipalityNotifiedOn: string;
  fastholdelsesplanOfferedOn: string;
  fastTrackHandledOn: string;
  returnFollowUpHeldOn: string;
  openedAt: string;
  closedOn: string;
  deleteOn: string;
}

const OPTIONAL_DATES = [
  'expectedReturn',
  'returnDay',
  'restRequestedOn',
  'municipalityNotifiedOn',
  'fastholdelsesplanOfferedOn',
  'fastTrackHandledOn',
  'returnFollowUpHeldOn',
  'closedOn',
  'deleteOn',
] as const;

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
    await this.cases.createEntity({ partitionKey: workplaceId, rowKey: c.id, ...toRow(c) });
    return c;
  }

  async get(workplaceId: string, id: string): Promise<SicknessCase | undefined> {
    const row = await getOrUndefined<CaseRow>(this.cases, safeKey(workplaceId), safeKey(id));
    return row ? fromRow(workplaceId, row.rowKey, row, row.etag) : undefined;
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
      await this.cases.updateEntity({ partitionKey: workplaceId, rowKey: id, ...toRow(next) }, 'Replace', { etag: current.etag ?? '*' });
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
    const rows = await listAll<CaseRow>(this.cases, odata`PartitionKey eq ${workplaceId}`);
    return rows.map((r) => fromRow(workplaceId, r.rowKey, r, r.etag)).sort((a, b) => (a.firstDay < b.firstDay ? -1 : 1));
  }

  async listForEmployee(workplaceId: string, employeeId: string): Promise<SicknessCase[]> {
    const rows = await listAll<CaseRow>(this.cases, odata`PartitionKey eq ${workplaceId} and employeeId eq ${employeeId}`);
    return rows.map((r) => fromRow(workplaceId, r.rowKey, r, r.etag)).sort((a, b) => (a.firstDay < b.firstDay ? -1 : 1));
  }

  async putFigures(workplaceId: string, month: string, figures: MonthlyFigures): Promise<void> {
    await this.storage.table(SICKNESS_STATS_TABLE).upsertEntity({ partitionKey: workplaceId, rowKey: month, ...figures }, 'Replace');
  }

  async figures(workplaceId: string, month: string): Promise<MonthlyFigures | undefined> {
    const row = await getOrUndefined<MonthlyFigures>(this.storage.table(SICKNESS_STATS_TABLE), workplaceId, month);
    if (!row) return undefined;
    const { activeCases, contactsDue, contactsOnTime, samtalerDue, samtalerOnTime } = row;
    return { activeCases, contactsDue, contactsOnTime, samtalerDue, samtalerOnTime };
  }
}

function toRow(c: SicknessCase): CaseRow {
  const row: CaseRow = {
    employeeId: c.employeeId,
    employeeName: c.employeeName,
    leaderId: c.leaderId,
    status: c.status,
    reportedBy: c.reportedBy,
    model: c.model,
    firstDay: c.firstDay,
    partial: c.partial,
    expectedDuration: c.expectedDuration,
    contacts: JSON.stringify(c.contacts),
    samtale: c.samtale ? JSON.stringify(c.samtale) : '',
    openedAt: c.openedAt,
    expectedReturn: '',
    returnDay: '',
    restRequestedOn: '',
    municipalityNotifiedOn: '',
    fastholdelsesplanOfferedOn: '',
    fastTrackHandledOn: '',
    returnFollowUpHeldOn: '',
    closedOn: '',
    deleteOn: '',
  };
  for (const k of OPTIONAL_DATES) row[k] = c[k] ?? '';
  return row;
}

function fromRow(workplaceId: string, id: string, r: CaseRow, etag: string): SicknessCase {
  const c: SicknessCase = {
    workplaceId,
    id,
    employeeId: r.employeeId,
    employeeName: r.employeeName,
    leaderId: r.leaderId,
    status: r.status as SicknessCase['status'],
    reportedBy: r.reportedBy as SicknessCase['reportedBy'],
    model: r.model as SicknessCase['model'],
    firstDay: r.firstDay,
    partial: r.partial,
    expectedDuration: r.expectedDuration as SicknessCase['expectedDuration'],
    contacts: JSON.parse(r.contacts || '[]') as ContactEntry[],
    ...(r.samtale ? { samtale: JSON.parse(r.samtale) as Samtale } : {}),
    openedAt: r.openedAt,
    etag,
  };
  for (const k of OPTIONAL_DATES) if (r[k]) c[k] = r[k];
  return c;
}
