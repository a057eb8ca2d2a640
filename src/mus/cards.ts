/**
 * Typed data for every MUS card (cards/mus-*.json). The templates only bind and repeat;
 * every decision (who sees what, which status line) is made here.
 */
import { noticeCard, renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { activityNames, musText as t, notHeldNames, talkTime } from '../i18n/mus.js';
import { formatDanishDate, localDateOf, localTimeOf, type LocalDate } from '../shared/calendar.js';
import type { EmployeeMusStatus, MusCounts, MusState } from './due.js';
import type { DevPlan, Draft, Invite, MusSettings, PlanParams, Talk } from './model.js';
import { MUS_VERBS } from './model.js';

export { noticeCard };

const choices = (names: Record<string, string>) => Object.entries(names).map(([value, title]) => ({ title, value }));

export function planCard(input: {
  workplaceId: string;
  workplaceName: string;
  people: { id: string; name: string }[];
  selected: string[];
  defaults: PlanParams;
}): CardJson {
  const d = input.defaults;
  return renderCard('mus-plan', {
    title: t.planTitle(input.workplaceName),
    intro: t.planIntro,
    labels: t,
    from: d.from,
    to: d.to,
    windowStart: d.windowStart,
    windowEnd: d.windowEnd,
    duration: d.durationMinutes,
    place: d.place,
    mode: d.mode,
    selected: input.selected.join(','),
    people: input.people.map((p) => ({ ...p, groupInputId: `g_${p.id}`, groupLabel: t.groupOf(p.name) })),
    proposeData: { verb: MUS_VERBS.propose, workplaceId: input.workplaceId },
  });
}

export function draftCard(draft: Draft, status = ''): CardJson {
  const data = { workplaceId: draft.workplaceId, draftId: draft.id };
  return renderCard('mus-draft', {
    title: t.draftTitle,
    intro: t.draftIntro(draft.params.from, draft.params.to, draft.params.durationMinutes, draft.params.place),
    labels: { date: t.slotDate, time: t.slotTime, send: t.sendInvites, save: t.saveDraft },
    slots: draft.slots.map((s, i) => ({
      label: s.label,
      members: draft.params.mode === 'group' && s.participantIds.length > 1 ? t.groupMembers(s.participantIds.map((id) => draft.names[id] ?? id)) : '',
      dateId: `d_${i}`,
      timeId: `t_${i}`,
      date: localDateOf(s.start),
      time: localTimeOf(s.start),
    })),
    unplanned: draft.unplannedNames.length ? t.unplanned(draft.unplannedNames) : '',
    status,
    sendData: { verb: MUS_VERBS.send, ...data },
    saveData: { verb: MUS_VERBS.draftSave, ...data },
  });
}

export function inviteCard(input: {
  talk: Talk;
  invite: Invite;
  notes: string;
  settings: MusSettings;
  moved?: boolean;
  kept?: boolean;
}): CardJson {
  const { talk, invite } = input;
  const status =
    invite.response === 'accepted' ? t.statusAccepted : invite.response === 'changeRequested' ? t.statusChange : input.kept ? t.statusKept : '';
  return renderCard('mus-invite', {
    title: input.moved ? t.movedTitle : t.inviteTitle,
    status,
    labels: t,
    when: talkTime(talk.start, talk.end),
    place: talk.place,
    leader: talk.leaderName,
    kind: talk.mode === 'group' && talk.participantIds.length > 1 ? t.kindGroup(talk.label) : t.kindIndividual,
    questions: input.settings.questions.map((q) => ({ q })),
    seniorOffered: invite.seniorOffered,
    seniorText: t.seniorText(input.settings.seniorAge),
    senior: invite.seniorWanted ? 'true' : 'false',
    notes: input.notes,
    actionData: { workplaceId: talk.workplaceId, talkId: talk.id, version: talk.version },
  });
}

export function changeCard(talk: Talk, invite: Invite): CardJson {
  return renderCard('mus-change', {
    title: t.changeTitle,
    body: t.changeBody(invite.name, talk.start, talk.end),
    reason: t.changeReason(invite.changeReason ?? ''),
    hint: t.changeHint(invite.name, talk.participantIds.length > 1),
    labels: { date: t.slotDate, time: t.slotTime, move: t.move, keep: t.keep },
    date: localDateOf(talk.start),
    time: localTimeOf(talk.start),
    actionData: { workplaceId: talk.workplaceId, talkId: talk.id, version: talk.version, aadObjectId: invite.aadObjectId },
  });
}

export function registerCard(talk: Talk, names: string[], followUpOn: LocalDate): CardJson {
  return renderCard('mus-register', {
    title: t.registerTitle(talk.label),
    intro: t.registerIntro(talk.start, talk.end),
    labels: t,
    reasons: choices(notHeldNames),
    activities: choices(activityNames),
    groupNote: names.length > 1 ? t.groupPlanNote(names) : '',
    followUpOn,
    actionData: { workplaceId: talk.workplaceId, talkId: talk.id },
  });
}

export type PlanView = 'employee' | 'leader' | 'followUp';

export function devPlanCard(plan: DevPlan, leaderName: string, view: PlanView): CardJson {
  const text = (s: string) => s.trim() || t.none;
  const activities = plan.activities.map((a) => activityNames[a]).join(', ') || t.noActivity;
  return renderCard('mus-devplan', {
    title: view === 'followUp' ? t.followUpTitle(plan.name) : t.planViewTitle(plan.name),
    intro: view === 'followUp' ? t.followUpIntro : t.planViewIntro(leaderName, plan.heldOn),
    facts: [
      { title: t.heldOnLabel, value: formatDanishDate(plan.heldOn) },
      { title: t.followUpLabel, value: formatDanishDate(plan.followUpOn) },
      { title: t.ackLabel, value: plan.acknowledgedAt ? t.acknowledged(plan.acknowledgedAt) : t.notAcknowledged },
    ],
    sections: [
      { heading: t.shortGoals, body: text(plan.shortGoals) },
      { heading: t.longGoals, body: text(plan.longGoals) },
      { heading: t.activities, body: activities },
      { heading: t.activityNote, body: text(plan.activityNote) },
      { heading: t.knowledgeSharing, body: text(plan.knowledgeSharing) },
    ],
    labels: t,
    canAcknowledge: view === 'employee' && !plan.acknowledgedAt,
    actionData: { workplaceId: plan.workplaceId, talkId: plan.talkId },
  });
}

const SECTION_ORDER: MusState[] = ['overdue', 'due', 'planned', 'held', 'notYet'];

function statusLine(s: EmployeeMusStatus): string {
  const parts: string[] = [];
  if (s.plannedOn) parts.push(t.linePlanned(s.plannedOn));
  if (s.lastHeldOn) parts.push(t.lineHeld(s.lastHeldOn));
  else if (s.state !== 'notYet') parts.push(t.lineNever);
  if ((s.state === 'overdue' || s.state === 'due') && s.dueFrom) parts.push(t.lineDueFrom(s.dueFrom));
  if (s.reasons.includes('noPlan')) parts.push(t.lineNoPlan);
  if (s.missingStartDate) parts.push(t.lineNoStart);
  return `${s.name}: ${parts.join(', ')}`;
}

/** The leader's view, with names. Only ever sent to a leader's personal chat. */
export function statusCard(workplaceName: string, statuses: EmployeeMusStatus[], counts: MusCounts): CardJson {
  return renderCard('mus-status', {
    title: t.statusTitle(workplaceName),
    summary: t.statusSummary(counts),
    sections: SECTION_ORDER.map((state) => ({ state, people: statuses.filter((s) => s.state === state) }))
      .filter((x) => x.people.length > 0)
      .map((x) => ({ heading: `${t.sections[x.state]} (${x.people.length})`, lines: x.people.map((p) => ({ text: statusLine(p) })) })),
    hint: t.statusHint,
  });
}

/** What a channel sees: numbers, never a name or a date of anyone's talk. */
export function countsCard(title: string, counts: MusCounts): CardJson {
  return renderCard('mus-counts', {
    title,
    labels: t.countsFacts,
    held: String(counts.held),
    planned: String(counts.planned),
    due: String(counts.due),
    overdue: String(counts.overdue),
    total: String(counts.total),
    note: t.countsNote,
  });
}

export function peopleCard(workplaceId: string, workplaceName: string, people: { id: string; name: string; startDate?: string; birthYear?: number }[]): CardJson {
  return renderCard('mus-people', {
    title: t.peopleTitle(workplaceName),
    intro: t.peopleIntro,
    labels: { startDate: t.startDate, birthYear: t.birthYear, save: t.save },
    people: people.map((p) => ({ name: p.name, startId: `s_${p.id}`, birthId: `b_${p.id}`, startDate: p.startDate ?? '', birthYear: p.birthYear ? String(p.birthYear) : '' })),
    saveData: { verb: MUS_VERBS.peopleSave, workplaceId, ids: people.map((p) => p.id).join(',') },
  });
}

export function settingsCard(workplaceId: string, workplaceName: string, settings: MusSettings): CardJson {
  return renderCard('mus-settings', {
    title: t.settingsTitle(workplaceName),
    intro: t.settingsIntro,
    labels: { questions: t.questions, seniorAge: t.seniorAge, save: t.save, useDefaults: t.useDefaults },
    questions: settings.questions.join('\n'),
    seniorAge: settings.seniorAge,
    saveData: { verb: MUS_VERBS.settingsSave, workplaceId },
    resetData: { verb: MUS_VERBS.settingsReset, workplaceId },
  });
}
