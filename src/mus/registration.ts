/**
 * After the talk: the leader registers it as held (with the written udviklingsplan) or
 * not held (with a reason); the employee receives the plan and acknowledges it.
 */
import type { z } from 'zod';
import type { FeaturePart } from '../core/feature.js';
import { access, workplacesWithRole } from '../core/access.js';
import { explained, UserError } from '../core/errors.js';
import { defineCommand } from '../core/registry.js';
import { defineVerb } from '../core/router.js';
import { formatIssues } from '../core/validation.js';
import { musText as t } from '../i18n/mus.js';
import { CHANGED_MEANWHILE } from './context.js';
import { localDateOf } from '../shared/calendar.js';
import { requireLeaderOf } from './access.js';
import { devPlanCard, noticeCard } from './cards.js';
import { today, type MusContext } from './context.js';
import { registrationCardFor, schedulePlans, talkPrefix } from './jobs.js';
import type { DevPlan } from './model.js';
import { MUS_VERBS } from './model.js';
import { ackSchema, registerLabels, registerSchema } from './schemas.js';

/** How many registration cards one command answers with; the rest come with the next call. */
const MAX_CARDS = 5;

export function registrationFeature(ctx: MusContext): FeaturePart {
  const command = defineCommand({
    id: 'mus.register',
    name: 'registrér MUS',
    aliases: ['registrer mus', 'register mus'],
    description: t.cmd.register,
    scopes: ['personal'],
    allowed: access.role('leder'),
    async run(turn, principal) {
      const waiting = [];
      for (const wp of workplacesWithRole(principal, 'leder')) {
        const talks = await ctx.store.talks(wp.workplaceId);
        waiting.push(...talks.filter((x) => x.status === 'planned' && x.start <= turn.now));
      }
      if (waiting.length === 0) {
        await turn.reply({ text: t.nothingToRegister });
        return;
      }
      waiting.sort((a, b) => a.start.getTime() - b.start.getTime());
      for (const talk of waiting.slice(0, MAX_CARDS)) await turn.reply({ card: await registrationCardFor(ctx, talk, today(ctx)) });
    },
  });

  const register = defineVerb({
    verb: MUS_VERBS.register,
    scopes: ['personal'],
    wrongPlace: t.onlyPersonal,
    schema: registerSchema,
    labels: registerLabels,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data, { once }) {
      requireLeaderOf(principal, data.workplaceId);
      const talk = await ctx.store.talk(data.workplaceId, data.talkId);
      if (!talk) throw new UserError('NOT_FOUND', t.talkGone);
      const at = turn.now.toISOString();
      // One registration per talk: the talk row's ETag lets only one through. A replay of
      // this registration (same leader, same moment) finds it made and finishes the rest.
      const ours = once?.replay === true && talk.registeredBy === principal.userId && talk.registeredAt === at;
      if (talk.status !== 'planned' && !ours) throw new UserError('CONFLICT', t.talkNotPlanned);
      if (talk.start > turn.now) throw new UserError('CONFLICT', t.notYetHeld(talk.start, talk.end));
      if (data.outcome === 'notHeld') {
        if (!ours) await explained(ctx.store.register(talk, 'notHeld', principal.userId, at, [], data.reason || 'other'), CHANGED_MEANWHILE);
        await ctx.scheduler.cancelPrefix(talkPrefix(talk, talk.version));
        await ctx.events.append({ workplaceId: talk.workplaceId, actorId: principal.userId, type: 'mus.registered', subject: talk.id, data: { held: false } }, once);
        return { card: noticeCard(t.registeredNotHeld(talk.label)), ref: talk.label };
      }
      const heldOn = localDateOf(talk.start);
      if (data.followUpOn <= heldOn) throw new UserError('INVALID_INPUT', formatIssues([`${t.followUpOn}: ${t.followUpAfterHeld}`]));
      const invites = await ctx.store.invites(talk.workplaceId, talk.id);
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
      if (!ours) await explained(ctx.store.register(talk, 'held', principal.userId, at, plans), CHANGED_MEANWHILE);
      await ctx.scheduler.cancelPrefix(talkPrefix(talk, talk.version));
      await schedulePlans(ctx, talk, plans, turn.now);
      await ctx.events.append({ workplaceId: talk.workplaceId, actorId: principal.userId, type: 'mus.registered', subject: talk.id, data: { held: true, plans: plans.length } }, once);
      return { card: noticeCard(t.registeredHeld(talk.label, data.followUpOn), 'good'), ref: talk.label };
    },
  });

  const ack = defineVerb({
    verb: MUS_VERBS.ack,
    scopes: ['personal'],
    wrongPlace: t.onlyPersonal,
    schema: ackSchema,
    allowed: access.member,
    writes: true,
    async run(turn, principal, data, { once }) {
      // Only the employee's own plan is looked up: nobody can acknowledge (or read) another's.
      const plan = await ctx.store.plan(data.workplaceId, data.talkId, principal.userId);
      if (!plan) throw new UserError('FORBIDDEN', t.notYours);
      const talk = await ctx.store.talk(data.workplaceId, data.talkId);
      const at = turn.now.toISOString();
      // A replay of this acknowledgement finds its own time on the plan and writes the event.
      if (!plan.acknowledgedAt || (once?.replay && plan.acknowledgedAt === at)) {
        if (!plan.acknowledgedAt) await ctx.store.acknowledgePlan(plan, at);
        await ctx.events.append({ workplaceId: plan.workplaceId, actorId: principal.userId, type: 'mus.planAcknowledged', subject: plan.talkId }, once);
      }
      return { card: devPlanCard({ ...plan, acknowledgedAt: plan.acknowledgedAt ?? at }, talk?.leaderName ?? '', 'employee') };
    },
  });

  return { commands: [command], verbs: [register, ack] };
}
