import { z } from 'zod';
import { odata, type TableClient } from '@azure/data-tables';
import type { Forum } from '../core/access.js';
import type { Clock } from '../core/clock.js';
import { jsonColumn, optionalText, rowCodec, type RowCodec } from '../storage/codec.js';
import { updateWithEtag } from '../storage/etag.js';
import { NotFoundError } from '../storage/errors.js';
import { getOrUndefined, listAll, statusOf, type Storage } from '../storage/tables.js';
import type { LocalDate } from '../shared/calendar.js';
import { APV_STEPS, EMPTY_APV, EMPTY_KUP, meetingSchema, placementsSchema, STANDING_ITEMS, TALK_QUESTIONS, type AgendaItem, type ApvCycle, type Decision, type KupPlan, type Meeting, type StandingItem, type Wheel, type YearTalk } from './model.js';

export const MEDYEAR_TABLE = 'MedYear';

/**
 * One table, partitioned by workplace: everything of a workplace's MED year is one
 * partition, and each card reads one row or one range.
 *
 *   RowKey "wheel"                        the årshjul: meetings and where each standing item sits
 *   RowKey "apv"                          the APV cycle (ETag-guarded, `rev` counts changes)
 *   RowKey "kup"                          the kompetenceudviklingsplan
 *   RowKey "talk-2027"                    the arbejdsmiljødrøftelse of a year
 *   RowKey "m-med-2027-03-10-i-<id>"      an item a member added to that meeting's agenda
 *   RowKey "m-med-2027-03-10-d-<id>"      a decision in that meeting's referat
 *
 * Items and decisions have ids made from their content and author, so the same tap
 * twice (or a redelivered activity) finds its row there (409) and adds nothing; a
 * decision becomes an action once (its actionNumber, written under its ETag).
 */
const WHEEL = 'wheel';
const APV = 'apv';
const KUP = 'kup';
const talkKey = (year: number) => `talk-${year}`;
const meetingPrefix = (forum: Forum, date: LocalDate) => `m-${forum}-${date}-`;
const itemKey = (forum: Forum, date: LocalDate, id: string) => `${meetingPrefix(forum, date)}i-${id}`;
const decisionKey = (forum: Forum, date: LocalDate, id: string) => `${meetingPrefix(forum, date)}d-${id}`;

const wheelRow = rowCodec(
  MEDYEAR_TABLE,
  z.object({
    meetings: jsonColumn(z.array(meetingSchema), []),
    placements: jsonColumn(placementsSchema, {}),
    updatedAt: optionalText(),
    updatedBy: optionalText(),
  }),
);

const dateText = z.string();
const apvRow = rowCodec(
  MEDYEAR_TABLE,
  z.object({
    surveyedOn: optionalText(),
    steps: jsonColumn(z.partialRecord(z.enum(APV_STEPS), dateText), {}),
    majorChange: jsonColumn(z.object({ on: dateText, reason: z.string() }).nullable(), null),
    history: jsonColumn(z.array(z.object({ surveyedOn: dateText.optional(), endedOn: dateText, why: z.enum(['newSurvey', 'majorChange']) })), []),
    rev: z.number().int().min(0),
  }),
);

const kupRow = rowCodec(
  MEDYEAR_TABLE,
  z.object({
    activities: jsonColumn(z.array(z.object({ id: z.string(), what: z.string(), who: z.string(), when: z.string() })), []),
    supervision: z.string().catch(''),
    reviewOn: optionalText(),
    updatedAt: optionalText(),
  }),
);

const talkRow = rowCodec(
  MEDYEAR_TABLE,
  z.object({
    year: z.number().int(),
    answers: jsonColumn(z.partialRecord(z.enum(TALK_QUESTIONS), z.string()), {}),
    goals: jsonColumn(z.array(z.object({ text: z.string(), actionNumber: z.number().int() })), []),
    heldOn: optionalText(),
    byName: optionalText(),
  }),
);

const entryRow = rowCodec(
  MEDYEAR_TABLE,
  z.object({
    kind: z.enum(['item', 'decision']),
    id: z.string(),
    text: z.string(),
    byName: z.string().catch(''),
    at: z.string(),
    actionNumber: z.number().int().optional(),
  }),
);

export class MedYearStore {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  private get table(): TableClient {
    return this.storage.table(MEDYEAR_TABLE);
  }

  // ------------------------------------------------------------ årshjul

