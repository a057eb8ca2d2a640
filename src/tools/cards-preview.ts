/**
 * `npm run cards:preview`: every card the bot sends, with sample data
 * (src/tools/card-samples.ts), on one page, drawn by the official Adaptive Cards
 * renderer with markdown and the Agents Playground's (Teams' light theme) host config.
 * Writes cards-preview/index.html (self-contained) and, when Chromium is installed
 * (/usr/bin/chromium or CHROMIUM_PATH), cards-preview/cards.png. Dev tooling: it needs
 * the dev dependencies (adaptivecards, markdown-it, the Playground, playwright-core).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { messageSummary } from '../core/cards.js';
import { cardSamples } from './card-samples.js';
import { teamsHostConfig } from './teams-host-config.js';

const require = createRequire(import.meta.url);

/** The gallery page: the renderer and markdown-it inlined, so the file opens anywhere without a server or the internet. */
export function galleryHtml(): string {
  const samples = cardSamples().map((s) => ({ name: s.name, scope: s.scope, text: s.message.text ?? '', summary: messageSummary(s.message) ?? '', card: s.message.card }));
  const ac = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  const md = readFileSync(require.resolve('markdown-it/dist/markdown-it.js'), 'utf8');
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>TRIO-bot: alle kort</title>
<style>
  body { font-family: 'Segoe UI', system-ui, sans-serif; background: #f5f5f5; margin: 24px; color: #242424; }
  h1 { font-size: 20px; } .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 20px; align-items: start; }
  figure { margin: 0; background: #fff; border: 1px solid #e0e0e0; border-radius: 6px; padding: 12px; }
  figcaption { font-size: 12px; color: #555; margin-bottom: 8px; } figcaption b { color: #242424; }
  .text { font-size: 13px; margin-bottom: 6px; } .error { color: #c4314b; }
</style></head><body>
<h1>TRIO-bot: alle kort (${samples.length}) med eksempeldata</h1>
<div class="grid" id="grid"></div>
<script>${md}</script>
<script>${ac}</script>
<script>
  const samples = ${json(samples)};
  const hostConfig = new AdaptiveCards.HostConfig(${json(teamsHostConfig())});
  const md = window.markdownit({ html: true });
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = md.render(text); result.didProcess = true; };
  const grid = document.getElementById('grid');
  for (const s of samples) {
    const fig = document.createElement('figure');
    const cap = document.createElement('figcaption');
    cap.innerHTML = '<b></b> · vises i: <span class="scope"></span><br>Forhåndsvisning: <i class="summary"></i>';
    cap.querySelector('b').textContent = s.name;
    cap.querySelector('.scope').textContent = s.scope;
    cap.querySelector('.summary').textContent = s.summary;
    fig.appendChild(cap);
    if (s.text) { const t = document.createElement('div'); t.className = 'text'; t.innerHTML = md.render(s.text); fig.appendChild(t); }
    try {
      const card = new AdaptiveCards.AdaptiveCard();
      card.hostConfig = hostConfig;
      card.parse(s.card);
      fig.appendChild(card.render());
    } catch (e) { const err = document.createElement('div'); err.className = 'error'; err.textContent = String(e); fig.appendChild(err); }
    grid.appendChild(fig);
  }
  document.body.dataset.rendered = String(samples.length);
</script></body></html>
`;
}

async function screenshot(htmlFile: string, pngFile: string, chromium: string): Promise<void> {
  const { chromium: browser } = await import('playwright-core');
  const b = await browser.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await b.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`file://${htmlFile}`);
    await page.waitForSelector('body[data-rendered]');
    await page.screenshot({ path: pngFile, fullPage: true });
  } finally {
    await b.close();
  }
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'cards-preview');
  mkdirSync(out, { recursive: true });
  const htmlFile = join(out, 'index.html');
  writeFileSync(htmlFile, galleryHtml());
  process.stdout.write(`Cards gallery: ${htmlFile}\n`);
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    process.stdout.write(`No Chromium at ${chromium}: only the HTML was written (apt-get install -y chromium for a PNG).\n`);
    return;
  }
  const pngFile = join(out, 'cards.png');
  await screenshot(htmlFile, pngFile, chromium);
  process.stdout.write(`Screenshot: ${pngFile}\n`);
}

// Run as a script (node dist/tools/cards-preview.js), not when a test imports galleryHtml.
if (process.argv[1] && resolve(process.argv[1]).replace(/\.ts$/, '.js').endsWith(join('tools', 'cards-preview.js'))) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
