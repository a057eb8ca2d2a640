/**
 * Danish text of the sickness follow-up (sygefraværsopfølgning): replies, reminders,
 * validation. The static text of the cards is in sickness-cards.ts; labels that both a
 * card and a message use are defined once, in LABEL.
 *
 * Tone: kind and brief. The bot never asks the employee about the illness, and every
 * text to the leader repeats that the cause of illness is none of the workplace's business.
 */
import { DANISH_MONTH_NAMES, formatDanishDate, type LocalDate } from '../shared/calendar.js';

const date = (d: LocalDate) => formatDanishDate(d);
const hhmm = (t: string) => t.replace(':', '.');

/** Field and button names used on cards and in messages alike: one definition each. */
export const LABEL = {
  employee: 'Medarbejder',
  firstDay: 'Første fraværsdag',
  returnDay: 'Første arbejdsdag',
  partial: 'Delvis sygemeldt',
  expectedDuration: 'Forventet varighed',
  expectedReturn: 'Forventet tilbage',
  adjustments: 'Behov for tilpasninger',
  nextContact: 'Næste aftalte kontakt',
  nextFollowUp: 'Næste opfølgning',
  date: 'Dato',
  time: 'Klokkeslæt',
  place: 'Sted',
  plan: 'Plan for tilbagevenden',
  model: 'Opfølgningsmodel',
  hrContact: 'HR-kontakt',
  contactDone: 'Kontakt gennemført',
  wantsRest: 'Medarbejderen ønsker ro',
  markDone: 'Markér som gjort',
  showCase: 'Vis forløbet',
  saveAnyway: 'Gem alligevel',
} as const;

/** Titles and notes of the timeline (src/sickness/timeline.ts). */
export const timelineText = {
  titles: {
    contact: (day: number, partial: boolean) => `Kontakt på ${day}. fraværsdag${partial ? ' (delvis sygemeldt)' : ''}`,
    book: 'Aftal tid til sygefraværssamtalen',
    samtale: 'Hold sygefraværssamtalen',
    municipality: 'Anmeld fraværet til bopælskommunen (NemRefusion)',
    fastholdelsesplan: 'Fortæl om retten til en fastholdelsesplan',
    fasttrack: 'Overvej at anmode om fast track',
    returnFollowUp: 'Følg op på tilbagevenden til arbejdet',
  },
  notes: {
    covered: (on: LocalDate) => `Dækket af kontakten ${date(on)}`,
    partialNoContacts: 'Gælder ikke ved delvis sygemelding i jeres fraværspolitik',
    rest: 'Sat på pause: medarbejderen har bedt om ro',
    returned: 'Aflyst: medarbejderen er raskmeldt',
    bookedLate: 'Samtalen er booket efter fristen',
    employerPeriod: (days: number) => `Kun nødvendigt, hvis fraværet varer mere end ${days} dage`,
    notLong: 'Kun ved forventet fravær over 8 uger',
    fastTrackClosed: 'Fristen for at anmode om fast track er passeret',
  },
} as const;

/** The one-line sources shown on cards (src/sickness/policy.ts). */
export const policyText = {
  contactSource: (id: string) => `Fraværspolitikken: ${id}-modellen`,
  samtale: 'Sygedagpengeloven § 7a: samtale senest 4 uger efter første fraværsdag',
  municipality:
    'Sygedagpengeloven §§ 40 og 59: anmeld til kommunen (NemRefusion) senest 5 uger efter første fraværsdag, ellers mistes refusion indtil anmeldelsen',
  fastholdelsesplan:
    'Sygedagpengeloven § 7b: medarbejderen kan bede om en fastholdelsesplan ved forventet fravær over 8 uger',
  fastTrack: 'Sygedagpengeloven § 7c: fast track kan anmodes inden for de første 5 uger ved forventet fravær over 8 uger',
  returnFollowUp: 'Fraværspolitikken: opfølgning på tilbagevenden til arbejdet',
  repeatedAbsence: 'Fraværspolitikken: samtale ved hyppigt kortvarigt fravær (lokalt fastsat grænse)',
  contactOrder: 'Kontaktdagene skal stå i stigende rækkefølge uden gentagelser',
  bookBeforeDeadline: 'Påmindelsen om at booke samtalen skal komme før fristen',
  notifyBeforeDeadline: 'Påmindelsen om anmeldelse skal komme før fristen',
} as const;

