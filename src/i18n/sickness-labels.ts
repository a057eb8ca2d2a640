/**
 * Danish names shared by the sickness cards and messages: field and button labels, the
 * choices of a case, the statuses, the job kinds, and the validation messages. Re-exported
 * by sickness.ts.
 */

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
  pay: 'Løn under sygdom',
  mulighedserklaering: 'Mulighedserklæring',
} as const;

/** Salary during the absence decides the notification deadline (sygedagpengeloven § 40). */
export const PAY_LABELS = {
  loen: 'Ja, medarbejderen får løn under sygdom',
  sygedagpenge: 'Nej, arbejdsstedet udbetaler sygedagpenge de første 30 dage (fx timelønnet vikar)',
  ingen: 'Nej, og ingen sygedagpenge fra arbejdsstedet (fx ansat under 8 uger)',
} as const;

export const MULIGHEDSERKLAERING_LABELS = { nej: 'Ingen', leder: 'Lederen beder om en', medarbejder: 'Medarbejderen ønsker en' } as const;
export const COUNTING_LABELS = { calendar: 'Kalenderdage', working: 'Arbejdsdage' } as const;

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
  done: 'Udført',
  due: 'Aktuel',
  upcoming: 'Kommende',
  booked: 'Booket',
  overdue: 'Overskredet',
  paused: 'På pause',
  cancelled: 'Aflyst',
  'not-applicable': 'Ikke relevant',
} as const;

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
  'sickness.contactLogged': 'Sygefravær: kontakt taget af kontaktperson',
  'sickness.planAsked': 'Sygefravær: ønske om fastholdelsesplan',
  'sickness.orphaned': 'Sygefravær: forløb uden leder',
  'sickness.handedOver': 'Sygefravær: forløb eller kontakt overdraget',
};

/** Validation messages (per field) and the field names they are shown with. */
export const sicknessValidation = {
  v: {
    employee: 'vælg en medarbejder',
    date: 'skriv en dato som 2026-11-24',
    firstDayFuture: 'første fraværsdag kan højst være i morgen',
    firstDayOld: 'første fraværsdag kan højst være 90 dage tilbage',
    returnBeforeFirst: 'første arbejdsdag skal være efter første fraværsdag',
    duration: 'vælg en forventet varighed',
    pay: 'vælg om medarbejderen får løn under sygdom',
    method: 'vælg hvordan kontakten foregik: telefon, møde, sms eller besked',
    adjustments: 'vælg ja, nej eller ved ikke endnu',
    mulighedserklaering: 'vælg ingen, lederen eller medarbejderen',
    time: 'skriv et klokkeslæt som 10.00',
    place: 'skriv hvor samtalen holdes (2-120 tegn)',
    samtalePast: 'samtalen kan ikke ligge i fortiden',
    notFuture: 'datoen kan ikke ligge i fremtiden',
    note: 'noten må højst være 500 tegn',
    model: 'vælg en fraværspolitik',
    number: (min: number, max: number) => `skriv et tal fra ${min} til ${max}`,
    percent: 'skriv en procent fra 0 til 100, fx 5,5',
    fte: 'skriv antal årsværk som et tal over 0, eller lad feltet stå tomt',
    dayList: 'skriv 1-10 fraværsdage adskilt af komma, fx 1, 3, 10',
    counting: 'vælg kalenderdage eller arbejdsdage',
    ownName: 'navnet må højst være 80 tegn',
    ownSource: 'kilden må højst være 200 tegn',
    ownSummary: 'beskrivelsen må højst være 600 tegn',
    ownMissing: 'udfyld navn, kilde og kontaktdage for jeres egen model',
    hr: 'vælg en person fra arbejdsstedet',
    step: 'ukendt milepæl',
    workplace: 'ukendt arbejdssted: hent kortet igen',
    caseId: 'ukendt forløb: hent kortet igen',
    otherLeader: 'vælg en anden leder på arbejdsstedet',
    handoverKind: 'vælg ferieafløsning eller overdragelse',
    untilPast: 'slutdatoen kan ikke ligge i fortiden',
    untilRequired: 'vælg hvornår ferieafløsningen slutter',
    contactPerson: 'vælg en kollega, TR eller AMR fra arbejdsstedet (ikke medarbejderen selv)',
    which: 'vælg hvilken kontakt',
    agreed: 'kontakten kan kun overdrages efter aftale med medarbejderen',
  },
  labels: {
    employee: LABEL.employee,
    firstDay: LABEL.firstDay,
    partial: LABEL.partial,
    expectedDuration: LABEL.expectedDuration,
    pay: LABEL.pay,
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
    mulighedserklaering: LABEL.mulighedserklaering,
    nextFollowUp: LABEL.nextFollowUp,
    returnDay: LABEL.returnDay,
    model: LABEL.model,
    hrContactId: LABEL.hrContact,
    repeatedCases: 'Antal fravær',
    repeatedMonths: 'Inden for måneder',
    retentionMonths: 'Slet afsluttede forløb efter måneder',
    targetPercent: 'Mål for fraværsprocent',
    staffFte: 'Antal årsværk',
    longFromDays: 'Langvarigt fravær fra dag',
    ownName: 'Navn på jeres model',
    ownSource: 'Kilde',
    ownSummary: 'Beskrivelse',
    ownDays: 'Kontaktdage',
    ownCounting: 'Dagene tælles i',
    ownRemindAgain: 'Påmind igen efter arbejdsdage',
    ownBookWithin: 'Aftal tid senest dag',
    ownHoldWithin: 'Hold samtalen senest dag',
    ownEscalation: 'Eskalér dage før fristen',
    toLeader: 'Leder',
    kind: 'Hvordan',
    until: 'Til og med',
    contactPerson: 'Kontaktperson',
    which: 'Hvilken kontakt',
    agreed: 'Aftalt med medarbejderen',
  } as Record<string, string>,
};
