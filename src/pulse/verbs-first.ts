/**
 * "Start nu" and "Udskyd en uge" on the leaders' notice before the first round
 * (first-round.ts), in the leader's personal chat. Both are made once by storage, not by
 * a one-time key: a started round is the row of today's week (a second start finds it and
 * opens nothing), and the postponement sets the day the card names (pressing it twice, or
 * on two instances, sets the same day once).
 */
import { access, rolesIn, type Principal } from '../core/access.js';
import { noticeCard } from '../core/cards.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { formatDateTime } from '../i18n/da.js';
import { pulseText as t } from '../i18n/pulse.js';
import { isLocalDate } from '../shared/calendar.js';
import { z } from 'zod';
import { firstRoundCard, firstRoundState, storeStartsOn, type FirstRoundState } from './first-round.js';
import { openRoundAt } from './lifecycle.js';
import { PULSE_VERBS } from './model.js';
import { nextOpening, startNowTiming } from './schedule.js';
import type { PulseService } from './service.js';
import type { PulseSettings } from './settings.js';

const StartSchema = z.object({ workplaceId: z.string().min(1).max(80) });
const PostponeSchema = z.object({ workplaceId: z.string().min(1).max(80), startsOn: z.string().refine(isLocalDate) });

/** The first-round state of a workplace the principal leads, else a refusal. */
async function ledState(svc: PulseService, principal: Principal, workplaceId: string, now: Date): Promise<FirstRoundState> {
  const name = principal.memberships.find((m) => m.workplaceId === workplaceId)?.workplaceName ?? workplaceId;
  if (!rolesIn(principal, workplaceId).includes('leder')) throw new UserError('FORBIDDEN', t.first.notLeader(name));
  const state = await firstRoundState(svc, workplaceId, now);
  if (!state) throw new UserError('NOT_FOUND', t.first.notLeader(name));
  return state;
}

async function settingsNow(svc: PulseService, workplaceId: string, fallback: PulseSettings): Promise<PulseSettings> {
  const workplace = await svc.workplaces.get(workplaceId);
  return workplace ? svc.settingsFor(workplace) : fallback;
}

export function firstRoundVerbs(svc: PulseService): FeaturePart {
  const start = defineVerb({
    verb: PULSE_VERBS.start,
    scopes: ['personal'],
    schema: StartSchema,
    allowed: access.role('leder'),
    async run(turn, principal, data) {
      const state = await ledState(svc, principal, data.workplaceId, turn.now);
      const name = state.workplace.name;
      if (!state.settings.enabled) return { card: noticeCard(t.first.off(name), 'warning') };
      const open = await svc.openRound(data.workplaceId, turn.now);
      if (open) return { card: firstRoundCard(state), message: { text: t.first.running(open.weekLabel, formatDateTime(open.closesAt)) } };
      const timing = startNowTiming(state.settings, turn.now);
      const held = await svc.round(data.workplaceId, timing.id);
      if (held?.status === 'open') return { card: firstRoundCard({ ...state, round: held }), message: { text: t.first.running(held.weekLabel, formatDateTime(held.closesAt)) } };
      if (held) return { card: noticeCard(t.first.held(held.weekLabel, formatDateTime(nextOpening(state.settings, turn.now).opensAt))) };
      // From today on: a postponement no longer holds back the rounds after this one.
      await storeStartsOn(svc, data.workplaceId, timing.openDate);
      const workplace = (await svc.workplaces.get(data.workplaceId))!;
      const opened = await openRoundAt(svc, workplace, { ...state.settings, startsOn: timing.openDate }, timing);
      const round = opened?.round ?? (await svc.round(data.workplaceId, timing.id));
      if (!round) return { card: noticeCard(t.first.nobody(name), 'warning') };
      const after = await firstRoundState(svc, data.workplaceId, turn.now);
      return { card: firstRoundCard(after ?? state), message: { text: t.first.started(round.weekLabel, formatDateTime(round.closesAt)) } };
    },
  });

  const postpone = defineVerb({
    verb: PULSE_VERBS.postpone,
    scopes: ['personal'],
    schema: PostponeSchema,
    allowed: access.role('leder'),
    async run(turn, principal, data) {
      const state = await ledState(svc, principal, data.workplaceId, turn.now);
      if (state.round) {
        const { round } = state;
        const text = round.status === 'open' ? t.first.running(round.weekLabel, formatDateTime(round.closesAt)) : t.first.held(round.weekLabel, formatDateTime(nextOpening(state.settings, turn.now).opensAt));
        return { card: firstRoundCard(state), message: { text } };
      }
      // Never earlier than it already is: a second press of an older card changes nothing.
      await storeStartsOn(svc, data.workplaceId, data.startsOn, true);
      const settings = await settingsNow(svc, data.workplaceId, state.settings);
      const when = formatDateTime(nextOpening(settings, turn.now).opensAt);
      return { card: firstRoundCard({ ...state, settings }), message: { text: t.first.postponed(when) } };
    },
  });
  return { verbs: [start, postpone] };
}
