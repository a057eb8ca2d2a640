import { z } from 'zod';
import { access, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import type { Turn } from '../core/types.js';
import { actionsText as t } from '../i18n/actions.js';
import { exportCard } from './cards.js';
import { EXPORT_TTL_MINUTES, exportUrl } from './export.js';
import { actionNumberArg, displayNumber } from './model.js';
import { CHANGER_ROLES, parseFilter } from './rules.js';
import type { ActionStore } from './store.js';
import type { ActionView } from './view.js';

export interface CommandDeps {
  store: ActionStore;
  view: ActionView;
  /** Base URL of the bot for download links, and the signing secret. */
  download: { baseUrl: () => string; secret: string | Buffer };
}

const filterArgs = z
  .string()
  .max(200, t.filterTooLong)
  .transform(parseFilter)
  .refine((f) => f.tema.length <= 80, t.filterTooLong);

/** Where "handling H-12" is: the channel's workplace, or the one of the user's workplaces that has it. */
async function locate(deps: CommandDeps, turn: Turn, principal: Principal, number: number): Promise<string> {
  if (turn.where.scope === 'channel') {
    if (!principal.channel) throw new UserError('WRONG_PLACE', t.needChannel);
    return principal.channel.workplaceId;
  }
  const hits = await Promise.all(principal.memberships.map(async (m) => ((await deps.store.get(m.workplaceId, number)) ? m.workplaceId : undefined)));
  const found = hits.filter((x): x is string => x !== undefined);
  if (found.length === 0) throw new UserError('NOT_FOUND', t.notFound(displayNumber(number)));
  if (found.length > 1) throw new UserError('CONFLICT', t.ambiguous(displayNumber(number)));
  return found[0]!;
}

export function actionCommands(deps: CommandDeps): FeaturePart {
  const open = defineCommand({
    id: 'actions.open',
    name: 'åbne handlinger',
    aliases: ['open actions', 'aabne handlinger', 'abne handlinger', 'handlinger'],
    usage: t.commands.openUsage,
    description: t.commands.open,
    scopes: ['channel', 'personal'],
    allowed: access.member,
    args: filterArgs,
    argLabel: t.commands.filterLabel,
    async run(turn, principal, filter) {
      const card =
        turn.where.scope === 'channel'
          ? await deps.view.channelList(principal, filter, 1)
          : await deps.view.personalList(principal, filter, 1);
      await turn.reply({ card });
    },
  });
  const create = defineCommand({
    id: 'actions.new',
    name: 'ny handling',
    aliases: ['new action', 'opret handling'],
    description: t.commands.create,
    scopes: ['channel'],
    allowed: access.all(access.inForum(), access.role(...CHANGER_ROLES)),
    async run(turn, principal) {
      if (!principal.channel) throw new UserError('WRONG_PLACE', t.needChannel);
      await turn.reply({ card: await deps.view.form(principal.channel.workplaceId, principal) });
    },
  });
  const show = defineCommand({
    id: 'actions.show',
    name: 'handling',
    aliases: ['action'],
    usage: t.commands.showUsage,
    description: t.commands.show,
    scopes: ['channel', 'personal'],
    allowed: access.member,
    args: actionNumberArg,
    argLabel: t.commands.numberLabel,
    async run(turn, principal, number) {
      const workplaceId = await locate(deps, turn, principal, number);
      await turn.reply({ card: await deps.view.detail(workplaceId, number, principal) });
    },
  });
  const exportCmd = defineCommand({
    id: 'actions.export',
    name: 'eksportér handlinger',
    aliases: ['export actions', 'eksporter handlinger', 'eksportér handleplan'],
    description: t.commands.export,
    scopes: ['channel'],
    allowed: access.all(access.inForum(), access.role(...CHANGER_ROLES)),
    async run(turn, principal) {
      if (!principal.channel) throw new UserError('WRONG_PLACE', t.needChannel);
      const url = exportUrl(deps.download.baseUrl(), deps.download.secret, principal.channel.workplaceId, turn.now.getTime());
      await turn.reply({ card: exportCard(principal.channel.workplaceName, url, EXPORT_TTL_MINUTES) });
    },
  });
  return { commands: [open, create, show, exportCmd] };
}
