/**
 * Card verbs of vold, trusler og krænkelser: open and submit the form, show an episode,
 * mark a leader's step, record the employee's police decision, confirm or reject a
 * colleague's registration. Each re-checks access against the stored episode
 * (service.episodeFor): the card data only says which episode is meant.
 */
import { noticeCard } from '../core/cards.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import type { CardJson } from '../core/types.js';
import { onceText } from '../i18n/once.js';
import { LABEL, stepTitle, violenceText as t } from '../i18n/violence.js';
import { addDays, localDateOf } from '../shared/calendar.js';
import { findHealthTerms } from '../sickness/health-terms.js';
import { PRIVATE_VERB } from './access.js';
import { episodeCard, formCard, type FormValues } from './cards.js';
import { newForm } from './commands.js';
import { confirmInput, episodeRef, formInput, policeInput, registerInput, registerLabels, stepInput, type RegisterInput } from './inputs.js';
import { VIOLENCE_VERBS, type Episode } from './model.js';
import { occurredOnProblem } from './rules.js';
import type { ViolenceService } from './service.js';
import type { ViolencePolicy } from './settings.js';

const FORM_FIELDS = ['subject', 'occurredOn', 'occurredAt', 'place', 'kind', 'source', 'injured', 'absenceFrom', 'needsTalkNow', 'amrMayKnowName', 'description'] as const;

/** The values as typed, so a form shown again loses nothing. */
function valuesOf(raw: Record<string, unknown>): FormValues {
  return Object.fromEntries(FORM_FIELDS.flatMap((f) => (typeof raw[f] === 'string' ? [[f, raw[f]]] : []))) as FormValues;
}

