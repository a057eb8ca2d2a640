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
 *
 * The same list guards everything that reaches a channel (pulse comments, action notes
 * and fields), where a hit is a warning the writer may confirm. There the words of the
 * trade are not health data about anyone ("psykisk arbejdsmiljø", "kursus i
 * medicinhåndtering", "stresshåndtering"): the 'workplace' context leaves those phrases
 * out (WORKPLACE_PHRASES). A sickness case never does.
 */

const TERMS: readonly string[] = [
  // Mental health
  'stress*', 'udbrændt*', 'udbrændthed', 'burnout*', 'depression*', 'depressiv*', 'deprimeret',
  'angst*', 'panikangst*', 'panikanfald*', 'ptsd', 'traume*', 'psykisk*', 'psykiatri*', 'psykiater*',
  'psykose*', 'bipolar*', 'skizofreni*',
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
  'mellemørebetændelse*', 'bihulebetændelse*', 'migræne*', 'hovedpine*', 'opkast*',
  'diarré*', 'diarre*', 'astma*', 'allergi*', 'eksem', 'eksemet', 'eksemer', 'psoriasis', 'gigt*', 'leddegigt*',
  'slidgigt*', 'fibromyalgi*', 'tinnitus', 'endometriose*', 'overgangsalder*',
  // Injuries, operations, the body
  'ryg', 'ryggen', 'ryggens', 'rygsmerte*', 'rygproblem*', 'rygskade*', 'lændesmerte*', 'hold i ryggen',
  'diskusprolaps*', 'prolaps*', 'iskias', 'brækket', 'brækkede', 'knoglebrud*', 'fraktur*',
  'forstuvet', 'forstuvning*', 'hjernerystelse*', 'piskesmæld*', 'whiplash*', 'menisk*', 'korsbånd*',
  'seneskede*', 'operation', 'operationen', 'operationer', 'opereret', 'opereres', 'operere',
  'smerte*', 'symptom*', 'diagnose*',
  // Everyday words for the body, pain and treatment ("ondt i knæet", "nakken", "på hospitalet")
  'ondt', 'knæ', 'knæet', 'knæene', 'knæskade*', 'knæoperation*', 'nakke*', 'skulder*', 'skuldre*', 'hofte*', 'ankel*', 'ankler*',
  'håndled*', 'albue*', 'lænd*', 'mave', 'maven', 'mavesmerte*', 'mavepine', 'lunge*', 'armen', 'armene', 'benet', 'benene',
  'foden', 'fødderne', 'hånden', 'hænderne', 'tandlæge*', 'svimmel*', 'kvalm*', 'besvimet', 'udmattet', 'udmattelse*',
  'sammenbrud*', 'hospital*', 'sygehus*', 'skadestue*', 'akutmodtagelse*', 'lægevagt*', 'ambulance*', 'udskrevet',
  'læge', 'lægen', 'lægens', 'lægebesøg*', 'lægetid', 'lægeerklæring*', 'speciallæge*', 'behandling', 'behandlingen',
  'behandlinger', 'fysioterapeut*', 'kiropraktor*', 'psykolog', 'psykologen', 'psykologer', 'psykologsamtale*', 'psykologbehandling*', 'terapeut*', 'piller', 'pillerne', 'antibiotika',
  'penicillin', 'smertestillende', 'scanning*', 'røntgen*', 'blodprøve*', 'virus', 'operationerne',
  // Grief and crisis
  'sorg', 'sorgen', 'sorgramt', 'krisehjælp*', 'dødsfald*',
  // Pregnancy and fertility
  'gravid*', 'graviditet*', 'graviditetsgener', 'svangerskab*', 'abort*', 'fertilitetsbehandling*',
  'ivf', 'insemination*',
  // Treatment, medication, admission, substances
  'medicin*', 'indlagt', 'indlæggelse*', 'genoptræning*', 'fysioterapi*', 'alkohol*', 'misbrug*',
  'afvænning*',
];

/**
 * Phrases of the trade that name a field of work or a competence, not anyone's health:
 * left out of the check where text reaches a channel or a development plan ('workplace').
 */
const WORKPLACE_PHRASES: readonly string[] = [
  'psykisk arbejdsmiljø', 'psykologisk tryghed', 'psykologiske tryghed', 'psykiske arbejdsmiljø',
  'psykisk førstehjælp', 'psykiske førstehjælp', 'psykisk belastning', 'psykiske belastninger', 'stresshåndtering',
  'forebygge stress', 'forebyggelse af stress', 'forebygger stress', 'arbejdsrelateret stress',
  'psykisk funktionsevne', 'psykiske funktionsevne', 'psykisk funktionsnedsættelse', 'psykiske funktionsnedsættelser',
  'psykisk udviklingshæmning', 'fysisk og psykisk', 'fysiske og psykiske', 'stressforebyggelse', 'stressforebyggende',
  'stresspolitik', 'arbejdsbetinget stress', 'medicinhåndtering', 'medicinadministration', 'medicinkursus',
  'kursus i medicin', 'medicin til beboerne', 'medicinansvarlig', 'demensuddannelse', 'demenskoordinator',
  'demensområdet', 'psykiatrisk grunduddannelse', 'psykiatriuddannelse', 'psykiatriområdet', 'socialpsykiatri',
  'socialpsykiatrien', 'traumebevidst', 'traumebevidste', 'traumeinformeret', 'autismeområdet', 'autismespektret',
  'autisme', 'behandling', 'behandlingen', 'behandlinger', 'behandlingstilbud', 'misbrug', 'misbrugsbehandling',
  'misbrugsområdet', 'misbrugsbehandlingen', 'behandlingsplan', 'behandlingsplaner', 'behandlingsplanen',
  'førstehjælp', 'førstehjælpskursus',
];

export type HealthContext = 'case' | 'workplace';

/** The list as plain words (stems without `*`), e.g. for a settings page. */
export const HEALTH_TERMS: readonly string[] = Object.freeze(TERMS.map(plain));

function plain(entry: string): string {
  // Stryker disable next-line Regex: equivalent, a list entry has '*' only at its end
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

const PHRASES = new RegExp(`(?<!${WORD_CHAR})(?:${[...WORKPLACE_PHRASES].sort((a, b) => b.length - a.length).map(escape).join('|')})(?!${WORD_CHAR})`, 'giu');

/**
 * The health terms found in `text`, unique, in order of first appearance, spelled as
 * in the list (stems without `*`). Case-insensitive; æ, ø and å count as letters. In the
 * 'workplace' context the phrases of the trade are left out first.
 */
// Stryker disable next-line StringLiteral: equivalent, any context but 'workplace' is the case context
export function findHealthTerms(text: string, context: HealthContext = 'case'): string[] {
  const found = new Set<string>();
  const normalized = text.normalize('NFC');
  const workplace = context === 'workplace';
  // A phrase is blanked, not cut out, so the words on either side stay apart.
  // Stryker disable next-line StringLiteral,ArrowFunction: equivalent with these lists, a phrase lies between non-letters and no multi-word term reaches into one, so blanks, nothing or 'undefined' leave the same words
  const checked = workplace ? normalized.replace(PHRASES, (m) => ' '.repeat(m.length)) : normalized;
  for (const match of checked.matchAll(PATTERN)) {
    // Every alternative of PATTERN is one capture group, so a match has exactly one defined.
    const index = match.slice(1).findIndex((group) => group !== undefined);
    found.add(plain(BY_LENGTH[index]!));
  }
  return [...found];
}

/** True when the text mentions anything on the list. */
// Stryker disable next-line StringLiteral: equivalent, as above
export function mentionsHealth(text: string, context: HealthContext = 'case'): boolean {
  return findHealthTerms(text, context).length > 0;
}
