import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import type * as AdaptiveCardsModule from 'adaptivecards';

/**
 * Checks an Adaptive Card with the official `adaptivecards` parser, the way Teams' own
 * renderer reads it. No current card JSON schema is published on npm, so this is the
 * closest thing to an authoritative check that runs offline.
 *
 * What it reports: unknown element and action types (at any depth), invalid enum values,
 * properties newer than Adaptive Cards 1.5 (the highest version Teams renders), a
 * missing/too-new `version`, inputs without ids, duplicate ids, too many actions, missing
 * card type, and `Action.Execute` without a `verb` (the bot routes on it).
 *
 * Works on raw templates: `$data`/`$when` are ignored by the parser, and a property whose
 * whole value is a `${...}` binding (e.g. `"color": "${color}"`) is not an error, because
 * it only becomes a real value when the template is expanded.
 */

/** The highest Adaptive Cards version Teams renders. */
const TEAMS_MAX_VERSION = 1.5;
/** Teams shows up to six primary actions (the library's default host config allows five). */
const TEAMS_MAX_ACTIONS = 6;

installDomGlobals();

// The package's `lib/` is ESM with extension-less imports that Node cannot load; the
// UMD bundle in `dist/` has the same API and loads everywhere.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsModule;

AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = text;
  result.didProcess = true;
};

export function validateCard(card: object): string[] {
  const json = card as Record<string, unknown>;
  const problems: string[] = [];

  const version = json.version;
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version)) {
    problems.push(`version: must be a string such as "1.5", got ${JSON.stringify(version)}`);
  } else if (Number(version) > TEAMS_MAX_VERSION) {
    problems.push(`version: ${version} is newer than ${TEAMS_MAX_VERSION}, the highest version Teams renders`);
  }

  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = new AC.HostConfig({ actions: { maxActions: TEAMS_MAX_ACTIONS } });
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  try {
    adaptiveCard.parse(json, context);
  } catch (err) {
    return [...problems, `parse: ${err instanceof Error ? err.message : String(err)}`];
  }

  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    if (e.event === AC.ValidationEvent.InvalidPropertyValue && isBindingMessage(e.message)) continue;
    problems.push(`${AC.ValidationEvent[e.event]}: ${e.message}${where(e.source)}`);
  }
  for (const e of adaptiveCard.validateProperties().validationEvents) {
    problems.push(`${AC.ValidationEvent[e.event]}: ${e.message}${where(e.source)}`);
  }
  for (const action of adaptiveCard.getAllActions()) {
    if (action instanceof AC.ExecuteAction && !action.verb) {
      problems.push(`Action.Execute "${action.title ?? ''}" has no verb: the bot routes card actions by verb`);
    }
  }
  return problems;
}

/** The parser reports `Invalid value "<value>" for property "<name>".` */
function isBindingMessage(message: string): boolean {
  const m = /^Invalid value "(.*)" for property/s.exec(message);
  return !!m && /^\$\{[^}]*\}$/.test(m[1]!);
}

function where(source: unknown): string {
  if (!(source instanceof AC.CardObject)) return '';
  const type = source.getJsonTypeName();
  return source.id ? ` (in ${type} "${source.id}")` : ` (in ${type})`;
}

/**
 * The renderer expects a browser. Copy jsdom's window objects (constructors such as
 * HTMLElement, plus window/document) onto globalThis, never replacing what Node has.
 */
export function installDomGlobals(): void {
  if ('document' in globalThis) return;
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  g.window = window;
  g.document = window.document;
  for (const name of Object.getOwnPropertyNames(window)) {
    if (name in globalThis || !/^[A-Z]/.test(name)) continue;
    const value = (window as unknown as Record<string, unknown>)[name];
    if (typeof value === 'function') g[name] = value;
  }
}
