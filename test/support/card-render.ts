import { createRequire } from 'node:module';
import MarkdownIt from 'markdown-it';
import type * as AdaptiveCardsModule from 'adaptivecards';
import { teamsHostConfig } from '../../src/tools/teams-host-config.js';
import { installDomGlobals } from './card-validator.js';

/**
 * Renders a card the way a person sees it: the official `adaptivecards` renderer in
 * jsdom, with markdown processing (markdown-it, CommonMark like the Agents Playground's
 * renderer, raw HTML passed through so a "<word>" vanishes as it does there), and the
 * host config of the Agents Playground, which is Teams' light theme.
 */
installDomGlobals();
// jsdom has no innerText; the renderer writes plain text (labels, text runs) through it.
if (!('innerText' in HTMLElement.prototype)) {
  Object.defineProperty(HTMLElement.prototype, 'innerText', {
    configurable: true,
    get(this: HTMLElement) {
      return this.textContent ?? '';
    },
    set(this: HTMLElement, value: string) {
      this.textContent = value;
    },
  });
}
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsModule;
const markdown = new MarkdownIt({ html: true, linkify: false });

export { teamsHostConfig } from '../../src/tools/teams-host-config.js';

export interface RenderedCard {
  root: HTMLElement;
  /** What a person reads: the rendered text, whitespace collapsed. */
  text: string;
  /** Lists the markdown produced (each `<ol>`/`<ul>` with its text). */
  lists: { tag: 'ol' | 'ul'; text: string }[];
  /** The visible label of every input, in order, with the id of the input it labels. */
  labels: { id: string; text: string }[];
  /** Inputs that have no visible label (and no title, for a toggle). */
  unlabelled: string[];
}

/** Renders one card. Throws when the renderer reports an error or renders nothing. */
export function renderCardDom(card: object): RenderedCard {
  const previous = AC.AdaptiveCard.onProcessMarkdown;
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown.render(text);
    result.didProcess = true;
  };
  try {
    const ac = new AC.AdaptiveCard();
    ac.hostConfig = new AC.HostConfig(teamsHostConfig());
    ac.parse(card);
    const root = ac.render();
    if (!root) throw new Error('the renderer rendered nothing');
    document.body.appendChild(root);
    // Show cards are rendered hidden; their text counts too.
    const lists = [...root.querySelectorAll('ol, ul')].map((el) => ({ tag: el.tagName.toLowerCase() as 'ol' | 'ul', text: squash(el.textContent ?? '') }));
    const labels: { id: string; text: string }[] = [];
    const unlabelled: string[] = [];
    for (const input of ac.getAllInputs()) {
      const id = input.id ?? '';
      const label = input.label?.trim() ?? '';
      const title = input instanceof AC.ToggleInput ? (input.title ?? '').trim() : '';
      if (!label && !title) unlabelled.push(id);
      if (label) labels.push({ id, text: squash(labelText(input) ?? label) });
    }
    const text = squash(root.textContent ?? '');
    root.remove();
    return { root, text, lists, labels, unlabelled };
  } finally {
    AC.AdaptiveCard.onProcessMarkdown = previous;
  }
}

/** The text of the rendered label element of an input (the renderer adds its own required marker there). */
function labelText(input: AdaptiveCardsModule.Input): string | undefined {
  return (input as unknown as { _renderedLabelElement?: HTMLElement })._renderedLabelElement?.textContent ?? undefined;
}

/** What a person reads: NBSP as a space, invisible joiners gone, whitespace collapsed. */
export function squash(s: string): string {
  return s.replace(/\u2060/g, '').replace(/[\s\u00a0]+/g, ' ').trim();
}
