import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { EventLog } from '../events/event-log.js';
import type { Scheduler } from '../outbox/types.js';
import { localDateOf } from '../shared/calendar.js';
import { syncReminders } from './jobs.js';
import { displayNumber, isOpen, type ActionDraft, type ActionItem, type ActionSource } from './model.js';
import { isOverdue, type ActionSummary } from './rules.js';
import type { Actor, ActionStore } from './store.js';
import type { ActionView } from './view.js';

/** What other features see of an action: no log, no owner id. */
export type PlannedAction = Pick<ActionItem, 'number' | 'tema' | 'emne' | 'end' | 'status' | 'source'> & { owner: string };

/**
 * The action plan as other features use it (a port, returned next to the Feature): the
 * MED year turns referat decisions, APV findings and arbejdsmiljø goals into actions and
 * reads their status. Access is the caller's to check; every create is once per key.
 */
export interface ActionPlanPort {
  /** Creates the action once per `onceKey` (a second call returns the first action), with its event and reminders. */
  createOnce(onceKey: string, workplaceId: string, draft: ActionDraft, by: Actor): Promise<PlannedAction>;
  /** Open and overdue counts and the overdue actions (oldest end first). */
  openSummary(workplaceId: string, now: Date): Promise<{ open: number; overdue: ActionSummary[] }>;
  /** Every action of a source (open or closed), by number. */
  fromSource(workplaceId: string, source: ActionSource): Promise<PlannedAction[]>;
  /** The actions with these numbers that exist. */
  byNumbers(workplaceId: string, numbers: readonly number[]): Promise<PlannedAction[]>;
}

export interface ActionPlanDeps {
  store: ActionStore;
  view: ActionView;
  events: EventLog;
  scheduler: Scheduler;
  clock: Clock;
  log: Logger;
}

const planned = (a: ActionItem): PlannedAction => ({ number: a.number, tema: a.tema, emne: a.emne, end: a.end, status: a.status, source: a.source, owner: a.owner.name });

export class ActionPlan implements ActionPlanPort {
  constructor(private readonly deps: ActionPlanDeps) {}

  async createOnce(onceKey: string, workplaceId: string, draft: ActionDraft, by: Actor): Promise<PlannedAction> {
    const action = await this.deps.store.create(workplaceId, draft, by, onceKey);
    // Events and reminders follow the committed row; a failure is logged, not a failed turn (as in verbs.ts).
    try {
      await this.deps.events.append({ workplaceId, actorId: by.id, type: 'actions.created', subject: displayNumber(action.number), data: { field: 'status', old: null, new: action.status, owner: action.owner.name, end: action.end, source: action.source } });
      if (isOpen(action.status)) await syncReminders(this.deps.scheduler, action, this.deps.clock.now(), action.owner.id ? [] : await this.deps.view.leaderIds(workplaceId));
    } catch (err) {
      this.deps.log.error({ err, event: 'actions.afterCreateFailed', workplaceId, number: action.number }, 'could not record an action created by another feature');
    }
    return planned(action);
  }

  async openSummary(workplaceId: string, now: Date): Promise<{ open: number; overdue: ActionSummary[] }> {
    const today = localDateOf(now);
    const open = await this.deps.store.listOpen(workplaceId);
    const overdue = open.filter((a) => isOverdue(a, today)).sort((a, b) => (a.end === b.end ? a.number - b.number : a.end < b.end ? -1 : 1));
    return { open: open.length, overdue };
  }

  async fromSource(workplaceId: string, source: ActionSource): Promise<PlannedAction[]> {
    return (await this.deps.store.listAll(workplaceId)).map((x) => x.action).filter((a) => a.source === source).map(planned);
  }

  async byNumbers(workplaceId: string, numbers: readonly number[]): Promise<PlannedAction[]> {
    const found = await Promise.all(numbers.map((n) => this.deps.store.get(workplaceId, n)));
    return found.filter((a): a is ActionItem => a !== undefined).map(planned);
  }
}
