/**
 * The daily retention run: every data class of policy.ts is deleted when its period has
 * passed, each class counted in one event without content ("privacy.retention",
 * { dataClass, deleted }). Closed sickness cases have their own nightly job in the
 * sickness feature (their period is a per-workplace setting, SicknessSettings); the
 * inbox of handled activity ids purges itself hourly (24 hours). Anonymous figures
 * (SicknessStats, PulseRounds) are kept: they name nobody.
 *
 * Each purge reads only the columns it needs and deletes whole rows; running it twice
 * deletes nothing the second time.
 */
import { odata, type TableClient } from '@azure/data-tables';
import { ACTIONS_TABLE } from '../actions/store.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { CONVERSATIONS_TABLE } from '../conversations/store.js';
import { EVENTS_TABLE, type EventLog } from '../events/event-log.js';
import { REMINDERS_TABLE, SLOTS_PARTITION } from '../outbox/store.js';
import type { Storage } from '../storage/tables.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { cutoff, DAY_MS, type Retention, type RetentionClass } from './policy.js';
import { deleteRows, rows, type RawRow } from './tables.js';

export interface RetentionDeps {
  storage: Storage;
  workplaces: WorkplaceStore;
  events: EventLog;
  log: Logger;
  clock: Clock;
  retention: Retention;
}

export type RetentionReport = Record<RetentionClass, number>;

const ALL_BUCKETS = odata`PartitionKey ge 'jobs-00' and PartitionKey lt 'jobs-99'`;
const FINISHED = ['sent', 'failed', 'cancelled'];

export async function runRetention(deps: RetentionDeps, now: Date): Promise<RetentionReport> {
  const t = (name: string) => deps.storage.table(name);
  const r = deps.retention;
  const mus = await purgeMus(t('MusTalks'), t('MusNotes'), now, r);
  const pulse = await purgePulse(t('PulseRounds'), t('PulseInbox'), t('PulseAnswers'), now, r);
  const report: RetentionReport = {
    actions: await purgeActions(t(ACTIONS_TABLE), cutoff(now, r.actions)),
    events: await purgeEvents(t(EVENTS_TABLE), cutoff(now, r.events)),
    mus: mus.mus,
    musWithoutNext: mus.musWithoutNext,
    musDrafts: mus.musDrafts,
    reminders: await purgeReminders(t(REMINDERS_TABLE), cutoff(now, r.reminders)),
    conversations: await purgeConversations(t(CONVERSATIONS_TABLE), deps.workplaces, cutoff(now, r.conversations)),
    pulseInbox: pulse.inbox,
    pulseAnswers: pulse.answers,
  };
  for (const [dataClass, deleted] of Object.entries(report)) {
    if (deleted > 0) await deps.events.append({ workplaceId: '_', actorId: 'system', type: 'privacy.retention', data: { dataClass, deleted } });
  }
  deps.log.info({ event: 'privacy.retention', ...report }, 'retention run');
  return report;
}

/** Done and cancelled actions closed before `before`, with their log rows (RowKey a000012 and a000012-l-...). */
async function purgeActions(table: TableClient, before: Date): Promise<number> {
  const closed = await rows(table, odata`kind eq 'action' and open eq false and closedAt lt ${before.toISOString()} and closedAt ne ''`, ['closedAt']);
  let deleted = 0;
  for (const a of closed) {
    const family = await rows(table, odata`PartitionKey eq ${a.partitionKey} and RowKey ge ${a.rowKey} and RowKey lt ${`${a.rowKey}~`}`, []);
    await deleteRows(table, family);
    deleted++;
  }
  return deleted;
}

async function purgeEvents(table: TableClient, before: Date): Promise<number> {
  return deleteRows(table, await rows(table, odata`at lt ${before.toISOString()}`, []));
}

/** Finished job records (with their failed row) and recurring-slot rows older than `before`. */
async function purgeReminders(table: TableClient, before: Date): Promise<number> {
  const iso = before.toISOString();
  const records = (await rows(table, `${ALL_BUCKETS} and ${odata`RowKey ge 'k:' and RowKey lt 'k;' and updatedAt lt ${iso}`}`, ['status', 'key', 'workplaceId'])).filter((x) =>
    FINISHED.includes(String(x.status)),
  );
  const failed = records.filter((x) => x.status === 'failed').map((x) => ({ partitionKey: x.partitionKey, rowKey: `f:${safe(String(x.workplaceId))}:${safe(String(x.key))}` }));
  const slots = await rows(table, odata`PartitionKey eq ${SLOTS_PARTITION} and startedAt lt ${iso}`, []);
  await deleteRows(table, [...failed, ...slots]);
  return deleteRows(table, records);
}

