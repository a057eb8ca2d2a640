import type { Feature, RouteDef } from '../core/feature.js';
import { aboutPages, type AboutPage } from '../i18n/about.js';

/**
 * The public pages the Teams app package links to: /om (website), /privatliv (privacy),
 * /vilkaar (terms). With PUBLIC_BASE_URL set, `npm run package` points the manifest here,
 * so the links in the app's details are real. Static Danish HTML, no data, no tables.
 */
export function aboutFeature(): Feature {
  const routes: RouteDef[] = Object.entries(aboutPages).map(([slug, page]) => ({
    path: `/${slug}`,
    handle: async () => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: renderPage(page) }),
  }));
  return { name: 'about', tables: [], routes };
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function renderPage(page: AboutPage): string {
  return [
    '<!doctype html>',
    '<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escape(page.title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{color:#2e7d7a}</style>',
    `</head><body><h1>${escape(page.title)}</h1>`,
    ...page.paragraphs.map((p) => `<p>${escape(p)}</p>`),
    '<p><a href="/om">Om</a> · <a href="/privatliv">Privatliv</a> · <a href="/vilkaar">Vilkår</a></p>',
    '</body></html>',
    '',
  ].join('\n');
}
