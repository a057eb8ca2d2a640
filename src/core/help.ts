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
      const available = registry.available(principal, turn.where);
      const commands = available.map((c) => ({ name: c.usage ?? c.name, description: c.description }));
      const buttons = available.flatMap((c) => (c.button ? [c.button] : []));
      // Someone who belongs to no workplace yet needs the next step more than a list.
      const hint =
        principal.memberships.length > 0 ? '' : principal.bootstrapLeader ? da.help.startAsLeader : da.help.noWorkplace;
      await turn.reply({ card: helpCard(turn.where.scope, commands, hint, buttons) });
    },
  });
}

/** The help card: the commands this user may use here (usage and one line each), and a next step when there is one. */
export function helpCard(scope: Scope, commands: { name: string; description: string }[], hint = '', buttons: readonly { title: string; verb: string }[] = []): CardJson {
  return renderCard('help', {
    hasButtons: buttons.length > 0,
    buttons: buttons.map((b) => ({ title: b.title, verb: b.verb, data: { verb: b.verb } })),
    title: da.help.title,
    intro: commands.length ? da.help.intro[scope] : da.help.none,
    mention: scope === 'personal' ? '' : setupText.mentionHint,
    commands,
    hint,
    hasHint: hint !== '',
  });
}
