import { expect } from 'vitest';
import type { Answer, Json } from './http-bot.js';
import { effectOf, snapshot, SIDES, type ChannelKey, type PersonKey, type Side, type Twins } from './twins.js';

/**
 * Every change the bot makes, made once in one workplace and twenty times at once in its
 * twin (test/support/twins.ts): the same card pressed twenty times (twenty activities with
 * their own ids, the same card data and one-time key), or the same command written twenty
 * times. A step prepares its subject on one side (a fresh card from the bot, taken as a
 * person would) and says what to fire; `checkStep` fires it and compares what changed.
 */
export interface Fire {
  who: PersonKey;
  where: 'personal' | ChannelKey;
  /** A card action: the verb and the data of the pressed button with what was filled in. */
  verb?: string;
  data?: Json;
  /** A text command. */
  text?: string;
}

export interface Step {
  /** The verb name or command id this step makes (coverage is checked against the router and registry). */
  writer: string;
  kind: 'verb' | 'command';
  /** Runs once before both sides (moving the clock, which both share). */
  before?(t: Twins): Promise<void>;
  prepare(t: Twins, side: Side): Promise<Fire>;
  /** Runs after the side's fire, with its answers (to remember the subject, or the card, for later steps). */
  after?(t: Twins, side: Side, answers: Answer[]): Promise<void>;
}

export const TIMES = 20;

/** Fires `f` `times` times at once, each as its own activity. */
export async function fire(t: Twins, f: Fire, times: number): Promise<Answer[]> {
  const one = () => {
    if (f.text !== undefined) return t.bot.say(f.who, f.where, f.text);
    return t.bot.post(t.bot.activity(f.who, f.where, { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb: f.verb, data: f.data } } }));
  };
  return Promise.all(Array.from({ length: times }, one));
}

export interface StepResult {
  once: string[];
  many: string[];
  /** What each of the twenty said (the texts), for the assertion's message. */
  answers: string[];
  /** With `late`: what one more press said once the twenty were answered (its writes are counted in `many`). */
  late?: string;
}

/** Makes the step's change once on the first side and `times` times at once on the second. */
export async function checkStep(t: Twins, step: Step, times = TIMES, options: { late?: boolean } = {}): Promise<StepResult> {
  const [single, twin] = SIDES;
  const times0 = performance.now();
  const lap = (what: string) => process.env.ONCE_DEBUG && console.log(`${step.writer} ${what} ${Math.round(performance.now() - times0)} ms`);
  await step.before?.(t);
  // Each side starts with everything that was due sent (for both), so neither has leftovers the other has not.
  await t.bot.tick();
  const first = await step.prepare(t, single);
  const a0 = await snapshot(t);
  const firstAnswers = await fire(t, first, 1);
  const a1 = await snapshot(t);
  await step.after?.(t, single, firstAnswers);
  await t.bot.tick();
  const second = await step.prepare(t, twin);
  lap('prepared');
  const b0 = await snapshot(t);
  lap('snapshot');
  const answers = await fire(t, second, times);
  lap('fired');
  // Under load all twenty may arrive while the first is still working (each answered "busy"); a press after them all is a plain repeat.
  const late = options.late ? await fire(t, second, 1) : undefined;
  const b1 = await snapshot(t);
  lap('snapshot');
  await step.after?.(t, twin, answers);
  return { once: effectOf(a0, a1), many: effectOf(b0, b1), answers: answers.map((a) => textOfAnswer(a)), ...(late ? { late: textOfAnswer(late[0]!) } : {}) };
}

/** The card one of the answers carries (of twenty, the one that made the change). */
export function answeredCard(answers: Answer[]): Json {
  for (const a of answers) if (a.body.type === 'application/vnd.microsoft.card.adaptive') return a.body.value as Json;
  throw new Error(`no card among the answers: ${answers.map((a) => a.raw.slice(0, 200)).join(' | ')}`);
}

/** Asserts that twenty made exactly the change that one made, and that one made a change. */
export function expectOnce(step: Step, r: StepResult): void {
  if (process.env.ONCE_DEBUG) console.log(step.writer, JSON.stringify(r, null, 1));
  expect(r.once.length, `${step.writer} changed nothing: the step does not exercise it (the bot said: ${r.answers.slice(0, 2).join(' | ').slice(0, 300)})`).toBeGreaterThan(0);
  expect(r.many, `${step.writer}: twenty at once changed more (or less) than one`).toEqual(r.once);
}

function textOfAnswer(a: Answer): string {
  const v = a.body.value;
  if (typeof v === 'string') return v;
  return a.sent.map((s) => String(s.activity.text ?? '')).join(' | ') || (v ? 'card' : '');
}
