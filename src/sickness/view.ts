/**
 * What the case cards read, joined once: the timeline, the names of the people a card
 * mentions, and who the leader may hand the case or a contact to. Every verb that
 * changes a case answers with `leaderCard` (the updated case card with a short
 * confirmation on top) or `employeeCard`.
 */
import type { CardJson } from '../core/types.js';
import { localDateOf } from '../shared/calendar.js';
import { caseCard, confirmCard, employeeCard } from './cards.js';
import type { SicknessCase } from './model.js';
import type { SicknessService } from './service.js';

export class SicknessView {
  constructor(private readonly svc: SicknessService) {}

  /** The leader's card of a case: the confirm card while only reported, else the case card. */
  async leaderCard(c: SicknessCase, viewerId: string, now: Date, confirmation?: string): Promise<CardJson> {
    if (c.status === 'meldt') return confirmCard(c);
    const today = localDateOf(now);
    const [{ policy, items }, members] = await Promise.all([this.svc.timeline(c, today), this.svc.members(c.workplaceId)]);
    const others = members.filter((m) => m.aadObjectId !== c.employeeId && m.aadObjectId !== viewerId);
    const isCaseLeader = c.leaderId === viewerId;
    return caseCard({
      c,
      items,
      policy,
      today,
      names: new Map(members.map((m) => [m.aadObjectId, m.name])),
      otherLeaders: others.filter((m) => m.roles.includes('leder')).map((m) => ({ title: m.name, value: m.aadObjectId })),
      contactPeople: others.map((m) => ({ title: m.name, value: m.aadObjectId })),
      isCaseLeader,
      canTakeOver: !isCaseLeader && c.status === 'aktiv' && !members.some((m) => m.aadObjectId === c.leaderId && m.roles.includes('leder')),
      ...(confirmation ? { confirmation } : {}),
    });
  }

  /** The employee's own card. */
  async employeeCard(c: SicknessCase, now: Date, confirmation?: string): Promise<CardJson> {
    const hasTr = (await this.svc.trsFor(c)).length > 0;
    return employeeCard(c, localDateOf(now), hasTr, confirmation);
  }
}
