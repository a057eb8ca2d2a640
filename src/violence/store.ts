import { odata } from '@azure/data-tables';
import { z } from 'zod';
import { jsonColumn, optionalEnum, optionalText, rowCodec } from '../storage/codec.js';
import { updateWithEtag } from '../storage/etag.js';
import { NotFoundError } from '../storage/errors.js';
import { getOrUndefined, listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import { EPISODE_KINDS, EPISODE_SOURCES, EPISODE_STATUSES, POLICE_DECISIONS, type Episode } from './model.js';
import type { MonthlyCounts } from './stats.js';

export const VIOLENCE_EPISODES_TABLE = 'ViolenceEpisodes';
export const VIOLENCE_STATS_TABLE = 'ViolenceStats';
export const VIOLENCE_TABLES = [VIOLENCE_EPISODES_TABLE, VIOLENCE_STATS_TABLE] as const;

/**
 * ViolenceEpisodes: PartitionKey = workplace id, RowKey = episode id ("ve" + the
 *   registration form's one-time key). One row per episode; every step of the follow-up
 *   is a column on it, so each change is one ETag-guarded write. The row is created with
 *   createEntity: a second submit of the same form (a double tap, a redelivery, a second
 *   instance) meets 409 and gets the episode that exists, so it is registered exactly once.
 *   A workplace has few episodes a year: "episodes of one employee" is a filter on one partition.
 * ViolenceStats: PartitionKey = workplace id, RowKey = "YYYY-MM". Counts only (stats.ts):
 *   no names, no ids, no dates. They outlive the episode details (retention).
 *
 * No column holds anything about a resident: "from whom" is a category.
 */
const episodeRow = rowCodec(
  VIOLENCE_EPISODES_TABLE,
  z.object({
    employeeId: z.string(),
    employeeName: z.string(),
    reportedById: z.string(),
    status: z.enum(EPISODE_STATUSES),
    occurredOn: z.string(),
    occurredAt: z.string(),
    place: z.string(),
    kind: z.enum(EPISODE_KINDS),
    source: z.enum(EPISODE_SOURCES),
    injured: z.boolean(),
    absenceFrom: optionalText(),
    needsTalkNow: z.boolean(),
    amrMayKnowName: z.boolean(),
    description: optionalText(),
    registeredOn: z.string(),
    registeredAt: z.string(),
    talkOfferedOn: optionalText(),
    followUpHeldOn: optionalText(),
    anmeldtOn: optionalText(),
    police: optionalEnum(POLICE_DECISIONS),
    policeDecidedOn: optionalText(),
    riskAssessedOn: optionalText(),
  }),
);

const countsSchema = z.record(z.string(), z.number());
const statsRow = rowCodec(
  VIOLENCE_STATS_TABLE,
  z.object({
    total: z.number(),
    byKind: jsonColumn(countsSchema, {}),
    byPlace: jsonColumn(countsSchema, {}),
    byTime: jsonColumn(countsSchema, {}),
    talkOnTime: z.number(),
    anmeldelseDue: z.number(),
    anmeldelseOnTime: z.number(),
  }),
);

export type NewEpisode = Omit<Episode, 'workplaceId' | 'etag'>;

export class ViolenceStore {
  constructor(private readonly storage: Storage) {}

  private get episodes() {
    return this.storage.table(VIOLENCE_EPISODES_TABLE);
  }

  /** Creates the episode, or returns the one this form already made (`created: false`). */
  async create(workplaceId: string, draft: NewEpisode): Promise<{ episode: Episode; created: boolean }> {
    const e: Episode = { ...draft, workplaceId };
    try {
      await this.episodes.createEntity({ partitionKey: workplaceId, rowKey: e.id, ...episodeRow.encode(e) });
      return { episode: (await this.get(workplaceId, e.id)) ?? e, created: true };
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
      const existing = await this.get(workplaceId, e.id);
      if (!existing) throw err;
      return { episode: existing, created: false };
    }
  }

  async get(workplaceId: string, id: string): Promise<Episode | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.episodes, safeKey(workplaceId), safeKey(id));
    return row ? fromRow(workplaceId, row.rowKey, row) : undefined;
  }

  /**
   * Reads, changes and writes an episode with its ETag, retried when someone else wrote
   * in between. `change` may throw to refuse (nothing is written then). A missing episode
   * is a NotFoundError, a lost race a ConflictError.
   */
  async update(workplaceId: string, id: string, change: (e: Episode) => Episode): Promise<Episode> {
    const what = `Violence episode ${workplaceId}/${id}`;
    return updateWithEtag(what, async () => {
      const current = await this.get(workplaceId, id);
      if (!current) throw new NotFoundError(what);
      const next = change(structuredClone(current));
      const res = await this.episodes.updateEntity({ partitionKey: workplaceId, rowKey: id, ...episodeRow.encode(next) }, 'Replace', { etag: current.etag ?? '*' });
      return { ...next, etag: res.etag ?? '' };
    });
  }

  async remove(workplaceId: string, id: string): Promise<void> {
    await this.episodes.deleteEntity(workplaceId, id).catch((e: unknown) => {
      if (statusOf(e) !== 404) throw e;
    });
  }

  /** Every episode of a workplace (one partition query), oldest first. */
  async list(workplaceId: string): Promise<Episode[]> {
    const rows = await listAll<Record<string, unknown>>(this.episodes, odata`PartitionKey eq ${workplaceId}`);
    return sorted(rows.map((r) => fromRow(workplaceId, r.rowKey, r)));
  }

  async listForEmployee(workplaceId: string, employeeId: string): Promise<Episode[]> {
    const rows = await listAll<Record<string, unknown>>(this.episodes, odata`PartitionKey eq ${workplaceId} and employeeId eq ${employeeId}`);
    return sorted(rows.map((r) => fromRow(workplaceId, r.rowKey, r)));
  }

  async putCounts(workplaceId: string, month: string, counts: MonthlyCounts): Promise<void> {
    await this.storage.table(VIOLENCE_STATS_TABLE).upsertEntity({ partitionKey: workplaceId, rowKey: month, ...statsRow.encode(counts) }, 'Replace');
  }

  async counts(workplaceId: string, month: string): Promise<MonthlyCounts | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.storage.table(VIOLENCE_STATS_TABLE), safeKey(workplaceId), safeKey(month));
    return row ? statsRow.decode(row) : undefined;
  }
}

const sorted = (list: Episode[]) => list.sort((a, b) => (a.occurredOn + a.occurredAt < b.occurredOn + b.occurredAt ? -1 : 1));

function fromRow(workplaceId: string, id: string, entity: Record<string, unknown>): Episode {
  return { ...episodeRow.decode(entity), workplaceId, id, etag: String(entity.etag ?? '') };
}
