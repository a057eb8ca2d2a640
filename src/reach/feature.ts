import { access, workplacesWithRole } from '../core/access.js';
import { feature, type Feature } from '../core/feature.js';
import type { Logger } from '../core/log.js';
import { defineCommand } from '../core/registry.js';
import { reachText as t } from '../i18n/reach.js';
import type { GraphInstaller } from './graph.js';
import type { ReachService } from './service.js';

/**
 * `installér bot` (leaders, personal chat): installs TRIO-bot through Microsoft Graph for
 * the workplace's people who are not in its team. Mounted only when GRAPH_INSTALL_TEAMS_APP_ID
 * is set. People who blocked the bot or removed the app are left alone.
 */
export function reachFeature(deps: { reach: ReachService; installer: GraphInstaller; log: Logger }): Feature {
  const install = defineCommand({
    id: 'reach.install',
    name: 'installér bot',
    aliases: ['installer bot', 'installér', 'installer'],
    description: t.installDescription,
    scopes: ['personal'],
    allowed: access.role('leder'),
    async run(turn, principal) {
      const lines: string[] = [];
      for (const w of workplacesWithRole(principal, 'leder')) {
        const report = await deps.reach.report(w.workplaceId, (teamId) => turn.roster(teamId));
        const outside = report.entries.filter((e) => e.state === 'notInTeam');
        if (outside.length === 0) {
          lines.push(t.nobodyToInstall(w.workplaceName));
          continue;
        }
        const done: string[] = [];
        const failed: string[] = [];
        for (const person of outside) {
          const result = await deps.installer.installFor(person.aadObjectId);
          deps.log.info({ event: 'reach.install', workplaceId: w.workplaceId, outcome: result.outcome, status: result.status, code: result.code }, 'Graph installation');
          (result.outcome === 'failed' ? failed : done).push(person.name);
        }
        lines.push(t.installed(w.workplaceName, done, failed));
      }
      await turn.reply({ text: lines.join('\n\n') });
    },
  });
  return feature('reach', [], { commands: [install] });
}
