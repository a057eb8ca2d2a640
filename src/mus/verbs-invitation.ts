/**
 * The invitation in the employee's personal chat: accept, write preparation notes, or
 * ask for another time; and the leader's answer to such a request: move or keep.
 */
import type { z } from 'zod';
import { access, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { musText as t } from '../i18n/mus.js';
import { zonedInstant } from '../shared/calendar.js';
import { PRIVATE_VERB, requireLeaderOf, requireParticipant } from './access.js';
import { inviteCard, noticeCard } from './cards.js';
import { MUS_VERBS, type Invite, type Talk } from './model.js';
import { validateSlotChange } from './planner.js';
import { changeRequestSchema, inviteActionSchema, inviteLabels, keepSchema, moveLabels, moveSchema } from './schemas.js';
import type { MusService } from './service.js';
import type { MusStore } from './store.js';

type InviteData = z.infer<typeof inviteActionSchema>;

/** Still planned, at the version the card shows. */
function requireCurrent(talk: Talk, version: number): void {
  if (talk.status !== 'planned') throw new UserError('CONFLICT', t.talkNotPlanned);
  if (talk.version !== version) throw new UserError('CONFLICT', t.staleVersion);
}

export function invitationVerbs({ svc, store }: { svc: MusService; store: MusStore }): FeaturePart {
  const loadTalk = async (workplaceId: string, talkId: string) => {
    const talk = await store.talk(workplaceId, talkId);
    if (!talk) throw new UserError('NOT_FOUND', t.talkGone);
    return talk;
  };

  /**
   * The talk a leader answers a request about: at their workplace, as the card shows it. A
   * replay of a move that died after the move itself finds the talk one version on.
   */
  const leadersTalk = async (principal: Principal, data: { workplaceId: string; talkId: string; version: number }, replayedMove = false) => {
    const talk = await loadTalk(data.workplaceId, data.talkId);
    requireLeaderOf(principal, talk.workplaceId);
    if (replayedMove && talk.status === 'planned' && talk.version === data.version + 1) return talk;
    requireCurrent(talk, data.version);
    return talk;
  };

  /** The participant's own invitation, changed and saved; TR, AMR and colleagues are refused before anything is read. */
  const respond = async (principal: Principal, data: InviteData, now: Date, change: (i: Invite) => Invite) => {
    const talk = await loadTalk(data.workplaceId, data.talkId);
    requireParticipant(principal, talk);
    requireCurrent(talk, data.version);
    const invite = await store.invite(talk.workplaceId, talk.id, principal.userId);
    if (!invite) throw new UserError('NOT_FOUND', t.talkGone);
    if (data.notes !== undefined) await store.saveNotes(talk.workplaceId, talk.id, principal.userId, data.notes, now.toISOString());
    const updated = change({ ...invite, seniorWanted: invite.seniorOffered && (data.senior ?? (invite.seniorWanted ? 'true' : 'false')) === 'true' });
    await store.saveInvite(updated);
    const [notes, settings] = await Promise.all([store.notes(talk.workplaceId, talk.id, principal.userId), svc.settings(talk.workplaceId)]);
    return { talk, card: inviteCard({ talk, invite: updated, notes, settings }) };
  };

  const accept = defineVerb({
    verb: MUS_VERBS.accept,
    ...PRIVATE_VERB,
    schema: inviteActionSchema,
    labels: inviteLabels,
    allowed: access.member,
    writes: true,
    async run(turn, principal, data, { once }) {
      const r = await respond(principal, data, turn.now, (i) => ({ ...i, response: 'accepted', respondedAt: turn.now.toISOString() }));
      await svc.record({ workplaceId: r.talk.workplaceId, actorId: principal.userId, type: 'mus.accepted', subject: r.talk.id }, once);
      return { card: r.card };
    },
  });

  const notes = defineVerb({
    verb: MUS_VERBS.notes,
    ...PRIVATE_VERB,
    schema: inviteActionSchema,
    labels: inviteLabels,
    allowed: access.member,
    writes: true,
    async run(turn, principal, data) {
      const r = await respond(principal, { ...data, notes: data.notes ?? '' }, turn.now, (i) => i);
      return { card: r.card, message: { text: t.notesSaved } };
    },
  });

  const requestChange = defineVerb({
    verb: MUS_VERBS.requestChange,
    ...PRIVATE_VERB,
    schema: changeRequestSchema,
    labels: inviteLabels,
    allowed: access.member,
    writes: true,
    async run(turn, principal, data, { once }) {
      const r = await respond(principal, data, turn.now, (i) => ({ ...i, response: 'changeRequested', changeReason: data.reason, respondedAt: turn.now.toISOString() }));
      await svc.requestChange(r.talk, principal.userId, turn.now, once);
      return { card: r.card };
    },
  });

  const move = defineVerb({
    verb: MUS_VERBS.move,
    ...PRIVATE_VERB,
    schema: moveSchema,
    labels: moveLabels,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data, { once }) {
      const talk = await leadersTalk(principal, data, once?.replay);
      const start = zonedInstant(data.date, data.time);
      if (talk.version !== data.version) {
        const moved = await svc.moveTalk(talk, start, principal.userId, turn.now, once, data.version);
        return { card: noticeCard(t.moved(moved.label, moved.start, moved.end), 'good') };
      }
      if (start <= turn.now) throw new UserError('INVALID_INPUT', `${t.slotDate}: ${t.slotInPast}`);
      const slots = await svc.plannedTalksOf(talk.workplaceId, talk.leaderId);
      const index = slots.findIndex((s) => s.id === talk.id);
      const problem = validateSlotChange(slots, index, start, {
        period: { from: data.date, to: data.date },
        dailyWindow: { start: '00:00', end: '23:59' },
        participants: [],
        mode: talk.mode,
      });
      if (problem) throw new UserError('INVALID_INPUT', problem);
      const moved = await svc.moveTalk(talk, start, principal.userId, turn.now, once);
      return { card: noticeCard(t.moved(moved.label, moved.start, moved.end), 'good') };
    },
  });

  const keep = defineVerb({
    verb: MUS_VERBS.keep,
    ...PRIVATE_VERB,
    schema: keepSchema,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data, { once }) {
      const talk = await leadersTalk(principal, data);
      const invite = await store.invite(talk.workplaceId, talk.id, data.aadObjectId);
      // A replay of a keep that died after saving the invitation finishes what followed.
      const replayed = once?.replay === true && invite?.response === 'pending';
      if (!invite || (invite.response !== 'changeRequested' && !replayed)) throw new UserError('CONFLICT', t.noRequest);
      await svc.keep(talk, invite, principal.userId, turn.now, once);
      return { card: noticeCard(t.kept(invite.name), 'good') };
    },
  });

  return { verbs: [accept, notes, requestChange, move, keep] };
}
