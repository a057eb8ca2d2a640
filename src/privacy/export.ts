/**
 * The access-request export (art. 15) from what subject.ts collected: a JSON document of
 * every record, and a Danish summary to read. Ids of other people become their role,
 * and redact() removes their names and ids from every string, free text included.
 */
import { formatDanishDate, localDateOf } from '../shared/calendar.js';
import { privacyText as t } from '../i18n/privacy.js';
import { KIND_LABELS } from '../i18n/violence.js';
import { redact, type OtherPerson, type SubjectData } from './subject.js';

export interface AccessExport {
  json: Record<string, unknown>;
  summary: string;
}

const day = (when: string | Date | undefined): string => {
  if (!when) return '';
  const text = when instanceof Date ? when.toISOString() : when;
  return formatDanishDate(text.length > 10 ? localDateOf(new Date(text)) : text);
};

export function accessExport(data: SubjectData, now: Date, opts: { restricted: boolean; labelOf(kind: string): string }): AccessExport {
  const roleOf = new Map(data.others.map((o) => [o.id.toLowerCase(), o.role]));
  /** The subject as "dig", anyone else as their role. */
  const who = (id: string | undefined): string => {
    const key = (id ?? '').toLowerCase();
    if (!key || key === 'system') return key || '';
    if (key === data.aadObjectId) return t.you;
    if (key === 'medarbejder') return t.you; // sickness events name an employee acting as "medarbejder"
    return t.role(roleOf.get(key) ?? 'anden');
  };
  const json = {
    subject: { aadObjectId: data.aadObjectId, names: data.names },
    generatedAt: now.toISOString(),
    restricted: opts.restricted,
    memberships: data.memberships.map((m) => ({ workplace: m.workplaceName, workplaceId: m.workplaceId, roles: m.roles, name: m.name, teamsUserId: m.teamsUserId, startDate: m.startDate ?? null, birthYear: m.birthYear ?? null })),
    personalChat: data.chat ?? null,
    sickness: data.sickness.map(({ etag: _e, leaderId, contacts, employeeId: _id, ...c }) => ({ ...c, leader: who(leaderId), contacts: contacts.map(({ byId, ...x }) => ({ ...x, by: who(byId) })) })),
    sicknessCasesLedForOthers: data.ledCases,
    mus: {
      talks: data.talks.map(({ leaderId, leaderName: _n, participantIds, registeredBy, draftId: _d, ...x }) => ({
        ...x,
        leader: who(leaderId),
        participants: participantIds.map(who),
        ...(registeredBy ? { registeredBy: who(registeredBy) } : {}),
      })),
      invitations: data.invites.map(({ aadObjectId: _a, ...x }) => x),
      plans: data.plans.map(({ aadObjectId: _a, createdBy, ...x }) => ({ ...x, createdBy: who(createdBy) })),
      notes: data.notes,
      planningDrafts: data.drafts.length,
    },
    actions: data.actions.map(({ action: a, log, why }) => ({
      workplaceId: a.workplaceId,
      number: `H-${a.number}`,
      why,
      tema: a.tema,
      emne: a.emne,
      maal: a.maal,
      hvad: a.hvad,
      start: a.start,
      end: a.end,
      dokumentation: a.dokumentation,
      effekt: a.effekt,
      status: a.status,
      owner: a.owner.id ? who(a.owner.id) : a.owner.name,
      createdBy: who(a.createdBy),
      createdAt: a.createdAt,
      closedAt: a.closedAt ?? null,
      log: log.map((l) => ({ at: l.at, by: who(l.actorId), kind: l.kind, text: l.text })),
    })),
    events: data.events.map((e) => ({ at: e.at, workplaceId: e.workplaceId, type: e.type, subject: e.subject ?? null, by: who(e.actorId), data: e.data ?? {} })),
    reminders: data.reminders.map((r) => ({ kind: r.kind, label: opts.labelOf(r.kind), status: r.status, dueAt: r.dueAt, to: r.toSubject ? t.you : 'anden' })),
    medYear: data.medYear,
    violence: {
      episodes: data.violence.map(({ episode: e, as }) => ({
        workplaceId: e.workplaceId,
        id: e.id,
        as,
        occurredOn: e.occurredOn,
        occurredAt: e.occurredAt,
        place: e.place,
        kind: e.kind,
        source: e.source,
        injured: e.injured,
        absenceFrom: e.absenceFrom ?? null,
        description: e.description ?? null,
        registeredOn: e.registeredOn,
        status: e.status,
        ...(as === 'exposed'
          ? {
              registeredBy: who(e.reportedById),
              needsTalkNow: e.needsTalkNow,
              amrMayKnowName: e.amrMayKnowName,
              talkOfferedOn: e.talkOfferedOn ?? null,
              followUpHeldOn: e.followUpHeldOn ?? null,
              anmeldtOn: e.anmeldtOn ?? null,
              police: e.police ?? null,
              policeDecidedOn: e.policeDecidedOn ?? null,
              riskAssessedOn: e.riskAssessedOn ?? null,
            }
          : // Registered for a colleague: what they registered; the follow-up is the colleague's.
            { exposed: who(e.employeeId) }),
      })),
      ledForOthers: data.ledEpisodes,
    },
    pulse: t.pulseText,
  };
  const safe = redact(json, data.others, data.names, t.role);
  return { json: safe, summary: summary(safe, data, now, opts.restricted) };
}

