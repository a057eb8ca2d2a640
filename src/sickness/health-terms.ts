/**
 * The diagnosis firewall.
 *
 * A leader may not ask for the cause of an employee's illness, and the bot must not
 * record it: the employer is entitled to know about the consequences for the work
 * (expected duration, what the employee can and cannot do), never the diagnosis.
 * Health data is special-category personal data (GDPR art. 9), so data minimisation
 * means the cheapest safe place for it is nowhere. Free-text notes on a sickness
 * case are therefore checked against this list before they are saved; a hit shows
 * the leader a warning and asks them to rephrase.
 *
 * The list is deliberately broad (illnesses, injuries, treatments, pregnancy,
 * mental health, substance use) and deliberately word-start based:
 * - an entry ending in `*` is a stem: it matches words that begin with it
 *   ("stress*" hits "stressede", "stresssygemeldt");
 * - other entries match the whole word only ("ryg" hits "ryg", not "rygsæk").
 * Matching never starts inside a word, so "restaurant" does not hit "rest" and
 * "kræfter" (strength) does not hit "kræft". Compounds with the illness at the end
 * ("brystkræft", "lungebetændelse") are listed explicitly.
 *
 * A false positive costs a leader one rephrasing; a false negative stores health data.
 */

const TERMS: readonly string[] = [
  // Mental health
  'stress*', 'udbrændt*', 'udbrændthed', 'burnout*', 'depression*', 'depressiv*', 'deprimeret',
  'angst*', 'panikangst*', 'panikanfald*', 'ptsd', 'traume*', 'psykisk*', 'psykiatri*', 'psykiater*',
  'psykolog', 'psykologen', 'psykologsamtale*', 'psykose*', 'bipolar*', 'skizofreni*',
  'spiseforstyrrelse*', 'anoreksi*', 'bulimi*', 'ocd', 'adhd', 'autisme', 'selvmord*', 'selvskade*',
  'terapi*', 'antidepressiv*', 'sovepille*', 'søvnløshed',
  // Cancer and serious illness
  'kræft', 'kræften', 'kræftens', 'kræftsyg*', 'kræftbehandling*', 'kræftramt*', 'brystkræft*', 'lungekræft*',
  'tarmkræft*', 'prostatakræft*', 'cancer*', 'tumor*', 'svulst*', 'kemo', 'kemoterapi*',
  'strålebehandling*', 'sclerose*', 'sklerose*', 'parkinson*', 'demens*', 'alzheimer*',
  'hjerneblødning*', 'blodprop*', 'apopleksi*', 'hjerteanfald*', 'hjertestop', 'hjertesygdom*',
  'hjerteproblem*', 'diabetes', 'diabetiker*', 'sukkersyge', 'epilepsi*', 'hiv', 'aids',
  // Infections and common illness
  'covid*', 'corona*', 'influenza*', 'maveinfluenza*', 'omgangssyge*', 'forkølelse*', 'forkølet',
  'feber*', 'infektion*', 'betændelse*', 'lungebetændelse*', 'halsbetændelse*', 'blærebetændelse*',
  'mellemørebetændelse*', 'bihulebetændelse*', 'migræne*', 'hovedpine*', 'kvalme', 'opkast*',
  'diarré*', 'diarre*', 'astma*', 'allergi*', 'eksem*', 'psoriasis', 'gigt*', 'leddegigt*',
  'slidgigt*', 'fibromyalgi*', 'tinnitus', 'endometriose*', 'overgangsalder*',
  // Injuries, operations, the body
  'ryg', 'ryggen', 'ryggens', 'rygsmerte*', 'rygproblem*', 'rygskade*', 'lændesmerte*', 'hold i ryggen',
  'diskusprolaps*', 'prolaps*', 'iskias', 'brækket', 'brækkede', 'knoglebrud*', 'fraktur*',
  'forstuvet', 'forstuvning*', 'hjernerystelse*', 'piskesmæld*', 'whiplash*', 'menisk*', 'korsbånd*',
  'seneskede*', 'operation', 'operationen', 'operationer', 'opereret', 'opereres', 'operere',
  'smerte*', 'symptom*', 'diagnose*',
  // Pregnancy and fertility
  'gravid*', 'graviditet*', 'graviditetsgener', 'svangerskab*', 'abort*', 'fertilitetsbehandling*',
  'ivf', 'insemination*',
  // Treatment, medication, admission, substances
  'medicin*', 'indlagt', 'indlæggelse*', 'genoptræning*', 'fysioterapi*', 'alkohol*', 'misbrug*',
  'afvænning*',
];

/** The list as plain words (stems without `*`), e.g. for a settings page. */
export const HEALTH_TERMS: readonly string[] = Object.freeze(TERMS.map(plain));

function plain(entry: string): string {
  return entry.replace(/\*$/, '');
}

const WORD_CHAR = '[\\p{L}\\p{N}]';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

/** Longest entries first, so "graviditet" wins over "gravid" at the same position. */
const BY_LENGTH = [...TERMS].sort((a, b) => b.length - a.length);

/** One capture group per entry, in BY_LENGTH order. */
const PATTERN = new RegExp(
  `(?<!${WORD_CHAR})(?:${BY_LENGTH.map((t) =>
    t.endsWith('*') ? `(${escape(plain(t))})${WORD_CHAR}*` : `(${escape(t)})(?!${WORD_CHAR})`,
  ).join('|')})`,
  'giu',
);

/**
 * The health terms found in `text`, unique, in order of first appearance, spelled as
 * in the list (stems without `*`). Case-insensitive; æ, ø and å count as letters.
 */
export function findHealthTerms(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.normalize('NFC').matchAll(PATTERN)) {
    const index = match.slice(1).findIndex((group) => group !== undefined);
    const entry = BY_LENGTH[index];
    if (entry !== undefined) found.add(plain(entry));
  }
  return [...found];
}

/** True when the text mentions anything on the list. */
export function mentionsHealth(text: string): boolean {
  return findHealthTerms(text).length > 0;
}
