import { odata, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { instantColumn, jsonColumn, listColumn, optionalEnum, optionalJsonColumn, optionalText, rowCodec } from '../storage/codec.js';
import { updateWithEtag } from '../storage/etag.js';
import { ConflictError, NotFoundError } from '../storage/errors.js';
import { getOrUndefined, listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import {
  ACTIVITIES, ACTIVITY_STATUSES, INVITE_RESPONSES, NOT_HELD_REASONS, TALK_STATUSES,
  type DevPlan, type Draft, type Invite, type NotHeldReason, type PlanActivity, type SettingsProposal, type Talk, type TalkStatus,
} from './model.js';

/**
 * MUS storage. `MusTalks` holds, per workplace partition, drafts (`d_`), talks (`t_`),
 * invitations (`i_<talk>_<person>`) and udviklingsplaner (`p_<talk>_<person>`), so that
 * sending a plan, moving a talk and registering it are each one transaction: nothing
 * half-written. In the same partition: each employee's MUS before the bot (`h_<person>`,
 * the last MUS date from the stamdata card) and MED's pending change of the frame
 * (`s_proposal`, one at a time). Preparation notes live apart in `MusNotes` (only the
 * employee and the leaders read them; nothing else joins on them).
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

  /**
   * Read → decide → write of one plan (a follow-up): `change` gets the stored plan and
   * returns the new one, or throws to refuse; retried on a lost race, NotFound when gone.
   */
  async updatePlan(workplaceId: string, talkId: string, aadObjectId: string, change: (plan: DevPlan) => DevPlan): Promise<DevPlan> {
    return updateWithEtag(`MUS plan ${talkId}`, async () => {
      const row = await getOrUndefined<Row>(this.talksTable, workplaceId, planKey(talkId, aadObjectId));
      if (!row) throw new NotFoundError(`MUS plan ${talkId}`);
      const next = change(toPlan(row));
      await this.talksTable.updateEntity(planRow(next), 'Replace', { etag: row.etag as string });
      return next;
    });
  }

  // ------------------------------------------------------------------ before the bot

  /** Each employee's last MUS held before the bot was used, by AAD id. */
  async lastMusBefore(workplaceId: string): Promise<Map<string, string>> {
    const rows = await listAll<Row>(this.talksTable, prefixFilter(workplaceId, 'h_'));
    return new Map(rows.map((r) => { const h = historyRowCodec.decode(r); return [h.aadObjectId, h.lastMusOn] as const; }).filter(([, on]) => on));
  }

  /** Sets (or with '' clears) an employee's last MUS before the bot. */
  async saveLastMusBefore(workplaceId: string, aadObjectId: string, lastMusOn: string): Promise<void> {
    const row = { partitionKey: workplaceId, rowKey: `h_${safeKey(aadObjectId)}`, ...historyRowCodec.encode({ aadObjectId, lastMusOn }) };
    await this.talksTable.upsertEntity(row, 'Replace');
  }

  // ------------------------------------------------------------------ MED's frame

  async proposal(workplaceId: string): Promise<Etagged<SettingsProposal> | undefined> {
    const row = await getOrUndefined<Row>(this.talksTable, workplaceId, PROPOSAL_KEY);
    return row ? { ...toProposal(row), etag: row.etag as string } : undefined;
  }

  /** A new proposal replaces the one pending (its approvals start over). */
  async saveProposal(p: SettingsProposal): Promise<void> {
    await this.talksTable.upsertEntity(proposalRow(p), 'Replace');
  }

  /** Adds an approval to the proposal the card showed (`etag`): a changed proposal is a conflict. */
  async approveProposal(p: Etagged<SettingsProposal>, approvals: SettingsProposal['approvals']): Promise<SettingsProposal> {
    const next = { ...p, approvals };
    try {
      await this.talksTable.updateEntity(proposalRow(next), 'Replace', { etag: p.etag });
    } catch (e) {
      if (statusOf(e) === 412 || statusOf(e) === 404) throw new ConflictError('MUS: the proposal changed meanwhile');
      throw e;
    }
    return next;
  }

  async deleteProposal(workplaceId: string): Promise<void> {
    try {
      await this.talksTable.deleteEntity(workplaceId, PROPOSAL_KEY);
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
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

const PROPOSAL_KEY = 's_proposal';
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
      z.object({
        from: z.string(), to: z.string(), durationMinutes: z.number(), windowStart: z.string(), windowEnd: z.string(), place: z.string(), mode: z.enum(['individual', 'group']),
        bufferMinutes: z.number().int().default(15),
      }),
    ),
    slots: jsonColumn(z.array(z.object({ label: z.string(), participantIds: z.array(z.string()), start: instantColumn, end: instantColumn })), []),
    unplannedNames: ids,
    capacity: optionalJsonColumn(z.object({ workingDays: z.number(), total: z.number(), perFreeDay: z.number(), perFreeDayWithoutPause: z.number() })),
    recentlyHeld: jsonColumn(z.array(z.object({ name: z.string(), on: z.string() })), []),
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

const activitySchema = z.object({ kind: z.enum(ACTIVITIES), text: z.string(), status: z.enum(ACTIVITY_STATUSES), note: z.string().default('') });

const historyRowCodec = rowCodec('MusTalks', z.object({ aadObjectId: text, lastMusOn: text }));

const proposalRowCodec = rowCodec(
  'MusTalks',
  z.object({
    id: text,
    questions: optionalJsonColumn(z.array(z.string())),
    seniorAge: z.number().int(),
    proposedBy: text,
    proposedByName: text,
    proposedAt: text,
    approvals: jsonColumn(z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()), at: z.string() })), []),
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
    items: jsonColumn(z.array(activitySchema), []),
    // Plans written before activities had a status: kinds and one note, read into `items` once.
    activities: listColumn(z.enum(ACTIVITIES)),
    activityNote: text,
    knowledgeSharing: text,
    followUpOn: text,
    seniorWanted: z.boolean().catch(false),
    seniorNote: text,
    followUps: jsonColumn(z.array(z.object({ at: z.string(), by: z.string(), byName: z.string(), changed: z.array(z.string()), changes: z.string() })), []),
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
  const { activities, ...rest } = p;
  return { partitionKey: p.workplaceId, rowKey: planKey(p.talkId, p.aadObjectId), ...planRowCodec.encode({ ...rest, items: activities, activities: [], activityNote: '' }) };
}

function toPlan(r: Row): DevPlan {
  const { items, activities: kinds, activityNote, ...rest } = planRowCodec.decode(r);
  const legacy = kinds.map((kind, i): PlanActivity => ({ kind, text: i === 0 ? activityNote : '', status: 'planned', note: '' }));
  return { ...rest, activities: items.length ? items : legacy, workplaceId: r.partitionKey };
}

function proposalRow(p: SettingsProposal): Row {
  return { partitionKey: p.workplaceId, rowKey: PROPOSAL_KEY, ...proposalRowCodec.encode(p) };
}

function toProposal(r: Row): SettingsProposal {
  const { questions, ...rest } = proposalRowCodec.decode(r);
  return { ...rest, ...(questions ? { questions } : {}), workplaceId: r.partitionKey };
}
