import { odata, type TransactionAction } from '@azure/data-tables';
import { getOrUndefined, listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import { AppError } from '../core/errors.js';
import { ConflictError } from '../storage/errors.js';
import type { Activity, DevPlan, Draft, Invite, InviteResponse, NotHeldReason, Talk, TalkStatus } from './model.js';

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
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const opt = <K extends string>(key: K, v: unknown): Partial<Record<K, string>> => (str(v) ? ({ [key]: str(v) } as Record<K, string>) : {});

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

function draftRow(d: Draft): Row {
  return {
    partitionKey: d.workplaceId,
    rowKey: `d_${safeKey(d.id)}`,
    leaderId: d.leaderId,
    leaderName: d.leaderName,
    params: JSON.stringify(d.params),
    slots: JSON.stringify(d.slots.map((s) => ({ ...s, start: s.start.toISOString(), end: s.end.toISOString() }))),
    unplannedNames: JSON.stringify(d.unplannedNames),
    names: JSON.stringify(d.names),
    status: d.status,
    createdAt: d.createdAt,
  };
}

function toDraft(r: Row): Draft {
  const slots = JSON.parse(str(r.slots) || '[]') as { label: string; participantIds: string[]; start: string; end: string }[];
  return {
    workplaceId: r.partitionKey,
    id: r.rowKey.slice(2),
    leaderId: str(r.leaderId),
    leaderName: str(r.leaderName),
    params: JSON.parse(str(r.params)) as Draft['params'],
    slots: slots.map((s) => ({ ...s, start: new Date(s.start), end: new Date(s.end) })),
    unplannedNames: JSON.parse(str(r.unplannedNames) || '[]') as string[],
    names: JSON.parse(str(r.names) || '{}') as Record<string, string>,
    status: r.status === 'sent' ? 'sent' : 'draft',
    createdAt: str(r.createdAt),
  };
}

function talkRow(x: Talk): Row {
  return {
    partitionKey: x.workplaceId,
    rowKey: `t_${safeKey(x.id)}`,
    draftId: x.draftId,
    leaderId: x.leaderId,
    leaderName: x.leaderName,
    label: x.label,
    mode: x.mode,
    participantIds: JSON.stringify(x.participantIds),
    start: x.start.toISOString(),
    end: x.end.toISOString(),
    place: x.place,
    status: x.status,
    version: x.version,
    notHeldReason: x.notHeldReason ?? '',
    registeredAt: x.registeredAt ?? '',
    registeredBy: x.registeredBy ?? '',
  };
}

function toTalk(r: Row): Talk {
  return {
    workplaceId: r.partitionKey,
    id: r.rowKey.slice(2),
    draftId: str(r.draftId),
    leaderId: str(r.leaderId),
    leaderName: str(r.leaderName),
    label: str(r.label),
    mode: r.mode === 'group' ? 'group' : 'individual',
    participantIds: JSON.parse(str(r.participantIds) || '[]') as string[],
    start: new Date(str(r.start)),
    end: new Date(str(r.end)),
    place: str(r.place),
    status: str(r.status) as TalkStatus,
    version: Number(r.version ?? 1),
    ...(str(r.notHeldReason) ? { notHeldReason: str(r.notHeldReason) as NotHeldReason } : {}),
    ...opt('registeredAt', r.registeredAt),
    ...opt('registeredBy', r.registeredBy),
  };
}

function inviteRow(i: Invite): Row {
  return {
    partitionKey: i.workplaceId,
    rowKey: inviteKey(i.talkId, i.aadObjectId),
    talkId: i.talkId,
    aadObjectId: i.aadObjectId,
    name: i.name,
    response: i.response,
    changeReason: i.changeReason ?? '',
    seniorOffered: i.seniorOffered,
    seniorWanted: i.seniorWanted,
    respondedAt: i.respondedAt ?? '',
  };
}

function toInvite(r: Row): Invite {
  return {
    workplaceId: r.partitionKey,
    talkId: str(r.talkId),
    aadObjectId: str(r.aadObjectId),
    name: str(r.name),
    response: str(r.response) as InviteResponse,
    ...opt('changeReason', r.changeReason),
    seniorOffered: r.seniorOffered === true,
    seniorWanted: r.seniorWanted === true,
    ...opt('respondedAt', r.respondedAt),
  };
}

function planRow(p: DevPlan): Row {
  return {
    partitionKey: p.workplaceId,
    rowKey: planKey(p.talkId, p.aadObjectId),
    talkId: p.talkId,
    aadObjectId: p.aadObjectId,
    name: p.name,
    heldOn: p.heldOn,
    shortGoals: p.shortGoals,
    longGoals: p.longGoals,
    activities: p.activities.join(','),
    activityNote: p.activityNote,
    knowledgeSharing: p.knowledgeSharing,
    followUpOn: p.followUpOn,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    acknowledgedAt: p.acknowledgedAt ?? '',
  };
}

function toPlan(r: Row): DevPlan {
  return {
    workplaceId: r.partitionKey,
    talkId: str(r.talkId),
    aadObjectId: str(r.aadObjectId),
    name: str(r.name),
    heldOn: str(r.heldOn),
    shortGoals: str(r.shortGoals),
    longGoals: str(r.longGoals),
    activities: str(r.activities).split(',').filter(Boolean) as Activity[],
    activityNote: str(r.activityNote),
    knowledgeSharing: str(r.knowledgeSharing),
    followUpOn: str(r.followUpOn),
    createdBy: str(r.createdBy),
    createdAt: str(r.createdAt),
    ...opt('acknowledgedAt', r.acknowledgedAt),
  };
}
