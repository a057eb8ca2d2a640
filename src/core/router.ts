import type { z } from 'zod';
import type { AccessRule, Principal } from './access.js';
import { declareWriting, type Once } from './once.js';
import type { CardJson, OutMessage, Scope, Turn } from './types.js';

/** How a card action arrived: Universal Action (invoke) or classic submit (message). */
export type ActionSource = 'execute' | 'submit';

export interface VerbContext {
  source: ActionSource;
  /** The activity id of the card the action was taken on, when known. */
  cardActivityId?: string;
  /**
   * For a verb that `writes`: the one-time key of this button press (src/core/once.ts). Hand
   * it to what the verb writes (store, events) so that a replay after a crash finds it.
   */
  once?: Once;
}

/**
 * What a verb produces. `card` replaces the card the action came from (for everyone
 * who sees it); `message` is sent as a new message in the same conversation.
 */
export interface VerbResult {
  card?: CardJson;
  message?: OutMessage;
  /**
   * What the change was about, in a form shown to the user ("H-3"): kept with the write's
   * one-time key, so that a repeated submit is answered "H-3 er allerede oprettet". No personal data.
   */
  ref?: string;
  /**
   * The verb refused what was asked and stored nothing (a form returned with the errors at
   * its fields): the button's one-time key is not used up, so the same card can be sent again.
   */
  refused?: true;
}

/**
 * A verb that changes stored state declares it: the dispatcher then runs each button press
 * once (src/core/writes.ts). `again` words the answer to a repeated press from the first
 * one's `ref`; without it the answer is the default "Det er allerede gemt".
 */
export interface WriteSpec {
  again?(ref: string | undefined): string;
}

/**
 * A card action. Like a command it says where it works (`scopes`) and who may use it
 * (`allowed`); the dispatcher checks both, then validates the data with `schema`,
 * before `run` sees it. Write one with `defineVerb`, which infers `T` from the schema.
 */
export interface VerbDef<T = unknown> {
  /** e.g. "actions.complete": a constant of the feature, also used by its cards. */
  verb: string;
  /** Where the card may be used. Anywhere else the verb is refused before anything is read. */
  scopes: readonly Scope[];
  /**
   * The Danish answer when the card is used in another scope. Default: the plain
   * "no access" (it says nothing about the data the card points at).
   */
  wrongPlace?: string;
  schema: z.ZodType<T>;
  /** Danish labels for fields, used in validation messages. */
  labels?: Readonly<Record<string, string>>;
  /** Coarse rule checked before run; finer checks (ownership) happen inside run. */
  allowed: AccessRule;
  /** This verb writes: see WriteSpec. Every verb that changes stored state says so (a test checks it). */
  writes?: true | WriteSpec;
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

/** A verb as a feature lists it and the router holds it: its data type is checked by its schema at run time. */
export type Verb = VerbDef<unknown>;

/**
 * Defines a verb with its data type inferred from `schema`, so `run` is typed without
 * annotations or casts, and checks the definition at start-up.
 */
export function defineVerb<T>(def: VerbDef<T>): Verb {
  if (!/^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/.test(def.verb)) throw new Error(`Card verb "${def.verb}" must look like "feature.action"`);
  if (def.scopes.length === 0) throw new Error(`Card verb "${def.verb}" works nowhere: give it scopes`);
  if (def.writes) declareWriting(def.verb);
  return def;
}

export class VerbRouter {
  private readonly verbs = new Map<string, Verb>();

  add(def: Verb): this {
    if (this.verbs.has(def.verb)) throw new Error(`Card verb "${def.verb}" is registered twice`);
    this.verbs.set(def.verb, def);
    return this;
  }

  get(verb: string): Verb | undefined {
    return this.verbs.get(verb);
  }

  all(): readonly Verb[] {
    return [...this.verbs.values()];
  }
}
