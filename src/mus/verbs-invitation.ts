/**
 * The invitation in the employee's personal chat: accept, write preparation notes, or
 * ask for another time; and the leader's answer to such a request: move or keep.
 * Preparation notes are private (the employee and the leaders) and get the diagnosis
 * firewall's warning: a health word holds the save back until the employee confirms it.
 */
import { access, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { musText as t } from '../i18n/mus.js';
import { zonedInstant } from '../shared/calendar.js';
import { checkFreeText } from '../sickness/firewall.js';
import { PRIVATE_VERB, requireLeaderOf, requireParticipant } from './access.js';
import { changeCard, inviteCard, noticeCard } from './cards.js';
import { checkForm, typedOf, type FieldErrors } from './forms.js';
import { MUS_VERBS, type Invite, type Talk } from './model.js';
import { validateSlotChange } from './planner.js';
import { changeForm, keepSchema, moveForm, notesForm, versionedTalkRef } from './schemas.js';
import type { MusService } from './service.js';
import type { MusStore } from './store.js';

/** Still planned, at the version the card shows. */
function requireCurrent(talk: Talk, version: number): void {
  if (talk.status !== 'planned') throw new UserError('CONFLICT', t.talkNotPlanned);
  if (talk.version !== version) throw new UserError('CONFLICT', t.staleVersion);
}

/** The terms a "Gem alligevel" button confirmed ("stress,knæet"). */
const confirmedOf = (raw: unknown): string[] => (typeof raw === 'string' ? raw.split(',').map((x) => x.trim()).filter(Boolean).slice(0, 50) : []);

type Ref = { workplaceId: string; talkId: string; version: number } & Record<string, unknown>;
type Answer = (invite: Invite) => Invite;

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

  /**
   * The participant's own invitation answered: the form checked (errors at their field),
   * the notes through the firewall (held back with a warning until confirmed), then
   * saved. TR, AMR and colleagues are refused before anything is read. `after` runs once
   * the answer is stored and says what the card adds (when the leader hears of it).
   */
  const respond = async (verb: string, principal: Principal, data: Ref, now: Date, answer: Answer, after?: (talk: Talk) => Promise<string>) => {
    const talk = await loadTalk(data.workplaceId, data.talkId);
    requireParticipant(principal, talk);
    requireCurrent(talk, data.version);
    const invite = await store.invite(talk.workplaceId, talk.id, principal.userId);
    if (!invite) throw new UserError('NOT_FOUND', t.talkGone);
    const settings = await svc.settings(talk.workplaceId);
    const card = async (over: { invite?: Invite; errors?: FieldErrors; terms?: string[]; told?: string; typed?: boolean } = {}) =>
      inviteCard({
        talk,
        invite: over.invite ?? invite,
        notes: await store.notes(talk.workplaceId, talk.id, principal.userId),
        settings,
        ...(over.typed ? { typed: typedOf(data) } : {}),
        ...(over.errors ? { errors: over.errors } : {}),
        ...(over.terms ? { warning: { terms: over.terms, verb } } : {}),
        ...(over.told ? { told: over.told } : {}),
      });
    const form = checkForm(verb === MUS_VERBS.requestChange ? changeForm : notesForm, data);
    if (!form.ok) return { talk, saved: false, card: await card({ errors: form.errors, typed: true }) };
    const notes = form.data.notes;
    const { unconfirmed } = checkFreeText([notes], confirmedOf(data.confirmedTerms));
    if (unconfirmed.length) return { talk, saved: false, card: await card({ terms: unconfirmed, typed: true }) };
    if (notes !== undefined) await store.saveNotes(talk.workplaceId, talk.id, principal.userId, notes, now.toISOString());
    const wanted = invite.seniorOffered && (form.data.senior ?? (invite.seniorWanted ? 'true' : 'false')) === 'true';
    const updated = answer({ ...invite, seniorWanted: wanted });
    await store.saveInvite(updated);
    const told = after ? await after(talk) : '';
    return { talk, saved: true, card: await card({ invite: updated, told }) };
  };

  const accept = defineVerb({
    verb: MUS_VERBS.accept,
    ...PRIVATE_VERB,
    schema: versionedTalkRef,
    allowed: access.member,
    writes: true,
    async run(turn, principal, data, { once }) {
      const r = await respond(MUS_VERBS.accept, principal, data, turn.now, (i) => ({ ...i, response: 'accepted', respondedAt: turn.now.toISOString() }));
      if (r.saved) await svc.record({ workplaceId: r.talk.workplaceId, actorId: principal.userId, type: 'mus.accepted', subject: r.talk.id }, once);
      return r.saved ? { card: r.card } : { refused: true, card: r.card };
    },
  });

  const notes = defineVerb({
    verb: MUS_VERBS.notes,
    ...PRIVATE_VERB,
    schema: versionedTalkRef,
    allowed: access.member,
    writes: true,
    async run(turn, principal, data) {
      const r = await respond(MUS_VERBS.notes, principal, { ...data, notes: typeof data.notes === 'string' ? data.notes : '' }, turn.now, (i) => i);
      return r.saved ? { card: r.card, message: { text: t.notesSaved } } : { refused: true, card: r.card };
    },
  });

  const requestChange = defineVerb({
    verb: MUS_VERBS.requestChange,
    ...PRIVATE_VERB,
    schema: versionedTalkRef,
    allowed: access.member,
    writes: true,
    async run(turn, principal, data, { once }) {
      const reason = typeof data.reason === 'string' ? data.reason.trim() : '';
      const r = await respond(
        MUS_VERBS.requestChange,
        principal,
        data,
        turn.now,
        (i) => ({ ...i, response: 'changeRequested', changeReason: reason, respondedAt: turn.now.toISOString() }),
        async (talk) => t.leaderTold(await svc.requestChange(talk, principal.userId, turn.now, once)),
      );
      return r.saved ? { card: r.card } : { refused: true, card: r.card };
    },
  });

  const move = defineVerb({
    verb: MUS_VERBS.move,
    ...PRIVATE_VERB,
    schema: versionedTalkRef,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data, { once }) {
      const talk = await leadersTalk(principal, data, once?.replay);
      const aadObjectId = typeof data.aadObjectId === 'string' ? data.aadObjectId : '';
      const invite = (await store.invite(talk.workplaceId, talk.id, aadObjectId)) ?? (await store.invites(talk.workplaceId, talk.id))[0];
      const refused = (errors: FieldErrors) => {
        if (!invite) throw new UserError('INVALID_INPUT', Object.values(errors).join(' '));
        return { refused: true as const, card: changeCard(talk, invite, { typed: typedOf(data), errors }) };
      };
      const form = checkForm(moveForm, data);
      if (!form.ok) return refused(form.errors);
      const start = zonedInstant(form.data.date, form.data.time);
      if (talk.version !== data.version) {
        // A replay of a move that was stored: finish what followed it.
        const { moved, later } = await svc.moveTalk(talk, start, principal.userId, turn.now, once, data.version);
        return { card: noticeCard(t.moved(moved.label, moved.start, moved.end, later), 'good') };
      }
      if (start <= turn.now) return refused({ date: t.slotInPast });
      const slots = await svc.plannedTalksOf(talk.workplaceId, talk.leaderId);
      const index = slots.findIndex((s) => s.id === talk.id);
      const problem = validateSlotChange(slots, index, start, {
        period: { from: form.data.date, to: form.data.date },
        dailyWindow: { start: '00:00', end: '23:59' },
        participants: [],
        mode: talk.mode,
      });
      if (problem) return refused({ date: problem });
      const { moved, later } = await svc.moveTalk(talk, start, principal.userId, turn.now, once);
      return { card: noticeCard(t.moved(moved.label, moved.start, moved.end, later), 'good') };
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
      const later = await svc.keep(talk, invite, principal.userId, turn.now, once);
      return { card: noticeCard(t.kept(invite.name, later), 'good') };
    },
  });

  return { verbs: [accept, notes, requestChange, move, keep] };
}
