/**
 * Erasure (art. 17) of one person, from what subject.ts collected:
 *
 * - deleted: their memberships, their personal-chat reference, their own sickness cases
 *   with every reminder about them, their MUS talks (group talks lose them as a
 *   participant), invitations, udviklingsplaner and notes, planning drafts naming them,
 *   events about them (their cases, talks, roles), reminders to them or about them, a
 *   restriction; the episodes of violence and threats that happened to them, with their
 *   events and every reminder about them;
 * - kept, without them: the workplace's actions (the plan is the workplace's
 *   documentation) with owner, author and log author replaced by "tidligere
 *   medarbejder" and their name removed from the texts; events they caused, with the
 *   actor removed; an episode they registered for a colleague (it is the colleague's),
 *   with the registrar removed and their name out of its text; the anonymous figures
 *   (SicknessStats, ViolenceStats, PulseRounds, PulseAnswers), which never named them;
 * - recorded: a receipt (when, who ordered it, a reference number) in the Privacy table
 *   and an event "privacy.erased" with the reference only: that it happened, never
 *   whose data or what.
 */
import { TableClient } from '@azure/data-tables';
import { ACTIONS_TABLE } from '../actions/store.js';
import { EVENTS_TABLE } from '../events/event-log.js';
import { privacyText as t } from '../i18n/privacy.js';
import { JobStore } from '../outbox/store.js';
import type { Scheduler } from '../outbox/types.js';
import { casePrefix } from '../sickness/plan.js';
import { SICKNESS_CASES_TABLE } from '../sickness/store.js';
import { safeKey, statusOf } from '../storage/tables.js';
import { episodePrefix } from '../violence/plan.js';
import { VIOLENCE_EPISODES_TABLE } from '../violence/store.js';
import { PrivacyStore } from './store.js';
import { collectSubject, exposedIds, type SubjectData, type SubjectDeps } from './subject.js';
import { deleteRows, rows } from './tables.js';

export interface EraseDeps extends SubjectDeps {
  scheduler: Scheduler;
}

export interface ErasureResult {
  reference: string;
  /** Rows deleted or changed per kind (for the operator's screen; not stored). */
  counts: Record<string, number>;
}

