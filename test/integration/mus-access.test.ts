import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { DevPlan, Draft, Invite, Talk } from '../../src/mus/model.js';
import { MusStore } from '../../src/mus/store.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import { contentOf, createdChat, GENERAL, solhoejMembers, solhoejTeam, solhoejWorkplace, startHttpBot, WP, type Answer, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * Preparation notes and udviklingsplaner belong to the employee and the leaders of the
 * workplace. A TR, a colleague and a leader of another workplace try every MUS command
 * and every MUS card verb, with data crafted to point at Sofie's talk and plan, in their
 * personal chat and in the MED channel: nothing of Sofie's reaches them and nothing of
 * hers changes. A leader cannot pull private content into a channel either.
 */
const OTHER = 'botilbuddet-fjord';
const NOTE = 'HEMMELIG-NOTE om min mor';
const GOAL = 'HEMMELIG-PLAN om lederuddannelse';
const people = {
  ...solhoejTeam('lone', 'mads', 'sofie'),
  tobias: { ...solhoejMembers.tobias, roles: ['TR', 'medarbejder'] as const },
  karl: { aad: '0b7e3f3a-1111-4c4c-9999-000000000001', name: 'Karl Fjordleder', roles: ['leder'] as const, workplace: OTHER },
};
type Person = keyof typeof people;

let bot: HttpBot<Person, 'med'>;
let store: MusStore;
const clock = new ManualClock('2026-12-01T08:00:00Z');
const planned = { id: 'tplanned', start: zonedInstant('2026-12-10', '09:00') };
const held = { id: 'theld', start: zonedInstant('2026-11-20', '09:00') };

/** Everything the bot answered to one activity: the invoke body and the messages it sent. */
const answer = ({ raw, sent }: Answer): string => raw + JSON.stringify(sent.map((r) => contentOf(r.activity)));
const where = (channel: boolean) => (channel ? 'med' : 'personal');
const say = async (who: Person, channel: boolean, text: string) => answer(await bot.say(who, where(channel), text));
const execute = async (who: Person, channel: boolean, verb: string, data: Json) => answer(await bot.execute(who, where(channel), verb, { verb, ...data }));

/** Data aimed at Sofie's talks and plan, with a value for every field any MUS verb reads. */
const crafted = (talkId: string): Json => ({
  workplaceId: WP, talkId, version: '1', draftId: 'd1', aadObjectId: people.sofie.aad, notes: 'overskrevet', senior: 'true', reason: 'other', questions: 'Et spørgsmål?', seniorAge: '60',
  date: '2026-12-11', time: '13:00', outcome: 'held', shortGoals: 'x', longGoals: 'y', activities: 'projekt', knowledgeSharing: 'z', followUpOn: '2027-06-01',
  a0_kind: 'kursus', a0_text: 'overskrevet', s_0: 'done', n_0: 'overskrevet', changes: 'overskrevet', rev: '0', proposalId: 'p1', [`l_${people.sofie.aad}`]: '2026-01-01',
  ids: people.sofie.aad, [`s_${people.sofie.aad}`]: '2001-01-01', [`b_${people.sofie.aad}`]: '1950', d_0: '2026-12-11', t_0: '13:00',
  from: '2026-12-14', to: '2026-12-18', windowStart: '09:00', windowEnd: '15:00', duration: '60', place: 'X', mode: 'individual', participants: people.sofie.aad,
});

/** Sofie's private rows, to prove nothing changed. */
async function sofiesRows(): Promise<unknown> {
  const sofie = people.sofie.aad;
  return {
    notes: await store.notes(WP, planned.id, sofie),
    invite: await store.invite(WP, planned.id, sofie),
    talks: (await store.talks(WP)).map((x) => [x.id, x.status, x.start.toISOString(), x.version]),
    plan: await store.plan(WP, held.id, sofie),
    member: await bot.app.ctx.workplaces.member(WP, sofie),
  };
}

