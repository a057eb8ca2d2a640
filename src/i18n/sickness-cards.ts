/**
 * The static Danish text of the sickness cards (cards/sickness-*.json bind every string
 * from here as `${t.…}`; src/sickness/cards.ts passes the card's section as `t`).
 */
import { LABEL } from './sickness.js';

const firstDay = { firstDay: LABEL.firstDay, chooseFirstDay: 'Vælg første fraværsdag' };
const returnDay = { returnDay: LABEL.returnDay, chooseReturnDay: 'Vælg første arbejdsdag' };
const details = { partialToggle: `${LABEL.partial} (arbejder delvist)`, duration: LABEL.expectedDuration };
const noHealth = (where: string) => `Skriv aldrig noget om helbred, sygdom eller diagnose ${where}.`;

export const sicknessCardText = {
  open: {
    title: 'Ny sygemelding',
    intro: 'Registrér fraværet, aldrig årsagen. Der er ikke noget felt til sygdom eller diagnose, og sådan skal det være.',
    employee: LABEL.employee,
    chooseEmployee: 'Vælg en medarbejder',
    ...firstDay,
    ...details,
    create: 'Opret forløb',
  },
  confirm: { ...firstDay, ...details, confirm: 'Bekræft forløb', dismiss: 'Ikke et sygefravær' },
  case: {
    timeline: 'Forløbet',
    markDone: LABEL.markDone,
    contacts: 'Kontakter',
    logContact: 'Registrér kontakt',
    book: 'Book samtale',
    outcome: 'Samtalens udfald',
    update: 'Opdatér',
    ...details,
    save: 'Gem',
    wantsRest: LABEL.wantsRest,
    resume: 'Genoptag kontakten',
    close: 'Raskmeld',
    ...returnDay,
    closeSave: 'Raskmeld og stop påmindelserne',
  },
  contact: { purposeTitle: 'Formålet med kontakten nu:', done: LABEL.contactDone, postpone: 'Udskyd til i morgen', wantsRest: LABEL.wantsRest },
  contactForm: {
    how: 'Hvordan foregik kontakten?',
    chooseHow: 'Vælg hvordan kontakten foregik',
    expectedReturn: `${LABEL.expectedReturn} (hvis I talte om det)`,
    adjustments: `${LABEL.adjustments} i arbejdet?`,
    nextContact: LABEL.nextContact,
    noHealth: noHealth('i noten'),
    note: 'Kort note (fx aftaler om opgaver)',
    save: 'Gem kontakt',
    saveAnyway: LABEL.saveAnyway,
  },
  employee: {
    neverTell: 'Du skal aldrig fortælle, hvad du fejler. Din leder må spørge til, hvad fraværet betyder for arbejdet, ikke til sygdommen.',
    inviteTr: 'Invitér min TR til samtalen',
    back: 'Jeg er rask igen',
    ...returnDay,
    close: 'Raskmeld mig',
  },
  milestone: { book: 'Book samtalen', outcome: 'Registrér udfaldet', markDone: LABEL.markDone, show: LABEL.showCase },
  samtale: {
    agreeFirst:
      'Aftal tid og sted med medarbejderen først: medarbejderen er med til at fastlægge tidspunktet og stedet og kan tage TR, AMR eller en anden bisidder med. Når du booker, får medarbejderen en invitation her i Teams.',
    date: LABEL.date,
    chooseDate: 'Vælg en dato',
    time: LABEL.time,
    chooseTime: 'Vælg et klokkeslæt',
    noHealth: 'Skriv kun stedet, aldrig noget om helbred, sygdom eller diagnose.',
    place: `${LABEL.place} (fx mødelokalet, hjemme hos medarbejderen, telefon)`,
    writePlace: 'Skriv hvor samtalen holdes',
    book: 'Book og send invitation',
    saveAnyway: LABEL.saveAnyway,
  },
  outcome: {
    intro: 'Samtalen handler om vejen tilbage og om, hvad arbejdspladsen kan gøre. Notér aftalerne, ikke helbredet.',
    heldOn: 'Samtalen blev holdt',
    chooseHeldOn: 'Vælg datoen for samtalen',
    noHealth: noHealth('i planen'),
    plan: `${LABEL.plan} (opgaver, tider, aftaler)`,
    partialReturn: 'Delvis raskmelding aftalt',
    mulighedserklaering: 'Mulighedserklæring ønsket',
    paragraf56: '§ 56-aftale er relevant',
    nextFollowUp: LABEL.nextFollowUp,
    save: 'Gem udfaldet',
    saveAnyway: LABEL.saveAnyway,
  },
  invitation: {
    title: 'Invitation til sygefraværssamtale',
    when: 'Hvornår',
    where: 'Hvor',
    about:
      'Samtalen handler om, hvordan og hvornår du kan vende tilbage til arbejdet, og hvad arbejdspladsen kan gøre for at støtte dig, fx tilpassede opgaver eller arbejdstider, en delvis raskmelding eller en § 56-aftale. Den handler ikke om din sygdom: du skal ikke fortælle, hvad du fejler.',
    law: 'Efter sygedagpengeloven § 7a skal arbejdsgiveren holde samtalen senest 4 uger efter første fraværsdag. Du er med til at fastlægge tidspunktet og stedet: passer tiden eller stedet ikke, så sig det til din leder. Kan du ikke møde op på grund af din sygdom, kan samtalen holdes over telefonen eller digitalt.',
    bisidder: 'Du har ret til at tage en bisidder med: din TR, din AMR eller en anden, du har tillid til. Du kan også selv kontakte din TR eller AMR før samtalen.',
    whichTr: 'Hvilken TR skal jeg invitere?',
    inviteTr: 'Invitér min TR',
  },
  settings: {
    intro: 'Modellen gælder nye forløb. De lovpligtige frister (samtale senest 4 uger, anmeldelse senest 5 uger) gælder altid.',
    model: `${LABEL.model} (kontakt på fraværsdag)`,
    hrContact: `${LABEL.hrContact}, der også får besked 3 dage før en lovpligtig frist`,
    repeatedCases: 'Foreslå en fraværssamtale ved dette antal fravær ...',
    repeatedMonths: '... inden for så mange måneder',
    retentionMonths: 'Slet detaljer om afsluttede forløb efter måneder',
    returnFollowUp: 'Påmind om opfølgning efter tilbagevenden',
    save: 'Gem indstillinger',
  },
  monthly: { activeCases: 'Aktive forløb', contactsOnTime: 'Kontakter til tiden', samtalerOnTime: 'Samtaler inden for 4 uger' },
} as const;
