import type { z } from 'zod';
import type { AccessRule, Principal } from './access.js';
import type { CardJson, OutMessage, Turn } from './types.js';

/** How a card action arrived: Universal Action (invoke) or classic submit (message). */
export type ActionSource = 'execute' | 'submit';

export interface VerbContext {
  source: ActionSource;
  /** The activity id of the card the action was taken on, when known. */
  cardActivityId?: string;
}

/**
 * What a verb produces. `card` replaces the card the action came from (for everyone
 * who sees it); `message` is sent as a new message in the same conversation.
 */
export interface VerbResult {
  card?: CardJson;
  message?: OutMessage;
}

/** A card action. Its data is validated with `schema` before `run` sees it. */
export interface VerbDef<T = unknown> {
  /** e.g. "actions.complete" */
  verb: string;
  schema: z.ZodType<T>;
  /** Danish labels for fields, used in validation messages. */
  labels?: Readonly<Record<string, string>>;
  /** Coarse rule checked before run; finer checks (ownership) happen inside run. */
  allowed: AccessRule;
  /**
   * The action must leave no trace of who took it when (the pulse answer): the
   * dispatcher logs it without conversation or activity id and to the minute, and the
   * bot layer does not store the conversation reference on it.
   */
  anonymous?: boolean;
  run(turn: Turn, principal: Principal, data: T, ctx: VerbContext): Promise<VerbResult>;
  /**
   * Re-renders a form with the user's input and the Danish errors, so nothing typed
   * is lost. Without it the errors go back as a message.
   */
  invalid?(raw: Record<string, unknown>, errors: string[]): CardJson;
}

export class VerbRouter {
  private readonly verbs = new Map<string, VerbDef<unknown>>();

  add<T>(def: VerbDef<T>): this {
    if (this.verbs.has(def.verb)) throw new Error(`Card verb "${def.verb}" is registered twice`);
    this.verbs.set(def.verb, def as VerbDef<unknown>);
    return this;
  }

  get(verb: string): VerbDef<unknown> | undefined {
    return this.verbs.get(verb);
  }

  all(): readonly VerbDef<unknown>[] {
    return [...this.verbs.values()];
  }
}
