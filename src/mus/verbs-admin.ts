/**
 * The data MUS needs besides talks: each employee's start date, last MUS before the bot
 * and birth year (the leader's stamdata card), and the workplace's MUS frame (MED's
 * settings card: a change is proposed and takes effect when a leader and a TR or AMR
 * have approved it, frame.ts).
 */
import { access, type Principal } from '../core/access.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { musText as t } from '../i18n/mus.js';
import { addDays } from '../shared/calendar.js';
import { MED_MEMBERS, PRIVATE_VERB, requireLeaderOf, requireMedOf } from './access.js';
import { noticeCard } from './cards.js';
import { peopleCard, personIds, settingsCard, type PersonRow } from './cards-admin.js';
import { checkForm, checkRow, typedOf, type FieldErrors } from './forms.js';
import type { MusFrame, FrameOutcome } from './frame.js';
import { MUS_VERBS } from './model.js';
import { peopleRef, personSchema, settingsForm, workplaceRef, type PersonLimits } from './schemas.js';
import type { MusService, PersonChange } from './service.js';
import type { Member } from '../workplaces/model.js';

export const OLDEST_BIRTH_YEAR = 1940;
export const YOUNGEST_AGE = 15;
/** A new hire may be entered up to a year before the first day. */
export const START_DATE_AHEAD_DAYS = 366;

/** The stamdata limits of `today`: the same numbers on the card and on the server. */
export function personLimits(today: string): PersonLimits {
  return { today, latestStart: addDays(today, START_DATE_AHEAD_DAYS), minYear: OLDEST_BIRTH_YEAR, maxYear: Number(today.slice(0, 4)) - YOUNGEST_AGE };
}

/** One employee's stamdata as stored. */
export const personRow = (e: Member, before: Map<string, string>): PersonRow => ({
  id: e.aadObjectId,
  name: e.name,
  ...(e.startDate ? { startDate: e.startDate } : {}),
  ...(e.birthYear ? { birthYear: e.birthYear } : {}),
  ...(before.get(e.aadObjectId) ? { lastMusOn: before.get(e.aadObjectId)! } : {}),
});

export function adminVerbs({ svc, frame }: { svc: MusService; frame: MusFrame }): FeaturePart {
  const savePeople = defineVerb({
    verb: MUS_VERBS.peopleSave,
    ...PRIVATE_VERB,
    schema: peopleRef,
    allowed: access.role('leder'),
    writes: true,
    async run(_turn, principal, data, { once }) {
      requireLeaderOf(principal, data.workplaceId);
      const limits = personLimits(svc.today());
      const [employees, before] = await Promise.all([svc.employeesById(data.workplaceId), svc.lastMusBefore(data.workplaceId)]);
      const errors: FieldErrors = {};
      const changes: PersonChange[] = [];
      const schema = personSchema(limits);
      for (const id of data.ids) {
        const member = employees.get(id);
        if (!member) continue; // left the workplace since the card was sent
        const row = checkRow(schema, data, personIds(id), errors);
        if (!row) continue;
        const lastBefore = before.get(id) ?? '';
        if ((member.startDate ?? '') !== row.start || member.birthYear !== row.birth || lastBefore !== row.last) {
          changes.push({ member, start: row.start, birth: row.birth, ...(lastBefore !== row.last ? { last: row.last } : {}) });
        }
      }
      if (Object.keys(errors).length) {
        const wp = principal.memberships.find((m) => m.workplaceId === data.workplaceId);
        const rows = [...employees.values()].filter((e) => data.ids.includes(e.aadObjectId)).map((e) => personRow(e, before));
        return { refused: true, card: peopleCard(data.workplaceId, wp?.workplaceName ?? '', rows, limits, { typed: typedOf(data), errors }) };
      }
      await svc.savePeople(data.workplaceId, changes, principal.userId, once);
      return { card: noticeCard(t.peopleSaved(changes.length), 'good') };
    },
  });

  /** MED's card as it is now, with a message saying what the action did. */
  const answer = async (principal: Principal, workplaceId: string, text: string) => ({
    card: settingsCard(workplaceId, principal.channel!.workplaceName, await svc.settings(workplaceId), await frame.current(workplaceId)),
    message: { text },
  });
  const said = (o: FrameOutcome, pending: (missing: ('leader' | 'representative')[]) => string) =>
    o.kind === 'applied' ? t.settingsSaved(o.settings.questions.length, o.settings.seniorAge) : pending(o.missing);
  const proposalId = (data: Record<string, unknown>) => (typeof data.proposalId === 'string' ? data.proposalId : '');

  const saveSettings = defineVerb({
    verb: MUS_VERBS.settingsSave,
    scopes: ['channel'],
    schema: workplaceRef,
    allowed: MED_MEMBERS,
    // MED's proposal goes through the MED year's frame (its own write); the guard keeps a repeated press from proposing twice.
    writes: true,
    async run(turn, principal, data, { once }) {
      requireMedOf(principal, data.workplaceId);
      const form = checkForm(settingsForm, data);
      if (!form.ok) {
        const card = settingsCard(data.workplaceId, principal.channel!.workplaceName, await svc.settings(data.workplaceId), await frame.current(data.workplaceId), { typed: typedOf(data), errors: form.errors });
        return { card };
      }
      const outcome = await frame.propose(data.workplaceId, { questions: form.data.questions, seniorAge: form.data.seniorAge }, principal, turn.now, once);
      return answer(principal, data.workplaceId, said(outcome, t.proposed));
    },
  });

  const reset = defineVerb({
    verb: MUS_VERBS.settingsReset,
    scopes: ['channel'],
    schema: workplaceRef,
    allowed: MED_MEMBERS,
    writes: true,
    async run(turn, principal, data, { once }) {
      requireMedOf(principal, data.workplaceId);
      const { seniorAge } = await svc.settings(data.workplaceId);
      const outcome = await frame.propose(data.workplaceId, { seniorAge }, principal, turn.now, once);
      return answer(principal, data.workplaceId, said(outcome, t.proposed));
    },
  });

  const approve = defineVerb({
    verb: MUS_VERBS.settingsApprove,
    scopes: ['channel'],
    schema: workplaceRef,
    allowed: MED_MEMBERS,
    writes: true,
    async run(turn, principal, data, { once }) {
      requireMedOf(principal, data.workplaceId);
      const outcome = await frame.approve(data.workplaceId, proposalId(data), principal, turn.now, once);
      return answer(principal, data.workplaceId, outcome.already && outcome.kind === 'pending' ? t.alreadyApproved : said(outcome, t.approvedPartly));
    },
  });

  const reject = defineVerb({
    verb: MUS_VERBS.settingsReject,
    scopes: ['channel'],
    schema: workplaceRef,
    allowed: MED_MEMBERS,
    writes: true,
    async run(_turn, principal, data, { once }) {
      requireMedOf(principal, data.workplaceId);
      await frame.reject(data.workplaceId, proposalId(data), principal, once);
      return answer(principal, data.workplaceId, t.proposalRejected(principal.name));
    },
  });

  return { verbs: [savePeople, saveSettings, reset, approve, reject] };
}
