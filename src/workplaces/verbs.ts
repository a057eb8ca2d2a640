/** The welcome card's "Gør kanalen til TRIO-/MED-kanal" and the roles card's pages and save. */
import { access } from '../core/access.js';
import { noticeCard } from '../core/cards.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { setupText as t } from '../i18n/setup.js';
import { UserError } from '../core/errors.js';
import { danishIssues, formatIssues } from '../core/validation.js';
import { welcomeMessage } from './cards.js';
import { registerButtonInput, registerInput, rolesPageInput, rolesSaveInput, SETUP_VERBS } from './model.js';
import { ledChannel } from './rules.js';
import type { WorkplaceService } from './service.js';

export function setupVerbs(svc: WorkplaceService): FeaturePart {
  const leaderHere = access.all(access.inForum(), access.role('leder'));

  const register = defineVerb({
    verb: SETUP_VERBS.register,
    scopes: ['channel'],
    wrongPlace: t.onlyInChannel,
    schema: registerButtonInput,
    labels: { name: t.nameLabel },
    allowed: access.leaderOrBootstrap,
    writes: true,
    async run(turn, principal, data, { once }) {
      // A welcome card from before the channel was registered: show what the channel is now
      // (not on a replay: the run it finishes may have linked the channel and died before its event).
      const current = principal.channel;
      if (current && !once?.replay) {
        const note = t.alreadyRegistered(t.forumName[current.forum], current.workplaceName);
        return { card: welcomeMessage('channel', current, note).card! };
      }
      const parsed = registerInput.safeParse(data);
      if (!parsed.success) throw new UserError('INVALID_INPUT', formatIssues(danishIssues(parsed.error, { name: t.nameLabel })));
      const { text } = await svc.register(turn, principal, parsed.data.forum, parsed.data.name, once);
      return { card: noticeCard(text, 'good') };
    },
  });

  const page = defineVerb({
    verb: SETUP_VERBS.rolesPage,
    scopes: ['channel'],
    schema: rolesPageInput,
    allowed: leaderHere,
    async run(turn, principal, data) {
      return { card: await svc.rolesCard(turn, ledChannel(principal), data.page) };
    },
  });

  const save = defineVerb({
    verb: SETUP_VERBS.rolesSave,
    scopes: ['channel'],
    schema: rolesSaveInput,
    allowed: leaderHere,
    writes: true,
    async run(turn, principal, data, { once }) {
      const workplace = ledChannel(principal);
      const changed = await svc.saveRoles(principal, workplace, data, once);
      return { card: await svc.rolesCard(turn, workplace, data.page), message: { text: t.rolesSaved(changed, workplace.workplaceName) } };
    },
  });

  return { verbs: [register, page, save] };
}
