/**
 * What the pulse's commands, verbs and jobs share: the store (with the seal key), the
 * settings in force for a workplace, saving them (command and form), the results of a
 * round (command and job) and the leader check. Access to the feature has been checked
 * by the dispatcher; the finer checks are made here.
 */
import { rolesIn, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { AppContext } from '../core/feature.js';
import type { Logger } from '../core/log.js';
import type { EventLog } from '../events/event-log.js';
import { pulseText as t } from '../i18n/pulse.js';
import type { Scheduler } from '../outbox/types.js';
import type { Workplace } from '../workplaces/model.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import type { PulseThresholds } from './aggregate.js';
import { loadDefaultBank, type PulseBank } from './bank.js';
import type { Ballot, Round } from './model.js';
import { publications, type Published } from './publish.js';
import { resultsOf, type ResultsView } from './results.js';
import { Seal } from './seal.js';
import { pulseSettingsOf, thresholdsOf, type PulseSettings } from './settings.js';
import { PulseStore, type SubmitOutcome } from './store.js';

/** What the trivsel pulse needs from the app. */
export type PulseDeps = Pick<AppContext, 'config' | 'log' | 'storage' | 'events' | 'workplaces' | 'scheduler' | 'pulseSealKey'> & {
  /** A replacement item bank (validated with parseBank); default: bank.da.json. */
  bank?: PulseBank;
};

export class PulseService {
  readonly store: PulseStore;
  readonly workplaces: WorkplaceStore;
  readonly scheduler: Scheduler;
  readonly events: EventLog;
  readonly log: Logger;
  readonly bank: PulseBank;
  /** The app's working hours (WORKING_HOURS): a pulse set outside them is sent at the chosen time. */
  readonly workingHours: { start: string; end: string };
  /** Defaults from config (PULSE_MIN_GROUP). */
  private readonly defaults: Partial<PulseSettings>;

  constructor(deps: PulseDeps) {
    this.store = new PulseStore(deps.storage, new Seal(deps.pulseSealKey));
    this.workplaces = deps.workplaces;
    this.scheduler = deps.scheduler;
    this.events = deps.events;
    this.log = deps.log;
    this.bank = deps.bank ?? loadDefaultBank();
    this.workingHours = deps.config.workingHours;
    this.defaults = { minScores: deps.config.pulseMinGroup, minComments: Math.max(10, deps.config.pulseMinGroup) };
  }

  settingsFor(workplace: Pick<Workplace, 'settings'>): PulseSettings {
    return pulseSettingsOf(workplace.settings.pulse, this.defaults);
  }

  thresholdsFor(workplace: Pick<Workplace, 'settings'>): PulseThresholds {
    return thresholdsOf(this.settingsFor(workplace));
  }

  /** Stores the new settings and logs the change (who, old and new values). */
  async saveSettings(principal: Principal, workplaceId: string, change: Partial<PulseSettings>): Promise<PulseSettings> {
    const workplace = await this.workplaces.get(workplaceId);
    if (!workplace) throw new UserError('NOT_FOUND', t.settings.needChannel);
    const before = this.settingsFor(workplace);
    const after: PulseSettings = { ...before, ...change };
    await this.workplaces.updateSettings(workplaceId, 'pulse', after);
    await this.events.append({
      workplaceId,
      actorId: principal.userId,
      type: 'pulse.settingsChanged',
      data: { old: JSON.stringify(before), new: JSON.stringify(after) },
    });
    return after;
  }

  /** The results card data of a closed round, under the workplace's thresholds in force now. */
  async results(workplace: Pick<Workplace, 'settings'>, round: Round): Promise<ResultsView> {
    return resultsOf(this.store, round, this.thresholdsFor(workplace));
  }

  /** A round of a workplace, if it exists. */
  round(workplaceId: string, roundId: string): Promise<Round | undefined> {
    return this.store.round(workplaceId, roundId);
  }

  /** Every round of a workplace, oldest first. */
  rounds(workplaceId: string): Promise<Round[]> {
    return this.store.rounds(workplaceId);
  }

  /** The round open for answers at `now`, if any. */
  async openRound(workplaceId: string, now: Date): Promise<Round | undefined> {
    return (await this.store.unclosedRounds(workplaceId)).find((r) => r.status === 'open' && now < r.closesAt);
  }

  /** Where a person stands in an open round: not invited, answered, or still to answer. Reads only. */
  async standing(round: Round, aadObjectId: string): Promise<'notInvited' | 'answered' | 'unanswered'> {
    if (!(await this.store.isInvited(round, aadObjectId))) return 'notInvited';
    return (await this.store.hasAnswered(round.workplaceId, round.id, aadObjectId)) ? 'answered' : 'unanswered';
  }

  /** True when the person has answered the round (its `a~` marker). Reads only. */
  hasAnswered(round: Pick<Round, 'workplaceId' | 'id'>, aadObjectId: string): Promise<boolean> {
    return this.store.hasAnswered(round.workplaceId, round.id, aadObjectId);
  }

  /** What each of the rounds published, with the trend inputs (publish.ts). */
  publications(rounds: readonly Round[], thresholds: PulseThresholds): Promise<Published[]> {
    return publications(this.store, rounds, thresholds);
  }

  /** One person's answer, once (store.ts): saved, already answered, or not invited. */
  submit(round: Round, aadObjectId: string, ballot: Ballot): Promise<SubmitOutcome> {
    return this.store.submit(round, aadObjectId, ballot);
  }

  /** The newest closed round of a workplace, if any. */
  async latestClosed(workplaceId: string): Promise<Round | undefined> {
    return (await this.store.rounds(workplaceId)).filter((r) => r.status === 'closed').at(-1);
  }
}

/** The channel's workplace when the principal leads it, else a refusal. */
export function ledWorkplace(principal: Principal): { workplaceId: string; workplaceName: string } {
  if (!principal.channel) throw new UserError('WRONG_PLACE', t.settings.needChannel);
  if (!rolesIn(principal, principal.channel.workplaceId).includes('leder')) {
    throw new UserError('FORBIDDEN', t.settings.notLeader(principal.channel.workplaceName));
  }
  return principal.channel;
}

export function settingsSummary(s: PulseSettings): string {
  return t.settings.summary(s.enabled, s.weekday, s.time, s.minScores, s.minComments);
}
