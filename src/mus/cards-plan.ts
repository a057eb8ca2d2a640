/**
 * The udviklingsplan (cards/mus-devplan.json) as the employee and the leader read it, and
 * its follow-up form (cards/mus-followup.json), where either of them records what
 * happened to each activity, what changes, and the next follow-up.
 */
import { renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { activityNames, activityStatusNames, musText as t } from '../i18n/mus.js';
import { formatDanishDate } from '../shared/calendar.js';
import { errorSummary } from './cards.js';
import { fieldView, type FieldErrors, type Typed } from './forms.js';
import { MUS_VERBS, type DevPlan, type PlanActivity } from './model.js';
import { followUpIds } from './schemas.js';

const choices = (names: Record<string, string>) => Object.entries(names).map(([value, title]) => ({ title, value }));

/** "Kursus eller uddannelse: Kursus i medicinhåndtering" */
export const activityLabel = (a: Pick<PlanActivity, 'kind' | 'text'>): string => (a.text ? `${activityNames[a.kind]}: ${a.text}` : activityNames[a.kind]);

const followUpLines = (plan: DevPlan) => plan.followUps.map((f) => t.followUpEntry(f.at, f.byName, f.changed, f.changes));

export type PlanView = 'employee' | 'leader';

export function devPlanCard(plan: DevPlan, leaderName: string, view: PlanView): CardJson {
  const text = (s: string) => s.trim() || t.none;
  const activities = plan.activities.map((a) => t.activityLine(activityNames[a.kind], a.text, activityStatusNames[a.status], a.note));
  const ref = { workplaceId: plan.workplaceId, talkId: plan.talkId };
  return renderCard('mus-devplan', {
    title: t.planViewTitle(plan.name),
    intro: t.planViewIntro(leaderName, plan.heldOn),
    facts: [
      { title: t.heldOnLabel, value: formatDanishDate(plan.heldOn) },
      { title: t.followUpLabel, value: formatDanishDate(plan.followUpOn) },
      { title: t.ackLabel, value: plan.acknowledgedAt ? t.acknowledged(plan.acknowledgedAt) : t.notAcknowledged },
      ...(plan.seniorWanted ? [{ title: t.seniorLabel, value: t.seniorWantedValue }] : []),
    ],
    sections: [
      { heading: t.shortGoals, lines: [text(plan.shortGoals)] },
      { heading: t.longGoals, lines: [text(plan.longGoals)] },
      { heading: t.activities, lines: activities.length ? activities : [t.noActivity] },
      { heading: t.knowledgeSharing, lines: [text(plan.knowledgeSharing)] },
      ...(plan.seniorWanted || plan.seniorNote ? [{ heading: t.seniorNote, lines: [text(plan.seniorNote)] }] : []),
      ...(plan.followUps.length ? [{ heading: t.followUpsHeading, lines: followUpLines(plan) }] : []),
    ],
    privacy: view === 'leader' ? t.talkPrivacy : '',
    labels: t,
    canAcknowledge: view === 'employee' && !plan.acknowledgedAt,
    actionData: ref,
    followUpData: { ...ref, aadObjectId: plan.aadObjectId, rev: plan.followUps.length },
  });
}

/** The follow-up form of one plan: `rev` is how many follow-ups the card was made from (a newer save is not overwritten unseen). */
export function followUpCard(plan: DevPlan, form: { typed?: Typed; errors?: FieldErrors; notice?: string } = {}): CardJson {
  const field = (id: string, stored = '') => fieldView(form.typed, form.errors, id, stored);
  return renderCard('mus-followup', {
    title: t.followUpTitle(plan.name),
    intro: t.followUpIntro,
    notice: form.notice ?? '',
    errorSummary: errorSummary(form.errors),
    labels: t,
    facts: [
      { title: t.heldOnLabel, value: formatDanishDate(plan.heldOn) },
      { title: t.followUpLabel, value: formatDanishDate(plan.followUpOn) },
    ],
    f: {
      shortGoals: field('shortGoals', plan.shortGoals),
      longGoals: field('longGoals', plan.longGoals),
      changes: field('changes'),
      nextFollowUpOn: field('nextFollowUpOn'),
      new_kind: field(followUpIds.added.kind),
      new_text: field(followUpIds.added.text),
    },
    newError: form.errors?.[followUpIds.added.kind] ?? form.errors?.[followUpIds.added.text] ?? '',
    rows: plan.activities.map((a, i) => {
      const ids = followUpIds.row(i);
      return {
        label: activityLabel(a),
        statusId: ids.status,
        noteId: ids.note,
        status: form.typed?.[ids.status] ?? a.status,
        note: form.typed?.[ids.note] ?? a.note,
        error: form.errors?.[ids.status] ?? form.errors?.[ids.note] ?? '',
      };
    }),
    statuses: choices(activityStatusNames),
    activities: choices(activityNames),
    hasHistory: plan.followUps.length > 0,
    history: followUpLines(plan),
    saveData: { verb: MUS_VERBS.followUpSave, workplaceId: plan.workplaceId, talkId: plan.talkId, aadObjectId: plan.aadObjectId, rev: plan.followUps.length },
  });
}