export function violenceVerbs(svc: ViolenceService): FeaturePart {
  /** The episode's card, and the policy it was made with (one read). */
  const viewWith = async (e: Episode, as: 'leader' | 'employee', now: Date, lead?: string): Promise<{ card: CardJson; policy: ViolencePolicy }> => {
    const { policy, items } = await svc.timeline(e, localDateOf(now));
    return { card: episodeCard(e, items, policy, { as, ...(lead !== undefined ? { lead } : {}) }), policy };
  };
  const view = async (e: Episode, as: 'leader' | 'employee', now: Date, lead?: string): Promise<CardJson> => (await viewWith(e, as, now, lead)).card;

  const form = defineVerb({
    verb: VIOLENCE_VERBS.form,
    ...PRIVATE_VERB,
    schema: formInput,
    async run(_turn, p, d) {
      return { message: { card: await newForm(svc, p, d.workplace) } };
    },
  });

  const register = defineVerb({
    verb: VIOLENCE_VERBS.register,
    writes: { again: () => t.alreadyRegistered },
    ...PRIVATE_VERB,
    schema: registerInput,
    labels: registerLabels,
    async run(turn, p, d, { once }) {
      if (!p.memberships.some((m) => m.workplaceId === d.workplaceId)) throw new UserError('NOT_FOUND', t.notFound);
      const policy = await svc.policy(d.workplaceId);
      const again = (errors: string[], warnTerms: string[] = []) =>
        formCard({ workplaceId: d.workplaceId, formKey: d.formKey, colleagues: d.people, places: policy.places, values: valuesOf(d as unknown as Record<string, unknown>), errors, warnTerms });
      const problems = checks(d, policy.places, localDateOf(turn.now));
      const subjectId = d.subject === 'self' ? p.userId : d.subject;
      const employee = await svc.member(d.workplaceId, subjectId);
      if (!employee) problems.push(`${LABEL.who}: ${t.v.who}`);
      // Returned with its errors: nothing is stored, the same form may be sent again corrected.
      if (problems.length > 0 || !employee) return { refused: true, card: again(problems) };
      const terms = d.description ? findHealthTerms(d.description) : [];
      const unconfirmed = terms.filter((x) => !d.confirmedTerms.includes(x));
      if (unconfirmed.length > 0) return { refused: true, card: again([], terms) };
      const r = await svc.register(
        {
          workplaceId: d.workplaceId,
          formKey: d.formKey,
          employee,
          reporterId: p.userId,
          occurredOn: d.occurredOn,
          occurredAt: d.occurredAt,
          place: d.place,
          kind: d.kind,
          source: d.source,
          injured: d.injured,
          ...(d.absenceFrom ? { absenceFrom: d.absenceFrom } : {}),
          needsTalkNow: d.needsTalkNow,
          amrMayKnowName: d.amrMayKnowName,
          ...(d.description ? { description: d.description } : {}),
        },
        turn.now,
        once,
      );
      if (!r.created) return { card: noticeCard(t.alreadyRegistered, 'good') };
      const text = r.leaders === 0 ? t.noLeader : r.e.needsTalkNow ? t.registeredNeedsTalk : t.registered;
      if (r.e.employeeId !== p.userId) return { card: noticeCard(t.registeredForColleague(r.e.employeeName), 'good'), ...(r.leaders === 0 ? { message: { text: t.noLeader } } : {}) };
      return { card: noticeCard(text, 'good'), message: { card: await view(r.e, 'employee', turn.now) } };
    },
    invalid(raw, errors) {
      const people = registerInput.shape.people.parse(raw.people);
      const places = registerInput.shape.places.parse(raw.places);
      return formCard({ workplaceId: String(raw.workplaceId ?? ''), formKey: String(raw.formKey ?? ''), colleagues: people, places, values: valuesOf(raw), errors });
    },
  });

  const show = defineVerb({
    verb: VIOLENCE_VERBS.show,
    ...PRIVATE_VERB,
    schema: episodeRef,
    async run(turn, p, ref) {
      const { e, as } = await svc.episodeFor(p, turn.where, ref, ['leader', 'employee']);
      return { card: await view(e, as, turn.now) };
    },
  });

  const step = defineVerb({
    verb: VIOLENCE_VERBS.step,
    writes: true,
    ...PRIVATE_VERB,
    schema: stepInput,
    async run(turn, p, d, { once }) {
      await svc.episodeFor(p, turn.where, d, ['leader']);
      const next = await svc.markStep(d, d.step, p.userId, turn.now, once);
      const { card, policy } = await viewWith(next, 'leader', turn.now);
      return { card, message: { text: t.stepDone(stepTitle(d.step, policy.talkDays)) } };
    },
  });

  const police = defineVerb({
    verb: VIOLENCE_VERBS.police,
    writes: true,
    ...PRIVATE_VERB,
    schema: policeInput,
    async run(turn, p, d, { once }) {
      await svc.episodeFor(p, turn.where, d, ['employee']);
      const next = await svc.decidePolice(d, p.userId, d.decision, turn.now, once);
      return { card: await view(next, 'employee', turn.now), message: { text: t.policeSaved(d.decision === 'ja') } };
    },
  });

  const confirm = defineVerb({
    verb: VIOLENCE_VERBS.confirm,
    writes: true,
    ...PRIVATE_VERB,
    schema: confirmInput,
    async run(turn, p, d, { once }) {
      await svc.episodeFor(p, turn.where, d, ['employee']);
      const next = await svc.confirm(d, p.userId, d.amrMayKnowName, turn.now, once);
      return { card: await view(next, 'employee', turn.now), message: { text: t.confirmed } };
    },
  });

  const reject = defineVerb({
    verb: VIOLENCE_VERBS.reject,
    writes: true,
    ...PRIVATE_VERB,
    schema: episodeRef,
    async run(turn, p, ref, { once }) {
      const { e } = await svc.episodeFor(p, turn.where, ref, ['employee']);
      await svc.reject(e, turn.now, once);
      return { card: noticeCard(t.rejected, 'good') };
    },
  });

  /** The leader's "Opret handling" at the risk assessment: one action per episode, however often pressed. */
  const riskAction = defineVerb({
    verb: VIOLENCE_VERBS.riskAction,
    writes: { again: (ref) => (ref ? t.riskAction.again(ref) : onceText.again) },
    ...PRIVATE_VERB,
    schema: episodeRef,
    async run(turn, p, ref) {
      const { e } = await svc.episodeFor(p, turn.where, ref, ['leader']);
      const number = `H-${await svc.riskAction(e, { id: p.userId, name: p.name }, turn.now)}`;
      return { card: await view(e, 'leader', turn.now, t.riskAction.made(number)), ref: number };
    },
  });

  return { verbs: [form, register, show, step, police, confirm, reject, riskAction] };
}

/** The checks that need today and the workplace's place list (the schema cannot). */
function checks(d: RegisterInput, places: readonly string[], today: string): string[] {
  const out: string[] = [];
  const when = occurredOnProblem(d.occurredOn, today);
  if (when) out.push(`${LABEL.occurredOn}: ${when === 'future' ? t.v.future : t.v.old}`);
  if (d.absenceFrom && (d.absenceFrom < d.occurredOn || d.absenceFrom > addDays(today, 1))) out.push(`${LABEL.absenceFrom}: ${t.v.absenceFrom}`);
  if (!places.includes(d.place)) out.push(`${LABEL.place}: ${t.v.place}`);
  return out;
}
