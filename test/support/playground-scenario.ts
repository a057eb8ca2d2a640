/**
 * The people, chats and team the Microsoft 365 Agents Playground pretends exist, and the
 * YAML config file it reads. `solhoej` is the one source of truth: the committed
 * `.m365agentsplayground.yml` at the repo root must equal `scenarioYaml(solhoej)` (a test
 * checks this), and the harness writes the same YAML to a temp file for each run.
 *
 * Playground config rules (schema 0.1.1, checked by `scenarioYaml`): exactly 5 `users`
 * besides `currentUser`, all user ids unique; one personal chat (current user + bot only),
 * one group chat (everybody), one team (everybody) whose General channel id IS the team
 * id, plus at most one more channel; chat/team/channel ids unique and without ';'
 * (the Playground builds thread ids as `<channelId>;messageid=<id>`); bot name <= 42
 * chars; the user key is spelled "userPrincipleName" (sic).
 */

export type PgRole = 'leder' | 'tr' | 'amr' | 'medarbejder';

export interface PgUser {
  /** Teams user id (`29:...`): activity.from.id, member ids, createConversation members. */
  id: string;
  name: string;
  /** Entra (AAD) object id: activity.from.aadObjectId, stable across bots/tenants. */
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
  upn: string;
  /** Not part of the Playground config; for test readability only. */
  role: PgRole;
}

export interface PgScenario {
  tenantId: string;
  bot: { id: string; name: string };
  /** The only user the Playground itself can write as (see playground.ts). */
  currentUser: PgUser;
  /** Exactly 5 more users; all are members of the group chat and the team. */
  users: PgUser[];
  team: { id: string; name: string; aadGroupId: string; channel?: { id: string; name: string } };
  groupChat: { id: string; name: string };
  /** The current user's 1:1 chat with the bot. */
  personalChatId: string;
}

function user(id: string, aadObjectId: string, givenName: string, surname: string, role: PgRole, mail: string): PgUser {
  const email = `${mail}@solhoej.example`;
  return { id, name: `${givenName} ${surname}`, aadObjectId, givenName, surname, email, upn: email, role };
}

/** Everybody at Bostedet Solhøj. User ids are `29:1` + the AAD id without dashes (Teams-shaped, and different from the AAD id on purpose). */
export const solhoejPeople = {
  lone: user('29:1a4d3c3f9ba134d91b1f1e0c7908d7f5e', 'a4d3c3f9-ba13-4d91-b1f1-e0c7908d7f5e', 'Lone', 'Leder', 'leder', 'lone.leder'),
  tobias: user('29:18c0f03663ba44409965660d5a0faa1e4', '8c0f0366-3ba4-4409-9656-60d5a0faa1e4', 'Tobias', 'Tillid', 'tr', 'tobias.tillid'),
  amira: user('29:1ce177bd2ba9e4450a14d8ce49b34263a', 'ce177bd2-ba9e-4450-a14d-8ce49b34263a', 'Amira', 'Arbejdsmiljø', 'amr', 'amira.arbejdsmiljo'),
  mads: user('29:11d6f2bad7e2544e6adbcb35517fc5e04', '1d6f2bad-7e25-44e6-adbc-b35517fc5e04', 'Mads', 'Medarbejder', 'medarbejder', 'mads.medarbejder'),
  sofie: user('29:16fe681aa4832490fbed8a2dfd1374330', '6fe681aa-4832-490f-bed8-a2dfd1374330', 'Sofie', 'Social', 'medarbejder', 'sofie.social'),
  nadia: user('29:175adca016fa3427fb3fbc9eeb2bfd1ce', '75adca01-6fa3-427f-b3fb-c9eeb2bfd1ce', 'Nadia', 'Nattevagt', 'medarbejder', 'nadia.nattevagt'),
} as const;