  /** The saved årshjul, or undefined when the workplace has not saved one. */
  async wheel(workplaceId: string): Promise<Wheel | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.table, workplaceId, WHEEL);
    if (!row) return undefined;
    const r = wheelRow.decode(row);
    const placements = Object.fromEntries(STANDING_ITEMS.map((i) => [i, r.placements[i] ?? -1])) as Record<StandingItem, number>;
    return { meetings: r.meetings, placements, saved: true, ...(r.updatedAt ? { updatedAt: r.updatedAt } : {}), ...(r.updatedBy ? { updatedBy: r.updatedBy } : {}) };
  }

  /**
   * Saves the meetings of one forum (the other forum's stay as they are) and, when given,
   * the placements: read, merge and write under the row's ETag.
   */
  async saveWheel(workplaceId: string, base: Wheel, forum: Forum, meetings: readonly Meeting[], placements: Wheel['placements'] | undefined, byName: string): Promise<Wheel> {
    return updateWithEtag(`Wheel of ${workplaceId}`, async () => {
      const row = await getOrUndefined<Record<string, unknown>>(this.table, workplaceId, WHEEL);
      const current = row ? wheelRow.decode(row) : { meetings: base.meetings, placements: base.placements };
      const next = {
        meetings: [...current.meetings.filter((m) => m.forum !== forum), ...meetings],
        placements: { ...base.placements, ...current.placements, ...(placements ?? {}) },
        updatedAt: this.clock.now().toISOString(),
        updatedBy: byName,
      };
      const entity = { partitionKey: workplaceId, rowKey: WHEEL, ...wheelRow.encode(next) };
      if (row) await this.table.updateEntity(entity, 'Replace', { etag: row.etag });
      else await this.table.createEntity(entity);
      return (await this.wheel(workplaceId))!;
    }, { lostRace: [409] });
  }

  // ------------------------------------------------------------ APV

  async apv(workplaceId: string): Promise<ApvCycle> {
    const row = await getOrUndefined<Record<string, unknown>>(this.table, workplaceId, APV);
    return row ? fromApvRow(apvRow.decode(row)) : EMPTY_APV;
  }

  /** Read → decide → write under the ETag; `decide` returning the same object writes nothing. */
  async changeApv(workplaceId: string, decide: (current: ApvCycle) => ApvCycle): Promise<{ before: ApvCycle; after: ApvCycle }> {
    return this.change(workplaceId, APV, apvRow, (r) => (r ? fromApvRow(r) : EMPTY_APV), toApvRow, decide);
  }

  // ------------------------------------------------------------ kompetenceudviklingsplan

  async kup(workplaceId: string): Promise<KupPlan> {
    const row = await getOrUndefined<Record<string, unknown>>(this.table, workplaceId, KUP);
    return row ? fromKupRow(kupRow.decode(row)) : EMPTY_KUP;
  }

  async changeKup(workplaceId: string, decide: (current: KupPlan) => KupPlan): Promise<{ before: KupPlan; after: KupPlan }> {
    const at = () => this.clock.now().toISOString();
    return this.change(workplaceId, KUP, kupRow, (r) => (r ? fromKupRow(r) : EMPTY_KUP), (k) => ({ activities: k.activities, supervision: k.supervision, reviewOn: k.reviewOn, updatedAt: at() }), decide);
  }

  // ------------------------------------------------------------ arbejdsmiljødrøftelse

  async talk(workplaceId: string, year: number): Promise<YearTalk | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.table, workplaceId, talkKey(year));
    return row ? fromTalkRow(talkRow.decode(row)) : undefined;
  }

  async changeTalk(workplaceId: string, year: number, decide: (current: YearTalk) => YearTalk): Promise<{ before: YearTalk; after: YearTalk }> {
    const empty: YearTalk = { year, answers: {}, goals: [] };
    return this.change(workplaceId, talkKey(year), talkRow, (r) => (r ? fromTalkRow(r) : empty), (t) => ({ year: t.year, answers: t.answers, goals: t.goals, heldOn: t.heldOn, byName: t.byName }), decide);
  }

  // ------------------------------------------------------------ agenda items and decisions

  /** Adds an item to a meeting's agenda; false when that item (same id) is there already. */
  async addAgendaItem(workplaceId: string, forum: Forum, date: LocalDate, item: AgendaItem): Promise<boolean> {
    return this.createOnce(workplaceId, itemKey(forum, date, item.id), { kind: 'item', ...item });
  }

  async agendaItems(workplaceId: string, forum: Forum, date: LocalDate): Promise<AgendaItem[]> {
    return (await this.entries(workplaceId, forum, date)).filter((e) => e.kind === 'item').map(({ id, text, byName, at }) => ({ id, text, byName, at }));
  }

  async addDecision(workplaceId: string, forum: Forum, date: LocalDate, d: Decision): Promise<boolean> {
    return this.createOnce(workplaceId, decisionKey(forum, date, d.id), { kind: 'decision', ...d });
  }

  async decisions(workplaceId: string, forum: Forum, date: LocalDate): Promise<Decision[]> {
    return (await this.entries(workplaceId, forum, date)).filter((e) => e.kind === 'decision').map(toDecision);
  }

  /**
   * Makes a decision an action once: `create` runs only while the decision has no action,
   * and its number is written under the ETag read before. `create` must itself be
   * idempotent on the decision (the action plan's one-time key), so a lost race or a
   * crash between the two writes finds the same action again.
   */
  async decisionToAction(workplaceId: string, forum: Forum, date: LocalDate, id: string, create: (d: Decision) => Promise<number>): Promise<{ decision: Decision; created: boolean }> {
    const key = decisionKey(forum, date, id);
    return updateWithEtag(`Decision ${workplaceId}/${key}`, async () => {
      const row = await getOrUndefined<Record<string, unknown>>(this.table, workplaceId, key);
      if (!row) throw new NotFoundError(`Decision ${key}`);
      const d = toDecision(entryRow.decode(row));
      if (d.actionNumber !== undefined) return { decision: d, created: false };
      const actionNumber = await create(d);
      await this.table.updateEntity({ partitionKey: workplaceId, rowKey: key, actionNumber }, 'Merge', { etag: row.etag });
      return { decision: { ...d, actionNumber }, created: true };
    });
  }

  private async entries(workplaceId: string, forum: Forum, date: LocalDate) {
    const from = meetingPrefix(forum, date);
    const rows = await listAll<Record<string, unknown>>(this.table, odata`PartitionKey eq ${workplaceId} and RowKey ge ${from} and RowKey lt ${`${from}~`}`);
    return rows.map((r) => entryRow.decode(r)).sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1));
  }

  private async createOnce(workplaceId: string, rowKey: string, value: z.input<(typeof entryRow)['schema']>): Promise<boolean> {
    try {
      await this.table.createEntity({ partitionKey: workplaceId, rowKey, ...entryRow.encode(entryRow.schema.parse(value)) });
      return true;
    } catch (e) {
      if (statusOf(e) === 409) return false;
      throw e;
    }
  }

  private async change<S extends z.ZodObject, T>(
    workplaceId: string,
    rowKey: string,
    codec: RowCodec<S>,
    read: (row: z.output<S> | undefined) => T,
    write: (value: T) => z.output<S>,
    decide: (current: T) => T,
  ): Promise<{ before: T; after: T }> {
    return updateWithEtag(`${rowKey} of ${workplaceId}`, async () => {
      const row = await getOrUndefined<Record<string, unknown>>(this.table, workplaceId, rowKey);
      const before = read(row ? codec.decode(row) : undefined);
      const after = decide(before);
      if (after === before) return { before, after };
      const entity = { partitionKey: workplaceId, rowKey, ...codec.encode(write(after)) };
      if (row) await this.table.updateEntity(entity, 'Replace', { etag: row.etag });
      else await this.table.createEntity(entity);
      return { before, after };
    }, { lostRace: [409] });
  }
}

