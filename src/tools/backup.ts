import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backup } from '../privacy/backup.js';
import { fail, operatorContext } from './operator.js';

/**
 * npm run backup -- [--out DIR|FILE] [--keep-days N]
 *
 * Writes every table of TABLE_PREFIX to one compressed file (encrypted when BACKUP_KEY is
 * set), named trio-<prefix>-<UTC time>.trio-backup in DIR (default ./backups). The file is
 * written under a temporary name and renamed when complete, so a half-written backup is
 * never taken for a backup. --keep-days deletes this prefix's backups in DIR that are
 * older (they hold personal data: erased data leaves the backups within that time).
 * Prints a JSON summary to stdout.
 */
const { values } = parseArgs({ options: { out: { type: 'string', default: 'backups' }, 'keep-days': { type: 'string' } } });
const keepDays = values['keep-days'] === undefined ? undefined : Number(values['keep-days']);
if (keepDays !== undefined && !(Number.isInteger(keepDays) && keepDays >= 1)) fail('--keep-days must be a whole number of days, at least 1', 2);

const { config, opened } = await operatorContext(process.env);
try {
  const now = new Date();
  const { bytes, header } = await backup(opened.storage, config.backupKey, now);
  const out = resolve(values.out);
  const isFile = out.endsWith('.trio-backup');
  const dir = isFile ? resolve(out, '..') : out;
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const file = isFile ? out : join(dir, `trio-${header.prefix}-${stamp}.trio-backup`);
  writeFileSync(`${file}.partial`, bytes, { mode: 0o600 });
  renameSync(`${file}.partial`, file);
  const pruned: string[] = [];
  if (keepDays !== undefined) {
    for (const name of readdirSync(dir)) {
      const m = new RegExp(`^trio-${header.prefix}-(\\d{8}T\\d{6}Z)\\.trio-backup$`).exec(name);
      if (!m || join(dir, name) === file) continue;
      const at = Date.parse(m[1]!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
      if (now.getTime() - at > keepDays * 86_400_000) {
        rmSync(join(dir, name));
        pruned.push(name);
      }
    }
  }
  const rows = Object.values(header.tables).reduce((a, b) => a + b, 0);
  process.stdout.write(`${JSON.stringify({ file, bytes: statSync(file).size, encrypted: Boolean(config.backupKey), prefix: header.prefix, tables: header.tables, rows, pruned })}\n`);
  if (!config.backupKey) process.stderr.write('BACKUP_KEY is not set: the backup is compressed but not encrypted. It holds personal data; set BACKUP_KEY for production.\n');
} finally {
  await opened.stop();
}
