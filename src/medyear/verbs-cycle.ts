import { z } from 'zod';
import { explained, UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import type { Once } from '../core/once.js';
import { defineVerb, type VerbResult } from '../core/router.js';
import { actionsText } from '../i18n/actions.js';
import { medyearText as t } from '../i18n/medyear.js';
import { onceText } from '../i18n/once.js';
import { isLocalDate } from '../shared/calendar.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { actorOf, changerPlace, CHANGER, IN_FORUM, placeOf, type Place } from './access.js';
import { apvCard, kupCard, talkCard } from './cards.js';
import { APV_STEPS, MEDYEAR_VERBS as V, TALK_QUESTIONS, text } from './model.js';
import { withMajorChange, withStep, withSurvey } from './rules.js';
import { contentId, type MedYearService } from './service.js';
import { membersOf, ownerAndEnd } from './verbs-meeting.js';

const rev = z.coerce.number().int().min(0);
const optionalDate = text(10).refine((v) => v === '' || isLocalDate(v), t.badDate);

/** The APV cycle, the kompetenceudviklingsplan and the arbejdsmiljødrøftelse: the MED's yearly cycles. */
export function cycleVerbs(svc: MedYearService, workplaces: WorkplaceStore): FeaturePart {
  const apv = async (place: Place, note?: string): Promise<VerbResult['card']> =>
    apvCard({ workplaceName: place.workplaceName, apv: await svc.apv(place.workplaceId), actions: await svc.apvActions(place.workplaceId), today: svc.today(), members: await membersOf(workplaces, place.workplaceId), ...(note ? { note } : {}) });

  /** A button pressed on an older APV card changes nothing: the current card, saying so. */
  const changeApv = async (place: Place, pressedRev: number, decide: Parameters<MedYearService['changeApv']>[1], once: Once | undefined) => {
    let stale = false;
    await explained(
      svc.changeApv(place.workplaceId, (cur) => {
        if (cur.rev !== pressedRev) {
          stale = true;
          return cur;
        }
        return decide(cur);
      }, once),
      { CONFLICT: t.conflict },
    );
    return { card: await apv(place, stale ? t.stale : undefined) };
  };

  const apvShow = defineVerb({
    verb: V.apvShow,
    ...IN_FORUM,
    schema: z.object({}),
    async run(_turn, principal) {
      return { card: await apv(placeOf(principal)) };
    },
  });

  const apvSurvey = defineVerb({
    verb: V.apvSurvey,
    writes: true,
    ...CHANGER,
    schema: z.object({ rev, surveyedOn: text(10, t.apv.requiredSurvey).refine((v) => v === '' || isLocalDate(v), t.badDate) }),
    labels: { surveyedOn: t.apv.surveyLabel },
    async run(_turn, principal, d, { once }) {
      const place = changerPlace(principal);
      if (d.surveyedOn > svc.today()) throw new UserError('INVALID_INPUT', `${t.apv.surveyLabel}: ${t.apv.futureSurvey}.`);
      return changeApv(place, d.rev, (cur) => withSurvey(cur, d.surveyedOn), once);
    },
  });

  const apvStep = defineVerb({
    verb: V.apvStep,
    writes: true,
    ...CHANGER,
    schema: z.object({ rev, step: z.enum(APV_STEPS).exclude(['kortlaegning']) }),
    async run(_turn, principal, d, { once }) {
      const place = changerPlace(principal);
      // Done twice is done once: withStep leaves a done step as it is, so a stale rev is not needed here.
      await explained(svc.changeApv(place.workplaceId, (cur) => withStep(cur, d.step, svc.today()), once), { CONFLICT: t.conflict });
      return { card: await apv(place) };
    },
  });

  const apvMajorChange = defineVerb({
    verb: V.apvMajorChange,
    writes: true,
    ...CHANGER,
    schema: z.object({ rev, reason: text(500, t.apv.requiredReason) }),
    labels: { reason: t.apv.majorLabel },
    async run(_turn, principal, d, { once }) {
      const place = changerPlace(principal);
      return changeApv(place, d.rev, (cur) => withMajorChange(cur, svc.today(), d.reason), once);
    },
  });

  const apvFinding = defineVerb({
    verb: V.apvFinding,
    writes: { again: (ref) => (ref ? actionsText.alreadyCreated(ref) : onceText.again) },
    ...CHANGER,
    schema: z.object({ rev, finding: text(1000, t.apv.requiredFinding), owner: text(100), group: text(80), end: text(80) }),
    labels: { finding: t.apv.findingLabel },
    async run(turn, principal, d) {
      const place = changerPlace(principal);
      const chosen = ownerAndEnd(svc, await membersOf(workplaces, place.workplaceId), d.owner, d.group, d.end);
      const cycle = await svc.apv(place.workplaceId);
      const made = await svc.apvFinding(place.workplaceId, cycle, d.finding, chosen.owner, chosen.end, actorOf(principal, turn.actor.name));
      return { card: await apv(place, t.referat.becameAction(`H-${made.number}`)), ref: `H-${made.number}` };
    },
  });

  const kup = async (place: Place, note?: string) =>
    kupCard({ workplaceName: place.workplaceName, plan: await svc.kup(place.workplaceId), needs: await svc.needs(place.workplaceId), today: svc.today(), ...(note ? { note } : {}) });

  const kupShow = defineVerb({
    verb: V.kupShow,
    ...IN_FORUM,
    schema: z.object({}),
    async run(_turn, principal) {
      return { card: await kup(placeOf(principal)) };
    },
  });

  const kupActivity = defineVerb({
    verb: V.kupActivity,
    writes: true,
    ...CHANGER,
    schema: z.object({ what: text(300, t.kup.requiredWhat), who: text(120, t.kup.requiredWho), when: text(80, t.kup.requiredWhen) }),
    labels: { what: t.kup.whatLabel, who: t.kup.whoLabel, when: t.kup.whenLabel },
    async run(_turn, principal, d) {
      const place = changerPlace(principal);
      const id = contentId(d.what, d.who, d.when);
      await explained(
        svc.changeKup(place.workplaceId, (cur) => (cur.activities.some((a) => a.id === id) ? cur : { ...cur, activities: [...cur.activities, { id, ...d }] })),
        { CONFLICT: t.conflict },
      );
      return { card: await kup(place) };
    },
  });

  const kupSave = defineVerb({
    verb: V.kupSave,
    writes: true,
    ...CHANGER,
    schema: z.object({ supervision: text(2000), reviewOn: optionalDate }),
    labels: { supervision: t.kup.supervisionLabel, reviewOn: t.kup.reviewLabel },
    async run(_turn, principal, d) {
      const place = changerPlace(principal);
      await explained(
        svc.changeKup(place.workplaceId, (cur) => {
          const { reviewOn: _drop, ...rest } = cur;
          return { ...rest, supervision: d.supervision, ...(d.reviewOn ? { reviewOn: d.reviewOn } : {}) };
        }),
        { CONFLICT: t.conflict },
      );
      return { card: await kup(place) };
    },
  });

  const talk = async (place: Place, year: number, note?: string) => talkCard({ workplaceName: place.workplaceName, year, ...(await svc.talk(place.workplaceId, year)), ...(note ? { note } : {}) });

  const year = z.coerce.number().int().min(2000).max(2100);
  const talkShow = defineVerb({
    verb: V.talkShow,
    ...IN_FORUM,
    schema: z.object({ year }),
    async run(_turn, principal, d) {
      return { card: await talk(placeOf(principal), d.year) };
    },
  });

  const talkSave = defineVerb({
    verb: V.talkSave,
    writes: true,
    ...CHANGER,
    schema: z.object({ year, q_plan: text(2000), q_form: text(2000), q_lastGoals: text(2000), q_kup: text(2000), goal1: text(300), goal2: text(300), goal3: text(300) }),
    labels: { ...Object.fromEntries(TALK_QUESTIONS.map((q) => [`q_${q}`, t.talk.questions[q]])), goal1: t.talk.newGoalLabel(1), goal2: t.talk.newGoalLabel(2), goal3: t.talk.newGoalLabel(3) },
    async run(turn, principal, d) {
      const place = changerPlace(principal);
      const answers = { plan: d.q_plan, form: d.q_form, lastGoals: d.q_lastGoals, kup: d.q_kup };
      const goals = [d.goal1, d.goal2, d.goal3].filter((g): g is string => !!g);
      await explained(svc.saveTalk(place.workplaceId, d.year, answers, goals, actorOf(principal, turn.actor.name)), { CONFLICT: t.conflict });
      return { card: await talk(place, d.year) };
    },
  });

  return { verbs: [apvShow, apvSurvey, apvStep, apvMajorChange, apvFinding, kupShow, kupActivity, kupSave, talkShow, talkSave] };
}
