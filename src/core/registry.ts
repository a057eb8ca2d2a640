import type { z } from 'zod';
import type { AccessRule, Principal } from './access.js';
import type { Once } from './once.js';
import type { Scope, Turn, Where } from './types.js';

/** What a command's run gets besides the turn: the activity's one-time key when the command `writes`. */
export interface CommandContext {
  once?: Once;
}

/**
 * A text command. Help, routing and "did you mean" are all generated from these
 * definitions, so a command exists in exactly one place.
 */
export interface CommandDef<A = string> {
  /** Stable id, English, e.g. "actions.open". */
  id: string;
  /** Danish name as users type it, e.g. "åbne handlinger". */
  name: string;
  /** English alias and other accepted spellings. */
  aliases: readonly string[];
  /** One Danish line for the help card. */
  description: string;
  /** Shown in help when the command takes arguments, e.g. "opsætning trio <arbejdssted>". */
  usage?: string;
  scopes: readonly Scope[];
  allowed: AccessRule;
  /** Parses the text after the command name; a failure is answered in Danish. */
  args?: z.ZodType<A, string>;
  /** Labels used in validation messages for the args. */
  argLabel?: string;
  /**
   * The command changes stored state: it then runs once per incoming activity, and a run
   * that died half-way is finished by replaying it (src/core/writes.ts). A command that
   * creates something also relies on the domain's own uniqueness (one open sickness case
   * per employee), because two messages are two activities.
   */
  writes?: true;
  /**
   * A button on the help card that does the same as the command (a card verb of the
   * feature, e.g. the form `registrér episode` opens), for people who would rather tap.
   */
  button?: { title: string; verb: string };
  run(turn: Turn, principal: Principal, args: A, ctx: CommandContext): Promise<void>;
}

/** A command as a feature lists it and the registry holds it: its argument type is checked by `args` at run time. */
export type Command = CommandDef<unknown>;

/**
 * Defines a command with its argument type inferred from `args` (the text after the
 * name when there is no `args`), so `run` is typed without annotations or casts.
 */
export function defineCommand<A = string>(def: CommandDef<A>): Command {
  if (def.scopes.length === 0) throw new Error(`Command ${def.id} works nowhere: give it scopes`);
  return def;
}

export interface CommandMatch {
  command: Command;
  rest: string;
  /** The words the user wrote for the command (its name or an alias, as typed). */
  typed: string;
}

/** Lower-case, single spaces, no trailing punctuation. Keeps æøå. */
export function normalizeText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/\u00a0/g, ' ')
    .trim()
    .replace(/[.!?]+$/u, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export class CommandRegistry {
  private readonly commands: Command[] = [];

  add(command: Command): this {
    const names = [command.name, ...command.aliases].map(normalizeText);
    for (const existing of this.commands) {
      const taken = [existing.name, ...existing.aliases].map(normalizeText);
      const clash = names.find((n) => taken.includes(n));
      if (clash) throw new Error(`Command name "${clash}" is used by both ${existing.id} and ${command.id}`);
    }
    this.commands.push(command);
    return this;
  }

  all(): readonly Command[] {
    return this.commands;
  }

  /** Longest name or alias that starts the text at a word boundary wins. */
  match(text: string): CommandMatch | undefined {
    const normalized = normalizeText(text);
    let best: { command: Command; length: number } | undefined;
    for (const command of this.commands) {
      for (const name of [command.name, ...command.aliases]) {
        const n = normalizeText(name);
        // A command ends at a space or punctuation: "syg, jeg kommer ikke" is "syg".
        const hit = normalized === n || (normalized.startsWith(n) && /[\s,.;:!?]/.test(normalized.charAt(n.length)));
        if (hit && (!best || n.length > best.length)) best = { command, length: n.length };
      }
    }
    if (!best) return undefined;
    // Cut the original (case-preserving) text after the same number of words.
    const matchedWords = normalized.slice(0, best.length).split(' ').length;
    const original = text.replace(/<at>[^<]*<\/at>/gi, ' ').replace(/\u00a0/g, ' ').trim().split(/\s+/);
    return { command: best.command, rest: original.slice(matchedWords).join(' ').trim(), typed: original.slice(0, matchedWords).join(' ') };
  }

  /** Commands this principal may use at this place, in registration order. */
  available(principal: Principal, where: Where): Command[] {
    return this.commands.filter((c) => c.scopes.includes(where.scope) && c.allowed(principal, where));
  }

  /** Up to `max` available commands closest to what the user wrote, the closest first. */
  suggest(text: string, principal: Principal, where: Where, max = 3): Command[] {
    const input = normalizeText(text);
    const scored = this.available(principal, where).map((c, order) => {
      // A name that is only punctuation ("?") normalizes to nothing and says nothing about closeness.
      const names = [c.name, ...c.aliases].map(normalizeText).filter((n) => n.length > 0);
      return { c, order, score: Math.min(...names.map((n) => distance(input, n))) };
    });
    scored.sort((a, b) => a.score - b.score || a.order - b.order);
    return scored.slice(0, max).map((s) => s.c);
  }
}

/**
 * How far the input is from a command name: the edit distance to the name, or to the
 * input's first words (as many as the name has, so "åbne handlinger nu tak" still lands
 * near "åbne handlinger"), relative to the name's length, so a long name with one typo
 * ("åben handlinger") is closer than a short name that merely shares letters ("hjælp").
 */
function distance(input: string, name: string): number {
  const head = input.split(' ').slice(0, name.split(' ').length).join(' ');
  const edits = Math.min(levenshtein(input, name), levenshtein(head, name));
  return edits / Math.max(name.length, 1);
}

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
