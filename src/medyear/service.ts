import { createHash } from 'node:crypto';
import type { ActionPlanPort, PlannedAction } from '../actions/plan.js';
import type { ActionDraft, ActionOwner, ActionSource } from '../actions/model.js';
import type { ActionSummary } from '../actions/rules.js';
import type { Forum } from '../core/access.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { Once } from '../core/once.js';
import type { MusCounts } from '../mus/due.js';
import type { MusYearPort } from '../mus/year-port.js';
import type { PulseTrend, PulseTrendPort } from '../pulse/agenda-port.js';
import type { SicknessFiguresPort } from '../sickness/figures-port.js';
import type { ShownViolenceMonth, ViolenceFiguresPort } from '../violence/agenda-port.js';
import type { Scheduler } from '../outbox/types.js';
import { addDays, formatDanishDate, localDateOf, type LocalDate } from '../shared/calendar.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { medyearText as t } from '../i18n/medyear.js';
import { agendaRequests, apvRequest, AGENDA_PREFIX, APV_PREFIX } from './jobs-plan.js';
import type { AgendaItem, ApvCycle, Decision, KupPlan, Meeting, StandingItem, Wheel, YearTalk } from './model.js';
import { addMonths, aggregateNeeds, defaultWheel, itemsFor, type NeedTheme } from './rules.js';
import type { MedYearStore } from './store.js';

/** The ports the MED year reads and writes other features through. */
export interface MedYearPorts {
  actions: ActionPlanPort;
  mus: MusYearPort;
  sickness: SicknessFiguresPort;
  pulse: PulseTrendPort;
  violence: ViolenceFiguresPort;
}

export interface MedYearServiceDeps extends MedYearPorts {
  store: MedYearStore;
  workplaces: WorkplaceStore;
  scheduler: Scheduler;
  clock: Clock;
  log: Logger;
}

export interface Person {
  id: string;
  name: string;
}

/** What an agenda shows: computed at send time from the bot's own data. */
export interface AgendaData {
  meeting: Meeting;
  items: StandingItem[];
  actions: { open: number; overdue: ActionSummary[] };
  apv?: ApvCycle;
  mus?: MusCounts;
  /** Masked sickness figures, newest month first: the last month at every meeting, twelve when the statistics are due. */
  sickness: { month: string; activeCases: string; absence: string }[];
  /** The newest closed pulse round as published (values to the nearest 0.5, small groups hidden), if any. */
  pulse?: PulseTrend;
  /** Episodes of violence of the last VIOLENCE_MONTHS months that have counts, newest first, masked as the monthly card. */
  violence: ShownViolenceMonth[];
  added: AgendaItem[];
}

/** How many months of violence counts an agenda shows (about the time since the last meeting). */
export const VIOLENCE_MONTHS = 3;

/** A short id from content: the same content (and author) gets the same row, so a second tap adds nothing. */
export const contentId = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);

/**
 * The operations the MED year's commands, verbs and jobs share. Access is checked by
 * the caller; every change re-plans exactly its reminder rows.
 */
export class MedYearService {
  constructor(readonly deps: MedYearServiceDeps) {}

  get store(): MedYearStore {
    return this.deps.store;
  }

  today(): LocalDate {
    return localDateOf(this.deps.clock.now());
  }

  /** The saved årshjul, or the default one for `year` while none is saved. */
  async wheel(workplaceId: string, year: number): Promise<Wheel> {
    return (await this.deps.store.wheel(workplaceId)) ?? defaultWheel(year);
  }

  async saveWheel(workplaceId: string, year: number, forum: Forum, meetings: readonly Meeting[], placements: Wheel['placements'] | undefined, by: Person): Promise<Wheel> {
    const saved = await this.deps.store.saveWheel(workplaceId, defaultWheel(year), forum, meetings, placements, by.name);
    await this.planAgendas(workplaceId, saved);
    return saved;
  }

  /** Cancels the workplace's pending agenda rows and plans one for each future meeting. */
  async planAgendas(workplaceId: string, wheel: Wheel): Promise<void> {
    const wp = await this.deps.workplaces.get(workplaceId);
    await this.deps.scheduler.cancelPrefix(AGENDA_PREFIX(workplaceId));
    if (!wp) return;
    for (const req of agendaRequests(wp, wheel, this.deps.clock.now())) await this.deps.scheduler.schedule(req);
  }

