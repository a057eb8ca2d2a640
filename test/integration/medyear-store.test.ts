import { beforeAll, describe, expect, it } from 'vitest';
import { actionsFeature } from '../../src/actions/feature.js';
import { ManualClock } from '../../src/core/clock.js';
import { feature } from '../../src/core/feature.js';
import type { OutMessage } from '../../src/core/types.js';
import { medyearFeature } from '../../src/medyear/feature.js';
import { MEDYEAR_VERBS as V } from '../../src/medyear/model.js';
import { withSurvey } from '../../src/medyear/rules.js';
import { MedYearStore } from '../../src/medyear/store.js';
import { musFeature } from '../../src/mus/feature.js';
import { pulseTrendPort } from '../../src/pulse/agenda-port.js';
import { violenceFiguresPort } from '../../src/violence/agenda-port.js';
import { sicknessFeature } from '../../src/sickness/feature.js';
import type { DevPlan, Draft, Talk } from '../../src/mus/model.js';
import { MusStore } from '../../src/mus/store.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import { resolvePrincipal } from '../../src/workplaces/principal.js';
import { fakeTurn, textOf } from '../support/fake-turn.js';
import { featureRig } from '../support/feature-rig.js';
import { seedWorkplace } from '../support/seed.js';

/**
 * The MED year on Azurite behind the real dispatcher, with the real action plan and MUS
 * features as its ports: the store's guards (ETag, one-time keys) under concurrent writes,
 * the kompetenceudviklingsplan's anonymous needs from MUS plans, and every verb tried by
 * everyone who must not use it, with forged data.
 */
const clock = new ManualClock('2027-02-01T08:00:00Z');
const rig = featureRig(clock, (deps) => {
  const actions = actionsFeature(deps);
  const mus = musFeature(deps);
  const sickness = sicknessFeature(deps);
  const medyear = medyearFeature(deps, { actions: actions.plan, mus: mus.year, sickness: sickness.figures, pulse: pulseTrendPort(deps), violence: violenceFiguresPort(deps.storage) });
  return feature('medyear+ports', [...actions.tables, ...mus.tables, ...sickness.tables, ...medyear.tables], actions, mus, sickness, medyear);
});
const WP = 'solhoej';
const OTHER = 'egely';
const MED = '19:med@thread.tacv2';
const TRIO = '19:trio@thread.tacv2';
const OTHER_MED = '19:egely-med@thread.tacv2';
const people = {
  lone: { aadObjectId: 'u-lone', teamsUserId: '29:lone', name: 'Lone Leder', roles: ['leder' as const] },
  tobias: { aadObjectId: 'u-tobias', teamsUserId: '29:tobias', name: 'Tobias Tillid', roles: ['TR' as const] },
  mads: { aadObjectId: 'u-mads', teamsUserId: '29:mads', name: 'Mads Medarbejder', roles: ['medarbejder' as const] },
};
const egelyLeader = { aadObjectId: 'u-erik', teamsUserId: '29:erik', name: 'Erik Egely', roles: ['leder' as const] };
type Who = keyof typeof people | 'erik';
const person = (who: Who) => (who === 'erik' ? egelyLeader : people[who]);

async function act(who: Who, verb: string, data: Record<string, unknown>, conversationId = MED): Promise<{ rejected?: boolean; text: string }> {
  const p = person(who);
  const turn = fakeTurn({ where: { scope: 'channel', conversationId }, aadObjectId: p.aadObjectId, name: p.name, now: clock.now() });
  const out = await rig.dispatcher.handleAction(turn, verb, { verb, ...data }, { source: 'execute' });
  return { ...(out.rejected ? { rejected: true } : {}), text: [textOf(out.card ? { card: out.card } : undefined), textOf(out.message as OutMessage | undefined)].join('\n') };
}

async function say(who: Who, text: string, conversationId = MED): Promise<string> {
  const p = person(who);
  const turn = fakeTurn({ where: { scope: 'channel', conversationId }, aadObjectId: p.aadObjectId, name: p.name, now: clock.now() });
  await rig.dispatcher.handleText(turn, text);
  return turn.replies.map(textOf).join('\n');
}

const store = () => new MedYearStore(rig.storage, clock);
const entries = async (kind: string) => {
  const out: unknown[] = [];
  for await (const e of rig.storage.table('MedYear').listEntities({ queryOptions: { filter: `PartitionKey eq '${WP}' and kind eq '${kind}'` } })) out.push(e);
  return out;
};

