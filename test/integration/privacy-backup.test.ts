import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { readAll } from '../../src/privacy/backup.js';
import { startAzurite, type EmbeddedAzurite } from '../../src/storage/azurite.js';
import { Storage } from '../../src/storage/tables.js';
import { azuriteConnectionString } from '../support/storage.js';
import { startHttpBot, TRIO, GENERAL } from '../support/http-bot.js';
import { jsonOut, runTool } from '../support/operator-cli.js';
import { privacyPeople, runEveryWorkflow, SCENARIO_START, startPrivacyBot, type PrivacyBot } from '../support/privacy-scenario.js';

/**
 * Issue 16, done means 3: `npm run backup` of a populated store (every workflow run over
 * HTTP), `npm run restore` into a fresh Azurite, identical rows, and the bot started on
 * the restored tables answers `åbne handlinger` and shows the sickness case to its leader.
 */
const clock = new ManualClock(SCENARIO_START);
const BACKUP_KEY = randomBytes(32).toString('base64');
let bot: PrivacyBot;
let fresh: EmbeddedAzurite;
let prefix: string;
let file: string;

const rowsOf = async (connection: string) => {
  const { header, rows } = await readAll(new Storage(connection, prefix));
  return { tables: header.tables, rows: rows.map((r) => JSON.stringify(r)).sort() };
};

beforeAll(async () => {
  bot = await startPrivacyBot(clock);
  await runEveryWorkflow(bot, clock);
  prefix = bot.app.ctx.config.storage.tablePrefix;
  // The bot stops, so the tables hold still and "identical" can be checked row by row.
  await bot.stop();
  fresh = await startAzurite();
}, 120_000);

afterAll(async () => {
  await fresh?.stop();
});

describe('backup and restore', () => {
  it('npm run backup writes every table to one encrypted, compressed file', async () => {
    const out = await runTool('backup', ['--out', 'backups', '--keep-days', '35'], { STORAGE_CONNECTION_STRING: azuriteConnectionString(), TABLE_PREFIX: prefix, BACKUP_KEY });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const summary = jsonOut(out) as { file: string; bytes: number; encrypted: boolean; tables: Record<string, number>; rows: number };
    file = summary.file;
    expect(summary.encrypted).toBe(true);
    for (const table of ['Workplaces', 'Members', 'MemberIndex', 'Actions', 'SicknessCases', 'MusTalks', 'MusNotes', 'PulseRounds', 'PulseInbox', 'Reminders', 'Events', 'Conversations', 'Inbox']) {
      expect(summary.tables[table], table).toBeGreaterThan(0);
    }
    // Encrypted: not even the names are readable in the file.
    const bytes = readFileSync(file);
    expect(bytes.toString('latin1')).not.toMatch(/Mads|Medarbejder|Solh/);
    expect(summary.bytes).toBe(bytes.length);
  });

  it('npm run restore refuses a wrong key and a target that is not empty, writing nothing', async () => {
    const wrong = await runTool('restore', ['--in', file], { STORAGE_CONNECTION_STRING: fresh.connectionString, TABLE_PREFIX: prefix, BACKUP_KEY: randomBytes(32).toString('base64') });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('does not open with this BACKUP_KEY');
    const notEmpty = await runTool('restore', ['--in', file], { STORAGE_CONNECTION_STRING: azuriteConnectionString(), TABLE_PREFIX: prefix, BACKUP_KEY });
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.stderr).toContain('already has rows');
    const damaged = Buffer.from(readFileSync(file));
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 5) ^ 0xff, damaged.length - 5);
    writeFileSync(`${file}.damaged`, damaged);
    expect((await runTool('restore', ['--in', `${file}.damaged`], { STORAGE_CONNECTION_STRING: fresh.connectionString, TABLE_PREFIX: prefix, BACKUP_KEY })).code).toBe(1);
    expect((await rowsOf(fresh.connectionString)).rows).toEqual([]);
  });

  it('restores into a fresh Azurite with identical rows (types included)', async () => {
    const out = await runTool('restore', ['--in', file], { STORAGE_CONNECTION_STRING: fresh.connectionString, TABLE_PREFIX: prefix, BACKUP_KEY });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const [before, after] = [await rowsOf(azuriteConnectionString()), await rowsOf(fresh.connectionString)];
    expect(after.tables).toEqual(before.tables);
    expect(after.rows).toEqual(before.rows);
  });

  it('the bot started on the restored tables answers åbne handlinger and shows the leader her sickness case', async () => {
    const restored = await startHttpBot({
      clock,
      people: privacyPeople,
      env: { STORAGE_CONNECTION_STRING: fresh.connectionString, TABLE_PREFIX: prefix },
      channels: { trio: { id: TRIO, team: GENERAL } },
      workplaces: [], // nothing seeded: everything comes from the backup
    });
    try {
      const list = (await restored.say('tobias', 'trio', 'åbne handlinger')).sent.map((r) => JSON.stringify(r.activity)).join();
      expect(list).toContain('Åbne handlinger – Bostedet Solhøj');
      expect(list).toContain('H-1');
      expect(list).toContain('H-2');
      const cases = (await restored.say('lone', 'personal', 'sygefravær')).sent.map((r) => JSON.stringify(r.activity)).join();
      expect(cases).toContain('Mads Medarbejder');
      expect(cases).toContain('Fra 14. december 2026');
      // Roles came back too: staff still get no sickness overview.
      expect((await restored.say('mads', 'personal', 'sygefravær')).sent.map((r) => JSON.stringify(r.activity)).join()).not.toContain('Sofie Social');
    } finally {
      await restored.stop();
    }
  });
});
