import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BackupFileError, openBackup, restore, RestoreTargetNotEmpty } from '../privacy/backup.js';
import { fail, operatorContext } from './operator.js';

/**
 * npm run restore -- --in FILE
 *
 * Loads a backup made by `npm run backup` into the configured storage under TABLE_PREFIX
 * (which may differ from the backup's). The target must be empty: nothing is written when
 * any of its tables has rows. Encrypted backups need the BACKUP_KEY they were made with;
 * pulse rounds that were open at backup time close only with the same PULSE_SEAL_KEY.
 */
const { values } = parseArgs({ options: { in: { type: 'string' } } });
if (!values.in) fail('usage: npm run restore -- --in <file.trio-backup>', 2);

const { config, opened } = await operatorContext(process.env);
try {
  const file = openBackup(readFileSync(values.in), config.backupKey);
  const written = await restore(opened.storage, file);
  process.stdout.write(`${JSON.stringify({ from: file.header.prefix, into: opened.storage.prefix, createdAt: file.header.createdAt, tables: written })}\n`);
} catch (e) {
  if (e instanceof BackupFileError || e instanceof RestoreTargetNotEmpty) fail(`restore stopped: ${e.message}`, 1);
  throw e;
} finally {
  await opened.stop();
}
