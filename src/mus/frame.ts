/**
 * MED's frame for MUS (preparation questions, seniorsamtale age) changed by MED as a
 * body: a member proposes in the MED channel, and the change takes effect when a leader
 * and an employee representative (TR or AMR) have approved it (rules.ts, seed 001:103).
 * One proposal waits at a time; a new one replaces it and its approvals start over.
 * Access (the MED channel, a MED member) is checked by the verbs.
 */
import { rolesIn, type Principal } from '../core/access.js';
import { explained, UserError } from '../core/errors.js';
import type { Once } from '../core/once.js';
import { musText as t } from '../i18n/mus.js';
import { newId, type MusSettings, type SettingsProposal } from './model.js';
import { missingApprovals } from './rules.js';
import type { MusService } from './service.js';
import type { MusStore } from './store.js';

export type FrameOutcome =
  | { kind: 'pending'; proposal: SettingsProposal; missing: ('leader' | 'representative')[] }
  | { kind: 'applied'; settings: MusSettings };

export class MusFrame {
  constructor(private readonly deps: { store: MusStore; svc: MusService }) {}

  current(workplaceId: string): Promise<SettingsProposal | undefined> {
    return this.deps.store.proposal(workplaceId);
  }

  /**
   * A new proposal, approved by its proposer; it replaces the one waiting. Under a one-time
   * key (`once`) its id, time and event come from the key. A replay after a crash finishes
   * what the first run left: the proposal it stored is kept (with approvals given since),
   * and once its event is written the proposal is never made again, even when it has been
   * applied, rejected or replaced in the meantime.
   */
  async propose(workplaceId: string, change: { questions?: string[]; seniorAge: number }, principal: Principal, now: Date, once?: Once): Promise<FrameOutcome> {
    const at = (once?.at ?? now).toISOString();
    const id = newId(once, `proposal|${workplaceId}`);
    const event = { workplaceId, actorId: principal.userId, type: 'mus.settingsProposed', data: { questions: change.questions?.length ?? 0, seniorAge: change.seniorAge } };
    if (once?.replay) {
      const waiting = await this.deps.store.proposal(workplaceId);
      if (waiting?.id === id) {
        await this.deps.svc.record(event, once);
        return this.settle(waiting, once);
      }
      if (await this.deps.svc.recorded(workplaceId, event.type, once)) {
        return waiting ? { kind: 'pending', proposal: waiting, missing: missingApprovals(waiting.approvals) } : { kind: 'applied', settings: await this.deps.svc.settings(workplaceId) };
      }
    }
    const proposal: SettingsProposal = {
      workplaceId,
      id,
      ...(change.questions ? { questions: change.questions } : {}),
      seniorAge: change.seniorAge,
      proposedBy: principal.userId,
      proposedByName: principal.name,
      proposedAt: at,
      approvals: [{ id: principal.userId, name: principal.name, roles: [...rolesIn(principal, workplaceId)], at }],
    };
    await this.deps.store.saveProposal(proposal);
    await this.deps.svc.record(event, once);
    return this.settle(proposal, once);
  }

  /** Approves the proposal the card showed (`proposalId`); the last approval needed applies it. */
  async approve(workplaceId: string, proposalId: string, principal: Principal, now: Date, once?: Once): Promise<FrameOutcome & { already?: boolean }> {
    const proposal = await this.waiting(workplaceId, proposalId);
    const mine = proposal.approvals.find((a) => a.id === principal.userId);
    if (mine) {
      // A replay after a crash finishes this approval's event (its id comes from the key); a second press only settles.
      if (once?.replay && mine.at === now.toISOString()) await this.approved(workplaceId, principal.userId, mine.roles, once);
      return { ...(await this.settle(proposal, once)), already: !(once?.replay && mine.at === now.toISOString()) };
    }
    const approval = { id: principal.userId, name: principal.name, roles: [...rolesIn(principal, workplaceId)], at: now.toISOString() };
    const next = await explained(this.deps.store.approveProposal(proposal, [...proposal.approvals, approval]), { CONFLICT: t.proposalChanged });
    await this.approved(workplaceId, principal.userId, approval.roles, once);
    return this.settle(next, once);
  }

  /** Drops the proposal the card showed; the frame stays as it is. The event comes first: a replay finds the proposal still there. */
  async reject(workplaceId: string, proposalId: string, principal: Principal, once?: Once): Promise<void> {
    await this.waiting(workplaceId, proposalId);
    await this.deps.svc.record({ workplaceId, actorId: principal.userId, type: 'mus.settingsRejected' }, once);
    await this.deps.store.deleteProposal(workplaceId);
  }

  private approved(workplaceId: string, actorId: string, roles: readonly string[], once?: Once): Promise<void> {
    return this.deps.svc.record({ workplaceId, actorId, type: 'mus.settingsApproved', data: { roles: roles.join(',') } }, once);
  }

  private async waiting(workplaceId: string, proposalId: string) {
    const proposal = await this.deps.store.proposal(workplaceId);
    if (!proposal) throw new UserError('NOT_FOUND', t.noProposal);
    if (proposal.id !== proposalId) throw new UserError('CONFLICT', t.proposalChanged);
    return proposal;
  }

  /** Applies an approved proposal (safe to repeat: the same values are written again) and clears it. */
  private async settle(proposal: SettingsProposal, once?: Once): Promise<FrameOutcome> {
    const missing = missingApprovals(proposal.approvals);
    if (missing.length) return { kind: 'pending', proposal, missing };
    const last = proposal.approvals.at(-1)!;
    const settings = await this.deps.svc.saveSettings(proposal.workplaceId, { ...(proposal.questions ? { questions: proposal.questions } : {}), seniorAge: proposal.seniorAge }, last.id, once);
    await this.deps.store.deleteProposal(proposal.workplaceId);
    return { kind: 'applied', settings };
  }
}