export const DURATION_LABELS = {
  ukendt: 'Ukendt',
  'under-1-uge': 'Under 1 uge',
  '1-4-uger': '1-4 uger',
  'over-4-uger': 'Over 4 uger',
  'over-8-uger': 'Over 8 uger',
} as const;

export const METHOD_LABELS = { telefon: 'Telefon', moede: 'Møde', sms: 'SMS', besked: 'Besked' } as const;
export const ADJUSTMENT_LABELS = { nej: 'Nej', ja: 'Ja', 'ved-ikke': 'Ved ikke endnu' } as const;
export const STATUS_LABELS = { meldt: 'Meldt af medarbejderen, afventer bekræftelse', aktiv: 'Aktiv', raskmeldt: 'Raskmeldt' } as const;
export const ITEM_STATUS_LABELS = {
  done: 'Gjort',
  due: 'Nu',
  upcoming: 'Kommer',
  overdue: 'Overskredet',
  paused: 'På pause',
  cancelled: 'Aflyst',
  'not-applicable': 'Ikke relevant',
} as const;

/** What a contact is for at each point of the model (first, second, third and later). */
export const CONTACT_PURPOSE: readonly (readonly string[])[] = [
  [
    'Vis omsorg og kollegial interesse: ønsk god bedring.',
    'Aftal, hvad der skal ske med opgaverne, og hvem der overtager dem.',
    'Spørg til den forventede varighed, og om fraværet har med arbejdspladsen at gøre.',
  ],
  [
    'Hør, hvordan det går, og om der er noget, arbejdspladsen kan gøre for at hjælpe.',
    'Spørg, hvordan medarbejderen ønsker kontakten fremover (telefon, sms, besøg, information fra arbejdspladsen).',
  ],
  [
    'Tal om vejen tilbage: kan medarbejderen starte delvist, med tilpassede opgaver eller tider?',
    'Forbered sygefraværssamtalen: aftal tid og sted sammen med medarbejderen.',
  ],
];

/** Job kinds as the leaders' `status` command names them (counts only, never a name). */
export const JOB_LABELS: Record<string, string> = {
  'sickness.contact': 'Sygefravær: kontaktpåmindelse',
  'sickness.agreedContact': 'Sygefravær: aftalt kontakt',
  'sickness.milestone': 'Sygefravær: milepæl',
  'sickness.escalation': 'Sygefravær: frist nærmer sig',
  'sickness.reported': 'Sygefravær: melding til bekræftelse',
  'sickness.invitation': 'Sygefravær: invitation til samtale',
  'sickness.trInvite': 'Sygefravær: bisidder inviteret',
  'sickness.closedNotice': 'Sygefravær: raskmelding',
  'sickness.monthly': 'Sygefravær: månedens tal',
};