beforeAll(async () => {
  await rig.ready();
  await seedWorkplace(rig.workplaces, { id: WP, name: 'Bostedet Solhøj', createdBy: 'u-lone', links: [{ forum: 'med', conversationId: MED, teamId: 't' }, { forum: 'trio', conversationId: TRIO, teamId: 't' }] }, Object.values(people));
  await seedWorkplace(rig.workplaces, { id: OTHER, name: 'Bostedet Egely', createdBy: 'u-erik', links: [{ forum: 'med', conversationId: OTHER_MED, teamId: 't2' }] }, [egelyLeader]);
});

describe('store guards on Azurite', () => {
  it('two saves of the årshjul at once both land, neither loses the other forum', async () => {
    const s = store();
    const base = { meetings: [], placements: {} as never, saved: false };
    await Promise.all([
      s.saveWheel(WP, base, 'med', [{ forum: 'med', date: '2027-03-10', time: '13:00' }], undefined, 'Lone'),
      s.saveWheel(WP, base, 'trio', [{ forum: 'trio', date: '2027-03-03', time: '10:00' }], undefined, 'Tobias'),
    ]);
    const w = await s.wheel(WP);
    expect(w?.meetings.map((m) => `${m.forum}:${m.date}`).sort()).toEqual(['med:2027-03-10', 'trio:2027-03-03']);
  });

  it('concurrent APV changes are applied one after the other (rev counts each)', async () => {
    const s = store();
    const results = await Promise.all(['2026-01-01', '2026-02-01', '2026-03-01'].map((d) => s.changeApv(WP, (cur) => withSurvey(cur, d))));
    const apv = await s.apv(WP);
    expect(apv.rev).toBe(3);
    expect(apv.history).toHaveLength(2);
    expect(results.map((r) => r.after.rev).sort()).toEqual([1, 2, 3]);
  });

  it('a decision pressed "to action" four times at once makes one action', async () => {
    const s = store();
    await s.addDecision(WP, 'med', '2027-03-10', { id: 'aaaaaaaaaaaaaaaa', text: 'Faste pauser', byName: 'Lone', at: clock.now().toISOString() });
    const before = (await rig.storage.table('Actions').listEntities({ queryOptions: { filter: `PartitionKey eq '${WP}' and kind eq 'action'` } }).next()).done;
    expect(before).toBe(true);
    const plan = actionsFeature(rig).plan;
    const draft = { tema: 'MED', emne: 'Faste pauser', maal: 'x', hvad: 'x', start: '2027-02-01', end: '2027-04-01', startLabel: '', endLabel: '', dokumentation: '', owner: { name: 'MED' }, effekt: '', source: 'med' as const };
    const made = await Promise.all(Array.from({ length: 4 }, () => s.decisionToAction(WP, 'med', '2027-03-10', 'aaaaaaaaaaaaaaaa', async () => (await plan.createOnce('test-decision', WP, draft, { id: 'u-lone', name: 'Lone' })).number).catch((e: unknown) => e)));
    const numbers = new Set(made.filter((m): m is { decision: { actionNumber: number }; created: boolean } => !(m instanceof Error)).map((m) => m.decision.actionNumber));
    expect(numbers.size).toBe(1);
    const rows: unknown[] = [];
    for await (const e of rig.storage.table('Actions').listEntities({ queryOptions: { filter: `PartitionKey eq '${WP}' and kind eq 'action'` } })) rows.push(e);
    expect(rows).toHaveLength(1);
    expect((await s.decisions(WP, 'med', '2027-03-10'))[0]?.actionNumber).toBe([...numbers][0]);
  });

  it('an agenda item added twice is one row', async () => {
    const s = store();
    const item = { id: 'bbbbbbbbbbbbbbbb', text: 'Julefrokost', byName: 'Mads', at: clock.now().toISOString() };
    expect(await s.addAgendaItem(WP, 'med', '2027-03-10', item)).toBe(true);
    expect(await s.addAgendaItem(WP, 'med', '2027-03-10', item)).toBe(false);
    expect(await s.agendaItems(WP, 'med', '2027-03-10')).toHaveLength(1);
  });
});

