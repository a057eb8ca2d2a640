import { minuteLogger, type Logger } from './log.js';
import type { Principal } from './access.js';
import { codeOf, isExpected, isUserError, type ErrorCode } from './errors.js';
import { normalizeText, type CommandRegistry } from './registry.js';
import type { VerbContext, VerbResult, VerbRouter } from './router.js';
import type { Scope, Turn } from './types.js';
import { danishIssues, formatIssues } from './validation.js';
import { da } from '../i18n/da.js';
import { noticeCard } from './cards.js';
import { noTelemetry, type Telemetry } from './telemetry.js';

export interface DispatcherDeps {
  registry: CommandRegistry;
  router: VerbRouter;
  resolvePrincipal(turn: Turn): Promise<Principal>;
  log: Logger;
  /** A span per card action (default: none). */
  telemetry?: Telemetry;
}

/** What the bot layer does with the outcome of a card action. */
export interface ActionOutcome extends VerbResult {
  /** The action was refused or invalid; `message.text` says why. */
  rejected?: boolean;
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
      await command.run(turn, principal, args);
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
      return await def.run(turn, principal, parsed.data, ctx);
    } catch (e) {
      // The reference the user sees in an apology; minute precision still holds for an anonymous verb.
      const failed = def?.anonymous ? log.child({ ref: turn.correlationId }) : log;
      return { rejected: true, message: { text: this.answer(failed, e, 'card action failed') ?? da.apology(turn.correlationId) } };
    }
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

/** Teams adds its own keys to submit data; the verb is routing, not data. */
function stripTransport(raw: Record<string, unknown>): Record<string, unknown> {
  const { verb: _verb, msteams: _msteams, ...rest } = raw;
  return rest;
}