type ApvRow = z.output<(typeof apvRow)['schema']>;

function fromApvRow(r: ApvRow): ApvCycle {
  return {
    ...(r.surveyedOn ? { surveyedOn: r.surveyedOn } : {}),
    steps: r.steps,
    ...(r.majorChange ? { majorChange: r.majorChange } : {}),
    history: r.history.map((h) => ({ ...(h.surveyedOn ? { surveyedOn: h.surveyedOn } : {}), endedOn: h.endedOn, why: h.why })),
    rev: r.rev,
  };
}

function toApvRow(a: ApvCycle): ApvRow {
  return { surveyedOn: a.surveyedOn, steps: a.steps, majorChange: a.majorChange ?? null, history: a.history, rev: a.rev };
}

function fromKupRow(r: z.output<(typeof kupRow)['schema']>): KupPlan {
  return { activities: r.activities, supervision: r.supervision, ...(r.reviewOn ? { reviewOn: r.reviewOn } : {}), ...(r.updatedAt ? { updatedAt: r.updatedAt } : {}) };
}

function fromTalkRow(r: z.output<(typeof talkRow)['schema']>): YearTalk {
  return { year: r.year, answers: r.answers, goals: r.goals, ...(r.heldOn ? { heldOn: r.heldOn } : {}), ...(r.byName ? { byName: r.byName } : {}) };
}

function toDecision(e: z.output<(typeof entryRow)['schema']>): Decision {
  return { id: e.id, text: e.text, byName: e.byName, at: e.at, ...(e.actionNumber !== undefined ? { actionNumber: e.actionNumber } : {}) };
}