describe('the kompetenceudviklingsplan', () => {
  beforeAll(async () => {
    // Five udviklingsplaner from the last year: konflikthåndtering in four (one person twice: counted once), medicin in two.
    const mus = new MusStore(rig.storage);
    const texts: [string, string][] = [
      ['u-a', 'Kursus i konflikthåndtering'],
      ['u-b', 'Konflikter med pårørende; medicinhåndtering'],
      ['u-c', 'De-eskalering og konflikthåndtering'],
      ['u-d', 'Lære medicinhåndtering'],
      ['u-e', 'Konflikthåndtering i aftenvagten'],
    ];
    const draft: Draft = {
      workplaceId: WP, id: 'd1', leaderId: 'u-lone', leaderName: 'Lone Leder',
      params: { from: '2026-11-02', to: '2026-11-30', durationMinutes: 60, windowStart: '09:00', windowEnd: '15:00', place: 'Mødelokalet', mode: 'individual', bufferMinutes: 15 },
      slots: [], unplannedNames: [], recentlyHeld: [], names: {}, status: 'draft', createdAt: '2026-11-01T09:00:00Z',
    };
    await mus.saveDraft(draft);
    const talks: Talk[] = texts.map(([id], i) => ({
      workplaceId: WP, id: `t${i}`, draftId: 'd1', leaderId: 'u-lone', leaderName: 'Lone Leder', label: 'MUS', mode: 'individual', participantIds: [id],
      start: zonedInstant(`2026-11-1${i}`, '09:00'), end: zonedInstant(`2026-11-1${i}`, '10:00'), place: 'Mødelokalet', status: 'planned', version: 1,
    }));
    await mus.sendDraft(draft, (await mus.draft(WP, 'd1'))!.etag, talks, []);
    for (const [i, [id, text]] of texts.entries()) {
      const plan: DevPlan = { workplaceId: WP, talkId: `t${i}`, aadObjectId: id, name: `Navn ${id}`, heldOn: `2026-11-1${i}`, shortGoals: text, longGoals: '', activities: [{ kind: 'kursus', text: '', status: 'planned', note: '' }], knowledgeSharing: '', followUpOn: '2027-05-01', seniorWanted: false, seniorNote: '', followUps: [], createdBy: 'u-lone', createdAt: '2026-11-10T10:00:00Z' };
      await mus.register((await mus.talk(WP, `t${i}`))!, 'held', 'u-lone', '2026-11-10T10:00:00Z', [plan]);
    }
  });

  it('shows needs named in 3 or more plans with their count, hides smaller ones, and names nobody', async () => {
    const out = await say('mads', 'kompetenceplan');
    expect(out).toContain('4 udviklingsplaner nævner konflikthåndtering');
    expect(out).not.toContain('medicinhåndtering');
    expect(out).toContain('1 behov nævnt i færre end 3 planer vises ikke.');
    expect(out).toContain('Talt i 5 udviklingsplaner fra det seneste år. Ingen navne.');
    expect(out).not.toMatch(/Navn u-|u-a|u-b/);
  });

  it('is only in the MED channel; activities and the review date are kept, once', async () => {
    expect(await say('lone', 'kompetenceplan', TRIO)).toContain('ikke adgang');
    const activity = { what: 'Kursus i konflikthåndtering', who: 'alle i dagvagten', when: '1. kvartal 2027' };
    await act('lone', V.kupActivity, activity);
    const out = await act('lone', V.kupActivity, activity);
    expect(out.text.match(/Kursus i konflikthåndtering – alle i dagvagten, 1\. kvartal 2027/g)).toHaveLength(1);
    const saved = await act('tobias', V.kupSave, { supervision: 'Ekstern supervision hver 6. uge', reviewOn: '2027-03-10' });
    expect(saved.text).toContain('MED gennemgår planen: 10. marts 2027');
    expect((await store().kup(WP)).supervision).toBe('Ekstern supervision hver 6. uge');
  });
});

