/**
 * Danish text of the sickness rules: the timeline's titles and notes, the law's lines
 * (paragraph, skal/kan, condition) and the fraværspolitik's names and validation.
 * Re-exported by sickness.ts.
 */
import { formatDanishDate, type LocalDate } from '../shared/calendar.js';

const date = (d: LocalDate) => formatDanishDate(d);

/** Titles and notes of the timeline (src/sickness/timeline.ts). */
export const timelineText = {
  titles: {
    contact: (day: number, counting: 'calendar' | 'working', partial: boolean) =>
      `Kontakt på ${day}. ${counting === 'working' ? 'arbejdsdag i fraværet' : 'fraværsdag'}${partial ? ' (delvis sygemeldt)' : ''}`,
    book: 'Aftal tid til sygefraværssamtalen',
    samtale: 'Hold sygefraværssamtalen',
    municipality: 'Anmeld fraværet til kommunen (NemRefusion)',
    fastholdelsesplan: 'Fortæl om retten til en fastholdelsesplan',
    fastholdelsesplanRequested: 'Lav fastholdelsesplanen sammen med medarbejderen',
    fasttrack: 'Overvej at bede om fast track',
    returnFollowUp: 'Følg op på tilbagevenden til arbejdet',
  },
  notes: {
    covered: (on: LocalDate) => `Dækket af kontakten ${date(on)}`,
    partialNoContacts: 'Gælder ikke ved delvis sygemelding i jeres fraværspolitik',
    rest: 'Sat på pause: medarbejderen har bedt om ro',
    returned: 'Aflyst: medarbejderen er raskmeldt',
    missedBeforeReturn: 'Fristen blev overskredet, før medarbejderen blev raskmeldt',
    bookedLate: 'Samtalen er booket efter fristen',
    awaitingOutcome: 'Registrér, hvad I aftalte',
    employerPeriod: (days: number) => `Kun hvis fraværet varer mere end ${days} dage`,
    notLong: 'Kun ved forventet fravær over 8 uger',
    ifLong: (days: number) => `Aktuel, hvis fraværet varer mere end ${days} dage`,
    fastTrackClosed: 'Fristen for arbejdsgiverens anmodning om fast track er passeret',
    requested: (on: LocalDate) => `Medarbejderen bad om den ${date(on)}. Du kan afslå (§ 7 b, stk. 2).`,
  },
  /** The line under an item the fraværspolitik decides. */
  policyLine: (p: { name: string; source: string }) => `Jeres fraværspolitik: ${p.name}. ${p.source}`,
  /** What the fraværspolitik adds to § 7 a, shown apart from the law. */
  samtaleLocal: (p: { name: string; samtale: { bookWithinDays: number; holdWithinDays: number } }) =>
    `Jeres fraværspolitik (${p.name}): aftal tid senest ${p.samtale.bookWithinDays} dage og hold samtalen senest ${p.samtale.holdWithinDays} dage efter første fraværsdag.`,
} as const;

/**
 * The statutory rules as a card states them: the paragraph, who skal or kan do what,
 * by when, and on what condition (src/sickness/law.ts has the numbers).
 */
export const lawText = {
  samtale: 'Sygedagpengeloven § 7 a: Arbejdsgiveren skal holde samtalen senest 4 uger efter første fraværsdag, hvis medarbejderen stadig er syg.',
  municipality: {
    loen: 'Sygedagpengeloven § 40, stk. 1: Får medarbejderen løn under sygdom, skal fraværet anmeldes til kommunen senest 5 uger efter første fraværsdag, hvis det varer ud over arbejdsgiverperioden på 30 dage. Anmeldes det for sent, er der først refusion fra anmeldelsen (§ 59).',
    sygedagpenge: 'Sygedagpengeloven § 40, stk. 2: Udbetaler arbejdsstedet sygedagpenge i arbejdsgiverperioden, skal fraværet anmeldes til kommunen senest 1 uge efter, at den udbetaling stopper, hvis det varer ud over de 30 dage.',
    ingen: 'Sygedagpengeloven § 40, stk. 3: Får medarbejderen hverken løn eller sygedagpenge fra arbejdsstedet, skal fraværet anmeldes til kommunen senest 14 dage efter første fraværsdag.',
  },
  fastTrack: 'Sygedagpengeloven § 7 c: Arbejdsgiveren eller medarbejderen kan bede jobcentret om fast track, når fraværet ventes at vare over 8 uger. Arbejdsgiveren skal bede om det inden for de første 5 uger, og medarbejderen kan sige nej.',
  fastholdelsesplan: 'Sygedagpengeloven § 7 b: Medarbejderen kan når som helst bede om en fastholdelsesplan, hvis fraværet ventes at vare over 8 uger. I laver den sammen, og arbejdsgiveren kan afslå.',
} as const;

/** Names and validation of a fraværspolitik (src/sickness/policy.ts). */
export const policyText = {
  presetName: (id: string) => `${id}-modellen`,
  presetSource: (id: string) => `Kontakt på ${id.split('-').map((d) => `${d}.`).join(', ').replace(/, ([^,]*)$/, ' og $1')} fraværsdag, valgt i indstillingerne.`,
  contactOrder: 'kontaktdagene skal stå i stigende rækkefølge uden gentagelser',
  bookBeforeDeadline: 'påmindelsen om at aftale tid skal komme, før fristen for at aftale tid',
  bookBeforeHold: 'fristen for at aftale tid kan ikke ligge efter fristen for at holde samtalen',
  escalationBeforeDeadline: 'eskaleringen skal komme før fristen for samtalen',
  v: {
    id: 'et id med små bogstaver, tal og bindestreg (højst 40 tegn)',
    name: 'et navn på 2-80 tegn',
    source: 'en kilde på 2-200 tegn, fx "Fraværspolitik for Solhøj, Lokal-MED 12. marts 2026"',
    summary: 'højst 600 tegn',
    contactDays: 'skriv 1-10 fraværsdage, fx 1, 3, 10',
    day: 'en fraværsdag fra 1 til 366',
    counting: 'vælg kalenderdage eller arbejdsdage',
    remindAgain: 'et tal fra 1 til 10 arbejdsdage',
    boolean: 'ja eller nej',
    bookWithin: 'et tal fra 1 til 28 dage',
    holdWithin: 'højst 28 dage: loven kræver samtalen senest 4 uger efter første fraværsdag (§ 7 a)',
    escalation: 'et tal fra 0 til 14 dage',
    longAbsence: 'et tal fra 7 til 56 dage',
  },
} as const;

