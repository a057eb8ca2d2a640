/**
 * The settings card and MED's figures: the month's post and the yearly report card
 * (report.ts builds the cells; the card only shows them).
 */
import { renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { COUNTING_LABELS, monthName, reportText, sicknessText as t } from '../i18n/sickness.js';
import { sicknessCardText as C } from '../i18n/sickness-cards.js';
import { OWN_POLICY_ID, DEFAULT_MODEL, type LocalPolicy } from './policy.js';
import type { YearlyReport } from './report.js';
import { REPORT_TTL_MINUTES } from './report.js';
import type { SicknessSettings } from './settings.js';
import { showFigures, type MonthlyFigures } from './stats.js';

/** The choice for "no HR contact" (a choice needs a value). */
export const NO_HR = 'ingen';

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, title]) => ({ title, value }));

export interface SettingsView {
  workplaceId: string;
  workplaceName: string;
  settings: SicknessSettings;
  /** The models to choose from (presets and the deployment's) and the one new cases follow. */
  models: readonly LocalPolicy[];
  currentId: string;
  people: { title: string; value: string }[];
}

export function settingsCard(v: SettingsView): CardJson {
  const s = v.settings;
  const own = s.own ?? { ...DEFAULT_MODEL, name: '', source: '' };
  return renderCard('sickness-settings', {
    t: C.settings,
    title: t.settingsTitle(v.workplaceName),
    model: v.currentId,
    models: [...v.models.map((m) => ({ title: `${m.name}: ${m.source}`, value: m.id })), { title: s.own ? `${t.ownModel}: ${s.own.name}` : t.ownModel, value: OWN_POLICY_ID }],
    own: {
      name: own.name,
      source: own.source,
      summary: own.summary ?? '',
      days: own.contacts.days.join(', '),
      counting: own.contacts.counting,
      remindAgain: own.contacts.remindAgainAfterWorkingDays,
      bookWithin: own.samtale.bookWithinDays,
      holdWithin: own.samtale.holdWithinDays,
      escalation: own.escalation.daysBeforeDeadline,
    },
    countings: choices(COUNTING_LABELS),
    hrContactId: s.hrContactId ?? NO_HR,
    people: [{ title: t.hrNone, value: NO_HR }, ...v.people],
    repeatedCases: s.repeatedCases,
    repeatedMonths: s.repeatedMonths,
    retentionMonths: s.retentionMonths,
    returnFollowUp: s.returnFollowUp ? 'true' : 'false',
    targetPercent: String(s.targetPercent).replace('.', ','),
    staffFte: s.staffFte === undefined ? '' : String(s.staffFte).replace('.', ','),
    longFromDays: s.longFromDays,
    saveData: { workplaceId: v.workplaceId },
  });
}

/** The channel post of a month: counts only, small numbers masked (stats.showFigures). */
export function monthlyCard(workplaceName: string, month: string, figures: MonthlyFigures): CardJson {
  return renderCard('sickness-monthly', { t: C.monthly, title: t.monthlyTitle(workplaceName, monthName(month)), ...showFigures(figures), note: t.monthlyNote });
}

/** MED's yearly report; `csvUrl` when the bot can serve the CSV. */
export function yearlyCard(report: YearlyReport, csvUrl?: string): CardJson {
  return renderCard('sickness-yearly', {
    t: C.yearly,
    title: report.title,
    period: report.period,
    totals: report.totals,
    months: report.months.map((m) => ({ month: m.month, line: m.vsTarget ? `${m.absence} (${m.vsTarget})` : m.absence })),
    hasCsv: csvUrl !== undefined,
    csvUrl: csvUrl ?? '',
    csvNote: reportText.csvLink(REPORT_TTL_MINUTES),
  });
}
