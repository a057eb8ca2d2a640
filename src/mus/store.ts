import { odata, type TransactionAction } from '@azure/data-tables';
import { AppError } from '../core/errors.js';
import { updateWithEtag } from '../storage/etag.js';
import { ConflictError, NotFoundError } from '../storage/errors.js';
import { getOrUndefined, listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import type { DevPlan, Draft, Invite, NotHeldReason, SettingsProposal, Talk, TalkStatus } from './model.js';
import { draftRow, historyRowCodec, inviteKey, inviteRow, noteKey, planKey, planRow, PROPOSAL_KEY, proposalRow, talkRow, toDraft, toInvite, toPlan, toProposal, toTalk, type Row } from './rows.js';

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

function resetInvite(i: Invite): Invite {
  const { changeReason: _r, respondedAt: _a, ...rest } = i;
  return { ...rest, response: 'pending' };
}
