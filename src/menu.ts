import type { CommandRegistry } from './core/registry.js';
import type { Scope } from './core/types.js';

/**
 * The command menus Teams shows under the compose box (manifest.json's commandLists).
 *
 * Only the choice and order of commands live here. Each entry's title and description
 * come from the command registry (the same Danish lines `hjælp` shows), so the menu
 * cannot promise what a command does not do: `npm run manifest` writes them into
 * manifest/manifest.json, and test/integration/manifest-commands.test.ts fails when the
 * file and the registry differ. A new feature adds its commands here by id.
 */
export interface MenuEntry {
  /** The command's id in the registry, e.g. "actions.open". */
  id: string;
  /** What the menu puts in the compose box, when it is more than the command's name (e.g. "opsætning trio"). */
  title?: string;
}

export type TeamsScope = 'personal' | 'team' | 'groupChat';

/** The bot's scope for each of Teams' command-list scopes. */
export const TEAMS_SCOPE: Record<TeamsScope, Scope> = { personal: 'personal', team: 'channel', groupChat: 'groupChat' };

/** Teams shows at most 10 commands per scope, each description at most 128 characters. */
export const MENU_LIMITS = { commands: 10, title: 32, description: 128 } as const;

export const TEAMS_MENU: Record<TeamsScope, readonly MenuEntry[]> = {
  personal: [
    { id: 'core.help' },
    { id: 'actions.open' },
    { id: 'sickness.report' },
    { id: 'sickness.open' },
    { id: 'sickness.close' },
    { id: 'sickness.overview' },
    { id: 'mus.mine' },
    { id: 'mus.plan' },
    { id: 'mus.status' },
    { id: 'violence.register' },
  ],
  team: [
    { id: 'core.help' },
    { id: 'actions.open' },
    { id: 'actions.new' },
    { id: 'pulse.results' },
    { id: 'mus.status' },
    { id: 'actions.export' },
    { id: 'medyear.wheel' },
    { id: 'setup.roles' },
    { id: 'setup.channel', title: 'opsætning trio' },
    { id: 'setup.channel', title: 'opsætning med' },
  ],
  groupChat: [{ id: 'core.help' }],
};

export interface ManifestCommandList {
  scopes: TeamsScope[];
  commands: { title: string; description: string }[];
}

/**
 * manifest.json's commandLists, from the registry. Throws when an entry names no command,
 * a command that does not work in that scope, or a title that is not that command, and
 * when Teams' limits would be broken (Teams would refuse the package).
 */
export function manifestCommandLists(registry: CommandRegistry, menu: Record<TeamsScope, readonly MenuEntry[]> = TEAMS_MENU): ManifestCommandList[] {
  return (Object.keys(menu) as TeamsScope[]).map((teamsScope) => {
    const entries = menu[teamsScope];
    if (entries.length > MENU_LIMITS.commands) throw new Error(`The ${teamsScope} menu has ${entries.length} commands; Teams shows at most ${MENU_LIMITS.commands}`);
    const commands = entries.map((entry) => {
      const command = registry.all().find((c) => c.id === entry.id);
      if (!command) throw new Error(`The ${teamsScope} menu names ${entry.id}, which is no command`);
      if (!command.scopes.includes(TEAMS_SCOPE[teamsScope])) throw new Error(`The ${teamsScope} menu names ${entry.id}, which does not work there`);
      const title = entry.title ?? command.name;
      if (registry.match(title)?.command.id !== command.id) throw new Error(`The ${teamsScope} menu title "${title}" is not the command ${entry.id}`);
      if (title.length > MENU_LIMITS.title) throw new Error(`The menu title "${title}" is longer than ${MENU_LIMITS.title} characters`);
      const description = command.description.replace(/\*\*/g, '');
      if (description.length > MENU_LIMITS.description) throw new Error(`${entry.id}'s description is longer than ${MENU_LIMITS.description} characters: "${description}"`);
      return { title, description };
    });
    return { scopes: [teamsScope], commands };
  });
}
