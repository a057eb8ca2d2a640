/**
 * Card verbs: the answer to a pulse card (personal chat) and the settings form
 * (TRIO/MED channel, leaders). The answer is never logged, never put in the event log
 * and never stored with the person (store.ts). It is an `anonymous` verb: the
 * dispatcher logs it without ids and to the minute, and the bot layer does not refresh
 * the person's conversation reference on it, so no row or log line records when a
 * person answered.
 */
import { access } from '../core/access.js';
import { noticeCard } from '../core/cards.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { pulseText as t } from '../i18n/pulse.js';
import { settingsCard } from './cards.js';
import { AnswerSchema, PULSE_VERBS } from './model.js';
import { ledWorkplace, settingsSummary, type PulseService } from './service.js';
import { settingsLabels, SettingsFormSchema } from './settings.js';

export function pulseVerbs(svc: PulseService): FeaturePart {
  const answer = defineVerb({
    verb: PULSE_VERBS.answer,
    scopes: ['personal'],
    schema: AnswerSchema,
    labels: t.answer.labels,
    // Answered in the personal chat it came to (scopes); membership and the invitation are checked in `run`.
    allowed: access.anyone,
    anonymous: true,
    async run(turn, principal, data) {
      if (!principal.memberships.some((m) => m.workplaceId === data.workplaceId)) throw new UserError('FORBIDDEN', t.answer.notMember);
      const round = await svc.store.round(data.workplaceId, data.round);
      if (!round || round.items.map((i) => i.id).join(',') !== data.items.join(',')) throw new UserError('NOT_FOUND', t.answer.stale);
      if (round.status !== 'open' || turn.now >= round.closesAt) return { card: noticeCard(t.answer.closed(round.weekLabel), 'warning') };
      const outcome = await svc.store.submit(round, turn.actor.aadObjectId, {
        scores: round.items.map((item, i) => ({ itemId: item.id, score: data.scores[i]! })),
        ...(data.comment ? { comment: data.comment } : {}),
      });
      if (outcome === 'notInvited') return { card: noticeCard(t.answer.notInvited, 'warning') };
      return { card: outcome === 'saved' ? noticeCard(t.answer.thanks, 'good') : noticeCard(t.answer.already) };
    },
  });

  const save = defineVerb({
    verb: PULSE_VERBS.saveSettings,
    scopes: ['channel'],
    schema: SettingsFormSchema,
    labels: settingsLabels,
    allowed: access.all(access.inForum('trio', 'med'), access.role('leder')),
    async run(_turn, principal, data) {
      const workplace = ledWorkplace(principal);
      if (workplace.workplaceId !== data.workplaceId) throw new UserError('FORBIDDEN', t.settings.notLeader(workplace.workplaceName));
      const { workplaceId: _id, ...change } = data;
      const saved = await svc.saveSettings(principal, workplace.workplaceId, change);
      return {
        card: settingsCard({ id: workplace.workplaceId, name: workplace.workplaceName }, saved),
        message: { text: t.settings.saved(workplace.workplaceName, settingsSummary(saved)) },
      };
    },
    invalid(raw, errors) {
      const id = typeof raw.workplaceId === 'string' ? raw.workplaceId : '';
      const name = typeof raw.workplaceName === 'string' ? raw.workplaceName : id;
      return settingsCard({ id, name }, raw, errors);
    },
  });
  return { verbs: [answer, save] };
}
