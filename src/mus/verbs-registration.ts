/**
 * After the talk: the leader registers it as held (with the written udviklingsplan) or
 * not held (with a reason); the employee receives the plan and acknowledges it.
 */
import { access } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { formatIssues } from '../core/validation.js';
import { musText as t } from '../i18n/mus.js';
import { localDateOf } from '../shared/calendar.js';
import { PRIVATE_VERB, requireLeaderOf } from './access.js';
import { devPlanCard, noticeCard } from './cards.js';
import { MUS_VERBS, type DevPlan } from './model.js';
import { ackSchema, registerLabels, registerSchema } from './schemas.js';
import type { MusService } from './service.js';
import type { MusStore } from './store.js';

export function registrationVerbs({ svc, store }: { svc: MusService; store: MusStore }): FeaturePart {
  const register = defineVerb({
    verb: MUS_VERBS.register,
    ...PRIVATE_VERB,
    schema: registerSchema,
    labels: registerLabels,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data, { once }) {
      requireLeaderOf(principal, data.workplaceId);
      const talk = await store.talk(data.workplaceId, data.talkId);
      if (!talk) throw new UserError('NOT_FOUND', t.talkGone);
      // One registration per talk (the talk's ETag). A replay of this one (same leader, same
      // moment) finds it made and finishes the rest.
      const made = once?.replay === true && talk.status !== 'planned' && talk.registeredBy === principal.userId && talk.registeredAt === turn.now.toISOString();
      if (talk.status !== 'planned' && !made) throw new UserError('CONFLICT', t.talkNotPlanned);
      if (talk.start > turn.now) throw new UserError('CONFLICT', t.notYetHeld(talk.start, talk.end));
      if (data.outcome === 'notHeld') {
        await svc.registerNotHeld(talk, data.reason || 'other', principal.userId, turn.now, once, made);
        return { card: noticeCard(t.registeredNotHeld(talk.label)), ref: talk.label };
      }
      const heldOn = localDateOf(talk.start);
      if (data.followUpOn <= heldOn) throw new UserError('INVALID_INPUT', formatIssues([`${t.followUpOn}: ${t.followUpAfterHeld}`]));
      const at = turn.now.toISOString();
      const invites = await store.invites(talk.workplaceId, talk.id);
      const plans: DevPlan[] = invites.map((i) => ({
        workplaceId: talk.workplaceId,
        talkId: talk.id,
        aadObjectId: i.aadObjectId,
        name: i.name,
        heldOn,
        shortGoals: data.shortGoals,
        longGoals: data.longGoals,
        activities: data.activities,
        activityNote: data.activityNote,
        knowledgeSharing: data.knowledgeSharing,
        followUpOn: data.followUpOn,
        createdBy: principal.userId,
        createdAt: at,
      }));
      await svc.registerHeld(talk, plans, principal.userId, turn.now, once, made);
      return { card: noticeCard(t.registeredHeld(talk.label, data.followUpOn), 'good'), ref: talk.label };
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
      const talk = await store.talk(data.workplaceId, data.talkId);
      const at = turn.now.toISOString();
      // A replay of this acknowledgement finds its own moment on the plan and writes the event.
      if (!plan.acknowledgedAt || (once?.replay && plan.acknowledgedAt === at)) {
        if (!plan.acknowledgedAt) await store.acknowledgePlan(plan, at);
        await svc.record({ workplaceId: plan.workplaceId, actorId: principal.userId, type: 'mus.planAcknowledged', subject: plan.talkId }, once);
      }
      return { card: devPlanCard({ ...plan, acknowledgedAt: plan.acknowledgedAt ?? at }, talk?.leaderName ?? '', 'employee') };
    },
  });

  return { verbs: [register, ack] };
}
