/**
 * The invitation in the employee's personal chat: accept, write preparation notes, or
 * ask for another time; and the leader's answer to such a request: move or keep.
 */
import type { z } from 'zod';
import type { Once } from '../core/once.js';
import type { FeaturePart } from '../core/feature.js';
import { access, type Principal } from '../core/access.js';
import { explained, UserError } from '../core/errors.js';
import { defineVerb } from '../core/router.js';
import { musText as t } from '../i18n/mus.js';
import { CHANGED_MEANWHILE } from './context.js';
import { zonedInstant } from '../shared/calendar.js';
import { requireLeaderOf, requireParticipant } from './access.js';
import { inviteCard, noticeCard } from './cards.js';
import { plannedTalksOf, settingsOf, type MusContext } from './context.js';
import { MUS_JOBS, scheduleTalk, talkPrefix } from './jobs.js';
import type { Invite, Talk } from './model.js';
import { MUS_VERBS } from './model.js';
import { validateSlotChange } from './planner.js';
import { changeRequestSchema, inviteActionSchema, inviteLabels, keepSchema, moveLabels, moveSchema } from './schemas.js';

type InviteData = z.infer<typeof inviteActionSchema>;

async function loadTalk(ctx: MusContext, workplaceId: string, talkId: string) {
  const talk = await ctx.store.talk(workplaceId, talkId);
  if (!talk) throw new UserError('NOT_FOUND', t.talkGone);
  return talk;
}

/** Still planned, at the version the card shows. */
function requireCurrent(talk: Talk, version: number): void {
  if (talk.status !== 'planned') throw new UserError('CONFLICT', t.talkNotPlanned);
  if (talk.version !== version) throw new UserError('CONFLICT', t.staleVersion);
}

/** The talk a leader answers a request about: at their workplace, as the card shows it. */
async function leadersTalk(ctx: MusContext, principal: Principal, data: { workplaceId: string; talkId: string; version: number }, movedBy?: Once) {
  const talk = await loadTalk(ctx, data.workplaceId, data.talkId);
  requireLeaderOf(principal, talk.workplaceId);
  // A replay of a move that died after the move itself finds the talk one version on.
  if (movedBy?.replay && talk.status === 'planned' && talk.version === data.version + 1) return talk;
  requireCurrent(talk, data.version);
  return talk;
}

/** Loads the participant's own invitation; TR, AMR and colleagues are refused before anything is read. */
async function ownInvite(ctx: MusContext, principal: Principal, data: InviteData): Promise<{ talk: Talk; invite: Invite }> {
  const talk = await loadTalk(ctx, data.workplaceId, data.talkId);
  requireParticipant(principal, talk);
  requireCurrent(talk, data.version);
  const invite = await ctx.store.invite(talk.workplaceId, talk.id, principal.userId);
  if (!invite) throw new UserError('NOT_FOUND', t.talkGone);
  return { talk, invite };
}

async function respond(ctx: MusContext, principal: Principal, data: InviteData, now: Date, change: (i: Invite) => Invite) {
  const { talk, invite } = await ownInvite(ctx, principal, data);
  if (data.notes !== undefined) await ctx.store.saveNotes(talk.workplaceId, talk.id, principal.userId, data.notes, now.toISOString());
  const updated = change({ ...invite, seniorWanted: invite.seniorOffered && (data.senior ?? (invite.seniorWanted ? 'true' : 'false')) === 'true' });
  await ctx.store.saveInvite(updated);
  const [notes, settings] = await Promise.all([ctx.store.notes(talk.workplaceId, talk.id, principal.userId), settingsOf(ctx, talk.workplaceId)]);
  return { talk, invite: updated, card: inviteCard({ talk, invite: updated, notes, settings }) };
}

