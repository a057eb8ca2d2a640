/** One typed function per card of the setup; the templates (cards/welcome.json, cards/roles.json) only bind. */
import { renderCard } from '../core/cards.js';
import type { Forum } from '../core/access.js';
import type { CardJson, OutMessage, Role, RosterMember, Scope } from '../core/types.js';
import { setupText as t } from '../i18n/setup.js';
import { SETUP_VERBS } from './model.js';

/** What a channel already is, when it is registered. */
export interface ChannelRegistration {
  forum: Forum;
  workplaceName: string;
}

/** A button the welcome in the private chat offers (the help card's buttons: `button` of a command). */
export interface WelcomeButton {
  title: string;
  verb: string;
}

/**
 * What the bot says when it is added: a private hello (a card with the private chat's
 * buttons, such as "Registrér en episode", when there are any); in a group chat a card that says
 * what works there (no setup: it is refused outside channels); in a channel the card that
 * registers it, or, when it already is a TRIO or MED channel, what it is. `note` is a line
 * on top (the answer to an old button).
 */
export function welcomeMessage(scope: Scope, registration?: ChannelRegistration, note = '', buttons: readonly WelcomeButton[] = []): OutMessage {
  if (scope === 'personal' && buttons.length === 0) return { text: t.welcomePersonal };
  if (scope === 'personal') {
    return {
      card: renderCard('welcome', {
        title: t.welcomeTitle,
        note,
        body: t.welcomeBody,
        setup: t.welcomePersonalCard,
        mention: t.mentionHint,
        canRegister: false,
        buttons: buttons.map((b) => ({ title: b.title, verb: b.verb, data: { verb: b.verb } })),
      }),
    };
  }
  const canRegister = scope === 'channel' && !registration;
  const setup = scope === 'groupChat' ? t.welcomeGroupChat : registration ? t.welcomeRegistered(t.forumName[registration.forum], registration.workplaceName) : t.welcomeSetup;
  return {
    card: renderCard('welcome', {
      title: t.welcomeTitle,
      note,
      body: t.welcomeBody,
      setup,
      mention: t.mentionHint,
      canRegister,
      nameLabel: t.nameLabel,
      placeholder: t.namePlaceholder,
      makeTrio: t.makeTrio,
      makeMed: t.makeMed,
      buttons: [],
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
