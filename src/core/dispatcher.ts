import { minuteLogger, type Logger } from './log.js';
import type { Principal } from './access.js';
import { AppError, codeOf, isExpected, isUserError, type ErrorCode } from './errors.js';
import { cardKeyOf, ONCE_FIELD, type Once } from './once.js';
import { normalizeText, type Command, type CommandRegistry } from './registry.js';
import type { Verb, VerbContext, VerbResult, VerbRouter } from './router.js';
import type { Scope, Turn } from './types.js';
import { danishIssues, formatIssues } from './validation.js';
import { replayTurn, snapshotOf, type IntentInput, type RepairReport, type WriteGuard } from './writes.js';
import { da } from '../i18n/da.js';
import { onceText } from '../i18n/once.js';
import { noticeCard } from './cards.js';
import { noTelemetry, type Telemetry } from './telemetry.js';

export interface DispatcherDeps {
  registry: CommandRegistry;
  router: VerbRouter;
  resolvePrincipal(turn: Turn): Promise<Principal>;
  log: Logger;
  /**
   * Runs declared writes once per key and finishes them after a crash (src/core/writes.ts).
   * Without it (tests of one feature) writes run as they come.
   */
  writes?: WriteGuard;
  /** A span per card action (default: none). */
  telemetry?: Telemetry;
}

/** What the bot layer does with the outcome of a card action. */
export interface ActionOutcome extends VerbResult {
  /** The action was refused or invalid; `message.text` says why. */
  rejected?: boolean;
  /** The same button press was handled before (or is being handled): nothing was done again. */
  repeated?: boolean;
}

const places = (scopes: readonly Scope[]) => scopes.map((s) => da.places[s]).join(` ${da.or} `);

/**
 * Routes a turn's text to a command and a card action to a verb, with the checks both
 * declare (where: `scopes`, who: `allowed`), validation, and the one error policy: every
 * refusal and error is logged with its code; expected problems get their Danish message
 * (their own, or the default text of their code); faults get an apology with a
 * reference id, and the details go to the log.
 */
