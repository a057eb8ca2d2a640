import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { RouteDef } from '../core/feature.js';
import { actionsText as t } from '../i18n/actions.js';
import { formatDateTime } from '../i18n/da.js';
import { localDateOf } from '../shared/calendar.js';
import { displayNumber, type ActionItem, type LogEntry } from './model.js';
import type { ActionStore } from './store.js';

/**
 * "eksportér handlinger": a CSV for the MED minutes, served by the bot itself behind a
 * link signed with HMAC-SHA256 over workplace and expiry. Anyone holding the link can
 * download until it expires (15 minutes), so the link is short-lived and never logged.
 */
export const EXPORT_PATH = '/downloads/handlinger/:workplaceId';
export const EXPORT_TTL_MINUTES = 15;

export function sign(secret: string | Buffer, workplaceId: string, expiresAt: number): string {
  return createHmac('sha256', secret).update(`${workplaceId}\n${expiresAt}`).digest('base64url');
}

export type LinkCheck = 'ok' | 'forged' | 'expired';

export function checkLink(secret: string | Buffer, workplaceId: string, exp: string | undefined, sig: string | undefined, now: number): LinkCheck {
  if (!exp || !sig || !/^\d{1,15}$/.test(exp)) return 'forged';
  const expected = Buffer.from(sign(secret, workplaceId, Number(exp)));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  return now > Number(exp) ? 'expired' : 'ok';
}

export function exportUrl(baseUrl: string, secret: string | Buffer, workplaceId: string, now: number): string {
  const exp = now + EXPORT_TTL_MINUTES * 60_000;
  const path = EXPORT_PATH.replace(':workplaceId', encodeURIComponent(workplaceId));
  return `${baseUrl}${path}?exp=${exp}&sig=${sign(secret, workplaceId, exp)}`;
}

/**
 * Danish Excel: UTF-8 with BOM (so æøå show), semicolons, CRLF. Cells that Excel would
 * read as a formula (= + - @) get a leading apostrophe.
 */
export function csvCell(value: string): string {
  let v = value.replace(/\r\n?/g, '\n');
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[";\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** 2027-03-31 as 31-03-2027 (an empty date stays empty). */
const danishDate = (iso: string) => iso.split('-').reverse().join('-');

export function toCsv(rows: readonly { action: ActionItem; log: LogEntry[] }[]): string {
  const lines = [t.export.columns.map(csvCell).join(';')];
  for (const { action: a, log } of rows) {
    const cells = [
      displayNumber(a.number),
      a.tema,
      a.emne,
      a.maal,
      a.hvad,
      danishDate(a.start),
      danishDate(a.end),
      a.startLabel === a.endLabel ? a.startLabel : `${a.startLabel} – ${a.endLabel}`,
      a.dokumentation,
      a.owner.name,
      a.effekt,
      t.sources[a.source],
      t.statuses[a.status],
      danishDate(localDateOf(new Date(a.createdAt))),
      a.createdByName,
      log.map((e) => `${formatDateTime(new Date(e.at))} ${e.actorName}: ${e.text}`).join('\n'),
    ];
    lines.push(cells.map(csvCell).join(';'));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function exportRoute(deps: { store: Pick<ActionStore, 'listAll'>; clock: Clock; secret: string | Buffer }): RouteDef {
  const text = (status: number, body: string) => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });
  return {
    path: EXPORT_PATH,
    async handle({ params, query }) {
      // Stryker disable next-line StringLiteral: equivalent, the router calls handle only with :workplaceId set, and no link is signed for a made-up id either
      const workplaceId = params.workplaceId ?? '';
      const check = checkLink(deps.secret, workplaceId, query.exp, query.sig, deps.clock.now().getTime());
      if (check === 'forged') return text(403, t.export.forged);
      if (check === 'expired') return text(410, t.export.expired);
      const csv = toCsv(await deps.store.listAll(workplaceId));
      const file = `handlinger-${workplaceId}-${localDateOf(deps.clock.now())}.csv`;
      return {
        status: 200,
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file}"` },
        body: Buffer.from(csv), // UTF-8
      };
    },
  };
}