function summary(json: Record<string, unknown>, data: SubjectData, now: Date, restricted: boolean): string {
  const j = json as unknown as {
    memberships: { workplace: string; roles: string[]; startDate: string | null; birthYear: number | null }[];
    personalChat: { active: boolean; updatedAt: string } | null;
    sickness: { firstDay: string; status: string; returnDay?: string; contacts: { on: string; how: string; note?: string }[]; samtale?: { date: string; place: string } }[];
    mus: { talks: { id: string; start: string | Date; place: string; status: string }[]; notes: { talkId: string; text: string }[]; plans: { talkId: string; shortGoals: string; longGoals: string; followUpOn: string }[]; planningDrafts: number };
    actions: { number: string; tema: string; status: string; log: { at: string; by: string; text: string }[] }[];
    events: { at: string; type: string; by: string }[];
    reminders: { label: string; status: string; dueAt: string; to: string }[];
    medYear: { text: string; at: string }[];
    violence: { episodes: { as: string; occurredOn: string; occurredAt: string; kind: keyof typeof KIND_LABELS; place: string; description: string | null; registeredBy?: string; exposed?: string; talkOfferedOn?: string | null; followUpHeldOn?: string | null; anmeldtOn?: string | null; riskAssessedOn?: string | null; police?: string | null }[]; ledForOthers: number };
  };
  const out: string[] = [`# ${t.title}`, '', t.intro(formatDanishDate(localDateOf(now))), ''];
  if (restricted) out.push(t.restricted, '');
  const section = (title: string, lines: string[]) => out.push(`## ${title}`, '', ...(lines.length ? lines : [t.none]), '');
  section(t.memberships, j.memberships.map((m) => t.membership(m.workplace, m.roles.join(', '), `${m.startDate ? t.startDate(day(m.startDate)) : ''}${m.birthYear ? t.birthYear(m.birthYear) : ''}`)));
  section(t.chat, j.personalChat ? [t.chatLine(j.personalChat.active, day(j.personalChat.updatedAt))] : []);
  section(t.sickness, [
    ...j.sickness.flatMap((c) => [
      t.caseLine(day(c.firstDay), t.status[c.status] ?? c.status, c.returnDay ? t.returned(day(c.returnDay)) : ''),
      ...c.contacts.map((x) => t.contactLine(day(x.on), x.how, x.note ?? '')),
      ...(c.samtale ? [t.samtaleLine(day(c.samtale.date), c.samtale.place)] : []),
    ]),
    ...(data.ledCases ? ['', t.ledCases(data.ledCases)] : []),
  ]);
  section(t.mus, [
    ...j.mus.talks.flatMap((x) => [
      t.talkLine(day(x.start), x.place, t.talkStatus[x.status] ?? x.status),
      ...j.mus.notes.filter((n) => n.talkId === x.id).map((n) => t.noteLine(n.text)),
      ...j.mus.plans.filter((p) => p.talkId === x.id).map((p) => t.planLine(p.shortGoals, p.longGoals, day(p.followUpOn))),
    ]),
    ...(j.mus.planningDrafts ? [t.drafts(j.mus.planningDrafts)] : []),
  ]);
  section(t.actions, j.actions.flatMap((a) => [t.actionLine(Number(a.number.slice(2)), a.tema, t.actionStatus[a.status] ?? a.status), ...a.log.map((l) => t.logLine(day(l.at), l.by, l.text))]));
  section(t.events, j.events.map((e) => t.eventLine(day(e.at), e.type, e.by)));
  section(t.reminders, j.reminders.map((r) => t.reminderLine(day(r.dueAt), r.label, t.jobStatus[r.status] ?? r.status, r.to === t.you)));
  section(t.violence, [
    ...j.violence.episodes.flatMap((e) => {
      const mine = e.as === 'exposed';
      const steps = mine
        ? ([['talk', e.talkOfferedOn], ['followup', e.followUpHeldOn], ['anmeldelse', e.anmeldtOn], ['risk', e.riskAssessedOn]] as const).flatMap(([k, on]) => (on ? [`${t.episodeStep[k]} ${day(on)}`] : []))
        : [];
      return [
        t.episodeLine(day(e.occurredOn), e.occurredAt.replace(':', '.'), KIND_LABELS[e.kind] ?? e.kind, e.place, mine, (mine ? e.registeredBy : e.exposed) ?? ''),
        ...(steps.length ? [t.episodeSteps(steps.join(', '))] : []),
        ...(e.description ? [t.episodeText(e.description)] : []),
      ];
    }),
    ...(j.violence.ledForOthers ? ['', t.ledEpisodes(j.violence.ledForOthers)] : []),
  ]);
  section(t.medYear, j.medYear.map((m) => t.medYearLine(day(m.at), m.text)));
  section(t.pulse, [t.pulseText]);
  return out.join('\n');
}
