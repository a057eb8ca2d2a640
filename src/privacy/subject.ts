/**
 * Everything the bot holds about one person (GDPR art. 15), read from every table
 * through the features' own stores, before it is presented (export.ts) or erased
 * (erase.ts). Other people appear only as their role (`as`): redact() replaces their
 * names and ids everywhere in the result, free text included.
 *
 * Not here, by design: pulse answers. They are stored without any link to a person
 * (PulseAnswers has no person and no time but the round), so nobody, the operator
 * included, can find a person's answers; the export says so.
 */
import { odata } from '@azure/data-tables';
import { ActionStore } from '../actions/store.js';
import type { ActionItem, LogEntry } from '../actions/model.js';
import type { Clock } from '../core/clock.js';
import type { Role } from '../core/types.js';
import type { ConversationStore } from '../conversations/store.js';
import type { EventLog, EventRecord } from '../events/event-log.js';
import { MusStore } from '../mus/store.js';
import type { DevPlan, Invite, Talk } from '../mus/model.js';
import { REMINDERS_TABLE } from '../outbox/store.js';
import type { SicknessCase } from '../sickness/model.js';
import { SicknessStore } from '../sickness/store.js';
import type { Storage } from '../storage/tables.js';
import type { Episode } from '../violence/model.js';
import { ViolenceStore } from '../violence/store.js';
import type { Member } from '../workplaces/model.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { rows } from './tables.js';

export interface SubjectDeps {
  storage: Storage;
  clock: Clock;
  workplaces: WorkplaceStore;
  conversations: ConversationStore;
  events: EventLog;
}

/** Someone else, as the subject may see them: their role at the workplace. */
export type OtherPerson = { id: string; teamsUserId: string; name: string; role: Role | 'anden' };

export interface ReminderRow {
  key: string;
  kind: string;
  workplaceId: string;
  status: string;
  dueAt: string;
  toSubject: boolean;
  partitionKey: string;
  rowKey: string;
}

export interface SubjectData {
  aadObjectId: string;
  names: string[];
  memberships: Member[];
  chat?: { active: boolean; inactiveReason?: string; updatedAt: string };
  sickness: SicknessCase[];
  /** Cases of others the subject followed up as leader: counted only (they are the employees' data). */
  ledCases: number;
  talks: Talk[];
  invites: Invite[];
  plans: DevPlan[];
  notes: { workplaceId: string; talkId: string; text: string }[];
  /** Planning drafts that name the subject. */
  drafts: { workplaceId: string; id: string }[];
  actions: { action: ActionItem; log: LogEntry[]; why: ('owner' | 'author' | 'log')[] }[];
  events: EventRecord[];
  reminders: ReminderRow[];
  /**
   * Episodes of violence and threats: those that happened to them (`exposed`, theirs with
   * the follow-up) and those they registered for a colleague (`registrar`: what they
   * registered, the colleague reduced to a role in the export).
   */
  violence: { episode: Episode; as: 'exposed' | 'registrar' }[];
  /** Episodes of others the subject followed up as leader: counted only. */
  ledEpisodes: number;
  /** MED-year rows (agenda items, decisions, the årshjul) that name them as the one who wrote them. */
  medYear: { workplaceId: string; rowKey: string; text: string; at: string }[];
  /** Everyone else at the subject's workplaces (for redaction). */
  others: OtherPerson[];
}