const ERASED = 'erased';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function erasePerson(deps: EraseDeps, aadObjectId: string, by: string): Promise<ErasureResult> {
  const data = await collectSubject(deps, aadObjectId);
  const id = data.aadObjectId;
  const counts: Record<string, number> = {};
  const add = (k: string, n: number) => (counts[k] = (counts[k] ?? 0) + n);
  const scrub = scrubber(data);
  const table = (name: string) => deps.storage.table(name);

  // Reminders first, so nothing about them is sent while the rest goes.
  const jobs = new JobStore(deps.storage);
  for (const r of data.reminders) {
    const record = await jobs.record(r.key);
    if (record) await jobs.remove(record);
    add('reminders', 1);
  }
  for (const c of data.sickness) {
    add('reminders', await deps.scheduler.purge(casePrefix(c)));
    add('sicknessCases', await deleteRows(table(SICKNESS_CASES_TABLE), [{ partitionKey: c.workplaceId, rowKey: c.id }]));
    // The "one open case per employee" pointer of that case (written with it, src/sickness/store.ts).
    const pointers = await rows(table(SICKNESS_CASES_TABLE), `PartitionKey eq '${c.workplaceId.replace(/'/g, "''")}' and caseId eq '${c.id.replace(/'/g, "''")}'`);
    add('sicknessCases', await deleteRows(table(SICKNESS_CASES_TABLE), pointers.map((r) => ({ partitionKey: r.partitionKey, rowKey: r.rowKey }))));
  }

  // Vold og trusler: what happened to them goes with its reminders (the leaders' notice of a
  // rejection too); what they registered for a colleague stays the colleague's, without them.
  for (const { episode: e, as } of data.violence) {
    if (as === 'exposed') {
      add('reminders', await deps.scheduler.purge(episodePrefix(e)));
      add('reminders', await deps.scheduler.purge(`violence:${e.workplaceId}:rejected:${e.id}:`));
      add('violence', await deleteRows(table(VIOLENCE_EPISODES_TABLE), [{ partitionKey: e.workplaceId, rowKey: e.id }]));
    } else {
      await table(VIOLENCE_EPISODES_TABLE).updateEntity({ partitionKey: e.workplaceId, rowKey: e.id, reportedById: '', ...(e.description ? { description: scrub(e.description) } : {}) }, 'Merge');
      add('violence', 1);
    }
  }

  // MUS: a talk of theirs alone goes; a group talk goes on without them.
  for (const talk of data.talks) {
    const mine = [
      { partitionKey: talk.workplaceId, rowKey: `i_${safeKey(talk.id)}_${safeKey(id)}` },
      { partitionKey: talk.workplaceId, rowKey: `p_${safeKey(talk.id)}_${safeKey(id)}` },
    ];
    add('mus', await deleteRows(table('MusTalks'), mine));
    add('mus', await deleteRows(table('MusNotes'), [{ partitionKey: talk.workplaceId, rowKey: `${safeKey(talk.id)}_${safeKey(id)}` }]));
    const rest = talk.participantIds.filter((p) => p.toLowerCase() !== id);
    if (rest.length === 0) {
      add('mus', await deleteRows(table('MusTalks'), [{ partitionKey: talk.workplaceId, rowKey: `t_${safeKey(talk.id)}` }]));
      add('reminders', await deps.scheduler.purge(`mus:${talk.workplaceId}:${talk.id}:`));
    } else {
      await table('MusTalks').updateEntity({ partitionKey: talk.workplaceId, rowKey: `t_${safeKey(talk.id)}`, participantIds: JSON.stringify(rest) }, 'Merge');
      add('mus', 1);
    }
  }
  add('mus', await deleteRows(table('MusTalks'), data.drafts.map((d) => ({ partitionKey: d.workplaceId, rowKey: `d_${safeKey(d.id)}` }))));

  add('actions', await scrubActions(table(ACTIONS_TABLE), data, scrub));
  add('events', await scrubEvents(table(EVENTS_TABLE), data, scrub));
  add('medyear', await scrubTexts(table('MedYear'), data, scrub));
  add('intents', await scrubIntents(table('Intents'), scrub));

  // Who they are: memberships, chat reference, a workplace they created, a restriction.
  for (const m of data.memberships) await deps.workplaces.removeMember(m.workplaceId, m.aadObjectId);
  add('memberships', data.memberships.length);
  add('conversations', await deleteRows(table('Conversations'), [{ partitionKey: 'user', rowKey: safeKey(id) }]));
  add('conversations', await scrubChannelReferences(table('Conversations'), data));
  for (const wp of await deps.workplaces.list()) {
    if (wp.createdBy.toLowerCase() === id) await table('Workplaces').updateEntity({ partitionKey: 'workplace', rowKey: wp.id, createdBy: '' }, 'Merge');
  }
  const privacy = new PrivacyStore(deps.storage, deps.clock);
  await privacy.lift(id).catch((e: unknown) => (statusOf(e) === 404 ? false : Promise.reject(e)));

  const reference = await privacy.receipt(by);
  await deps.events.append({ workplaceId: '_', actorId: by, type: 'privacy.erased', data: { reference } });
  return { reference, counts };
}

/**
 * A channel's conversation reference is saved from the message that last changed it,
 * and the Bot Framework puts the writer in its `user`. Proactive posts to a channel do
 * not need it: a reference naming the person loses its `user`.
 */
async function scrubChannelReferences(table: TableClient, data: SubjectData): Promise<number> {
  const ids = new Set([data.aadObjectId, ...data.memberships.map((m) => m.teamsUserId.toLowerCase())]);
  let changed = 0;
  for (const row of await rows(table, `PartitionKey eq 'channel'`, ['reference'])) {
    let reference: Record<string, unknown>;
    try {
      reference = JSON.parse(String(row.reference)) as Record<string, unknown>;
    } catch {
      continue;
    }
    const user = reference.user as { id?: string; aadObjectId?: string } | undefined;
    if (!user || !(ids.has(String(user.id ?? '').toLowerCase()) || ids.has(String(user.aadObjectId ?? '').toLowerCase()))) continue;
    const { user: _user, ...rest } = reference;
    await table.updateEntity({ partitionKey: row.partitionKey, rowKey: row.rowKey, reference: JSON.stringify(rest) }, 'Merge');
    changed++;
  }
  return changed;
}

/** Removes the person's names and ids from a text. */
function scrubber(data: SubjectData): (text: string) => string {
  const tokens = [...data.names, ...data.names.map((n) => n.split(/\s+/)[0] ?? ''), data.aadObjectId, ...data.memberships.map((m) => m.teamsUserId)].filter((x) => x.length >= 3);
  const rules = [...new Set(tokens)].sort((a, b) => b.length - a.length).map((tok) => new RegExp(`(?<![\\p{L}\\d])${escape(tok)}(?![\\p{L}\\d])`, 'giu'));
  return (text) => rules.reduce((s, re) => s.replace(re, `[${t.erasedName}]`), text);
}

const TEXT_COLUMNS = ['tema', 'emne', 'emneShort', 'maal', 'hvad', 'dokumentation', 'effekt'];

