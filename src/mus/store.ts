import { odata, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { instantColumn, jsonColumn, listColumn, optionalEnum, optionalText, rowCodec } from '../storage/codec.js';
import { ConflictError } from '../storage/errors.js';
import { getOrUndefined, listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import { ACTIVITIES, INVITE_RESPONSES, NOT_HELD_REASONS, TALK_STATUSES, type DevPlan, type Draft, type Invite, type NotHeldReason, type Talk, type TalkStatus } from './model.js';

/**
 * MUS storage. `MusTalks` holds, per workplace partition, drafts (`d_`), talks (`t_`),
 * invitations (`i_<talk>_<person>`) and udviklingsplaner (`p_<talk>_<person>`), so that
 * sending a plan, moving a talk and registering it are each one transaction: nothing
 * half-written. Preparation notes live apart in `MusNotes` (only the employee and the
 * leaders read them; nothing else joins on them).
 */
export const MUS_TABLES = ['MusTalks', 'MusNotes'] as const;

/** Sending is one transaction (at most 100 operations): a draft row, talks, invitations. */
export const MAX_PEOPLE_PER_DRAFT = 45;

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };
type Etagged<T> = T & { etag: string };

const prefixFilter = (workplaceId: string, prefix: string) =>
  odata`PartitionKey eq ${workplaceId} and RowKey ge ${prefix} and RowKey lt ${`${prefix.slice(0, -1)}\``}`;

export class MusStore {
  constructor(private readonly storage: Storage) {}

  private get talksTable() {
    return this.storage.table('MusTalks');
  }

  private get notesTable() {
    return this.storage.table('MusNotes');
  }

  // ------------------------------------------------------------------ drafts

  async saveDraft(draft: Draft, etag?: string): Promise<void> {
    const row = draftRow(draft);
    if (etag) await this.talksTable.updateEntity(row, 'Replace', { etag });
    else await this.talksTable.upsertEntity(row, 'Replace');
  }

  async draft(workplaceId: string, id: string): Promise<Etagged<Draft> | undefined> {
    const row = await getOrUndefined<Row>(this.talksTable, workplaceId, `d_${safeKey(id)}`);
    return row ? { ...toDraft(row), etag: row.etag } : undefined;
  }

  /** Marks the draft sent and creates its talks and invitations, all or nothing. */
  async sendDraft(draft: Draft, etag: string, talks: Talk[], invites: Invite[]): Promise<void> {
    const ops: TransactionAction[] = [
      ['update', draftRow({ ...draft, status: 'sent' }), 'Replace', { etag }],
      ...talks.map((x): TransactionAction => ['create', talkRow(x)]),
      ...invites.map((x): TransactionAction => ['create', inviteRow(x)]),
    ];
    await this.transact(ops);
  }

  // ------------------------------------------------------------------ talks

  async talks(workplaceId: string): Promise<Talk[]> {
    return (await listAll<Row>(this.talksTable, prefixFilter(workplaceId, 't_'))).map(toTalk);
  }

  async talk(workplaceId: string, id: string): Promise<Etagged<Talk> | undefined> {
    const row = await getOrUndefined<Row>(this.talksTable, workplaceId, `t_${safeKey(id)}`);
    return row ? { ...toTalk(row), etag: row.etag } : undefined;
  }

  /** Moves a talk: a new version, and every participant is asked again. */
  async moveTalk(talk: Etagged<Talk>, start: Date, end: Date, invites: Invite[]): Promise<Talk> {
    const moved: Talk = { ...talk, start, end, version: talk.version + 1 };
    await this.transact([
      ['update', talkRow(moved), 'Replace', { etag: talk.etag }],
      ...invites.map((i): TransactionAction => ['upsert', inviteRow(resetInvite(i)), 'Replace']),
    ]);
    return moved;
  }

  /** Registers the outcome and the plans in one transaction. */
  async register(talk: Etagged<Talk>, status: TalkStatus, by: string, at: string, plans: DevPlan[], reason?: NotHeldReason): Promise<void> {
    const done: Talk = { ...talk, status, registeredAt: at, registeredBy: by, ...(reason ? { notHeldReason: reason } : {}) };
    await this.transact([
      ['update', talkRow(done), 'Replace', { etag: talk.etag }],
      ...plans.map((p): TransactionAction => ['create', planRow(p)]),
    ]);
  }

  // ------------------------------------------------------------------ invitations

  async invites(workplaceId: string, talkId: string): Promise<Invite[]> {
    return (await listAll<Row>(this.talksTable, prefixFilter(workplaceId, `i_${safeKey(talkId)}_`))).map(toInvite);
  }

  async invite(workplaceId: string, talkId: string, aadObjectId: string): Promise<Invite | undefined> {
    const row = await getOrUndefined<Row>(this.talksTable, workplaceId, inviteKey(talkId, aadObjectId));
    return row ? toInvite(row) : undefined;
  }

  async saveInvite(invite: Invite): Promise<void> {
    await this.talksTable.upsertEntity(inviteRow(invite), 'Replace');
  }

  // ------------------------------------------------------------------ plans

  async plans(workplaceId: string): Promise<DevPlan[]> {
    return (await listAll<Row>(this.talksTable, prefixFilter(workplaceId, 'p_'))).map(toPlan);
  }

  async plan(workplaceId: string, talkId: string, aadObjectId: string): Promise<DevPlan | undefined> {
    const row = await getOrUndefined<Row>(this.talksTable, workplaceId, planKey(talkId, aadObjectId));
    return row ? toPlan(row) : undefined;
  }

  async acknowledgePlan(plan: DevPlan, at: string): Promise<void> {
    await this.talksTable.updateEntity({ partitionKey: plan.workplaceId, rowKey: planKey(plan.talkId, plan.aadObjectId), acknowledgedAt: at }, 'Merge');
  }

  // ------------------------------------------------------------------ notes

  async notes(workplaceId: string, talkId: string, aadObjectId: string): Promise<string> {
    const row = await getOrUndefined<{ text: string }>(this.notesTable, workplaceId, noteKey(talkId, aadObjectId));
    return row?.text ?? '';
  }

  async saveNotes(workplaceId: string, talkId: string, aadObjectId: string, text: string, at: string): Promise<void> {
    await this.notesTable.upsertEntity({ partitionKey: workplaceId, rowKey: noteKey(talkId, aadObjectId), text, updatedAt: at }, 'Replace');
  }

  private async transact(ops: TransactionAction[]): Promise<void> {
    if (ops.length > 100) throw new AppError('INTERNAL', `MUS transaction too large: ${ops.length} operations`);
    try {
      await this.talksTable.submitTransaction(ops);
    } catch (e) {
      // Someone else changed the same row first (double click, two leaders): nothing was written.
      if (statusOf(e) === 412 || statusOf(e) === 409) throw new ConflictError('MUS: another writer changed the same talk first');
      throw e;
    }
  }
}

const inviteKey = (talkId: string, aad: string) => `i_${safeKey(talkId)}_${safeKey(aad)}`;
const planKey = (talkId: string, aad: string) => `p_${safeKey(talkId)}_${safeKey(aad)}`;
const noteKey = (talkId: string, aad: string) => `${safeKey(talkId)}_${safeKey(aad)}`;

function resetInvite(i: Invite): Invite {
  const { changeReason: _r, respondedAt: _a, ...rest } = i;
  return { ...rest, response: 'pending' };
}

// ------------------------------------------------------------------ rows

const text = z.string().catch('');
const ids = jsonColumn(z.array(z.string()), []);

const draftRowCodec = rowCodec(
  'MusTalks',
  z.object({
    leaderId: text,
    leaderName: text,
    params: jsonColumn(
      z.object({ from: z.string(), to: z.string(), durationMinutes: z.number(), windowStart: z.string(), windowEnd: z.string(), place: z.string(), mode: z.enum(['individual', 'group']) }),
    ),
    slots: jsonColumn(z.array(z.object({ label: z.string(), participantIds: z.array(z.string()), start: instantColumn, end: instantColumn })), []),
    unplannedNames: ids,
    names: jsonColumn(z.record(z.string(), z.string()), {}),
    status: z.enum(['draft', 'sent']).catch('draft'),
    createdAt: text,
  }),
);

const talkRowCodec = rowCodec(
  'MusTalks',
  z.object({
    draftId: text,
    leaderId: text,
    leaderName: text,
    label: text,
    mode: z.enum(['individual', 'group']).catch('individual'),
    participantIds: ids,
    start: instantColumn,
    end: instantColumn,
    place: text,
    status: z.enum(TALK_STATUSES),
    version: z.number().int().default(1),
    notHeldReason: optionalEnum(NOT_HELD_REASONS),
    registeredAt: optionalText(),
    registeredBy: optionalText(),
  }),
);

const inviteRowCodec = rowCodec(
  'MusTalks',
  z.object({
    talkId: text,
    aadObjectId: text,
    name: text,
    response: z.enum(INVITE_RESPONSES),
    changeReason: optionalText(),
    seniorOffered: z.boolean().catch(false),
    seniorWanted: z.boolean().catch(false),
    respondedAt: optionalText(),
  }),
);

const planRowCodec = rowCodec(
  'MusTalks',
  z.object({
    talkId: text,
    aadObjectId: text,
    name: text,
    heldOn: text,
    shortGoals: text,
    longGoals: text,
    activities: listColumn(z.enum(ACTIVITIES)),
    activityNote: text,
    knowledgeSharing: text,
    followUpOn: text,
    createdBy: text,
    createdAt: text,
    acknowledgedAt: optionalText(),
  }),
);

function draftRow(d: Draft): Row {
  return { partitionKey: d.workplaceId, rowKey: `d_${safeKey(d.id)}`, ...draftRowCodec.encode(d) };
}

function toDraft(r: Row): Draft {
  return { ...draftRowCodec.decode(r), workplaceId: r.partitionKey, id: r.rowKey.slice(2) };
}

function talkRow(x: Talk): Row {
  return { partitionKey: x.workplaceId, rowKey: `t_${safeKey(x.id)}`, ...talkRowCodec.encode(x) };
}

function toTalk(r: Row): Talk {
  return { ...talkRowCodec.decode(r), workplaceId: r.partitionKey, id: r.rowKey.slice(2) };
}

function inviteRow(i: Invite): Row {
  return { partitionKey: i.workplaceId, rowKey: inviteKey(i.talkId, i.aadObjectId), ...inviteRowCodec.encode(i) };
}

function toInvite(r: Row): Invite {
  return { ...inviteRowCodec.decode(r), workplaceId: r.partitionKey };
}

function planRow(p: DevPlan): Row {
  return { partitionKey: p.workplaceId, rowKey: planKey(p.talkId, p.aadObjectId), ...planRowCodec.encode(p) };
}

function toPlan(r: Row): DevPlan {
  return { ...planRowCodec.decode(r), workplaceId: r.partitionKey };
}