beforeAll(async () => {
  bot = await startHttpBot({
    clock,
    people,
    channels: { med: { id: GENERAL, team: GENERAL, thread: '1' } },
    personalChat: createdChat,
    workplaces: [
      solhoejWorkplace([{ forum: 'med', conversationId: GENERAL, teamId: GENERAL }]),
      { id: OTHER, name: 'Botilbuddet Fjord', createdBy: people.karl.aad },
    ],
  });
  store = new MusStore(bot.app.ctx.storage);
  const talk = (x: { id: string; start: Date }): Talk => ({
    workplaceId: WP, id: x.id, draftId: 'd1', leaderId: people.lone.aad, leaderName: 'Lone Leder', label: 'Sofie Social', mode: 'individual',
    participantIds: [people.sofie.aad], start: x.start, end: new Date(x.start.getTime() + 3_600_000), place: 'Mødelokalet', status: 'planned', version: 1,
  });
  const invite = (talkId: string): Invite => ({ workplaceId: WP, talkId, aadObjectId: people.sofie.aad, name: 'Sofie Social', response: 'pending', seniorOffered: false, seniorWanted: false });
  const draft: Draft = {
    workplaceId: WP, id: 'd1', leaderId: people.lone.aad, leaderName: 'Lone Leder',
    params: { from: '2026-11-16', to: '2026-12-18', durationMinutes: 60, bufferMinutes: 15, windowStart: '09:00', windowEnd: '15:00', place: 'Mødelokalet', mode: 'individual' },
    slots: [], unplannedNames: [], recentlyHeld: [], names: {}, status: 'draft', createdAt: clock.now().toISOString(),
  };
  await store.saveDraft(draft);
  await store.sendDraft(draft, (await store.draft(WP, 'd1'))!.etag, [talk(planned), talk(held)], [invite(planned.id), invite(held.id)]);
  await store.saveNotes(WP, planned.id, people.sofie.aad, NOTE, clock.now().toISOString());
  const plan: DevPlan = {
    workplaceId: WP, talkId: held.id, aadObjectId: people.sofie.aad, name: 'Sofie Social', heldOn: '2026-11-20', shortGoals: GOAL, longGoals: GOAL,
    activities: [{ kind: 'kursus', text: GOAL, status: 'planned', note: '' }], knowledgeSharing: GOAL, followUpOn: '2027-05-20',
    seniorWanted: false, seniorNote: '', followUps: [], createdBy: people.lone.aad, createdAt: clock.now().toISOString(),
  };
  await store.register((await store.talk(WP, held.id))!, 'held', people.lone.aad, clock.now().toISOString(), [plan]);
});

afterAll(async () => {
  await bot?.stop();
});