/** Every action of their workplaces: owner, author and log author replaced, their name out of the texts. */
async function scrubActions(table: TableClient, data: SubjectData, scrub: (s: string) => string): Promise<number> {
  const id = data.aadObjectId;
  let changed = 0;
  const workplaces = new Set([...data.memberships.map((m) => m.workplaceId), ...data.actions.map((a) => a.action.workplaceId)]);
  for (const wp of workplaces) {
    for (const row of await rows(table, `PartitionKey eq '${wp.replace(/'/g, "''")}'`)) {
      const patch: Record<string, unknown> = {};
      if (row.kind === 'action') {
        if (String(row.ownerId).toLowerCase() === id) Object.assign(patch, { ownerId: '', ownerName: t.erasedName });
        if (String(row.createdBy).toLowerCase() === id) Object.assign(patch, { createdBy: '', createdByName: t.erasedName });
        for (const c of [...TEXT_COLUMNS, 'ownerName']) if (typeof row[c] === 'string' && !(c in patch) && scrub(row[c]) !== row[c]) patch[c] = scrub(row[c]);
      } else if (row.kind === 'log') {
        if (String(row.actorId).toLowerCase() === id) Object.assign(patch, { actorId: '', actorName: t.erasedName });
        // Every text of the entry (its note, and what a change was from and to) loses the name.
        for (const [k, v] of Object.entries(row)) {
          if (!['partitionKey', 'rowKey', 'etag', 'timestamp', 'actorId', 'actorName'].includes(k) && typeof v === 'string' && scrub(v) !== v) patch[k] = scrub(v);
        }
      }
      if (Object.keys(patch).length === 0) continue;
      await table.updateEntity({ partitionKey: row.partitionKey, rowKey: row.rowKey, ...patch }, 'Merge');
      changed++;
    }
  }
  return changed;
}

/**
 * The write guard's finished intents keep a short reference for the answer to a repeated
 * press ("… er allerede oprettet"); one that names the person loses the name. Open
 * intents (a write in flight) are left to finish.
 */
async function scrubIntents(table: TableClient, scrub: (s: string) => string): Promise<number> {
  let changed = 0;
  const all = await rows(table, "PartitionKey ge ''").catch((e: unknown) => (statusOf(e) === 404 ? [] : Promise.reject(e)));
  for (const row of all) {
    if (row.state !== 'done' || typeof row.ref !== 'string' || scrub(row.ref) === row.ref) continue;
    await table.updateEntity({ partitionKey: row.partitionKey, rowKey: row.rowKey, ref: '' }, 'Merge');
    changed++;
  }
  return changed;
}

/** Any text column of the workplace's MED year (items, decisions, who added them) loses their name. */
async function scrubTexts(table: TableClient, data: SubjectData, scrub: (s: string) => string): Promise<number> {
  let changed = 0;
  for (const wp of new Set(data.memberships.map((m) => m.workplaceId))) {
    for (const row of await rows(table, `PartitionKey eq '${wp.replace(/'/g, "''")}'`)) {
      const patch: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) if (k !== 'partitionKey' && k !== 'rowKey' && k !== 'etag' && k !== 'timestamp' && typeof v === 'string' && scrub(v) !== v) patch[k] = scrub(v);
      if (Object.keys(patch).length === 0) continue;
      await table.updateEntity({ partitionKey: row.partitionKey, rowKey: row.rowKey, ...patch }, 'Merge');
      changed++;
    }
  }
  return changed;
}

/** Events about them are deleted; events they caused lose the actor; their name leaves the details. */
async function scrubEvents(table: TableClient, data: SubjectData, scrub: (s: string) => string): Promise<number> {
  const id = data.aadObjectId;
  const about = new Set([id, ...exposedIds(data), ...data.sickness.map((c) => c.id), ...data.talks.filter((x) => x.participantIds.length === 1).map((x) => x.id)]);
  let changed = 0;
  const workplaces = new Set([...data.memberships.map((m) => m.workplaceId), ...data.events.map((e) => e.workplaceId)]);
  for (const wp of workplaces) {
    for (const row of await rows(table, `PartitionKey eq '${wp.replace(/'/g, "''")}'`)) {
      const subject = String(row.subject ?? '').toLowerCase();
      if (about.has(subject)) {
        changed += await deleteRows(table, [row]);
        continue;
      }
      const patch: Record<string, unknown> = {};
      if (String(row.actorId).toLowerCase() === id) patch.actorId = ERASED;
      const details = typeof row.data === 'string' ? row.data : '';
      const scrubbed = scrub(details.split(id).join(ERASED));
      if (scrubbed !== details) patch.data = scrubbed;
      if (Object.keys(patch).length === 0) continue;
      await table.updateEntity({ partitionKey: row.partitionKey, rowKey: row.rowKey, ...patch }, 'Merge');
      changed++;
    }
  }
  return changed;
}
