/**
 * The data MUS needs besides talks: the leader's stamdata card (cards/mus-people.json:
 * start date, last MUS before the bot, birth year) and MED's frame (cards/mus-settings
 * .json: what applies now, the change waiting for approval, and the form to propose one).
 */
import { renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { musText as t } from '../i18n/mus.js';
import { errorSummary } from './cards.js';
import { fieldView, type FieldErrors, type Typed } from './forms.js';
import { MUS_VERBS, type MusSettings, type SettingsProposal } from './model.js';
import { missingApprovals } from './rules.js';

export interface PersonRow {
  id: string;
  name: string;
  startDate?: string;
  birthYear?: number;
  lastMusOn?: string;
}

/** The input ids of one person's row. */
export const personIds = (id: string) => ({ start: `s_${id}`, birth: `b_${id}`, last: `l_${id}` });

export function peopleCard(
  workplaceId: string,
  workplaceName: string,
  people: PersonRow[],
  limits: { minYear: number; maxYear: number },
  form: { typed?: Typed; errors?: FieldErrors } = {},
): CardJson {
  return renderCard('mus-people', {
    title: t.peopleTitle(workplaceName),
    intro: t.peopleIntro,
    errorSummary: errorSummary(form.errors),
    labels: { startDate: t.startDate, birthYear: t.birthYear, lastMus: t.lastMus, save: t.save },
    birthMin: limits.minYear,
    birthMax: limits.maxYear,
    people: people.map((p) => {
      const ids = personIds(p.id);
      const birth = fieldView(form.typed, form.errors, ids.birth, p.birthYear ? String(p.birthYear) : '');
      return {
        name: p.name,
        startId: ids.start,
        birthId: ids.birth,
        lastId: ids.last,
        start: fieldView(form.typed, form.errors, ids.start, p.startDate ?? ''),
        last: fieldView(form.typed, form.errors, ids.last, p.lastMusOn ?? ''),
        // A number input holds a number or nothing.
        birth: { ...birth, value: /^\d+$/.test(birth.value) && birth.value !== '0' ? Number(birth.value) : '' },
      };
    }),
    saveData: { verb: MUS_VERBS.peopleSave, workplaceId, ids: people.map((p) => p.id).join(',') },
  });
}

/** MED's card: what applies, what waits for approval (and by whom), and the form to propose a change. */
export function settingsCard(
  workplaceId: string,
  workplaceName: string,
  current: MusSettings,
  proposal: SettingsProposal | undefined,
  form: { typed?: Typed; errors?: FieldErrors } = {},
): CardJson {
  const shown = proposal ?? { questions: current.questions, seniorAge: current.seniorAge };
  const missing = proposal ? missingApprovals(proposal.approvals) : [];
  return renderCard('mus-settings', {
    title: t.settingsTitle(workplaceName),
    intro: t.settingsIntro,
    labels: t,
    current: t.currentLine(current.questions.length, current.seniorAge),
    proposal: proposal
      ? {
          shown: true,
          by: t.proposalBy(proposal.proposedByName, proposal.proposedAt),
          lines: [...(proposal.questions ?? [t.proposalDefaults]), t.proposalAge(proposal.seniorAge)],
          approvedBy: t.proposalApprovedBy(proposal.approvals.map((a) => a.name)),
          missing: missing.length ? t.proposalMissing(missing) : '',
          data: { workplaceId, proposalId: proposal.id },
        }
      : { shown: false, by: '', lines: [], approvedBy: '', missing: '', data: { workplaceId } },
    errorSummary: errorSummary(form.errors),
    f: {
      questions: fieldView(form.typed, form.errors, 'questions', (shown.questions ?? current.questions).join('\n')),
      seniorAge: fieldView(form.typed, form.errors, 'seniorAge'),
    },
    seniorAge: /^\d+$/.test(form.typed?.seniorAge ?? '') ? Number(form.typed?.seniorAge) : shown.seniorAge,
    saveData: { verb: MUS_VERBS.settingsSave, workplaceId },
    resetData: { verb: MUS_VERBS.settingsReset, workplaceId },
  });
}
