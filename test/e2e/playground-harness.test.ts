/**
 * Self-test of the Playground harness (test/support/playground.ts) against the echo bot
 * fixture: each harness method does what it promises, and the facts documented at the
 * top of playground.ts still hold for the installed Playground version.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoBot, type EchoBot } from '../support/echo-bot.js';
import { cardText, cards, scenarioYaml, solhoej, solhoejPeople as people, startPlayground, type PgMessage, type Playground } from '../support/playground.js';

const ymlPath = fileURLToPath(new URL('../../.m365agentsplayground.yml', import.meta.url));
const TRIO = solhoej.team.channel!.id;
const TEAM = solhoej.team.id;
const PC = solhoej.personalChatId;

let bot: EchoBot;
let pg: Playground;
const fileStart = Date.now();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const lastReceived = (pred: (a: Json) => boolean): Json => {
  const found = [...bot.received].reverse().find((a) => pred(a as Json));
  if (!found) throw new Error('bot did not receive a matching activity');
  return found as Json;
};
/** The structure of a value with ids, texts and times blanked out, to compare activity shapes. */
const shape = (v: unknown): unknown => (Array.isArray(v) ? v.map(shape) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort().map(([k, x]) => [k, shape(x)])) : typeof v);

beforeAll(async () => {
  bot = await startEchoBot();
  pg = await startPlayground({ botEndpoint: bot.endpoint });
  console.log(`[playground-harness] Playground ready in ${pg.startupMs} ms (port ${pg.port}, pid ${pg.pid})`);
});

afterAll(async () => {
  const pid = pg?.pid;
  await pg?.stop();
  await bot?.stop();
  if (pid) expect(() => process.kill(pid, 0)).toThrow(); // the Playground process is gone
  console.log(`[playground-harness] whole file took ${Date.now() - fileStart} ms`);
});

describe('scenario and config file', () => {
  it('the committed .m365agentsplayground.yml is scenarioYaml(solhoej)', () => {
    if (process.env.UPDATE_PLAYGROUND_YML === '1') writeFileSync(ymlPath, scenarioYaml(solhoej));
    expect(readFileSync(ymlPath, 'utf8')).toBe(scenarioYaml(solhoej));
  });

  it('rejects scenarios the Playground would refuse', () => {
    expect(() => scenarioYaml({ ...solhoej, users: solhoej.users.slice(0, 4) })).toThrow(/exactly 5 users/);
    expect(() => scenarioYaml({ ...solhoej, groupChat: { id: TEAM, name: 'x' } })).toThrow(/unique/);
  });

  it('the Playground loaded the scenario and logs to its temp dir, not the repo', async () => {
    const config = (await (await fetch(`${pg.url}/_internal/v1/testConfig`)).json()) as Json;
    expect(config.config.currentUser.id).toBe(people.lone.id);
    expect(config.config.teams[0].channels.map((c: Json) => c.name)).toEqual(['General', 'TRIO']);
    expect(existsSync(`${pg.tempDir}/devTools/m365agentsplayground.log`)).toBe(true);
  });
});

