import { z } from 'zod';
import { access, rolesIn, type Forum, type Principal } from '../core/access.js';
import { renderCard } from '../core/cards.js';
import type { Clock } from '../core/clock.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import { defineVerb } from '../core/router.js';
import type { OutMessage, Scope, Turn } from '../core/types.js';
import type { EventLog } from '../events/event-log.js';
import { setupText as t } from '../i18n/setup.js';
import { forumSchema, workplaceIdFromName, workplaceNameSchema, SETUP_VERBS } from './model.js';
import type { WorkplaceStore } from './store.js';

export interface SetupDeps {
  workplaces: WorkplaceStore;
  events: EventLog;
  clock: Clock;
}

const setupArgs = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const m = /^(trio|med)\s+(.+)$/i.exec(s);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: t.setupUsage });
      return z.NEVER;
    }
    return { forum: m[1]!.toLowerCase() as Forum, name: m[2]! };
  })
  .pipe(z.object({ forum: forumSchema, name: workplaceNameSchema }));

export function welcomeMessage(scope: Scope): OutMessage {
  if (scope === 'personal') return { text: t.welcomePersonal };
  return {
    card: renderCard('welcome', {
      title: t.welcomeTitle,
      body: t.welcomeBody,
      setup: t.welcomeSetup,
      placeholder: t.namePlaceholder,
      makeTrio: t.makeTrio,
      makeMed: t.makeMed,
    }),
  };
}

/** Registers the current channel as a workplace's TRIO or MED channel. */
async function register(deps: SetupDeps, turn: Turn, principal: Principal, forum: Forum, name: string): Promise<string> {
  if (turn.where.scope !== 'channel' || !turn.where.teamId) throw new UserError('WRONG_PLACE', t.onlyInChannel);
  const id = workplaceIdFromName(name);
  const existing = await deps.workplaces.get(id);
  const isLeaderThere = existing ? rolesIn(principal, id).includes('leder') : false;
  if (existing && !isLeaderThere && !principal.bootstrapLeader) throw new UserError('FORBIDDEN', t.notLeaderOf(existing.name));
  let created = false;
  if (!existing) {
    created = await deps.workplaces.create(id, name.trim(), principal.userId);
    await deps.workplaces.upsertMember({
      workplaceId: id,
      workplaceName: name.trim(),
      aadObjectId: turn.actor.aadObjectId,
      teamsUserId: turn.actor.teamsUserId,
      name: turn.actor.name,
      roles: ['leder'],
    });
  } else if (!isLeaderThere) {
    // A bootstrap leader taking over an existing workplace becomes one of its leaders.
    await deps.workplaces.upsertMember({
      workplaceId: id,
      workplaceName: existing.name,
      aadObjectId: turn.actor.aadObjectId,
      teamsUserId: turn.actor.teamsUserId,
      name: turn.actor.name,
      roles: ['leder'],
    });
  }
  const workplaceName = existing?.name ?? name.trim();
  await deps.workplaces.linkChannel(id, forum, turn.where.conversationId, turn.where.teamId);
  // The channel's conversation reference was stored by the bot layer when this turn arrived.
  await deps.events.append({
    workplaceId: id,
    actorId: principal.userId,
    type: 'setup.channelRegistered',
    subject: forum,
    data: { created, channel: turn.where.conversationId },
  });
  return t.registered(t.forumName[forum], workplaceName, created);
}

export function setupCommands(deps: SetupDeps): FeaturePart {
  const setup = defineCommand({
    id: 'setup.channel',
    name: 'opsætning',
    aliases: ['setup', 'opsaetning'],
    usage: 'opsætning trio|med <arbejdssted>',
    description: 'Gør denne kanal til arbejdsstedets TRIO- eller MED-kanal (kun ledere).',
    scopes: ['channel'],
    allowed: access.leaderOrBootstrap,
    args: setupArgs,
    async run(turn, principal, args) {
      await turn.reply({ text: await register(deps, turn, principal, args.forum, args.name) });
    },
  });
  const registerVerb = defineVerb({
    verb: SETUP_VERBS.register,
    scopes: ['channel'],
    wrongPlace: t.onlyInChannel,
    schema: z.object({ forum: forumSchema, name: workplaceNameSchema }),
    labels: { name: 'Arbejdssted' },
    allowed: access.leaderOrBootstrap,
    async run(turn, principal, data) {
      const text = await register(deps, turn, principal, data.forum, data.name);
      return { card: renderCard('notice', { text, color: 'Good' }) };
    },
  });
  return { commands: [setup], verbs: [registerVerb] };
}
