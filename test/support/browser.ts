/**
 * The Agents Playground's own web UI in headless Chromium (Debian `chromium`, driven by
 * `playwright-core`), for tests that act and look as a person does: type in the compose
 * box, pick the bot from the @ list, press card buttons, read the rendered cards.
 *
 * FACTS (Playground 0.2.28, checked by running it): the UI is served at the Playground's
 * URL; opening it installs the app in the personal chat (the bot's welcome arrives there);
 * opening a channel or chat installs it there too. The compose box is a Lexical editor
 * (`[data-lexical-editor]`); in a channel the first one starts a new post ("Post"), in a
 * chat Enter sends (in a new post too). "@" + letters opens a typeahead (`#typeahead-menu`,
 * items role menuitem); only a picked item is a mention. Cards are rendered by the `adaptivecards`
 * renderer (`.ac-adaptiveCard`) with Fluent UI buttons and inputs (a compact
 * choice set is a combobox). A card replaced by an Action.Execute answer is redrawn in place.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of the browser tests (git-ignored). */
export const SCREENSHOTS = join(process.cwd(), 'test-screenshots');

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface Browser {
  /** A new tab on a Playground UI, loaded and ready to type. */
  open(url: string): Promise<PgPage>;
  close(): Promise<void>;
}

/** One Chromium for a test file (a fresh profile, removed at close). */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'trio-chromium-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 1000 }, locale: 'da-DK' });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  return {
    async open(url) {
      const page = context.pages().find((p) => p.url() === 'about:blank') ?? (await context.newPage());
      await page.goto(url);
      await page.locator('[data-lexical-editor="true"]').first().waitFor({ timeout: 30_000 });
      return new PgPage(page);
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export class PgPage {
  constructor(readonly page: Page) {}

  /** Opens a chat or channel in the left rail by its name ("Personal Chat", "TRIO"). */
  async openChat(name: string): Promise<void> {
    await this.page.getByText(name, { exact: true }).first().click();
    await this.page.locator('[data-lexical-editor="true"]').first().waitFor();
  }

  /** Starts a new post in the open channel, mentioning the bot the way a person does: "@", then picking it from the list. */
  async postMentioningBot(text: string, botName = 'TRIO-bot'): Promise<void> {
    await this.page.locator('[data-lexical-editor="true"]').first().click();
    await this.page.keyboard.type(`@${botName.slice(0, 4)}`);
    // Enter would post the box as it is: the bot is picked with the mouse, as most people do.
    await this.page.locator('#typeahead-menu').getByRole('menuitem', { name: botName }).first().click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.getByRole('button', { name: 'Post', exact: true }).click();
  }

  /** Writes in the open chat's compose box and sends with Enter. */
  async say(text: string): Promise<void> {
    const box = this.page.locator('[data-lexical-editor="true"]').last();
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** The newest rendered card whose text contains `text` (waits for it). */
  async card(text: string | RegExp, timeoutMs = 20_000): Promise<Locator> {
    const card = this.page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
    try {
      await card.waitFor({ timeout: timeoutMs });
    } catch (e) {
      // Say what the chat showed instead (the last cards and messages), so a failure in CI explains itself.
      const shownInstead = await this.page
        .locator('.fai-OutputCard, .ac-adaptiveCard')
        .evaluateAll((els) => els.slice(-4).map((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').slice(0, 400)))
        .catch(() => [] as string[]);
      throw new Error(`No card showing ${String(text)} within ${timeoutMs} ms. The chat's last items: ${JSON.stringify(shownInstead)}`, { cause: e });
    }
    return card;
  }

  /** Waits until some message from the bot in the chat (a card or plain text) shows the text; not the log panel. */
  async sees(text: string | RegExp, timeoutMs = 20_000): Promise<Locator> {
    const message = this.page.locator('.fai-OutputCard, .ac-adaptiveCard').filter({ hasText: text }).last();
    await message.waitFor({ timeout: timeoutMs });
    return message;
  }

  /** A card's button by its title. */
  button(card: Locator, title: string): Locator {
    return card.getByRole('button', { name: title, exact: true }).first();
  }

  /** The titles of a card's buttons, as shown. */
  async buttons(card: Locator): Promise<string[]> {
    return (await card.getByRole('button').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  }

  /** Picks an option of a compact choice set (a combobox) by the input's label. */
  async choose(card: Locator, label: string, option: string): Promise<void> {
    await card.getByRole('combobox', { name: label }).first().click();
    await this.page.getByRole('option', { name: option }).first().click();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
    // A failure's page as HTML too, to read what the chat showed.
    if (name.startsWith('failed-')) writeFileSync(join(SCREENSHOTS, `${name}.html`), await this.page.content());
  }
}

/** The text a person reads in a rendered element (whitespace collapsed; the no-break spaces of dates as spaces). */
export async function shown(el: Locator): Promise<string> {
  return ((await el.innerText()) ?? '').replace(/\u2060/g, '').replace(/[\s\u00a0]+/g, ' ').trim();
}
