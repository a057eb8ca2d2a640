/**
 * The rows of MUS storage (store.ts): row keys and zod codecs from and to the domain
 * types, so that nothing read from a table is a cast.
 */
import { z } from 'zod';
import { instantColumn, jsonColumn, listColumn, optionalEnum, optionalJsonColumn, optionalText, rowCodec } from '../storage/codec.js';
import { safeKey } from '../storage/tables.js';
import {
  ACTIVITIES, ACTIVITY_STATUSES, INVITE_RESPONSES, NOT_HELD_REASONS, TALK_STATUSES,
  type DevPlan, type Draft, type Invite, type PlanActivity, type SettingsProposal, type Talk,
} from './model.js';

export type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };

export const PROPOSAL_KEY = 's_proposal';
export const inviteKey = (talkId: string, aad: string) => `i_${safeKey(talkId)}_${safeKey(aad)}`;
export const planKey = (talkId: string, aad: string) => `p_${safeKey(talkId)}_${safeKey(aad)}`;
export const noteKey = (talkId: string, aad: string) => `${safeKey(talkId)}_${safeKey(aad)}`;


const text = z.string().catch('');
const ids = jsonColumn(z.array(z.string()), []);

const draftRowCodec = rowCodec(
  'MusTalks',
  z.object({
    leaderId: text,
    leaderName: text,
    params: jsonColumn(
      z.object({
        from: z.string(), to: z.string(), durationMinutes: z.number(), windowStart: z.string(), windowEnd: z.string(), place: z.string(), mode: z.enum(['individual', 'group']),
        bufferMinutes: z.number().int().default(15),
      }),
    ),
    slots: jsonColumn(z.array(z.object({ label: z.string(), participantIds: z.array(z.string()), start: instantColumn, end: instantColumn })), []),
    unplannedNames: ids,
    capacity: optionalJsonColumn(z.object({ workingDays: z.number(), total: z.number(), perFreeDay: z.number(), perFreeDayWithoutPause: z.number() })),
    recentlyHeld: jsonColumn(z.array(z.object({ name: z.string(), on: z.string() })), []),
    names: jsonColumn(z.record(z.string(), z.string()), {}),
    status: z.enum(['draft', 'sent']).catch('draft'),
    createdAt: text,
  }),
);

const talkRowCodec = rowCodec(
  'MusTalks',
  z.object({
    draftId: text,
    leaderId: text,
    leaderName: text,
    label: text,
    mode: z.enum(['individual', 'group']).catch('individual'),
    participantIds: ids,
    start: instantColumn,
    end: instantColumn,
    place: text,
    status: z.enum(TALK_STATUSES),
    version: z.number().int().default(1),
    notHeldReason: optionalEnum(NOT_HELD_REASONS),
    registeredAt: optionalText(),
    registeredBy: optionalText(),
  }),
);

const inviteRowCodec = rowCodec(
  'MusTalks',
  z.object({
    talkId: text,
    aadObjectId: text,
    name: text,
    response: z.enum(INVITE_RESPONSES),
    changeReason: optionalText(),
    seniorOffered: z.boolean().catch(false),
    seniorWanted: z.boolean().catch(false),
    respondedAt: optionalText(),
  }),
);

const activitySchema = z.object({ kind: z.enum(ACTIVITIES), text: z.string(), status: z.enum(ACTIVITY_STATUSES), note: z.string().default('') });

export const historyRowCodec = rowCodec('MusTalks', z.object({ aadObjectId: text, lastMusOn: text }));

const proposalRowCodec = rowCodec(
  'MusTalks',
  z.object({
    id: text,
    questions: optionalJsonColumn(z.array(z.string())),
    seniorAge: z.number().int(),
    proposedBy: text,
    proposedByName: text,
    proposedAt: text,
    approvals: jsonColumn(z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()), at: z.string() })), []),
  }),
);

const planRowCodec = rowCodec(
  'MusTalks',
  z.object({
    talkId: text,
    aadObjectId: text,
    name: text,
    heldOn: text,
    shortGoals: text,
    longGoals: text,
    items: jsonColumn(z.array(activitySchema), []),
    // Plans written before activities had a status: kinds and one note, read into `items` once.
    activities: listColumn(z.enum(ACTIVITIES)),
    activityNote: text,
    knowledgeSharing: text,
    followUpOn: text,
    seniorWanted: z.boolean().catch(false),
    seniorNote: text,
    followUps: jsonColumn(z.array(z.object({ at: z.string(), by: z.string(), byName: z.string(), changed: z.array(z.string()), changes: z.string() })), []),
    createdBy: text,
    createdAt: text,
    acknowledgedAt: optionalText(),
  }),
);

export function draftRow(d: Draft): Row {
  return { partitionKey: d.workplaceId, rowKey: `d_${safeKey(d.id)}`, ...draftRowCodec.encode(d) };
}

export function toDraft(r: Row): Draft {
  return { ...draftRowCodec.decode(r), workplaceId: r.partitionKey, id: r.rowKey.slice(2) };
}

export function talkRow(x: Talk): Row {
  return { partitionKey: x.workplaceId, rowKey: `t_${safeKey(x.id)}`, ...talkRowCodec.encode(x) };
}

export function toTalk(r: Row): Talk {
  return { ...talkRowCodec.decode(r), workplaceId: r.partitionKey, id: r.rowKey.slice(2) };
}

export function inviteRow(i: Invite): Row {
  return { partitionKey: i.workplaceId, rowKey: inviteKey(i.talkId, i.aadObjectId), ...inviteRowCodec.encode(i) };
}

export function toInvite(r: Row): Invite {
  return { ...inviteRowCodec.decode(r), workplaceId: r.partitionKey };
}

export function planRow(p: DevPlan): Row {
  const { activities, ...rest } = p;
  return { partitionKey: p.workplaceId, rowKey: planKey(p.talkId, p.aadObjectId), ...planRowCodec.encode({ ...rest, items: activities, activities: [], activityNote: '' }) };
}

export function toPlan(r: Row): DevPlan {
  const { items, activities: kinds, activityNote, ...rest } = planRowCodec.decode(r);
  const legacy = kinds.map((kind, i): PlanActivity => ({ kind, text: i === 0 ? activityNote : '', status: 'planned', note: '' }));
  return { ...rest, activities: items.length ? items : legacy, workplaceId: r.partitionKey };
}

export function proposalRow(p: SettingsProposal): Row {
  return { partitionKey: p.workplaceId, rowKey: PROPOSAL_KEY, ...proposalRowCodec.encode(p) };
}

export function toProposal(r: Row): SettingsProposal {
  const { questions, ...rest } = proposalRowCodec.decode(r);
  return { ...rest, ...(questions ? { questions } : {}), workplaceId: r.partitionKey };
}