const safe = (v: string) => v.replace(/[/\\#?\u0000-\u001f\u007f-\u009f]/g, '_');

/** Personal-chat references of people in no workplace, unchanged since `before`. */
async function purgeConversations(table: TableClient, workplaces: WorkplaceStore, before: Date): Promise<number> {
  const users = await rows(table, odata`PartitionKey eq 'user' and updatedAt lt ${before.toISOString()}`, []);
  const gone: RawRow[] = [];
  for (const u of users) if ((await workplaces.membershipsOf(u.rowKey)).length === 0) gone.push(u);
  return deleteRows(table, gone);
}

/**
 * MUS rows per talk and person: the invitation (i_<talk>_<person>), the udviklingsplan
 * (p_<talk>_<person>) and the notes (MusNotes <talk>_<person>) go `mus` days after the
 * person's next held MUS, or `musWithoutNext` days after the talk when there is none;
 * the talk row goes with its last participant. Drafts go `musDrafts` days after creation.
 */
async function purgeMus(talks: TableClient, notes: TableClient, now: Date, r: Retention): Promise<Pick<RetentionReport, 'mus' | 'musWithoutNext' | 'musDrafts'>> {
  const all = await rows(talks, undefined, ['participantIds', 'start', 'status', 'createdAt']);
  const talkRows = all.filter((x) => x.rowKey.startsWith('t_'));
  const drafts = all.filter((x) => x.rowKey.startsWith('d_') && Date.parse(String(x.createdAt)) < cutoff(now, r.musDrafts).getTime());
  const out = { mus: 0, musWithoutNext: 0, musDrafts: await deleteRows(talks, drafts) };
  const parsed = talkRows.map((x) => ({ row: x, id: x.rowKey.slice(2), start: Date.parse(String(x.start)), held: x.status === 'held', people: participants(x.participantIds) }));
  for (const talk of parsed) {
    let due = 0;
    for (const person of talk.people) {
      const next = parsed.filter((o) => o.row.partitionKey === talk.row.partitionKey && o.held && o.start > talk.start && o.people.includes(person)).sort((a, b) => a.start - b.start)[0];
      const ends = next ? next.start + r.mus * DAY_MS : talk.start + r.musWithoutNext * DAY_MS;
      if (ends > now.getTime()) continue;
      due++;
      const pk = talk.row.partitionKey;
      const removed =
        (await deleteRows(talks, [
          { partitionKey: pk, rowKey: `i_${safe(talk.id)}_${safe(person)}` },
          { partitionKey: pk, rowKey: `p_${safe(talk.id)}_${safe(person)}` },
        ])) + (await deleteRows(notes, [{ partitionKey: pk, rowKey: `${safe(talk.id)}_${safe(person)}` }]));
      if (removed > 0) out[next ? 'mus' : 'musWithoutNext'] += removed;
    }
    if (talk.people.length > 0 && due === talk.people.length) {
      // Every participant's part is gone: the talk row (names, time, place) goes too.
      if ((await deleteRows(talks, [talk.row])) > 0) out.musWithoutNext += 1;
    }
  }
  return out;
}

function participants(value: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(value ?? '[]'));
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * PulseInbox partitions "<workplace>~<round>" that outlived their round (closed, or
 * never closed `pulseInbox` days after closesAt, or without a round row), and the
 * anonymous PulseAnswers rows `pulseAnswers` days after the round closed. The round
 * rows themselves (counts and what was published) stay.
 */
async function purgePulse(rounds: TableClient, inbox: TableClient, answers: TableClient, now: Date, r: Retention): Promise<{ inbox: number; answers: number }> {
  const roundRows = new Map((await rows(rounds, undefined, ['status', 'closesAt'])).map((x) => [`${x.partitionKey}~${x.rowKey}`, x]));
  const endOf = (box: string) => {
    const round = roundRows.get(box);
    return round ? { closed: round.status === 'closed', closesAt: Date.parse(String(round.closesAt)) } : undefined;
  };
  const inboxRows = await rows(inbox, undefined, ['Timestamp']);
  const staleInbox = inboxRows.filter((x) => {
    const round = endOf(x.partitionKey);
    // No round row: a round being opened writes its invitations first, so only a day-old orphan is a remnant.
    if (!round) return Date.parse(String(x.timestamp ?? '')) + DAY_MS <= now.getTime();
    return round.closed || round.closesAt + r.pulseInbox * DAY_MS <= now.getTime();
  });
  const answerRows = await rows(answers, undefined, []);
  const oldAnswers = answerRows.filter((x) => {
    const round = endOf(x.partitionKey);
    return round !== undefined && round.closed && round.closesAt + r.pulseAnswers * DAY_MS <= now.getTime();
  });
  return { inbox: await deleteRows(inbox, staleInbox), answers: await deleteRows(answers, oldAnswers) };
}
