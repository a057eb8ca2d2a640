/** One typed function per card of the setup; the templates (cards/welcome.json, cards/roles.json) only bind. */
import { renderCard } from '../core/cards.js';
import type { CardJson, OutMessage, Role, RosterMember, Scope } from '../core/types.js';
import { setupText as t } from '../i18n/setup.js';
import { SETUP_VERBS } from './model.js';

/** What the bot says when it is added: a private hello, or in a channel the card that registers it. */
export function welcomeMessage(scope: Scope): OutMessage {
  if (scope === 'personal') return { text: t.welcomePersonal };
  return {
    card: renderCard('welcome', {
      title: t.welcomeTitle,
      body: t.welcomeBody,
      setup: t.welcomeSetup,
      placeholder: t.namePlaceholder,
      makeTrio: t.makeTrio,
      makeMed: t.makeMed,
    }),
  };
}

export interface RolesView {
  workplace: { workplaceId: string; workplaceName: string };
  /** The people on this page, with the roles they hold now. */
  people: { member: RosterMember; roles: readonly Role[] }[];
  page: number;
  pages: number;
}

export function rolesCard(v: RolesView): CardJson {
  return renderCard('roles', {
    title: t.rolesTitle(v.workplace.workplaceName),
    intro: t.rolesIntro,
    pageLabel: t.rolesPage(v.page, v.pages),
    placeholder: t.rolesPlaceholder,
    choices: t.roleChoices,
    people: v.people.map(({ member, roles }) => ({ inputId: `r_${member.aadObjectId}`, name: member.name, value: roles.join(',') })),
    saveTitle: t.rolesSave,
    saveData: {
      verb: SETUP_VERBS.rolesSave,
      workplaceId: v.workplace.workplaceId,
      page: v.page,
      people: v.people.map(({ member: m }) => ({ aadObjectId: m.aadObjectId, teamsUserId: m.teamsUserId, name: m.name })),
    },
    hasPrev: v.page > 1,
    hasNext: v.page < v.pages,
    prevTitle: t.rolesPrev,
    nextTitle: t.rolesNext,
    prevData: { verb: SETUP_VERBS.rolesPage, page: v.page - 1 },
    nextData: { verb: SETUP_VERBS.rolesPage, page: v.page + 1 },
  });
}
