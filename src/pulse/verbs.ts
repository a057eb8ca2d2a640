/**
 * Card verbs: the answer to a pulse card (personal chat) and the settings form
 * (TRIO/MED channel, leaders). The answer is never logged, never put in the event log
 * and never stored with the person: see store.ts.
 */
import { z } from 'zod';
import { access, rolesIn, type Principal } from '../core/access.js';
import { noticeCard } from '../core/cards.js';
import { UserError } from '../core/errors.js';
import { defineVerb, type Verb } from '../core/router.js';
import type { EventLog } from '../events/event-log.js';
import { pulseText as t } from '../i18n/pulse.js';
import { ANSWER_VERB, settingsCard, SETTINGS_VERB } from './cards.js';
import { settingsFor, type PulseCore } from './lifecycle.js';
import { settingsLabels, SettingsFormSchema, type PulseSettings } from './settings.js';
import { COMMENT_MAX } from './store.js';

const SCORES = ['1', '2', '3', '4', '5'] as const;
const score = z.enum(SCORES);

export const AnswerSchema = z
  .object({
    workplaceId: z.string().min(1).max(80),
    round: z.string().regex(/^\d{4}-W\d{2}$/),
    items: z.array(z.string().min(1).max(40)).min(1).max(3),
    q1: z.unknown().optional(),
    q2: z.unknown().optional(),
    q3: z.unknown().optional(),
    comment: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v === null ? undefined : v),
      z.string().max(COMMENT_MAX, t.answer.commentTooLong(COMMENT_MAX)).optional(),
    ),
  })
  .superRefine((d, ctx) => {
    d.items.forEach((_, i) => {
      const key = `q${i + 1}` as 'q1' | 'q2' | 'q3';
      if (!score.safeParse(d[key]).success) ctx.addIssue({ code: 'custom', path: [key], message: t.answer.scoreMissing });
    });
  })
  .transform((d) => ({
    workplaceId: d.workplaceId,
    round: d.round,
    items: d.items,
    scores: d.items.map((_, i) => Number(d[`q${i + 1}` as 'q1' | 'q2' | 'q3'])),
    ...(d.comment ? { comment: d.comment } : {}),
  }));
export type AnswerData = z.output<typeof AnswerSchema>;


/** The channel's workplace when the principal leads it, else a refusal. */
export function ledWorkplace(principal: Principal): { workplaceId: string; workplaceName: string } {
  if (!principal.channel) throw new UserError('WRONG_PLACE', t.settings.needChannel);
  if (!rolesIn(principal, principal.channel.workplaceId).includes('leder')) {
    throw new UserError('FORBIDDEN', t.settings.notLeader(principal.channel.workplaceName));
  }
  return principal.channel;
}

export async function saveSettings(
  core: PulseCore,
  events: EventLog,
  principal: Principal,
  workplaceId: string,
  change: Partial<PulseSettings>,
): Promise<PulseSettings> {
  const workplace = await core.workplaces.get(workplaceId);
  if (!workplace) throw new UserError('NOT_FOUND', t.settings.needChannel);
  const before = settingsFor(core, workplace);
  const after: PulseSettings = { ...before, ...change };
  await core.workplaces.updateSettings(workplaceId, 'pulse', after);
  await events.append({
    workplaceId,
    actorId: principal.userId,
    type: 'pulse.settingsChanged',
    data: { old: JSON.stringify(before), new: JSON.stringify(after) },
  });
  return after;
}

export function settingsSummary(s: PulseSettings): string {
  return t.settings.summary(s.enabled, s.weekday, s.time, s.minScores, s.minComments);
}

export function pulseVerbs(core: PulseCore, events: EventLog): Verb[] {
  const answer = defineVerb({
    verb: ANSWER_VERB,
    scopes: ['personal'],
    schema: AnswerSchema,
    labels: t.answer.labels,
    // Answered in the personal chat it came to (scopes); membership is checked in `run`.
    allowed: access.anyone,
    async run(turn, principal, data) {
      if (!principal.memberships.some((m) => m.workplaceId === data.workplaceId)) throw new UserError('FORBIDDEN', t.answer.notMember);
      const round = await core.store.round(data.workplaceId, data.round);
      if (!round || round.items.map((i) => i.id).join(',') !== data.items.join(',')) throw new UserError('NOT_FOUND', t.answer.stale);
      if (round.status !== 'open' || turn.now >= round.closesAt) return { card: noticeCard(t.answer.closed(round.weekLabel), 'warning') };
      const outcome = await core.store.submit(round.workplaceId, round.id, turn.actor.aadObjectId, {
        scores: round.items.map((item, i) => ({ itemId: item.id, score: data.scores[i]! })),
        ...(data.comment ? { comment: data.comment } : {}),
      });
      return { card: outcome === 'saved' ? noticeCard(t.answer.thanks, 'good') : noticeCard(t.answer.already) };
    },
  });

  const save = defineVerb({
    verb: SETTINGS_VERB,
    scopes: ['channel'],
    schema: SettingsFormSchema,
    labels: settingsLabels,
    allowed: access.all(access.inForum('trio', 'med'), access.role('leder')),
    async run(_turn, principal, data) {
      const workplace = ledWorkplace(principal);
      if (workplace.workplaceId !== data.workplaceId) throw new UserError('FORBIDDEN', t.settings.notLeader(workplace.workplaceName));
      const { workplaceId: _id, ...change } = data;
      const saved = await saveSettings(core, events, principal, workplace.workplaceId, change);
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
  return [answer, save];
}
