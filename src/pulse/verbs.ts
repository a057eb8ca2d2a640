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
import { screenFields } from '../sickness/firewall.js';
import { firewallCard } from '../sickness/firewall-card.js';
import { settingsCard } from './cards.js';
import { AnswerSchema, COMMENT_MAX, NOT_APPLICABLE, PULSE_VERBS } from './model.js';
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
      const round = await svc.round(data.workplaceId, data.round);
      if (!round || round.items.map((i) => i.id).join(',') !== data.items.join(',')) throw new UserError('NOT_FOUND', t.answer.stale);
      if (round.status !== 'open' || turn.now >= round.closesAt) return { card: noticeCard(t.answer.closed(round.weekLabel), 'warning') };
      const refused = round.items.findIndex((item, i) => data.scores[i] === null && !item.notApplicable);
      if (refused >= 0) throw new UserError('INVALID_INPUT', `${t.answer.labels[`q${refused + 1}`]}: ${t.answer.notApplicableRefused}`);
      // TRIO and MED read the comments word for word: health words are held back until the writer confirms them.
      const screen = screenFields({ comment: data.comment }, data.confirmedTerms);
      if (screen.held) {
        const answered = { workplaceId: data.workplaceId, round: data.round, items: data.items, ...Object.fromEntries(data.scores.map((s, i) => [`q${i + 1}`, s === null ? NOT_APPLICABLE : String(s)])) };
        const fields = [{ id: 'comment', label: t.card.commentLabel, value: data.comment ?? '', maxLength: COMMENT_MAX }];
        return { refused: true, card: firewallCard({ verb: PULSE_VERBS.answer, data: answered, screen, fields, where: 'pulse' }) };
      }
      const outcome = await svc.submit(round, turn.actor.aadObjectId, {
        // "Ikke relevant" is no score: it is left out of the ballot, so of every mean and count.
        scores: round.items.flatMap((item, i) => {
          const score = data.scores[i];
          return score === null || score === undefined ? [] : [{ itemId: item.id, score }];
        }),
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
