import { minuteLogger, type Logger } from './log.js';
import type { Principal } from './access.js';
import { isUserError } from './errors.js';
import { normalizeText, type CommandRegistry } from './registry.js';
import type { VerbContext, VerbResult, VerbRouter } from './router.js';
import type { Turn } from './types.js';
import { danishIssues, formatIssues } from './validation.js';
import { da } from '../i18n/da.js';
import { noticeCard } from './cards.js';

export interface DispatcherDeps {
  registry: CommandRegistry;
  router: VerbRouter;
  resolvePrincipal(turn: Turn): Promise<Principal>;
  log: Logger;
}

/** What the bot layer does with the outcome of a card action. */
export interface ActionOutcome extends VerbResult {
  /** The action was refused or invalid; `message.text` says why. */
  rejected?: boolean;
}

/**
 * Routes a turn's text to a command and a card action to a verb, with access checks,
 * validation and the one error policy: expected problems get their Danish message,
 * faults get an apology with a reference id, and the details go to the log.
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
        log.info({ event: 'command.unknown' }, 'unknown command');
        await turn.reply({ text: da.unknownCommand(text.trim().slice(0, 60), suggestions) });
        return;
      }
      const { command, rest } = match;
      if (!command.scopes.includes(turn.where.scope)) {
        const places = command.scopes.map((s) => da.places[s]).join(` ${da.or} `);
        await turn.reply({ text: da.notHere(command.name, places) });
        return;
      }
      if (!command.allowed(principal, turn.where)) {
        log.info({ event: 'command.forbidden', command: command.id }, 'command refused');
        await turn.reply({ text: da.notAllowed });
        return;
      }
      let args: unknown = rest;
      if (command.args) {
        const parsed = command.args.safeParse(rest);
        if (!parsed.success) {
          const labels: Record<string, string> = command.argLabel ? { '': command.argLabel } : {};
          await turn.reply({ text: formatIssues(danishIssues(parsed.error, labels)) });
          return;
        }
        args = parsed.data;
      }
      log.info({ event: 'command', command: command.id }, 'command');
      await command.run(turn, principal, args);
    } catch (e) {
      await this.fail(turn, log, e);
    }
  }

  /** True for a verb whose action must leave no trace of who took it when (VerbDef.anonymous). */
  isAnonymous(verb: string | undefined): boolean {
    return verb !== undefined && this.deps.router.get(verb)?.anonymous === true;
  }

  async handleAction(turn: Turn, verb: string | undefined, raw: Record<string, unknown>, ctx: VerbContext): Promise<ActionOutcome> {
    const def = verb ? this.deps.router.get(verb) : undefined;
    // An anonymous verb is logged without conversation and activity id, to the minute.
    const log = def?.anonymous
      ? minuteLogger(this.deps.log, { verb })
      : this.deps.log.child({ ref: turn.correlationId, conversationId: turn.where.conversationId, activityId: turn.activityId, verb });
    try {
      if (!def) {
        log.warn({ event: 'action.unknown' }, 'unknown card verb');
        return { rejected: true, message: { text: da.unknownAction } };
      }
      const principal = await this.deps.resolvePrincipal(turn);
      if (!def.allowed(principal, turn.where)) {
        log.info({ event: 'action.forbidden' }, 'card action refused');
        return { rejected: true, message: { text: da.notAllowed } };
      }
      const data = stripTransport(raw);
      const parsed = def.schema.safeParse(data);
      if (!parsed.success) {
        const errors = danishIssues(parsed.error, def.labels);
        log.info({ event: 'action.invalid', fields: parsed.error.issues.map((i) => i.path.join('.')) }, 'invalid card data');
        const message = { text: formatIssues(errors) };
        return def.invalid ? { rejected: true, card: def.invalid(data, errors), message } : { rejected: true, message };
      }
      log.info({ event: 'action' }, 'card action');
      return await def.run(turn, principal, parsed.data, ctx);
    } catch (e) {
      if (isUserError(e)) return { rejected: true, message: { text: e.userMessage } };
      log.error({ err: e, ...(def?.anonymous ? { ref: turn.correlationId } : {}) }, 'card action failed');
      return { rejected: true, message: { text: da.apology(turn.correlationId) } };
    }
  }

  private async fail(turn: Turn, log: Logger, e: unknown): Promise<void> {
    if (isUserError(e)) {
      await turn.reply({ text: e.userMessage });
      return;
    }
    log.error({ err: e }, 'turn failed');
    await turn.reply({ card: noticeCard(da.apology(turn.correlationId), 'attention') }).catch((sendErr: unknown) => {
      log.error({ err: sendErr }, 'could not send apology');
    });
  }
}

/** Teams adds its own keys to submit data; the verb is routing, not data. */
function stripTransport(raw: Record<string, unknown>): Record<string, unknown> {
  const { verb: _verb, msteams: _msteams, ...rest } = raw;
  return rest;
}