/** Bostedet Solhøj: Lone Leder (leder, the current user), Tobias (TR), Amira (AMR), Mads, Sofie, Nadia (medarbejdere). */
export const solhoej: PgScenario = {
  tenantId: 'a7c05167-6358-4c12-bd73-486223b3b756',
  bot: { id: '28:c6aff0f9-fde7-4569-9f99-75be184a99e1', name: 'TRIO-bot' },
  currentUser: solhoejPeople.lone,
  users: [solhoejPeople.tobias, solhoejPeople.amira, solhoejPeople.mads, solhoejPeople.sofie, solhoejPeople.nadia],
  team: {
    id: '19:solhoej-general@thread.tacv2',
    name: 'Bostedet Solhøj',
    aadGroupId: '949b44be-2802-4ed4-b5f6-9d188cda8188',
    channel: { id: '19:solhoej-trio@thread.tacv2', name: 'TRIO' },
  },
  groupChat: { id: '19:solhoej-vagtplan@thread.v2', name: 'Vagtplan' },
  personalChatId: 'a:1solhoej-personal-lone-leder',
};

export function allUsers(s: PgScenario): PgUser[] {
  return [s.currentUser, ...s.users];
}

export function findUser(s: PgScenario, userId: string): PgUser | undefined {
  return allUsers(s).find((u) => u.id === userId);
}

/** Throws when the scenario breaks a rule the Playground enforces (it would exit at startup). */
export function validateScenario(s: PgScenario): void {
  const problems: string[] = [];
  if (s.users.length !== 5) problems.push(`exactly 5 users besides currentUser are required, got ${s.users.length}`);
  const userIds = allUsers(s).map((u) => u.id);
  if (new Set(userIds).size !== userIds.length) problems.push('user ids must be unique (currentUser included)');
  const convIds = [s.personalChatId, s.groupChat.id, s.team.id, ...(s.team.channel ? [s.team.channel.id] : [])];
  if (new Set(convIds).size !== convIds.length) problems.push('personal chat, group chat, team and channel ids must be unique');
  if (convIds.some((id) => id.includes(';'))) problems.push("conversation ids must not contain ';'");
  if (s.bot.name.length > 42) problems.push('bot name must be at most 42 characters');
  if (s.team.channel?.name === 'General') problems.push('the extra channel must not be called General');
  if (problems.length > 0) throw new Error(`Invalid Playground scenario: ${problems.join('; ')}`);
}

const q = (value: string): string => JSON.stringify(value); // a JSON string is a valid YAML double-quoted scalar

function userYaml(u: PgUser, indent: string, first: string): string[] {
  return [
    `${first}id: ${q(u.id)}`,
    `${indent}name: ${q(u.name)}`,
    `${indent}userPrincipleName: ${q(u.upn)}`,
    `${indent}aadObjectId: ${q(u.aadObjectId)}`,
    `${indent}givenName: ${q(u.givenName)}`,
    `${indent}surname: ${q(u.surname)}`,
    `${indent}email: ${q(u.email)}`,
  ];
}

/** The Playground config file for a scenario (deterministic; every string is quoted). */
export function scenarioYaml(s: PgScenario): string {
  validateScenario(s);
  const lines = [
    '# yaml-language-server: $schema=https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json',
    '# Microsoft 365 Agents Playground config for TRIO-bot (`npm run playground`).',
    '# GENERATED from `solhoej` in test/support/playground-scenario.ts (a test checks it). Regenerate:',
    '# UPDATE_PLAYGROUND_YML=1 npx vitest run --config test/vitest.config.ts test/e2e/playground-harness.test.ts',
    'version: "0.1.1"',
    `tenantId: ${q(s.tenantId)}`,
    'bot:',
    `  id: ${q(s.bot.id)}`,
    `  name: ${q(s.bot.name)}`,
    'currentUser:',
    ...userYaml(s.currentUser, '  ', '  '),
    'users:',
    ...s.users.flatMap((u) => userYaml(u, '    ', '  - ')),
    'personalChat:',
    `  id: ${q(s.personalChatId)}`,
    'groupChat:',
    `  id: ${q(s.groupChat.id)}`,
    `  name: ${q(s.groupChat.name)}`,
    'team:',
    `  id: ${q(s.team.id)} # also the id of the General channel`,
    `  name: ${q(s.team.name)}`,
    `  aadGroupId: ${q(s.team.aadGroupId)}`,
    s.team.channel ? '  channels:' : '  channels: []',
    ...(s.team.channel ? [`    - id: ${q(s.team.channel.id)}`, `      name: ${q(s.team.channel.name)}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}