export async function collectSubject(deps: SubjectDeps, aadObjectId: string): Promise<SubjectData> {
  const id = aadObjectId.toLowerCase();
  const all = await deps.workplaces.list();
  const memberships: Member[] = [];
  const others = new Map<string, OtherPerson>();
  for (const wp of all) {
    for (const m of await deps.workplaces.members(wp.id)) {
      if (m.aadObjectId.toLowerCase() === id) memberships.push(m);
      else if (!others.has(m.aadObjectId)) others.set(m.aadObjectId, { id: m.aadObjectId, teamsUserId: m.teamsUserId, name: m.name, role: m.roles[0] ?? 'anden' });
    }
  }
  const sicknessStore = new SicknessStore(deps.storage, deps.clock);
  const mus = new MusStore(deps.storage);
  const actionStore = new ActionStore(deps.storage, deps.clock);
  const violence = new ViolenceStore(deps.storage);
  const out: SubjectData = {
    aadObjectId: id,
    names: [...new Set(memberships.map((m) => m.name).filter(Boolean))],
    memberships,
    sickness: [],
    ledCases: 0,
    talks: [],
    invites: [],
    plans: [],
    notes: [],
    drafts: [],
    actions: [],
    events: [],
    reminders: [],
    medYear: [],
    violence: [],
    ledEpisodes: 0,
    others: [...others.values()],
  };
  const chat = await deps.conversations.get('user', id);
  if (chat) out.chat = { active: chat.active, ...(chat.inactiveReason ? { inactiveReason: chat.inactiveReason } : {}), updatedAt: chat.updatedAt };

  // Every workplace is read, not only the current ones: a person who left still has data there.
  for (const wp of all) {
    const cases = await sicknessStore.list(wp.id);
    out.sickness.push(...cases.filter((c) => c.employeeId.toLowerCase() === id));
    out.ledCases += cases.filter((c) => c.leaderId.toLowerCase() === id && c.employeeId.toLowerCase() !== id).length;
    const talks = await mus.talks(wp.id);
    for (const talk of talks.filter((x) => x.participantIds.map((p) => p.toLowerCase()).includes(id))) {
      out.talks.push(talk);
      const invite = await mus.invite(wp.id, talk.id, id);
      if (invite) out.invites.push(invite);
      const plan = await mus.plan(wp.id, talk.id, id);
      if (plan) out.plans.push(plan);
      const text = await mus.notes(wp.id, talk.id, id);
      if (text) out.notes.push({ workplaceId: wp.id, talkId: talk.id, text });
    }
    for (const d of await rows(deps.storage.table('MusTalks'), odata`PartitionKey eq ${wp.id} and RowKey ge 'd_' and RowKey lt ${DRAFTS_END}`, ['names'])) {
      if (String(d.names ?? '').toLowerCase().includes(id)) out.drafts.push({ workplaceId: wp.id, id: d.rowKey.slice(2) });
    }
    for (const { action, log } of await actionStore.listAll(wp.id)) {
      const why: ('owner' | 'author' | 'log')[] = [];
      if (action.owner.id?.toLowerCase() === id) why.push('owner');
      if (action.createdBy.toLowerCase() === id) why.push('author');
      if (log.some((l) => l.actorId.toLowerCase() === id)) why.push('log');
      if (why.length) out.actions.push({ action, log, why });
    }
    const episodes = await violence.list(wp.id);
    for (const e of episodes) {
      if (e.employeeId.toLowerCase() === id) out.violence.push({ episode: e, as: 'exposed' });
      else if (e.reportedById.toLowerCase() === id) out.violence.push({ episode: e, as: 'registrar' });
    }
    const leads = memberships.some((m) => m.workplaceId === wp.id && m.roles.includes('leder'));
    if (leads) out.ledEpisodes += episodes.filter((e) => e.employeeId.toLowerCase() !== id && e.reportedById.toLowerCase() !== id).length;
    const about = new Set([id, ...exposedIds(out, wp.id), ...out.sickness.filter((c) => c.workplaceId === wp.id).map((c) => c.id), ...out.talks.filter((x) => x.workplaceId === wp.id && x.mode === 'individual').map((x) => x.id)]);
    for (const e of await deps.events.list(wp.id)) {
      if (e.actorId.toLowerCase() === id || (e.subject && about.has(e.subject.toLowerCase())) || (e.subject && about.has(e.subject))) out.events.push(e);
    }
  }
  const names = new Set(out.names.map((n) => n.toLowerCase()));
  for (const m of memberships) {
    for (const r of await rows(deps.storage.table('MedYear'), odata`PartitionKey eq ${m.workplaceId}`)) {
      if ([r.byName, r.updatedBy].some((n) => typeof n === 'string' && names.has(n.toLowerCase()))) {
        out.medYear.push({ workplaceId: m.workplaceId, rowKey: r.rowKey, text: String(r.text ?? ''), at: String(r.at ?? r.updatedAt ?? '') });
      }
    }
  }
  out.reminders = await remindersAbout(deps.storage, id, [...out.sickness.map((c) => c.id), ...exposedIds(out)]);
  return out;
}

/** The ids of the episodes that happened to the subject (their events and reminders are about them). */
export function exposedIds(data: Pick<SubjectData, 'violence'>, workplaceId?: string): string[] {
  return data.violence.filter((v) => v.as === 'exposed' && (!workplaceId || v.episode.workplaceId === workplaceId)).map((v) => v.episode.id);
}

/** Reminder records to the subject, or whose key names the subject or one of their cases. */
async function remindersAbout(storage: Storage, id: string, caseIds: readonly string[]): Promise<ReminderRow[]> {
  const records = await rows(
    storage.table(REMINDERS_TABLE),
    odata`PartitionKey ge 'jobs-00' and PartitionKey lt 'jobs-99' and RowKey ge 'k:' and RowKey lt 'k;'`,
    ['key', 'kind', 'workplaceId', 'status', 'dueAt', 'targetId', 'dueRk'],
  );
  return records
    .filter((r) => {
      const key = String(r.key).toLowerCase();
      return String(r.targetId).toLowerCase() === id || key.includes(id) || caseIds.some((c) => key.includes(c));
    })
    .map((r) => ({
      key: String(r.key),
      kind: String(r.kind),
      workplaceId: String(r.workplaceId),
      status: String(r.status),
      dueAt: String(r.dueAt),
      toSubject: String(r.targetId).toLowerCase() === id,
      partitionKey: r.partitionKey,
      rowKey: r.rowKey,
    }));
}

/** The first RowKey after every draft ('d_...'): '_' + 1 is '`'. */
const DRAFTS_END = 'd`';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every other person's full name, first name, AAD id and Teams id in any string
 * of `value` with their role in brackets ("[leder]"). The subject's own names stay.
 */
export function redact<T>(value: T, others: readonly OtherPerson[], ownNames: readonly string[], label: (role: OtherPerson['role']) => string): T {
  const own = new Set(ownNames.flatMap((n) => [n.toLowerCase(), n.split(/\s+/)[0]!.toLowerCase()]));
  const rules: { re: RegExp; to: string }[] = [];
  for (const o of others) {
    const to = `[${label(o.role)}]`;
    for (const token of [o.id, o.teamsUserId].filter((t) => t.length >= 3)) rules.push({ re: new RegExp(escape(token), 'gi'), to });
    const first = o.name.split(/\s+/)[0] ?? '';
    for (const n of [o.name, first].filter((x) => x.length >= 3 && !own.has(x.toLowerCase()))) rules.push({ re: new RegExp(`(?<![\\p{L}\\d])${escape(n)}(?![\\p{L}\\d])`, 'giu'), to });
  }
  // Longest first, so a full name is replaced before its first name.
  rules.sort((a, b) => b.re.source.length - a.re.source.length);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return rules.reduce((s, r) => s.replace(r.re, r.to), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Date) return v;
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
