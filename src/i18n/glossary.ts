/**
 * The word list of TRIO-bot's Danish (issue 20): one word for each thing, so a leader, a
 * TR and a night-shift worker read the same thing the same way on every card.
 *
 * `GLOSSARY` is for people writing text (the README links here). `RETIRED` is enforced:
 * test/unit/glossary.test.ts fails when any text in src/i18n, a card template, the
 * manifest or the pulse bank uses a retired word, and names the word to use instead.
 */

export interface Term {
  /** The word to use. */
  use: string;
  /** What it means here, and what not to write instead. */
  note: string;
}

export const GLOSSARY: readonly Term[] = [
  { use: 'arbejdssted', note: 'the unit the bot serves (a bosted, botilbud or tilbud). Not "arbejdsplads", and not "team" (a team is the Teams team).' },
  { use: 'handling / handleplan', note: 'one action / the plan it belongs to (Tema, Emne, Mål, Hvad, Hvornår, Dokumentation, Hvem, Forventet effekt).' },
  { use: 'sygefraværsforløb', note: "one employee's absence from the first day until raskmelding." },
  { use: 'sygefraværssamtale', note: 'the statutory meeting (sygedagpengeloven § 7 a). Not "omsorgssamtale".' },
  { use: 'holdt', note: 'a meeting or MUS that took place. Not "afholdt".' },
  { use: 'MUS', note: 'the annual medarbejderudviklingssamtale. Not "MUS-samtale" (the S is the samtale).' },
  { use: 'Kommende / Aktuel / Udført', note: 'the statuses of a MUS or a milestone.' },
  { use: 'Overskredet', note: 'past its deadline. Not "Forfalden".' },
  { use: 'beboere / borgere', note: 'the people the workplace serves; the workplace chooses which word.' },
  { use: 'trivselspuls', note: 'the weekly signal. Never a "måling": it is neither an APV nor a trivselsmåling.' },
  { use: '10.00, 1. december 2026, uge 48, § 7 a', note: 'Danish formats: a full stop in times, the day with a full stop, a space after §.' },
];

export interface RetiredWord {
  /** Matches the retired word (whole words, any case). */
  pattern: RegExp;
  use: string;
}

export const RETIRED: readonly RetiredWord[] = [
  { pattern: /\barbejdsplads(en|er|erne|ens)?\b/iu, use: 'arbejdssted' },
  { pattern: /\bafholdt(e)?\b/iu, use: 'holdt' },
  { pattern: /\bMUS-samtale(n|r|rne)?\b/iu, use: 'MUS' },
  { pattern: /\bforfald(en|ne|et)\b/iu, use: 'Overskredet' },
  { pattern: /\bomsorgssamtale(n|r|rne)?\b/iu, use: 'sygefraværssamtale' },
  { pattern: /\bkl\.\s?\d{1,2}:\d{2}\b/u, use: 'kl. 10.00 (a full stop in times)' },
  { pattern: /§\d/u, use: '§ 7 a (a space after §)' },
];