export const sicknessText = {
  commands: {
    open: 'Opret et sygefraværsforløb for en medarbejder og få hjælp til opfølgningen (kun ledere).',
    report: 'Meld dig syg: din leder får besked. Du skal ikke fortælle, hvad du fejler.',
    close: 'Afslut et sygefraværsforløb: dit eget, eller som leder en medarbejders.',
    overview: 'Se åbne sygefraværsforløb (ledere) eller dit eget forløb.',
    settings: 'Vælg opfølgningsmodel (1-3-10, 1-5-14, 2-6-14), HR-kontakt og lokale regler for sygefravær (kun ledere).',
  },
  noDiagnosis: 'Spørg aldrig, hvad medarbejderen fejler. Du må spørge til, hvad fraværet betyder for arbejdet.',
  noHealthInNotes: 'Skriv aldrig noget om helbred, sygdom eller diagnose her.',
  notFound: 'Jeg kan ikke finde det forløb, eller du har ikke adgang til det.',
  notActive: 'Forløbet er afsluttet.',
  conflict: 'Forløbet blev ændret samtidig af en anden. Prøv igen.',
  notLeader: 'Kun arbejdsstedets ledere kan gøre det.',
  noMembers: 'Der er ingen medarbejdere på dit arbejdssted endnu. Giv dem roller med **roller** i TRIO-kanalen.',
  notYourself: 'Du kan ikke oprette et forløb for dig selv. Skriv **syg**, så får en anden leder besked.',
  alreadyOpen: (name: string, first: LocalDate) => `${name} har allerede et forløb fra ${date(first)}. Skriv **sygefravær** for at se det.`,
  opened: (name: string, first: LocalDate) =>
    `Forløbet for ${name} er oprettet med første fraværsdag ${date(first)}. Jeg minder dig om kontakterne og fristerne her i vores private chat.`,
  repeated: (name: string, cases: number, months: number) =>
    `${name} har haft ${cases} separate fravær inden for ${months} måneder. Overvej at tilbyde en omsorgs- eller fraværssamtale. Samtalen handler om trivsel og arbejdet, ikke om sygdommen.`,
  confirmTitle: (name: string) => `${name} har meldt sig syg`,
  confirmIntro: (name: string, first: LocalDate) =>
    `${name} skrev til mig, at fraværet begynder ${date(first)}. Bekræft forløbet, så hjælper jeg dig med opfølgningen. Jeg har ikke spurgt om noget om sygdommen.`,
  alreadyConfirmed: 'Forløbet er allerede bekræftet.',
  dismissed: 'Meldingen er slettet. Der oprettes ikke noget forløb.',
  // Employee
  sygReply: (first: string) =>
    `God bedring, ${first}. Jeg har givet din leder besked. Du skal ikke fortælle mig noget om, hvad du fejler. Din leder kontakter dig. Følg også jeres sædvanlige måde at melde sig syg på, hvis I har en. Skriv **raskmeld**, når du er tilbage.`,
  sygAlready: (first: LocalDate) => `Du er allerede meldt syg fra ${date(first)}. God bedring. Skriv **raskmeld**, når du er tilbage.`,
  sygNoLeader: 'Jeg kan ikke finde en leder på dit arbejdssted, som jeg kan give besked. Meld dig syg, som I plejer, fx ved at ringe.',
  sygNoWorkplace: 'Du er ikke tilknyttet et arbejdssted hos mig endnu. Meld dig syg, som I plejer, fx ved at ringe.',
  welcomeBack: 'Velkommen tilbage! Forløbet er afsluttet, og jeg har givet din leder besked.',
  noOwnCase: 'Du har ikke noget åbent sygefraværsforløb hos mig.',
  employeeTitle: 'Dit sygefravær',
  closedNotice: (name: string, back: LocalDate) => `${name} har raskmeldt sig og er tilbage ${date(back)}. Alle påmindelser om forløbet er stoppet.`,
  // Leader
  closed: (name: string, back: LocalDate) => `${name} er raskmeldt med første arbejdsdag ${date(back)}. Ventende påmindelser er stoppet.`,
  closedFollowUp: (on: LocalDate) => ` Jeg minder dig om en opfølgning på tilbagevenden ${date(on)}.`,
  listTitle: 'Åbne sygefraværsforløb',
  listEmpty: 'Der er ingen åbne sygefraværsforløb på dit arbejdssted.',
  closeListTitle: 'Hvem skal raskmeldes?',
  listLine: (first: LocalDate, next: string) => `Fra ${date(first)}. Næste: ${next}`,
  nothingNext: 'intet lige nu',
  showButton: LABEL.showCase,
  chooseButton: 'Vælg',
  caseTitle: (name: string) => `Sygefraværsforløb: ${name}`,
  contactTitle: (day: number, name: string) => (day > 0 ? `Kontakt på ${day}. fraværsdag: ${name}` : `Kontakt med ${name}`),
  contactLogged: (name: string) => `Kontakten med ${name} er gemt.`,
  contactNext: (on: LocalDate) => ` Jeg minder dig om den aftalte kontakt ${date(on)}.`,
  postponed: (on: LocalDate) => `Udskudt. Jeg minder dig igen ${date(on)}.`,
  rest: (name: string) =>
    `Noteret: ${name} ønsker ro. Jeg holder pause med kontaktpåmindelserne. De lovpligtige frister (samtale og anmeldelse) fortsætter.`,
  resumed: (name: string) => `Kontakten med ${name} er genoptaget.`,
  updated: 'Forløbet er opdateret.',
  milestoneDone: (title: string) => `Noteret: ${title}.`,
  booked: (name: string, d: LocalDate, t: string) => `Samtalen med ${name} er booket ${date(d)} kl. ${hhmm(t)}. ${name} har fået en invitation.`,
  outcomeSaved: 'Samtalens udfald er gemt.',
  healthWarning: (terms: string[]) =>
    `Teksten nævner: ${terms.join(', ')}. Oplysninger om helbred, sygdom eller diagnose må ikke gemmes. Omformulér teksten, eller tryk **${LABEL.saveAnyway}**, hvis du er sikker på, at den ikke handler om helbred.`,
  facts: {
    status: 'Status',
    firstDay: LABEL.firstDay,
    partial: LABEL.partial,
    duration: LABEL.expectedDuration,
    expectedReturn: LABEL.expectedReturn,
    deadline: 'Frist',
    samtale: 'Samtale',
    model: 'Model',
    rest: 'Ønsker ro',
  },
  restFrom: (d: LocalDate) => `fra ${date(d)}`,
  whenPlace: (d: LocalDate, time: string, place: string) => `${date(d)} kl. ${hhmm(time)}, ${place}`,
  samtaleFormTitle: (name: string) => `Book sygefraværssamtalen med ${name}`,
  outcomeTitle: (name: string) => `Sygefraværssamtalen med ${name}`,
  invitationGreeting: (name: string) => `Hej ${name}. Din leder inviterer dig til en samtale om din tilbagevenden til arbejdet.`,
  contactLine: (on: LocalDate, how: string, adjustments: string, back?: LocalDate, note?: string) =>
    `${date(on)}: ${how}. Tilpasninger: ${adjustments}.${back ? ` Forventet tilbage: ${date(back)}.` : ''}${note ? ` Note: ${note}` : ''}`,
  itemLine: (status: string, when: string, note?: string) => `${status}. ${when}${note ? ` (${note})` : ''}`,
  yes: 'Ja',
  no: 'Nej',
  none: 'Ikke angivet',
  milestoneLead: {
    'samtale:book': 'Aftal tid og sted for sygefraværssamtalen sammen med medarbejderen. Medarbejderen kan tage TR, AMR eller en anden bisidder med.',
    municipality: 'Anmeld fraværet til medarbejderens bopælskommune via NemRefusion.',
    fasttrack: 'Fraværet forventes at vare over 8 uger. Du kan anmode jobcentret om fast track (tidlig opfølgning).',
    fastholdelsesplan: 'Fraværet forventes at vare over 8 uger. Fortæl medarbejderen om retten til at bede om en fastholdelsesplan.',
    'return-followup': 'Medarbejderen er tilbage. Tag en kort snak om, hvordan det går, og om der er brug for tilpasninger.',
    'samtale:outcome': 'Sygefraværssamtalen er holdt. Registrér udfaldet: plan for tilbagevenden, delvis raskmelding, mulighedserklæring og § 56-aftale.',
  } as Record<string, string>,
  escalationLead: (deadline: LocalDate) => `Frist ${date(deadline)}: om få dage er fristen overskredet.`,
  escalationHr: (name: string) => `Du får denne besked som HR-kontakt. Tag kontakt til lederen af forløbet for ${name}.`,
  deadline: (d: LocalDate) => `Frist: ${date(d)}`,
  dueOn: (d: LocalDate) => `Dato: ${date(d)}`,
  againLead: `Påmindelse: kontakten er ikke registreret endnu. Har I talt sammen, så tryk **${LABEL.contactDone}**.`,
  agreedLead: 'I aftalte at tale sammen i dag.',
  resumedLead: 'Kontakten er genoptaget.',
  // Samtale
  invitationWhen: (d: LocalDate, t: string) => `${date(d)} kl. ${hhmm(t)}`,
  trInvited: 'Din TR har fået tid og sted. TR får ikke andet at vide om dit fravær.',
  trChoose: 'Der er flere TR på arbejdsstedet. Vælg, hvem jeg skal invitere.',
  noTr: 'Der er ingen TR registreret på dit arbejdssted. Du er velkommen til at tage en anden bisidder med.',
  trMessage: (name: string, d: LocalDate, t: string, place: string) =>
    `${name} har bedt mig invitere dig som bisidder til en samtale med lederen ${date(d)} kl. ${hhmm(t)}, ${place}. Jeg sender ikke andre oplysninger; spørg ${name}, hvis du vil vide mere.`,
  noSamtale: 'Der er ingen booket samtale at invitere til.',
  // Settings
  settingsTitle: (wp: string) => `Sygefravær: indstillinger for ${wp}`,
  settingsSaved: (wp: string, model: string) => `Indstillingerne for ${wp} er gemt. Opfølgningsmodel: ${model}.`,
  chooseWorkplace: (names: string[]) => `Du er leder flere steder. Skriv fx **indstillinger sygefravær ${names[0] ?? ''}**.`,
  unknownWorkplace: 'Jeg kender ikke det arbejdssted blandt dem, du er leder af.',
  hrNone: 'Ingen HR-kontakt (lederne får eskaleringer)',
  // Monthly figures
  monthlyTitle: (wp: string, month: string) => `Sygefravær på ${wp}: ${month}`,
  underThree: 'under 3',
  tooFew: 'for få til en andel',
  percent: (n: number) => `${n} %`,
  monthlyNote: 'Tallene er anonyme. Enkelte forløb drøftes aldrig i kanalen.',
  // Validation
  v: {
    employee: 'vælg en medarbejder',
    date: 'skriv en dato som 2026-11-24',
    firstDayFuture: 'første fraværsdag kan højst være i morgen',
    firstDayOld: 'første fraværsdag kan højst være 90 dage tilbage',
    returnBeforeFirst: 'første arbejdsdag skal være efter første fraværsdag',
    duration: 'vælg en forventet varighed',
    method: 'vælg hvordan kontakten foregik: telefon, møde, sms eller besked',
    adjustments: 'vælg ja, nej eller ved ikke endnu',
    time: 'skriv et klokkeslæt som 10:00',
    place: 'skriv hvor samtalen holdes (2-120 tegn)',
    samtalePast: 'samtalen kan ikke ligge i fortiden',
    notFuture: 'datoen kan ikke ligge i fremtiden',
    note: 'noten må højst være 500 tegn',
    model: 'vælg 1-3-10, 1-5-14 eller 2-6-14',
    number: (min: number, max: number) => `skriv et tal fra ${min} til ${max}`,
    hr: 'vælg en person fra arbejdsstedet',
    step: 'ukendt milepæl',
    workplace: 'ukendt arbejdssted: hent kortet igen',
    caseId: 'ukendt forløb: hent kortet igen',
  },
  labels: {
    employee: LABEL.employee,
    firstDay: LABEL.firstDay,
    partial: LABEL.partial,
    expectedDuration: LABEL.expectedDuration,
    how: 'Hvordan',
    expectedReturn: LABEL.expectedReturn,
    adjustments: LABEL.adjustments,
    nextContact: LABEL.nextContact,
    note: 'Note',
    date: LABEL.date,
    time: LABEL.time,
    place: LABEL.place,
    heldOn: 'Holdt den',
    plan: LABEL.plan,
    nextFollowUp: LABEL.nextFollowUp,
    returnDay: LABEL.returnDay,
    model: LABEL.model,
    hrContactId: LABEL.hrContact,
    repeatedCases: 'Antal fravær',
    repeatedMonths: 'Inden for måneder',
    retentionMonths: 'Slet afsluttede forløb efter måneder',
  } as Record<string, string>,
};

/** "2026-11" → "november 2026" */
export const monthName = (ym: string): string => `${DANISH_MONTH_NAMES[Number(ym.slice(5, 7)) - 1] ?? ''} ${ym.slice(0, 4)}`;