describe('acting as users', () => {
  it('personal chat: the current user writes, the bot answers', async () => {
    const res = await pg.send(PC, people.lone.id, 'hallo');
    expect(res).toMatchObject({ conversationId: PC, status: 200 });
    const m = await pg.waitForMessage((x) => x.text === 'echo: hallo', { conversationId: PC });
    expect(m).toMatchObject({ action: 'create', toUserId: people.lone.id, source: 'ws' });
    const a = lastReceived((x) => x.text === 'hallo');
    expect(a.id).toBe(res.activityId);
    expect(a.conversation).toEqual({ conversationType: 'personal', tenantId: solhoej.tenantId, id: PC });
    expect(a.from).toEqual({ id: people.lone.id, name: 'Lone Leder', aadObjectId: people.lone.aadObjectId });
    expect(a.channelData).toEqual({ tenant: { id: solhoej.tenantId } });
    expect(a.serviceUrl).toBe(pg.connectorUrl);
  });

  it('channel: a mention from another user opens a thread, the bot replies in it', async () => {
    const res = await pg.send(TRIO, people.tobias.id, 'hej kanal');
    expect(res.conversationId).toBe(`${TRIO};messageid=${res.messageId}`);
    expect(res.status).toBe(200);
    const m = await pg.waitForMessage((x) => x.text === 'echo: hej kanal');
    expect(m).toMatchObject({ conversationId: res.conversationId, channelId: TRIO });
    const a = lastReceived((x) => x.text === '<at>TRIO-bot</at> hej kanal');
    expect(a.from).toEqual({ id: people.tobias.id, name: 'Tobias Tillid', aadObjectId: people.tobias.aadObjectId });
    expect(a.conversation).toEqual({ isGroup: true, conversationType: 'channel', tenantId: solhoej.tenantId, id: res.conversationId });
    expect(a.channelData).toEqual({ teamsChannelId: TRIO, teamsTeamId: TEAM, tenant: { id: solhoej.tenantId }, team: { id: TEAM }, channel: { id: TRIO } });
    expect(a.entities[0]).toEqual({ type: 'mention', mentioned: { id: solhoej.bot.id, name: 'TRIO-bot' }, text: '<at>TRIO-bot</at>' });
    // A reply in the same thread goes to the same conversation.
    await pg.send(res.conversationId, people.amira.id, 'svar i tråden');
    await pg.waitForMessage((x) => x.text === 'echo: svar i tråden' && x.conversationId === res.conversationId);
    const own = await pg.send(res.conversationId, people.lone.id, 'også i tråden');
    expect(own).toMatchObject({ conversationId: res.conversationId, status: 200 });
    await pg.waitForMessage((x) => x.text === 'echo: også i tråden' && x.conversationId === res.conversationId);
  });

  it('impersonated activities have exactly the shape the Playground generates', async () => {
    const genuine = await pg.send(TEAM, people.lone.id, 'ægte');
    const fake = await pg.send(TEAM, people.mads.id, 'kopi');
    const g = lastReceived((x) => x.id === genuine.activityId);
    const f = lastReceived((x) => x.id === fake.activityId);
    expect(shape(f)).toEqual(shape(g));
    const gc = await pg.send(solhoej.groupChat.id, people.sofie.id, 'gruppe');
    expect(lastReceived((x) => x.id === gc.activityId).conversation).toEqual({ isGroup: true, conversationType: 'groupChat', tenantId: solhoej.tenantId, id: solhoej.groupChat.id });
    await pg.waitForMessage((x) => x.text === 'echo: gruppe', { conversationId: solhoej.groupChat.id });
  });

  it('channel messages without a mention do not reach the bot', async () => {
    const before = bot.received.length;
    const res = await pg.send(TRIO, people.mads.id, 'bare snak', { mentionBot: false });
    const own = await pg.send(TRIO, people.lone.id, 'også snak', { mentionBot: false });
    const group = await pg.send(solhoej.groupChat.id, people.lone.id, 'gruppesnak', { mentionBot: false });
    expect(group.status).toBeUndefined();
    expect(res.status).toBeUndefined();
    expect(own.status).toBeUndefined();
    await new Promise((r) => setTimeout(r, 200));
    expect(bot.received.length).toBe(before);
  });

  it('Action.Submit and Action.Execute on a card', async () => {
    const since = pg.cursor();
    await pg.send(PC, people.lone.id, 'card');
    const card = await pg.waitForMessage((x) => cards(x).length === 1, { since });
    expect(cardText(card)).toBe('Tæller\ncount: 0\nSted: Bostedet Solhøj\nTæl op\nSend');
    await pg.submit(PC, people.lone.id, card.messageId, { choice: 'ja', note: 'hej' });
    const answer = await pg.waitForMessage((x) => x.text?.startsWith('submitted:') ?? false, { since });
    expect(answer.text).toBe('submitted: {"choice":"ja","note":"hej"}');
    expect(lastReceived((x) => x.value?.note === 'hej')).toMatchObject({ type: 'message', replyToId: card.messageId, from: { id: people.lone.id } });

    const refreshed = (await pg.invoke(PC, people.lone.id, card.messageId, 'bump', { count: 4 })) as Json;
    expect(refreshed.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(refreshed)).toContain('count: 5');
    const inv = lastReceived((x) => x.type === 'invoke');
    expect(inv).toMatchObject({ name: 'adaptiveCard/action', replyToId: card.messageId, value: { action: { type: 'Action.Execute', verb: 'bump', data: { count: 4 } } } });
  });

  it('submit and invoke honour the acting user (in a channel thread)', async () => {
    const since = pg.cursor();
    const res = await pg.send(TRIO, people.amira.id, 'card');
    const card = await pg.waitForMessage((x) => cards(x).length === 1 && x.conversationId === res.conversationId, { since });
    await pg.submit(card.conversationId, people.tobias.id, card.messageId, { choice: 'nej' });
    expect(lastReceived((x) => x.value?.choice === 'nej').from.id).toBe(people.tobias.id);
    await pg.invoke(card.conversationId, people.sofie.id, card.messageId, 'bump', { count: 1 });
    expect(lastReceived((x) => x.type === 'invoke').from.id).toBe(people.sofie.id);
  });

  it('install sends installationUpdate and conversationUpdate', async () => {
    const before = bot.received.length;
    await pg.install(PC);
    await pg.install(TEAM);
    const got = bot.received.slice(before) as Json[];
    const expected = [`conversationUpdate:${PC}`, `conversationUpdate:${TEAM}`, `installationUpdate:${PC}`, `installationUpdate:${TEAM}`];
    expect(got.map((a) => `${a.type}:${a.conversation.id}`).sort()).toEqual(expected.sort());
    const teamInstall = got.find((a) => a.type === 'installationUpdate' && a.conversation.id === TEAM)!;
    expect(teamInstall).toMatchObject({ action: 'add', from: { id: people.lone.id }, channelData: { team: { id: TEAM, name: 'Bostedet Solhøj' }, settings: { selectedChannel: { id: TEAM } } } });
    const personalAdd = got.find((a) => a.type === 'conversationUpdate' && a.conversation.id === PC)!;
    expect(personalAdd.membersAdded.map((x: Json) => x.id)).toEqual([people.lone.id, solhoej.bot.id]);
    // Another user installs the app personally.
    const madsChat = await pg.openPersonalChat(people.mads.id);
    await pg.install(madsChat);
    const madsInstall = lastReceived((x) => x.type === 'installationUpdate' && x.conversation.id === madsChat);
    expect(madsInstall.from).toEqual({ id: people.mads.id, aadObjectId: people.mads.aadObjectId });
  });
});