export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  async handleText(turn: Turn, text: string): Promise<void> {
    const log = this.deps.log.child({ ref: turn.correlationId, conversationId: turn.where.conversationId, activityId: turn.activityId });
    try {
      const normalized = normalizeText(text);
      const principal = await this.deps.resolvePrincipal(turn);
      if (!normalized) {
        await turn.reply({ text: da.emptyMessage });
        return;
      }
      const match = this.deps.registry.match(text);
      if (!match) {
        const suggestions = this.deps.registry.suggest(text, principal, turn.where).map((c) => c.name);
        log.info({ event: 'command.unknown', code: 'NOT_FOUND' }, 'unknown command');
        await turn.reply({ text: da.unknownCommand(text.trim().slice(0, 60), suggestions) });
        return;
      }
      const { command, rest } = match;
      if (!command.scopes.includes(turn.where.scope)) {
        log.info({ event: 'command.wrongPlace', command: command.id, code: 'WRONG_PLACE' }, 'command used in the wrong place');
        // Quoting the words the user wrote ("trivselspuls"), not the command's own name.
        await turn.reply({ text: da.notHere(match.typed, places(command.scopes)) });
        return;
      }
      if (!command.allowed(principal, turn.where)) {
        log.info({ event: 'command.forbidden', command: command.id, code: 'FORBIDDEN' }, 'command refused');
        await turn.reply({ text: da.notAllowed });
        return;
      }
      let args: unknown = rest;
      if (command.args) {
        const parsed = command.args.safeParse(rest);
        if (!parsed.success) {
          const labels: Record<string, string> = command.argLabel ? { '': command.argLabel } : {};
          log.info({ event: 'command.invalid', command: command.id, code: 'INVALID_INPUT' }, 'invalid command arguments');
          await turn.reply({ text: formatIssues(danishIssues(parsed.error, labels)) });
          return;
        }
        args = parsed.data;
      }
      log.info({ event: 'command', command: command.id }, 'command');
      const guard = this.deps.writes;
      if (!command.writes || !guard || !turn.activityId) {
        await command.run(turn, principal, args, {});
        return;
      }
      // Only declared arguments are kept for a replay: free text after a command (`syg, jeg har ...`) is never stored.
      const input: IntentInput = { kind: 'command', name: command.id, payload: { rest: command.args ? rest : '' }, turn: snapshotOf(turn) };
      const outcome = await guard.run(`cmd|${turn.where.conversationId}|${turn.activityId}`, input, (once) => command.run(turn, principal, args, { once }), () => undefined);
      if (outcome.kind !== 'ran') {
        log.info({ event: 'command.repeated', command: command.id, outcome: outcome.kind }, 'command already handled');
        await turn.reply({ text: outcome.kind === 'busy' ? onceText.busy : onceText.commandAgain });
      }
    } catch (e) {
      const text = this.answer(log, e, 'turn failed');
      if (text !== undefined) {
        await turn.reply({ text });
        return;
      }
      await turn.reply({ card: noticeCard(da.apology(turn.correlationId), 'attention') }).catch((sendErr: unknown) => {
        log.error({ err: sendErr }, 'could not send apology');
      });
    }
  }

  /** True for a verb whose action must leave no trace of who took it when (VerbDef.anonymous). */
  isAnonymous(verb: string | undefined): boolean {
    return verb !== undefined && this.deps.router.get(verb)?.anonymous === true;
  }

  async handleAction(turn: Turn, verb: string | undefined, raw: Record<string, unknown>, ctx: VerbContext): Promise<ActionOutcome> {
    // Only registered verbs are named in telemetry (the verb comes from the client); an
    // anonymous verb gets no span of its own, so not even its time is recorded by name.
    const known = verb ? this.deps.router.get(verb) : undefined;
    if (known?.anonymous) return this.action(turn, verb, raw, ctx);
    return (this.deps.telemetry ?? noTelemetry).span('card.action', { 'trio.verb': known ? verb! : 'unknown' }, async (span) => {
      const outcome = await this.action(turn, verb, raw, ctx);
      span.set({ 'trio.action.rejected': outcome.rejected === true });
      return outcome;
    });
  }

  private async action(turn: Turn, verb: string | undefined, raw: Record<string, unknown>, ctx: VerbContext): Promise<ActionOutcome> {
    const def = verb ? this.deps.router.get(verb) : undefined;
    // An anonymous verb is logged without conversation and activity id, to the minute.
    const log = def?.anonymous
      ? minuteLogger(this.deps.log, { verb })
      : this.deps.log.child({ ref: turn.correlationId, conversationId: turn.where.conversationId, activityId: turn.activityId, verb });
    try {
      if (!def) {
        log.warn({ event: 'action.unknown', code: 'NOT_FOUND' }, 'unknown card verb');
        return { rejected: true, message: { text: da.unknownAction } };
      }
      if (!def.scopes.includes(turn.where.scope)) {
        log.info({ event: 'action.wrongPlace', code: 'WRONG_PLACE' }, 'card action used in the wrong place');
        return { rejected: true, message: { text: def.wrongPlace ?? da.notAllowed } };
      }
      const principal = await this.deps.resolvePrincipal(turn);
      if (!def.allowed(principal, turn.where)) {
        log.info({ event: 'action.forbidden', code: 'FORBIDDEN' }, 'card action refused');
        return { rejected: true, message: { text: da.notAllowed } };
      }
      const data = stripTransport(raw);
      const parsed = def.schema.safeParse(data);
      if (!parsed.success) {
        const errors = danishIssues(parsed.error, def.labels);
        log.info({ event: 'action.invalid', code: 'INVALID_INPUT', fields: parsed.error.issues.map((i) => i.path.join('.')) }, 'invalid card data');
        // A form that can show its errors shows them on itself, once: no extra post that stays in the thread.
        if (def.invalid) return { rejected: true, card: def.invalid(data, errors) };
        return { rejected: true, message: { text: formatIssues(errors) } };
      }
      log.info({ event: 'action' }, 'card action');
      const guard = this.deps.writes;
      const key = def.writes && guard ? writeKey(def, turn, raw) : undefined;
      if (!guard || !key) return await def.run(turn, principal, parsed.data, ctx);
      const payload = { data, source: ctx.source, ...(ctx.cardActivityId ? { cardActivityId: ctx.cardActivityId } : {}) };
      const input: IntentInput = { kind: 'verb', name: def.verb, payload, turn: snapshotOf(turn) };
      const outcome = await guard.run(key, input, (once) => def.run(turn, principal, parsed.data, { ...ctx, once }), (r) => r.ref, (r) => r.refused === true);
      if (outcome.kind === 'ran') return outcome.result;
      log.info({ event: 'action.repeated', outcome: outcome.kind }, 'card action already handled');
      const text = outcome.kind === 'busy' ? onceText.busy : typeof def.writes === 'object' && def.writes.again ? def.writes.again(outcome.ref) : onceText.again;
      return { rejected: true, repeated: true, message: { text } };
    } catch (e) {
      // The reference the user sees in an apology; minute precision still holds for an anonymous verb.
      const failed = def?.anonymous ? log.child({ ref: turn.correlationId }) : log;
      return { rejected: true, message: { text: this.answer(failed, e, 'card action failed') ?? da.apology(turn.correlationId) } };
    }
  }

  /**
   * Runs an unfinished write again as it was first asked (src/core/writes.ts): the same
   * person, place, time and data, with the same checks; nothing is sent. Throws what the
   * verb or command throws (a refusal means the state moved on).
   */
  async replay(input: IntentInput, once: Once): Promise<void> {
    const turn = replayTurn(input.turn);
    const principal = await this.deps.resolvePrincipal(turn);
    if (input.kind === 'verb') {
      const def = this.deps.router.get(input.name);
      if (!def) throw new AppError('NOT_FOUND', `No verb ${input.name} to replay`);
      if (!def.scopes.includes(turn.where.scope) || !def.allowed(principal, turn.where)) throw new AppError('FORBIDDEN', `Verb ${input.name} is no longer allowed`);
      const data = input.payload.data && typeof input.payload.data === 'object' ? stripTransport(input.payload.data as Record<string, unknown>) : {};
      const parsed = def.schema.safeParse(data);
      if (!parsed.success) throw new AppError('INVALID_INPUT', `Stored data of ${input.name} no longer validates`);
      const source = input.payload.source === 'submit' ? 'submit' : 'execute';
      const cardActivityId = typeof input.payload.cardActivityId === 'string' ? input.payload.cardActivityId : undefined;
      await def.run(turn, principal, parsed.data, { source, ...(cardActivityId ? { cardActivityId } : {}), once });
      return;
    }
    const rest = typeof input.payload.rest === 'string' ? input.payload.rest : '';
    const command: Command | undefined = this.deps.registry.all().find((c) => c.id === input.name);
    if (!command) throw new AppError('NOT_FOUND', `No command ${input.name} to replay`);
    if (!command.scopes.includes(turn.where.scope) || !command.allowed(principal, turn.where)) throw new AppError('FORBIDDEN', `Command ${input.name} is no longer allowed`);
    let args: unknown = rest;
    if (command.args) {
      const parsed = command.args.safeParse(rest);
      if (!parsed.success) throw new AppError('INVALID_INPUT', `Stored text of ${input.name} no longer parses`);
      args = parsed.data;
    }
    await command.run(turn, principal, args, { once });
  }

  /** One repair pass over unfinished writes (at start-up and on every scheduler tick). */
  repair(now: Date): Promise<RepairReport> {
    return this.deps.writes?.repair(now, (input, once) => this.replay(input, once)) ?? Promise.resolve({ repaired: 0, refused: 0, failed: 0 });
  }

  /** Logs an error with its code; the Danish answer for an expected one, undefined for a fault. */
  private answer(log: Logger, e: unknown, faultMessage: string): string | undefined {
    const code: ErrorCode = codeOf(e);
    if (isUserError(e)) {
      log.info({ event: 'refused', code }, 'refused');
      return e.userMessage;
    }
    if (isExpected(e)) {
      log.info({ event: 'refused', code, err: e }, 'refused');
      return da.errors[e.code];
    }
    log.error({ err: e, code }, faultMessage);
    return undefined;
  }
}

/** Teams adds its own keys to submit data; the verb is routing and the one-time key is the dispatcher's, not data. */
function stripTransport(raw: Record<string, unknown>): Record<string, unknown> {
  const { verb: _verb, msteams: _msteams, [ONCE_FIELD]: _once, ...rest } = raw;
  return rest;
}

/**
 * The key a button press is handled once by: the card's one-time key, per person (two
 * people filling in the same form in a channel make two records; one person's double tap
 * makes one). A card without a key (rendered before keys existed) falls back to the
 * activity id, which still makes a redelivery and a crash safe.
 */
function writeKey(def: Verb, turn: Turn, raw: Record<string, unknown>): string | undefined {
  const card = cardKeyOf(raw);
  if (card) return `${def.verb}|${turn.actor.aadObjectId}|${card}`;
  return turn.activityId ? `${def.verb}|${turn.actor.aadObjectId}|a:${turn.activityId}` : undefined;
}