  async agenda(workplaceId: string, meeting: Meeting, wheel: Wheel): Promise<AgendaData> {
    const items = itemsFor(wheel, meeting);
    const now = this.deps.clock.now();
    const months = items.includes('sygefravaersstatistik') ? 12 : items.includes('sygefravaer') ? 1 : 0;
    const [actions, apv, mus, added, sickness, pulse, violence] = await Promise.all([
      this.deps.actions.openSummary(workplaceId, now),
      items.includes('apvStatus') ? this.deps.store.apv(workplaceId) : Promise.resolve(undefined),
      meeting.forum === 'med' ? this.deps.mus.counts(workplaceId, localDateOf(now)) : Promise.resolve(undefined),
      this.deps.store.agendaItems(workplaceId, meeting.forum, meeting.date),
      this.sicknessMonths(workplaceId, localDateOf(now), months),
      this.deps.pulse.latest(workplaceId),
      this.violenceMonths(workplaceId, localDateOf(now)),
    ]);
    return { meeting, items, actions, ...(apv ? { apv } : {}), ...(mus ? { mus } : {}), sickness, ...(pulse ? { pulse } : {}), violence, added };
  }

  /** The violence counts of the VIOLENCE_MONTHS months before `today`'s month that have counts, newest first. */
  private async violenceMonths(workplaceId: string, today: LocalDate): Promise<ShownViolenceMonth[]> {
    const out: ShownViolenceMonth[] = [];
    for (let i = 1; i <= VIOLENCE_MONTHS; i++) {
      const m = await this.deps.violence.month(workplaceId, addMonths(`${today.slice(0, 7)}-01`, -i).slice(0, 7));
      if (m) out.push(m);
    }
    return out;
  }

  /** The masked figures of the `count` months before `today`'s month that have figures, newest first. */
  private async sicknessMonths(workplaceId: string, today: LocalDate, count: number): Promise<{ month: string; activeCases: string; absence: string }[]> {
    const months = Array.from({ length: count }, (_, i) => addMonths(`${today.slice(0, 7)}-01`, -(i + 1)).slice(0, 7));
    // One read at a time: an agenda renders inside the engine's tick, next to other jobs.
    const out: { month: string; activeCases: string; absence: string }[] = [];
    for (const month of months) {
      const f = await this.deps.sickness.month(workplaceId, month);
      if (f) out.push({ month, activeCases: f.activeCases, absence: f.absence });
    }
    return out;
  }

  async addAgendaItem(workplaceId: string, meeting: Meeting, text: string, by: Person): Promise<boolean> {
    const item: AgendaItem = { id: contentId(by.id, text), text, byName: by.name, at: this.deps.clock.now().toISOString() };
    return this.deps.store.addAgendaItem(workplaceId, meeting.forum, meeting.date, item);
  }

  async addDecision(workplaceId: string, meeting: Meeting, text: string, by: Person): Promise<boolean> {
    const d: Decision = { id: contentId(text), text, byName: by.name, at: this.deps.clock.now().toISOString() };
    return this.deps.store.addDecision(workplaceId, meeting.forum, meeting.date, d);
  }

  /** A referat decision becomes an action once (kilde MED or TRIO, Tema the meeting). */
  async decisionToAction(workplaceId: string, meeting: Meeting, id: string, owner: ActionOwner, end: { date: LocalDate; label: string }, by: Person): Promise<{ decision: Decision; created: boolean }> {
    return this.deps.store.decisionToAction(workplaceId, meeting.forum, meeting.date, id, async (d) => {
      const draft = this.draft({
        tema: t.referat.tema(meeting.forum, meeting.date),
        text: d.text,
        owner,
        end,
        source: meeting.forum,
        dokumentation: t.referat.dokumentation(meeting.forum, meeting.date),
        effekt: t.referat.effekt,
      });
      return (await this.deps.actions.createOnce(`medyear-${meeting.forum}-${meeting.date}-${id}`, workplaceId, draft, by)).number;
    });
  }

  /** An action drafted from a MED text: today to `end`, Mål and Hvad the text itself. */
  draft(v: { tema: string; text: string; owner: ActionOwner; end: { date: LocalDate; label: string }; source: ActionSource; dokumentation: string; effekt: string }): ActionDraft {
    const today = this.today();
    return {
      tema: v.tema,
      emne: v.text,
      maal: v.text,
      hvad: v.text,
      start: today,
      end: v.end.date < today ? today : v.end.date,
      startLabel: formatDanishDate(today),
      endLabel: v.end.label,
      dokumentation: v.dokumentation,
      owner: v.owner,
      effekt: v.effekt,
      source: v.source,
    };
  }

  // ------------------------------------------------------------ reads the entry points share

  /** The årshjul MED or TRIO saved, if any (`wheel(workplaceId, year)` falls back to the default year). */
  storedWheel(workplaceId: string): Promise<Wheel | undefined> {
    return this.deps.store.wheel(workplaceId);
  }

  apv(workplaceId: string): Promise<ApvCycle> {
    return this.deps.store.apv(workplaceId);
  }

  decisions(workplaceId: string, forum: Forum, date: LocalDate): Promise<Decision[]> {
    return this.deps.store.decisions(workplaceId, forum, date);
  }

