/**
 * Backup and restore of every table of one deployment (one TABLE_PREFIX).
 *
 * Azure Table storage has no point-in-time restore and AzCopy no longer copies tables,
 * so the bot copies its own rows: every table whose name starts with the prefix, every
 * row with its property types (Int64, DateTime, Binary ... exactly as stored), as JSON
 * lines, gzip-compressed and, with BACKUP_KEY, sealed with AES-256-GCM.
 *
 * File layout: "TRIOBAK1" + one flag byte (0 = plain gzip, 1 = encrypted: 12-byte IV,
 * 16-byte tag, ciphertext) + the gzip of JSON lines: a header line
 * { format, version, prefix, createdAt, tables: { <logical name>: <rows> } }, then one
 * line per row { t: <logical name>, e: <entity> }.
 *
 * Consistency: rows are read table by table while the bot may run. Every write of the
 * bot that must be whole is one transaction inside one partition, and partitions are read
 * whole, so a restored row set never holds half a transaction. A write that lands while
 * the backup runs may be in or out of it (as with any backup of a running system).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { TableEntity, TransactionAction } from '@azure/data-tables';
import type { Storage } from '../storage/tables.js';

const MAGIC = Buffer.from('TRIOBAK1');
const FORMAT = 'trio-backup';

export interface BackupHeader {
  format: typeof FORMAT;
  version: 1;
  prefix: string;
  createdAt: string;
  /** Rows per table (logical names, without the prefix). */
  tables: Record<string, number>;
}

type Typed = Record<string, unknown> & { partitionKey: string; rowKey: string };

/** The 32-byte key from BACKUP_KEY (base64 or hex, as PULSE_SEAL_KEY). */
export function backupKey(text: string): Buffer {
  const s = text.trim();
  const key = /^[0-9a-fA-F]+$/.test(s) && s.length % 2 === 0 ? Buffer.from(s, 'hex') : Buffer.from(s, 'base64');
  if (key.length < 32) throw new Error('BACKUP_KEY must be at least 32 bytes');
  return key.subarray(0, 32);
}

/**
 * The logical names of the prefix's tables. Logical names start with a capital letter
 * ("Actions"), so the tables of another deployment whose prefix extends ours ("trio" and
 * "trioprod": "trioprodActions") are not taken for ours.
 */
export async function ownTables(storage: Storage): Promise<string[]> {
  return (await storage.listTableNames(10_000))
    .filter((n) => n.startsWith(storage.prefix))
    .map((n) => n.slice(storage.prefix.length))
    .filter((n) => /^[A-Z]/.test(n));
}

/** Every row of every table of the prefix, with its types. */
export async function readAll(storage: Storage): Promise<{ header: BackupHeader; rows: { t: string; e: Typed }[] }> {
  const names = await ownTables(storage);
  const tables: Record<string, number> = {};
  const rows: { t: string; e: Typed }[] = [];
  for (const name of names.sort()) {
    let count = 0;
    for await (const entity of storage.table(name).listEntities({ disableTypeConversion: true })) {
      const { etag: _etag, timestamp: _timestamp, ...e } = entity as TableEntity & { etag?: string; timestamp?: string };
      rows.push({ t: name, e: e as Typed });
      count++;
    }
    tables[name] = count;
  }
  return { header: { format: FORMAT, version: 1, prefix: storage.prefix, createdAt: new Date().toISOString(), tables }, rows };
}

/** The backup file's bytes. */
export async function backup(storage: Storage, key?: string, now: Date = new Date()): Promise<{ bytes: Buffer; header: BackupHeader }> {
  const { header, rows } = await readAll(storage);
  header.createdAt = now.toISOString();
  const lines = [JSON.stringify(header), ...rows.map((r) => JSON.stringify(r))].join('\n');
  const packed = gzipSync(Buffer.from(lines, 'utf8'), { level: 9 });
  if (!key) return { bytes: Buffer.concat([MAGIC, Buffer.from([0]), packed]), header };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', backupKey(key), iv);
  cipher.setAAD(MAGIC);
  const body = Buffer.concat([cipher.update(packed), cipher.final()]);
  return { bytes: Buffer.concat([MAGIC, Buffer.from([1]), iv, cipher.getAuthTag(), body]), header };
}

export class BackupFileError extends Error {
  override readonly name = 'BackupFileError';
}

/** Opens a backup file: checks the format, decrypts with the key when it is encrypted. */
export function openBackup(bytes: Buffer, key?: string): { header: BackupHeader; rows: { t: string; e: Typed }[] } {
  if (bytes.length < MAGIC.length + 1 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupFileError('not a TRIO-bot backup file');
  const flag = bytes[MAGIC.length];
  let packed = bytes.subarray(MAGIC.length + 1);
  if (flag === 1) {
    if (!key) throw new BackupFileError('the backup is encrypted: set BACKUP_KEY to the key it was made with');
    const iv = packed.subarray(0, 12);
    const tag = packed.subarray(12, 28);
    const decipher = createDecipheriv('aes-256-gcm', backupKey(key), iv);
    decipher.setAAD(MAGIC);
    decipher.setAuthTag(tag);
    try {
      packed = Buffer.concat([decipher.update(packed.subarray(28)), decipher.final()]);
    } catch {
      throw new BackupFileError('the backup does not open with this BACKUP_KEY (wrong key, or the file is damaged)');
    }
  } else if (flag !== 0) throw new BackupFileError(`unknown backup flag ${String(flag)}`);
  const lines = gunzipSync(packed).toString('utf8').split('\n');
  const header = JSON.parse(lines[0] ?? '{}') as BackupHeader;
  if (header.format !== FORMAT || header.version !== 1) throw new BackupFileError('unknown backup format or version');
  const rows = lines.slice(1).filter(Boolean).map((l) => JSON.parse(l) as { t: string; e: Typed });
  const counted = Object.values(header.tables).reduce((a, b) => a + b, 0);
  if (counted !== rows.length) throw new BackupFileError(`the backup is incomplete: ${rows.length} rows of ${counted}`);
  return { header, rows };
}

export class RestoreTargetNotEmpty extends Error {
  override readonly name = 'RestoreTargetNotEmpty';
}

/**
 * Loads a backup into `storage` (its prefix may differ from the backup's). The target
 * must be empty: a table of the prefix that has rows stops the restore before anything
 * is written, so a restore never mixes two states.
 */
export async function restore(storage: Storage, file: { header: BackupHeader; rows: { t: string; e: Typed }[] }): Promise<Record<string, number>> {
  for (const name of await ownTables(storage)) {
    const page = await storage.table(name).listEntities().byPage({ maxPageSize: 1 }).next();
    if (!page.done && page.value.length > 0) throw new RestoreTargetNotEmpty(`table ${storage.prefix}${name} already has rows: restore only into an empty account or a new TABLE_PREFIX`);
  }
  await storage.ensure(Object.keys(file.header.tables));
  const groups = new Map<string, Typed[]>();
  for (const { t, e } of file.rows) {
    const k = `${t}\u0000${e.partitionKey}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const written: Record<string, number> = {};
  for (const [k, entities] of groups) {
    const table = k.split('\u0000')[0]!;
    for (let i = 0; i < entities.length; i += 100) {
      const ops = entities.slice(i, i + 100).map((e): TransactionAction => ['upsert', e, 'Replace']);
      await storage.table(table).submitTransaction(ops);
    }
    written[table] = (written[table] ?? 0) + entities.length;
  }
  return written;
}
