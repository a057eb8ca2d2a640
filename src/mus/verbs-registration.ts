/**
 * Around the talk: the leader's card of one talk (answers, seniorsamtale wish and
 * preparation, from `MUS status` or a reminder); after it, the registration as held
 * (with the written udviklingsplan) or not held (with a reason); the employee receives
 * the plan and acknowledges it.
 */
import { access } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { musText as t } from '../i18n/mus.js';
import { localDateOf } from '../shared/calendar.js';
import { PRIVATE_VERB, requireLeaderOf } from './access.js';
import { noticeCard } from './cards.js';
import { registerCard, talkCard } from './cards-leader.js';
import { devPlanCard } from './cards-plan.js';
import { addError, typedOf } from './forms.js';
import { defaultFollowUp } from './jobs.js';
import { MUS_VERBS, type DevPlan } from './model.js';
import { ackSchema, parseRegistration, talkRef } from './schemas.js';
import type { MusService } from './service.js';
import type { MusStore } from './store.js';

export function registrationVerbs({ svc, store }: { svc: MusService; store: MusStore }): FeaturePart {
  /** A talk of a workplace the principal leads; "not found" and "not yours" read the same. */
  const leadersTalk = async (principal: Parameters<typeof requireLeaderOf>[0], workplaceId: string, talkId: string) => {
    requireLeaderOf(principal, workplaceId);
    const talk = await store.talk(workplaceId, talkId);
    if (!talk) throw new UserError('NOT_FOUND', t.talkGone);
    return talk;
  };

  const talk = defineVerb({
    verb: MUS_VERBS.talk,
    ...PRIVATE_VERB,
    schema: talkRef,
    allowed: access.role('leder'),
    async run(turn, principal, data) {
      const found = await leadersTalk(principal, data.workplaceId, data.talkId);
      const card = talkCard(found, await svc.prepared(found));
      // From the talk card itself (Opdatér) the card is replaced; from `MUS status` it comes as a new message.
      return data.from === 'status' ? { message: { card } } : { card };
    },
  });

  const register = defineVerb({
    verb: MUS_VERBS.register,
    ...PRIVATE_VERB,
    schema: talkRef,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data, { once }) {
      const found = await leadersTalk(principal, data.workplaceId, data.talkId);
      // One registration per talk (the talk's ETag). A replay of this one (same leader, same
      // moment) finds it made and finishes the rest.
      const made = once?.replay === true && found.status !== 'planned' && found.registeredBy === principal.userId && found.registeredAt === turn.now.toISOString();
      if (found.status !== 'planned' && !made) throw new UserError('CONFLICT', t.talkNotPlanned);
      if (found.start > turn.now) throw new UserError('CONFLICT', t.notYetHeld(found.start, found.end));
      const people = await svc.prepared(found);
      const form = parseRegistration(data);
      const heldOn = localDateOf(found.start);
      const errors = form.ok ? {} : { ...form.errors };
      if (form.ok && form.data.outcome === 'held' && form.data.followUpOn <= heldOn) addError(errors, 'followUpOn', t.followUpAfterHeld);
      if (!form.ok || Object.keys(errors).length) {
        return { refused: true, card: registerCard(found, people, defaultFollowUp(found, svc.today()), { typed: typedOf(data), errors }) };
      }
      const f = form.data;
      if (f.outcome === 'notHeld') {
        await svc.registerNotHeld(found, f.reason || 'other', principal.userId, turn.now, once, made);
        return { card: noticeCard(t.registeredNotHeld(found.label)), ref: found.label };
      }
      const at = turn.now.toISOString();
      const plans: DevPlan[] = people.map(({ invite }) => ({
        workplaceId: found.workplaceId,
        talkId: found.id,
        aadObjectId: invite.aadObjectId,
        name: invite.name,
        heldOn,
        shortGoals: f.shortGoals,
        longGoals: f.longGoals,
        activities: f.items.map((a) => ({ ...a, status: 'planned', note: '' })),
        knowledgeSharing: f.knowledgeSharing,
        followUpOn: f.followUpOn,
        seniorWanted: invite.seniorWanted,
        seniorNote: invite.seniorWanted ? f.seniorNote : '',
        followUps: [],
        createdBy: principal.userId,
        createdAt: at,
      }));
      const later = await svc.registerHeld(found, plans, principal.userId, turn.now, once, made);
      return { card: noticeCard(t.registeredHeld(found.label, f.followUpOn, later), 'good'), ref: found.label };
    },
  });

  const ack = defineVerb({
    verb: MUS_VERBS.ack,
    ...PRIVATE_VERB,
    schema: ackSchema,
    allowed: access.member,
    writes: true,
    async run(turn, principal, data, { once }) {
      // Only the employee's own plan is looked up: nobody can acknowledge (or read) another's.
      const plan = await store.plan(data.workplaceId, data.talkId, principal.userId);
      if (!plan) throw new UserError('FORBIDDEN', t.notYours);
      const found = await store.talk(data.workplaceId, data.talkId);
      const at = turn.now.toISOString();
      // A replay of this acknowledgement finds its own moment on the plan and writes the event.
      if (!plan.acknowledgedAt || (once?.replay && plan.acknowledgedAt === at)) {
        if (!plan.acknowledgedAt) await store.acknowledgePlan(plan, at);
        await svc.record({ workplaceId: plan.workplaceId, actorId: principal.userId, type: 'mus.planAcknowledged', subject: plan.talkId }, once);
      }
      return { card: devPlanCard({ ...plan, acknowledgedAt: plan.acknowledgedAt ?? at }, found?.leaderName ?? '', 'employee') };
    },
  });

  return { verbs: [talk, register, ack] };
}