  /** Changes the kompetenceudviklingsplan under its ETag. */
  changeKup(workplaceId: string, decide: (current: KupPlan) => KupPlan): Promise<{ before: KupPlan; after: KupPlan }> {
    return this.deps.store.changeKup(workplaceId, decide);
  }

  /** Hands a later message of the MED year to the outbox. */
  async schedule(request: Parameters<Scheduler['schedule']>[0]): Promise<void> {
    await this.deps.scheduler.schedule(request);
  }

  // ------------------------------------------------------------ APV

  /**
   * Changes the APV cycle (under its ETag) and re-plans its reminder when it changed. A
   * replay of a press (its first run may have died between the row and the reminder) finds
   * the cycle changed already and re-plans anyway: planning is idempotent.
   */
  async changeApv(workplaceId: string, decide: (current: ApvCycle) => ApvCycle, once?: Pick<Once, 'replay'>): Promise<ApvCycle> {
    const { before, after } = await this.deps.store.changeApv(workplaceId, decide);
    if (after !== before || once?.replay) await this.planApv(workplaceId, after);
    return after;
  }

  async planApv(workplaceId: string, apv: ApvCycle): Promise<void> {
    await this.deps.scheduler.cancelPrefix(APV_PREFIX(workplaceId));
    const wp = await this.deps.workplaces.get(workplaceId);
    const req = wp ? apvRequest(wp, apv, this.deps.clock.now()) : undefined;
    if (req) await this.deps.scheduler.schedule(req);
  }

  /** An APV finding becomes an action once per cycle and text (kilde APV). */
  async apvFinding(workplaceId: string, apv: ApvCycle, text: string, owner: ActionOwner, end: { date: LocalDate; label: string }, by: Person): Promise<PlannedAction> {
    const draft = this.draft({ tema: t.apv.tema, text, owner, end, source: 'apv', dokumentation: t.apv.dokumentation(apv.surveyedOn ? formatDanishDate(apv.surveyedOn) : '–'), effekt: t.apv.effekt });
    return this.deps.actions.createOnce(`medyear-apv-${apv.surveyedOn ?? 'none'}-${contentId(text)}`, workplaceId, draft, by);
  }

  async apvActions(workplaceId: string): Promise<PlannedAction[]> {
    return this.deps.actions.fromSource(workplaceId, 'apv');
  }

  // ------------------------------------------------------------ kompetenceudviklingsplan

  /** The needs named in the last year's udviklingsplaner: counts only, small ones hidden. */
  async needs(workplaceId: string): Promise<ReturnType<typeof aggregateNeeds>> {
    const texts = await this.deps.mus.planTexts(workplaceId, addDays(this.today(), -365));
    return aggregateNeeds(texts, t.needThemes as readonly NeedTheme[]);
  }

  async kup(workplaceId: string): Promise<KupPlan> {
    return this.deps.store.kup(workplaceId);
  }

  // ------------------------------------------------------------ arbejdsmiljødrøftelse

  async talk(workplaceId: string, year: number): Promise<{ talk?: YearTalk; lastGoals: { text: string; action?: PlannedAction }[] }> {
    const [talk, last] = await Promise.all([this.deps.store.talk(workplaceId, year), this.deps.store.talk(workplaceId, year - 1)]);
    const goals = last?.goals ?? [];
    const actions = await this.deps.actions.byNumbers(workplaceId, goals.map((g) => g.actionNumber));
    return { ...(talk ? { talk } : {}), lastGoals: goals.map((g) => ({ text: g.text, ...withAction(actions.find((a) => a.number === g.actionNumber)) })) };
  }

  /** Saves the year's drøftelse; each new goal becomes an action once (kilde MED). */
  async saveTalk(workplaceId: string, year: number, answers: YearTalk['answers'], goals: readonly string[], by: Person): Promise<YearTalk> {
    const end = { date: `${year}-12-31`, label: formatDanishDate(`${year}-12-31`) };
    const made: { text: string; actionNumber: number }[] = [];
    for (const goal of goals) {
      const draft = this.draft({ tema: t.talk.tema(year), text: goal, owner: { name: 'MED' }, end, source: 'med', dokumentation: t.talk.dokumentation(year), effekt: t.talk.effekt });
      made.push({ text: goal, actionNumber: (await this.deps.actions.createOnce(`medyear-talk-${year}-${contentId(goal)}`, workplaceId, draft, by)).number });
    }
    const { after } = await this.deps.store.changeTalk(workplaceId, year, (cur) => ({
      year,
      answers: { ...cur.answers, ...Object.fromEntries(Object.entries(answers).filter(([, v]) => v)) },
      goals: [...cur.goals, ...made.filter((g) => !cur.goals.some((c) => c.actionNumber === g.actionNumber))],
      heldOn: this.today(),
      byName: by.name,
    }));
    return after;
  }
}

const withAction = (a: PlannedAction | undefined) => (a ? { action: a } : {});
