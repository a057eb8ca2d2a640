/**
 * What the crash harness (crash-kit.ts) checks after each restart, from the stored rows
 * alone: what users saw confirmed is there (lost), nothing is there twice (duplicates),
 * every action and sickness case has its events and reminder rows and no reminder row
 * points at a record that does not exist (partial).
 */
import { odata } from '@azure/data-tables';
import { ActionStore } from '../actions/store.js';
import { systemClock } from '../core/clock.js';
import { EventLog } from '../events/event-log.js';
import { decodeSealKey, Seal } from '../pulse/seal.js';
import { PulseStore } from '../pulse/store.js';
import { SicknessStore } from '../sickness/store.js';
import type { Storage } from '../storage/tables.js';
import { CRASH } from './crash-seed.js';

/** A write a user saw confirmed. */
export type Expect =
  | { kind: 'action'; emne: string }
  | { kind: 'case'; employee: string }
  | { kind: 'contact'; caseId: string; note: string }
  | { kind: 'closed'; caseId: string }
  | { kind: 'answer'; person: string };

export interface Found {
  lost: string[];
  duplicates: string[];
  partial: string[];
}

export async function check(storage: Storage, confirmed: readonly Expect[], pulseRound: string, sealKey: string): Promise<Found> {
  const wp = CRASH.workplace;
  const lost: string[] = [];
  const duplicates: string[] = [];
  const partial: string[] = [];
  const actions = (await new ActionStore(storage, systemClock).listAll(wp)).map((x) => x.action).filter((a) => a.emne.startsWith('Crash '));
  const cases = await new SicknessStore(storage, systemClock).list(wp);
  const events = await new EventLog(storage, systemClock).list(wp);
  const jobs: string[] = [];
  for await (const row of storage.table('Reminders').listEntities<{ rowKey: string }>({ queryOptions: { filter: odata`PartitionKey ge 'jobs-00' and PartitionKey lt 'jobs-99' and RowKey ge 'k:' and RowKey lt 'k;'`, select: ['RowKey'] } })) {
    jobs.push(row.rowKey.slice(2));
  }
  const eventsOf = (type: string, subject: string) => events.filter((e) => e.type === type && e.subject === subject).length;
  const jobsOf = (prefix: string) => jobs.filter((j) => j.startsWith(prefix)).length;

  // Duplicates
  const byEmne = new Map<string, number>();
  for (const a of actions) byEmne.set(a.emne, (byEmne.get(a.emne) ?? 0) + 1);
  for (const [emne, n] of byEmne) if (n > 1) duplicates.push(`${n} actions "${emne}"`);
  const openBy = new Map<string, number>();
  for (const c of cases) if (c.status !== 'raskmeldt') openBy.set(c.employeeId, (openBy.get(c.employeeId) ?? 0) + 1);
  for (const [employee, n] of openBy) if (n > 1) duplicates.push(`${n} open cases of ${employee}`);
  for (const c of cases) {
    const notes = new Map<string, number>();
    for (const x of c.contacts) if (x.note) notes.set(x.note, (notes.get(x.note) ?? 0) + 1);
    for (const [note, n] of notes) if (n > 1) duplicates.push(`${n} contacts "${note}" in ${c.id}`);
  }
  const inbox = { answered: 0, ballots: 0 };
  for await (const row of storage.table('PulseInbox').listEntities<{ rowKey: string }>({ queryOptions: { filter: odata`PartitionKey eq ${`${wp}~${pulseRound}`}`, select: ['RowKey'] } })) {
    if (row.rowKey.startsWith('a~')) inbox.answered++;
    if (row.rowKey.startsWith('b~')) inbox.ballots++;
  }
  if (inbox.ballots !== inbox.answered) duplicates.push(`${inbox.ballots} pulse ballots for ${inbox.answered} people who answered`);

  // Partial records
  for (const a of actions) {
    const ref = `H-${a.number}`;
    if (eventsOf('actions.created', ref) !== 1) partial.push(`${ref}: ${eventsOf('actions.created', ref)} created events`);
    if (jobsOf(`actions:${wp}:${ref}:`) === 0) partial.push(`${ref}: no reminder rows`);
  }
  for (const c of cases) {
    if (eventsOf('sickness.opened', c.id) !== 1) partial.push(`${c.id}: ${eventsOf('sickness.opened', c.id)} opened events`);
    if (jobsOf(`sickness:${wp}:${c.id}:`) === 0) partial.push(`${c.id}: no reminder rows`);
    if (c.status === 'raskmeldt' && eventsOf('sickness.closed', c.id) !== 1) partial.push(`${c.id}: closed, ${eventsOf('sickness.closed', c.id)} closed events`);
    if (eventsOf('sickness.contact', c.id) !== c.contacts.length) partial.push(`${c.id}: ${c.contacts.length} contacts, ${eventsOf('sickness.contact', c.id)} contact events`);
  }
  const numbers = new Set(actions.map((a) => `H-${a.number}`));
  const caseIds = new Set(cases.map((c) => c.id));
  for (const j of jobs) {
    const action = new RegExp(`^actions:${wp}:(H-\\d+):`).exec(j)?.[1];
    if (action && !numbers.has(action)) partial.push(`reminder ${j} of a missing action`);
    const sickness = new RegExp(`^sickness:${wp}:(sf[0-9a-f]{8}):`).exec(j)?.[1];
    if (sickness && !caseIds.has(sickness)) partial.push(`reminder ${j} of a missing case`);
  }

  // Confirmed writes
  const pulse = new PulseStore(storage, new Seal(decodeSealKey(sealKey)!));
  for (const e of confirmed) {
    if (e.kind === 'action' && !byEmne.has(e.emne)) lost.push(`action "${e.emne}"`);
    if (e.kind === 'case' && !cases.some((c) => c.employeeId === e.employee)) lost.push(`case of ${e.employee}`);
    if (e.kind === 'contact' && !cases.find((c) => c.id === e.caseId)?.contacts.some((x) => x.note === e.note)) lost.push(`contact "${e.note}"`);
    if (e.kind === 'closed' && cases.find((c) => c.id === e.caseId)?.status !== 'raskmeldt') lost.push(`raskmelding of ${e.caseId}`);
    if (e.kind === 'answer' && !(await pulse.hasAnswered(wp, pulseRound, e.person))) lost.push(`pulse answer of ${e.person}`);
  }
  return { lost, duplicates, partial };
}

