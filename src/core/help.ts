import { access } from './access.js';
import { renderCard } from './cards.js';
import { defineCommand, type Command, type CommandRegistry } from './registry.js';
import { da } from '../i18n/da.js';
import { setupText } from '../i18n/setup.js';
import type { CardJson, Scope } from './types.js';

/** `hjælp` / `help`: a card generated from the registry, only what this user may do here. */
export function helpCommand(registry: CommandRegistry): Command {
  return defineCommand({
    id: 'core.help',
    name: 'hjælp',
    aliases: ['help', 'hjaelp', '?'],
    description: 'Viser, hvad du kan bede mig om her.',
    scopes: ['personal', 'channel', 'groupChat'],
    allowed: access.anyone,
    async run(turn, principal) {
      const commands = registry.available(principal, turn.where).map((c) => ({
        name: c.usage ?? c.name,
        description: c.description,
      }));
      // Someone who belongs to no workplace yet needs the next step more than a list.
      const hint =
        principal.memberships.length > 0 ? '' : principal.bootstrapLeader ? da.help.startAsLeader : da.help.noWorkplace;
      await turn.reply({ card: helpCard(turn.where.scope, commands, hint) });
    },
  });
}

/** The help card: the commands this user may use here (usage and one line each), and a next step when there is one. */
export function helpCard(scope: Scope, commands: { name: string; description: string }[], hint = ''): CardJson {
  return renderCard('help', {
    title: da.help.title,
    intro: commands.length ? da.help.intro[scope] : da.help.none,
    mention: scope === 'personal' ? '' : setupText.mentionHint,
    commands,
    hint,
    hasHint: hint !== '',
  });
}
