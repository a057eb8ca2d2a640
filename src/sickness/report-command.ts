/**
 * `sygefravær årsrapport` in the TRIO or MED channel: MED's yearly report as a card,
 * with a link to the same figures as CSV. Anonymous figures only (report.ts), so it may
 * be shown in a channel; nothing individual ever is.
 */
import { access } from '../core/access.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import { reportText, sicknessText as t } from '../i18n/sickness.js';
import { localDateOf } from '../shared/calendar.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { yearlyCard } from './cards-figures.js';
import { figureInputs } from './jobs-recurring.js';
import { reportUrl, yearlyReport, type YearlyReport } from './report.js';
import type { SicknessService } from './service.js';
import { monthlyFigures, previousMonth, twelveMonths } from './stats.js';
import type { SicknessStore } from './store.js';

export class YearlyReports {
  constructor(
    private readonly svc: SicknessService,
    private readonly store: SicknessStore,
    private readonly workplaces: WorkplaceStore,
  ) {}

  /** The 12 full months before `now`: stored months as stored, months never stored computed from the cases there are. */
  async build(workplaceId: string, now: Date): Promise<YearlyReport | undefined> {
    const wp = await this.workplaces.get(workplaceId);
    if (!wp) return undefined;
    const today = localDateOf(now);
    const months = twelveMonths(previousMonth(today));
    const rows = await this.store.figuresBetween(workplaceId, months[0]!, months.at(-1)!);
    const missing = months.filter((m) => !rows.has(m));
    if (missing.length) {
      const { cases, measure } = await figureInputs(this.svc, this.store, workplaceId);
      for (const m of missing) rows.set(m, monthlyFigures(cases, m, today, measure));
    }
    const settings = await this.svc.settings(workplaceId);
    return yearlyReport(wp.name, months.at(-1)!, rows, settings.targetPercent);
  }
}

export function reportCommand(reports: YearlyReports, download: { baseUrl: () => string; secret: string | Buffer }): FeaturePart {
  const command = defineCommand({
    id: 'sickness.yearly',
    name: 'sygefravær årsrapport',
    aliases: ['sygefraværsrapport', 'sygefravær rapport', 'årsrapport sygefravær', 'sygefravaer aarsrapport'],
    description: t.commands.yearly,
    scopes: ['channel'],
    allowed: access.inForum('trio', 'med'),
    async run(turn, p) {
      const channel = p.channel;
      if (!channel) {
        await turn.reply({ text: reportText.noChannel });
        return;
      }
      const report = await reports.build(channel.workplaceId, turn.now);
      if (!report) {
        await turn.reply({ text: reportText.noChannel });
        return;
      }
      const url = reportUrl(download.baseUrl(), download.secret, channel.workplaceId, turn.now.getTime());
      await turn.reply({ card: yearlyCard(report, url) });
    },
  });
  return { commands: [command] };
}
