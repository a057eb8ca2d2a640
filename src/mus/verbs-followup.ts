/**
 * The udviklingsplan after the talk: the employee or a leader opens it (from `MUS
 * status`, the plan card), and either of them records the follow-up: what happened to
 * each activity (planlagt, i gang, gennemført, droppet), what changes, revised goals, a
 * new activity and the next follow-up. Each follow-up is kept on the plan with who and when.
 */
import { access, type Principal } from '../core/access.js';
import { explained, UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { activityStatusNames, musText as t } from '../i18n/mus.js';
import { PRIVATE_VERB, requireEmployeeOrLeader } from './access.js';
import { activityLabel, devPlanCard, followUpCard } from './cards-plan.js';
import { addError, typedOf } from './forms.js';
import { MAX_PLAN_ACTIVITIES, MUS_VERBS, type DevPlan } from './model.js';
import { applyFollowUp } from './rules.js';
import { parseFollowUp, planRef } from './schemas.js';
import type { MusService } from './service.js';
import type { MusStore } from './store.js';

export function followUpVerbs({ svc, store }: { svc: MusService; store: MusStore }): FeaturePart {
  /** The plan and its talk, for its employee or a leader of the workplace; anyone else reads "not yours". */
  const loadPlan = async (principal: Principal, data: { workplaceId: string; talkId: string; aadObjectId: string }) => {
    const [plan, talk] = await Promise.all([store.plan(data.workplaceId, data.talkId, data.aadObjectId), store.talk(data.workplaceId, data.talkId)]);
    if (!plan || !talk) throw new UserError('FORBIDDEN', t.notYours);
    requireEmployeeOrLeader(principal, talk, plan.aadObjectId);
    return { plan, talk };
  };
  const rev = (data: Record<string, unknown>) => Number(data.rev ?? 0);

  const view = defineVerb({
    verb: MUS_VERBS.planView,
    ...PRIVATE_VERB,
    schema: planRef,
    allowed: access.member,
    async run(_turn, principal, data) {
      const { plan, talk } = await loadPlan(principal, data);
      const card = devPlanCard(plan, talk.leaderName, principal.userId === plan.aadObjectId ? 'employee' : 'leader');
      return data.from === 'status' ? { message: { card } } : { card };
    },
  });

  const open = defineVerb({
    verb: MUS_VERBS.followUpOpen,
    ...PRIVATE_VERB,
    schema: planRef,
    allowed: access.member,
    async run(_turn, principal, data) {
      const { plan } = await loadPlan(principal, data);
      return { message: { card: followUpCard(plan) } };
    },
  });

  const save = defineVerb({
    verb: MUS_VERBS.followUpSave,
    ...PRIVATE_VERB,
    schema: planRef,
    allowed: access.member,
    writes: true,
    async run(turn, principal, data, { once }) {
      const { plan, talk } = await loadPlan(principal, data);
      const typed = typedOf(data);
      const saved = plan.followUps.at(-1);
      if (once?.replay && plan.followUps.length === rev(data) + 1 && saved?.at === turn.now.toISOString() && saved.by === principal.userId) {
        // A replay after a crash: the plan has this follow-up; its reminders and event are finished.
        const moved = typeof data.nextFollowUpOn === 'string' && data.nextFollowUpOn !== '' && data.nextFollowUpOn === plan.followUpOn;
        await svc.followedUp(talk, moved ? { ...plan, followUpOn: '' } : plan, plan, principal.userId, once);
        return { card: devPlanCard(plan, talk.leaderName, principal.userId === plan.aadObjectId ? 'employee' : 'leader') };
      }
      if (plan.followUps.length !== rev(data)) {
        // Someone saved in between: show the plan as it is now, keep what this person wrote about the changes (nothing was written).
        return { refused: true, card: followUpCard(plan, { typed: { changes: typed.changes ?? '' }, notice: t.followUpStale(plan.followUps.at(-1)?.byName ?? '') }) };
      }
      const form = parseFollowUp(data, plan.activities.length, svc.today());
      if (!form.ok) return { refused: true, card: followUpCard(plan, { typed, errors: form.errors }) };
      const f = form.data;
      const { activities, changed } = applyFollowUp(plan.activities, f.updates, f.added);
      const revised = f.shortGoals !== plan.shortGoals || f.longGoals !== plan.longGoals;
      const notesChanged = f.updates.some((u) => plan.activities[u.index]?.note !== u.note);
      const errors = {};
      if (activities.length > MAX_PLAN_ACTIVITIES) addError(errors, 'new_kind', t.tooManyActivities(MAX_PLAN_ACTIVITIES));
      if (!changed.length && !f.added.length && !f.changes && !revised && !notesChanged && !f.nextFollowUpOn) addError(errors, 'changes', t.followUpNothing);
      if (Object.keys(errors).length) return { refused: true, card: followUpCard(plan, { typed, errors }) };
      const lines = [
        ...changed.map((c) => t.changedLine(activityLabel(plan.activities[c.index]!), activityStatusNames[c.from], activityStatusNames[c.to])),
        ...f.added.map((a) => t.addedLine(activityLabel(a))),
        ...(revised ? [t.goalsRevised] : []),
      ];
      const updated = await explained(
        store.updatePlan(plan.workplaceId, plan.talkId, plan.aadObjectId, (current): DevPlan => {
          if (current.followUps.length !== plan.followUps.length) throw new UserError('CONFLICT', t.changedMeanwhile);
          return {
            ...current,
            shortGoals: f.shortGoals,
            longGoals: f.longGoals,
            activities,
            ...(f.nextFollowUpOn ? { followUpOn: f.nextFollowUpOn } : {}),
            followUps: [...current.followUps, { at: turn.now.toISOString(), by: principal.userId, byName: principal.name, changed: lines, changes: f.changes }],
          };
        }),
        { CONFLICT: t.changedMeanwhile },
      );
      await svc.followedUp(talk, plan, updated, principal.userId, once);
      return { card: devPlanCard(updated, talk.leaderName, principal.userId === plan.aadObjectId ? 'employee' : 'leader'), message: { text: t.followUpSaved(f.nextFollowUpOn || undefined) } };
    },
  });

  return { verbs: [view, open, save] };
}
