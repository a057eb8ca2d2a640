/**
 * Workplaces: a channel becomes a workplace's TRIO or MED channel (`opsætning`), the
 * leader gives the team's members their roles (`roller`). The store is shared by every
 * feature (AppContext.workplaces); resolving who is acting is principal.ts.
 */
import { feature, type Feature } from '../core/feature.js';
import type { OutMessage, Where } from '../core/types.js';
import { setupCommands } from './commands.js';
import type { WelcomeButton } from './cards.js';
import { WorkplaceService, type WorkplacesDeps } from './service.js';
import { WORKPLACE_TABLES } from './store.js';
import { setupVerbs } from './verbs.js';

export { welcomeMessage } from './cards.js';

export function workplacesFeature(deps: WorkplacesDeps): Feature {
  const svc = new WorkplaceService(deps);
  return feature('workplaces', WORKPLACE_TABLES, setupCommands(svc), setupVerbs(svc));
}

/**
 * The welcome the bot layer sends when it is added to a conversation (it reads whether a
 * channel is registered); the private chat's welcome offers `buttons` (the personal help buttons).
 */
export function welcomeFor(deps: WorkplacesDeps, buttons: readonly WelcomeButton[] = []): (where: Where) => Promise<OutMessage> {
  const svc = new WorkplaceService(deps);
  return (where) => svc.welcome(where, buttons);
}