describe('MUS access', () => {
  it('Sofie herself sees her notes and her plan', async () => {
    const mine = await say('sofie', false, 'min MUS');
    expect(mine).toContain('HEMMELIG-NOTE');
    expect(mine).toContain('HEMMELIG-PLAN');
  });

  const attackers: [Person, boolean][] = [['tobias', false], ['tobias', true], ['mads', false], ['mads', true], ['karl', false]];

  /** What each card action must answer: the kind of refusal (or, for MED's own frame, the harmless answer) each attacker gets. */
  const REFUSALS = {
    personalOnly: 'Det om MUS klarer vi i din private chat med mig',
    notYours: 'Den MUS kan du ikke se',
    forbidden: 'Det har du ikke adgang til',
    notLeaderHere: 'Kun en leder på arbejdsstedet kan det',
    medFrame: 'MUS-rammer for Bostedet Solhøj',
    staleProposal: 'Forslaget er ændret, siden kortet blev vist',
  } as const;
  type Refusal = keyof typeof REFUSALS;
  const EMPLOYEE_VERBS = ['mus.accept', 'mus.notes', 'mus.requestChange', 'mus.ack', 'mus.followUpOpen', 'mus.followUpSave', 'mus.planView'];
  const expectedRefusal = (who: Person, channel: boolean, verb: string): Refusal => {
    const frame = verb.startsWith('mus.settings.');
    if (channel && !frame) return 'personalOnly';
    if (frame) {
      // Tobias is TR, a MED member in the MED channel: he may propose (it applies only once a leader approves too); the crafted proposal id is stale.
      if (!channel || who !== 'tobias') return 'forbidden';
      return verb === 'mus.settings.approve' || verb === 'mus.settings.reject' ? 'staleProposal' : 'medFrame';
    }
    if (EMPLOYEE_VERBS.includes(verb)) return 'notYours';
    return who === 'karl' ? 'notLeaderHere' : 'forbidden';
  };

  it.each(attackers)('%s (in channel: %s) gets nothing of Sofie from any MUS verb, each is answered with its refusal, and nothing changes', async (who, channel) => {
    const verbs = bot.app.router.all().map((v) => v.verb).filter((v) => v.startsWith('mus.'));
    expect(verbs.length).toBeGreaterThanOrEqual(19);
    const before = await sofiesRows();
    for (const verb of verbs) {
      for (const talkId of [planned.id, held.id]) {
        const res = await execute(who, channel, verb, crafted(talkId));
        const kind = expectedRefusal(who, channel, verb);
        expect(res, `${verb} as ${who}: ${kind}`).toContain(REFUSALS[kind]);
        for (const other of Object.keys(REFUSALS) as Refusal[]) if (other !== kind) expect(res, `${verb} as ${who}: not ${other}`).not.toContain(REFUSALS[other]);
        expect(res, `${verb} as ${who}`).not.toContain('HEMMELIG');
        expect(res, `${verb} as ${who}`).not.toContain('Lone Leder');
        // The data is valid for every verb, so what refused it was the access check, not validation.
        expect(res, `${verb} as ${who}`).not.toContain('Ret venligst');
        expect(res, `${verb} as ${who}`).not.toContain('Ret det markerede');
      }
    }
    expect(await sofiesRows()).toEqual(before);
  });

  /** What each answer must be: the kind of refusal (or the harmless answer) every command gives each attacker. */
  const ANSWERS = {
    own: 'Du har ingen planlagt MUS lige nu',
    forbidden: 'Det har du ikke adgang til',
    channelOnly: 'virker kun i en kanal',
    personalOnly: 'virker kun i din private chat med mig',
    counts: 'MUS på Bostedet Solhøj: status',
    medFrame: 'MUS-rammer for Bostedet Solhøj',
    ownWorkplace: 'MUS på Botilbuddet Fjord',
    noEmployees: 'Der er ingen medarbejdere på arbejdsstedet endnu',
    nothingToRegister: 'Ingen MUS venter på at blive registreret',
    notLeaderThere: 'Du er ikke leder på \\"Bostedet Solhøj\\"',
  } as const;
  type Kind = keyof typeof ANSWERS;
  const expected = (who: Person, channel: boolean, id: string, named: boolean): Kind => {
    const leaderOnly = ['mus.plan', 'mus.register', 'mus.people'].includes(id);
    if (channel) {
      if (id === 'mus.status') return 'counts';
      if (id === 'mus.settings') return who === 'tobias' ? 'medFrame' : 'forbidden';
      return 'personalOnly';
    }
    if (id === 'mus.settings') return 'channelOnly';
    if (who === 'karl') {
      if (id === 'mus.status') return 'ownWorkplace';
      if (id === 'mus.mine') return 'own';
      if (id === 'mus.register') return 'nothingToRegister';
      return named ? 'notLeaderThere' : 'noEmployees';
    }
    return leaderOnly ? 'forbidden' : 'own';
  };

  it.each(attackers)('%s (in channel: %s) gets nothing of Sofie from any MUS command, and each is answered with its refusal', async (who, channel) => {
    const commands = bot.app.registry.all().filter((c) => c.id.startsWith('mus.'));
    expect(commands.map((c) => c.id).sort()).toEqual(['mus.mine', 'mus.people', 'mus.plan', 'mus.register', 'mus.settings', 'mus.status']);
    for (const c of commands) {
      for (const [text, named] of [[c.name, false], [`${c.name} Bostedet Solhøj`, true]] as const) {
        const res = await say(who, channel, text);
        const kind = expected(who, channel, c.id, named);
        expect(res, `${text} as ${who}: ${kind}`).toContain(ANSWERS[kind]);
        for (const other of Object.keys(ANSWERS) as Kind[]) if (other !== kind) expect(res, `${text} as ${who}: not ${other}`).not.toContain(ANSWERS[other]);
        expect(res, `${text} as ${who}`).not.toContain('HEMMELIG');
        expect(res, `${text} as ${who}`).not.toContain('Sofie');
      }
    }
  });

  it('refuses a TR and a colleague by name, not by silence', async () => {
    expect(await execute('tobias', false, 'mus.notes', crafted(planned.id))).toContain('Den MUS kan du ikke se');
    expect(await execute('mads', false, 'mus.ack', crafted(held.id))).toContain('Den MUS kan du ikke se');
    expect(await execute('tobias', false, 'mus.register', crafted(planned.id))).toContain('Det har du ikke adgang til');
    expect(await execute('karl', false, 'mus.move', crafted(planned.id))).toContain('Kun en leder på arbejdsstedet');
  });

  it("keeps even the leader's private MUS content out of channels", async () => {
    for (const verb of ['mus.notes', 'mus.accept', 'mus.register', 'mus.move', 'mus.propose', 'mus.people.save']) {
      const res = await execute('lone', true, verb, crafted(planned.id));
      expect(res, verb).toContain('private chat');
      expect(res, verb).not.toContain('HEMMELIG');
    }
    const status = await say('lone', true, 'MUS status');
    expect(status).toContain('Skal have MUS');
    expect(status).not.toContain('Sofie');
  });
});
