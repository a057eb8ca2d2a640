/** `opsætning trio|med <arbejdssted>` and `roller`, both in the channel to set up. */
import { access } from '../core/access.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import { setupText as t } from '../i18n/setup.js';
import { setupArgs } from './model.js';
import { ledChannel } from './rules.js';
import type { WorkplaceService } from './service.js';

export function setupCommands(svc: WorkplaceService): FeaturePart {
  const setup = defineCommand({
    id: 'setup.channel',
    name: 'opsætning',
    aliases: ['setup', 'opsaetning'],
    usage: t.commands.setupUsage,
    description: t.commands.setup,
    scopes: ['channel'],
    allowed: access.leaderOrBootstrap,
    args: setupArgs,
    writes: true,
    async run(turn, principal, args, { once }) {
      await turn.reply({ text: (await svc.register(turn, principal, args.forum, args.name, once)).text });
    },
  });
  const roles = defineCommand({
    id: 'setup.roles',
    name: 'roller',
    aliases: ['roles'],
    description: t.commands.roles,
    scopes: ['channel'],
    allowed: access.all(access.inForum(), access.role('leder')),
    async run(turn, principal) {
      await turn.reply({ card: await svc.rolesCard(turn, ledChannel(principal), 1) });
    },
  });
  return { commands: [setup, roles] };
}
