import { access, workplacesWithRole } from '../core/access.js';
import { feature, type AppContext, type Feature } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import { reasonText, remindersText as t } from '../i18n/reminders.js';
import { REMINDERS_TABLE } from './store.js';
import type { Job } from './types.js';
import { reachSection, type ReachReport, type RosterOf } from '../reach/service.js';

export type OutboxDeps = Pick<AppContext, 'scheduler' | 'clock'> & {
  /** Adds who cannot be reached in a personal chat, and why (src/reach). */
  reach?: { canInstall: boolean; report(workplaceId: string, rosterOf: RosterOf): Promise<ReachReport> };
};

const FAILED_SHOWN_DAYS = 30;
const FAILED_SHOWN_MAX = 10;

/**
 * The outbox's own feature: its table and the leaders' operator view `status` in personal
 * chat. It shows kinds, counts and dates, never payload content (no health data).
 */
export function outboxFeature(deps: OutboxDeps): Feature {
  const labelOf = (kind: string): string => deps.scheduler.labelOf(kind) ?? kind;
  const status = defineCommand({
    id: 'reminders.status',
    name: 'status',
    aliases: ['påmindelser', 'paamindelser', 'reminders'],
    description: t.statusDescription,
    scopes: ['personal'],
    allowed: access.role('leder'),
    async run(turn, principal) {
      const workplaces = workplacesWithRole(principal, 'leder');
      if (workplaces.length === 0) {
        await turn.reply({ text: t.noWorkplaces });
        return;
      }
      const sections: string[] = [];
      for (const w of workplaces) {
        const jobs = await deps.scheduler.listOpen(w.workplaceId);
        sections.push(statusText(w.workplaceName, jobs, labelOf, deps.clock.now()));
        if (deps.reach) sections.push(reachSection(await deps.reach.report(w.workplaceId, (teamId) => turn.roster(teamId)), deps.reach));
      }
      await turn.reply({ text: sections.join('\n\n') });
    },
  });
  return feature('outbox', [REMINDERS_TABLE], { commands: [status] });
}

/**
 * The status of one workplace as Danish markdown: the heading, the pending and the
 * failed reminders as paragraphs of their own (a single line break would run the heading
 * into its count). Pure: exported for tests.
 */
export function statusText(workplaceName: string, jobs: readonly Job[], labelOf: (kind: string) => string, now: Date): string {
  const blocks = [t.title(workplaceName)];
  const pending = jobs.filter((j) => j.status === 'pending' || j.status === 'sending');
  const since = now.getTime() - FAILED_SHOWN_DAYS * 86_400_000;
  const failed = jobs.filter((j) => j.status === 'failed' && j.deliverAt.getTime() >= since);
  if (pending.length === 0 && failed.length === 0) return [...blocks, t.nothing].join('\n\n');
  if (pending.length > 0) {
    const lines = [t.pendingHeader(pending.length)];
    const byKind = new Map<string, { count: number; next: Date }>();
    for (const j of pending) {
      const entry = byKind.get(j.kind);
      if (!entry) byKind.set(j.kind, { count: 1, next: j.deliverAt });
      else {
        entry.count++;
        if (j.deliverAt < entry.next) entry.next = j.deliverAt;
      }
    }
    for (const [kind, e] of [...byKind].sort((a, b) => a[1].next.getTime() - b[1].next.getTime())) lines.push(t.pendingLine(labelOf(kind), e.count, e.next));
    blocks.push(lines.join('\n'));
  }
  if (failed.length > 0) {
    const lines = [t.failedHeader(failed.length)];
    const newest = [...failed].sort((a, b) => b.deliverAt.getTime() - a.deliverAt.getTime());
    for (const j of newest.slice(0, FAILED_SHOWN_MAX)) lines.push(t.failedLine(labelOf(j.kind), j.dueAt, reasonText(j.lastError)));
    if (newest.length > FAILED_SHOWN_MAX) lines.push(t.moreFailed(newest.length - FAILED_SHOWN_MAX));
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}