describe('the arbejdsmiljødrøftelse', () => {
  const goalActions = async () => {
    const out: Record<string, unknown>[] = [];
    for await (const e of rig.storage.table('Actions').listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq '${OTHER}' and kind eq 'action'` } })) out.push(e);
    return out;
  };

  it('asks the four questions; new goals become actions once, with kilde MED and Slut at the end of the year', async () => {
    const card = await act('erik', V.talkShow, { year: 2027 }, OTHER_MED);
    for (const q of ['kommende års samarbejde', 'Hvordan skal samarbejdet foregå', 'sidste års mål nået', 'kompetenceudviklingsplan']) expect(card.text).toContain(q);
    const save = { year: 2027, q_plan: 'Fire MED-møder og TRIO hver anden uge', q_form: 'AMR deltager i alle TRIO-møder', goal1: 'Færre alenevagter', goal2: 'APV-handleplan færdig' };
    await act('erik', V.talkSave, save, OTHER_MED);
    const again = await act('erik', V.talkSave, save, OTHER_MED);
    const made = await goalActions();
    expect(made.map((a) => [a.emne, a.source, a.end, a.tema])).toEqual([
      ['Færre alenevagter', 'med', '2027-12-31', 'Arbejdsmiljødrøftelse 2027'],
      ['APV-handleplan færdig', 'med', '2027-12-31', 'Arbejdsmiljødrøftelse 2027'],
    ]);
    expect(again.text).toContain('H-1 Færre alenevagter');
    expect(again.text).toContain('Fire MED-møder og TRIO hver anden uge');
  });

  it('next year shows last year\'s goals with the status of their actions', async () => {
    const out = await say('erik', 'arbejdsmiljødrøftelse 2028', OTHER_MED);
    expect(out).toContain('Mål fra 2027');
    expect(out).toContain('H-1 Færre alenevagter: Åben');
    expect(out).toContain('H-2 APV-handleplan færdig: Åben');
    expect(await say('erik', 'arbejdsmiljødrøftelse 2028', OTHER_MED)).not.toContain('Solhøj');
  });
});

describe('access: every changing verb, with forged data, by everyone who must not', () => {
  const forged: [string, Record<string, unknown>][] = [
    [V.wheelEdit, { year: 2027 }],
    [V.wheelSave, { year: 2027, date0: '2027-04-01', time0: '10:00' }],
    [V.referatShow, { forum: 'med', date: '2027-03-10' }],
    [V.referatAdd, { forum: 'med', date: '2027-03-10', text: 'Forfalsket beslutning' }],
    [V.decisionToAction, { forum: 'med', date: '2027-03-10', id: 'aaaaaaaaaaaaaaaa', owner_aaaaaaaaaaaaaaaa: 'u-mads' }],
    [V.apvSurvey, { rev: 3, surveyedOn: '2027-01-01' }],
    [V.apvStep, { rev: 3, step: 'analyse' }],
    [V.apvMajorChange, { rev: 3, reason: 'Forfalsket' }],
    [V.apvFinding, { rev: 3, finding: 'Forfalsket', group: 'x' }],
    [V.kupActivity, { what: 'Forfalsket', who: 'x', when: 'y' }],
    [V.kupSave, { supervision: 'Forfalsket', reviewOn: '' }],
    [V.talkSave, { year: 2027, goal1: 'Forfalsket mål' }],
  ];
  let before = '';
  const snapshot = async () => {
    const out: unknown[] = [];
    for (const table of ['MedYear', 'Actions']) for await (const e of rig.storage.table(table).listEntities({ queryOptions: { filter: `PartitionKey eq '${WP}'` } })) out.push({ ...e, etag: undefined, timestamp: undefined });
    return JSON.stringify(out);
  };
  beforeAll(async () => {
    before = await snapshot();
  });

  it.each(forged)('%s: a medarbejder in the MED channel is refused', async (verb, data) => {
    const out = await act('mads', verb, data);
    expect(out.rejected).toBe(true);
    expect(out.text).toContain('ikke adgang');
  });

  it.each(forged)('%s: the leader of another workplace, in her own MED channel, reaches only her own workplace', async (verb, data) => {
    await act('erik', verb, data, OTHER_MED).catch(() => undefined);
    expect(await snapshot()).toBe(before);
  });

  it.each(forged)('%s: nobody may use it in a personal chat', async (verb, data) => {
    const turn = fakeTurn({ where: { scope: 'personal', conversationId: 'a:lone' }, aadObjectId: 'u-lone', name: 'Lone Leder', now: clock.now() });
    const out = await rig.dispatcher.handleAction(turn, verb, { verb, ...data }, { source: 'execute' });
    expect(out.rejected).toBe(true);
  });

  it('nothing of Solhøj changed', async () => {
    expect(await snapshot()).toBe(before);
    expect(await entries('decision')).toHaveLength(1);
  });
});