export function invitationVerbs(ctx: MusContext): FeaturePart {
  const accept = defineVerb({
    verb: MUS_VERBS.accept,
    scopes: ['personal'],
    wrongPlace: t.onlyPersonal,
    schema: inviteActionSchema,
    labels: inviteLabels,
    allowed: access.member,
    writes: true,
    async run(turn, principal, data, { once }) {
      const r = await respond(ctx, principal, data, turn.now, (i) => ({ ...i, response: 'accepted', respondedAt: turn.now.toISOString() }));
      await ctx.events.append({ workplaceId: r.talk.workplaceId, actorId: principal.userId, type: 'mus.accepted', subject: r.talk.id }, once);
      return { card: r.card };
    },
  });

  const notes = defineVerb({
    verb: MUS_VERBS.notes,
    scopes: ['personal'],
    wrongPlace: t.onlyPersonal,
    schema: inviteActionSchema,
    labels: inviteLabels,
    allowed: access.member,
    writes: true,
    async run(turn, principal, data) {
      const r = await respond(ctx, principal, { ...data, notes: data.notes ?? '' }, turn.now, (i) => i);
      return { card: r.card, message: { text: t.notesSaved } };
    },
  });

  const requestChange = defineVerb({
    verb: MUS_VERBS.requestChange,
    scopes: ['personal'],
    wrongPlace: t.onlyPersonal,
    schema: changeRequestSchema,
    labels: inviteLabels,
    allowed: access.member,
    writes: true,
    async run(turn, principal, data, { once }) {
      const r = await respond(ctx, principal, data, turn.now, (i) => ({ ...i, response: 'changeRequested', changeReason: data.reason, respondedAt: turn.now.toISOString() }));
      await ctx.scheduler.schedule({
        key: `${talkPrefix(r.talk, r.talk.version)}change:${principal.userId}:${turn.now.getTime()}`,
        kind: MUS_JOBS.change,
        workplaceId: r.talk.workplaceId,
        target: { kind: 'user', aadObjectId: r.talk.leaderId },
        dueAt: turn.now,
        payload: { talkId: r.talk.id, version: r.talk.version, aadObjectId: principal.userId },
      });
      await ctx.events.append({ workplaceId: r.talk.workplaceId, actorId: principal.userId, type: 'mus.changeRequested', subject: r.talk.id }, once);
      return { card: r.card };
    },
  });

  const move = defineVerb({
    verb: MUS_VERBS.move,
    scopes: ['personal'],
    wrongPlace: t.onlyPersonal,
    schema: moveSchema,
    labels: moveLabels,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data, { once }) {
      const found = await leadersTalk(ctx, principal, data, once);
      const start = zonedInstant(data.date, data.time);
      if (found.version !== data.version) {
        // Replay: the move was made; what followed it is finished (keyed and idempotent).
        await ctx.scheduler.cancelPrefix(talkPrefix(found, data.version));
        await scheduleTalk(ctx, found, found.participantIds, turn.now, { moved: true });
        await ctx.events.append({ workplaceId: found.workplaceId, actorId: principal.userId, type: 'mus.moved', subject: found.id, data: { version: found.version } }, once);
        return { card: noticeCard(t.moved(found.label, found.start, found.end), 'good') };
      }
      const talk = found;
      if (start <= turn.now) throw new UserError('INVALID_INPUT', `${t.slotDate}: ${t.slotInPast}`);
      const slots = await plannedTalksOf(ctx, talk.workplaceId, talk.leaderId);
      const index = slots.findIndex((s) => s.id === talk.id);
      const problem = validateSlotChange(slots, index, start, {
        period: { from: data.date, to: data.date },
        dailyWindow: { start: '00:00', end: '23:59' },
        participants: [],
        mode: talk.mode,
      });
      if (problem) throw new UserError('INVALID_INPUT', problem);
      const end = new Date(start.getTime() + (talk.end.getTime() - talk.start.getTime()));
      const moved = await explained(ctx.store.moveTalk(talk, start, end, await ctx.store.invites(talk.workplaceId, talk.id)), CHANGED_MEANWHILE);
      await ctx.scheduler.cancelPrefix(talkPrefix(talk, talk.version));
      await scheduleTalk(ctx, moved, moved.participantIds, turn.now, { moved: true });
      await ctx.events.append({ workplaceId: talk.workplaceId, actorId: principal.userId, type: 'mus.moved', subject: talk.id, data: { version: moved.version } }, once);
      return { card: noticeCard(t.moved(moved.label, moved.start, moved.end), 'good') };
    },
  });

  const keep = defineVerb({
    verb: MUS_VERBS.keep,
    scopes: ['personal'],
    wrongPlace: t.onlyPersonal,
    schema: keepSchema,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data, { once }) {
      const talk = await leadersTalk(ctx, principal, data);
      const invite = await ctx.store.invite(talk.workplaceId, talk.id, data.aadObjectId);
      const requested = invite?.response === 'changeRequested';
      // A replay of a keep that died after saving the invitation finishes what followed.
      if (!invite || (!requested && !(once?.replay && invite.response === 'pending'))) throw new UserError('CONFLICT', t.noRequest);
      if (requested) {
        const { changeReason: _reason, ...rest } = invite;
        await ctx.store.saveInvite({ ...rest, response: 'pending' });
      }
      await scheduleTalk(ctx, talk, [invite.aadObjectId], turn.now, { kept: true });
      await ctx.events.append({ workplaceId: talk.workplaceId, actorId: principal.userId, type: 'mus.kept', subject: talk.id }, once);
      return { card: noticeCard(t.kept(invite.name), 'good') };
    },
  });

  return { verbs: [accept, notes, requestChange, move, keep] };
}