describe('what the bot can do', () => {
  it('continueConversationAsync with an empty app id', async () => {
    await pg.send(PC, people.lone.id, 'proactive');
    await pg.waitForMessage((x) => x.text === 'proactive hello', { conversationId: PC });
  });

  it('createConversation opens a 1:1 with another user; it arrives with a new conversation id', async () => {
    await pg.send(PC, people.lone.id, `dm ${people.tobias.id}`);
    const m = await pg.waitForMessage((x) => x.toUserId === people.tobias.id && x.text === 'hej fra bot');
    expect(m.conversationId).toMatch(/@test\.user$/);
    expect(m.conversationId).not.toBe(PC);
    expect(m.source).toBe('log');
    expect(pg.personalChatId(people.tobias.id)).toBe(m.conversationId);
    expect(await pg.openPersonalChat(people.tobias.id)).toBe(m.conversationId); // idempotent
    // Tobias answers in that chat; the bot sees him, and updates work there too.
    await pg.send(m.conversationId, people.tobias.id, 'update');
    const v2 = await pg.waitForMessage((x) => x.text === 'version 2' && x.conversationId === m.conversationId);
    expect(v2.action).toBe('update');
    expect(lastReceived((x) => x.text === 'update' && x.conversation.id === m.conversationId).from.id).toBe(people.tobias.id);
    await expect(pg.send(m.conversationId, people.lone.id, 'ikke min chat')).rejects.toThrow(/cannot write/);
  });

  it('updateActivity shows as an update of the same message id', async () => {
    const since = pg.cursor();
    await pg.send(PC, people.lone.id, 'update');
    const v2 = await pg.waitForMessage((x) => x.action === 'update', { since });
    const all = pg.messages(PC).filter((x) => x.messageId === v2.messageId);
    expect(all.map((x: PgMessage) => `${x.action}:${x.text}`)).toEqual(['create:version 1', 'update:version 2']);
    expect(pg.latest(v2.messageId)?.text).toBe('version 2');
  });

  it('posting into a channel starts a thread (continueConversation and createConversation isGroup)', async () => {
    await pg.send(PC, people.lone.id, `post ${TRIO}`);
    const post = await pg.waitForMessage((x) => x.text === 'ny tråd i kanalen');
    expect(post.conversationId).toBe(`${TRIO};messageid=${post.messageId}`);
    expect(post.channelId).toBe(TRIO);
    await pg.send(PC, people.lone.id, `thread ${TRIO}`);
    const thread = await pg.waitForMessage((x) => x.text === 'tråd via createConversation');
    expect(thread.conversationId).toBe(`${TRIO};messageid=${thread.messageId}`);
    const created = await pg.waitForMessage((x) => x.text?.startsWith('thread-created:') ?? false);
    // CloudAdapter.createConversationAsync sets the turn's activity.id to the new conversation id (botbuilder quirk).
    expect(created.text).toBe(`thread-created: ${thread.conversationId} ${thread.conversationId}`);
    expect(pg.messages(TRIO).map((x) => x.messageId)).toContain(thread.messageId);
  });

  it('paged members, member and team details return the scenario ids', async () => {
    await pg.send(TRIO, people.lone.id, 'members');
    const members = bot.outcomes.filter((o) => o.command === 'members').at(-1)?.result as Json;
    const everybody = [solhoej.currentUser, ...solhoej.users];
    expect(members.members.map((x: Json) => x.id)).toEqual(everybody.map((u) => u.id).sort());
    expect(members.members.find((x: Json) => x.id === people.amira.id)).toMatchObject({ aadObjectId: people.amira.aadObjectId, userPrincipalName: people.amira.upn, tenantId: solhoej.tenantId });
    await pg.send(PC, people.lone.id, 'members');
    const personal = bot.outcomes.filter((o) => o.command === 'members').at(-1)?.result as Json;
    expect(personal.members.map((x: Json) => x.id)).toEqual([people.lone.id]);
    await pg.send(solhoej.groupChat.id, people.lone.id, 'members');
    const group = bot.outcomes.filter((o) => o.command === 'members').at(-1)?.result as Json;
    expect(group.members.map((x: Json) => x.id)).toEqual(everybody.map((u) => u.id).sort());
    await pg.send(TEAM, people.lone.id, 'team');
    const team = bot.outcomes.filter((o) => o.command === 'team').at(-1)?.result as Json;
    expect(team.details).toMatchObject({ id: TEAM, name: 'Bostedet Solhøj', aadGroupId: solhoej.team.aadGroupId });
    expect(team.channels.map((c: Json) => c.id)).toEqual([TEAM, TRIO]);
    await pg.send(TRIO, people.lone.id, `member ${people.sofie.id}`);
    const member = await pg.waitForMessage((x) => x.text?.startsWith('member:') ?? false);
    expect(JSON.parse(member.text!.slice('member: '.length))).toMatchObject({ id: people.sofie.id, aadObjectId: people.sofie.aadObjectId });
  });

  it('a failing turn is reported by send and botErrors', async () => {
    const res = await pg.send(PC, people.lone.id, 'fail');
    expect(res.status).toBe(500);
    expect(pg.botErrors()).toContainEqual(expect.objectContaining({ kind: 'turn', status: 500, conversationId: PC, text: 'fail' }));
    const direct = await pg.send(solhoej.groupChat.id, people.nadia.id, 'fail');
    expect(direct.status).toBe(500);
  });

  it('waits time out with a useful message', async () => {
    await expect(pg.waitForMessage((x) => x.text === 'never', { timeoutMs: 200 })).rejects.toThrow(/Recent bot messages/);
  });
});
