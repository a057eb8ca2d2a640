/**
 * Danish text of the sickness follow-up (sygefraværsopfølgning): replies, reminders,
 * validation. The static text of the cards is in sickness-cards.ts; labels that both a
 * card and a message use are defined once, in LABEL.
 *
 * Tone: kind and brief. The bot never asks the employee about the illness, and every
 * text to the leader repeats that the cause of illness is none of the workplace's business.
 */
import { DANISH_MONTH_NAMES, formatDanishDate, type LocalDate } from '../shared/calendar.js';
import { LABEL, sicknessValidation } from './sickness-labels.js';

const date = (d: LocalDate) => formatDanishDate(d);
const hhmm = (t: string) => t.replace(':', '.');

export { lawText, policyText, timelineText } from './sickness-rules.js';
export { reportText } from './sickness-report.js';
export * from './sickness-labels.js';

/** What a contact is for at each point of the model (first, second, third and later). */
export const CONTACT_PURPOSE: readonly (readonly string[])[] = [
  [
    'Vis omsorg og kollegial interesse: ønsk god bedring.',
    'Aftal, hvad der skal ske med opgaverne, og hvem der overtager dem.',
    'Spørg til den forventede varighed, og om fraværet har med arbejdsstedet at gøre.',
  ],
  [
    'Hør, hvordan det går, og om der er noget, arbejdsstedet kan gøre for at hjælpe.',
    'Spørg, hvordan medarbejderen ønsker kontakten fremover (telefon, sms, besøg, information fra arbejdsstedet).',
  ],
  [
    'Tal om vejen tilbage: kan medarbejderen starte delvist, med tilpassede opgaver eller tider?',
    'Forbered sygefraværssamtalen: aftal tid og sted sammen med medarbejderen.',
  ],
];

export const sicknessText = {
  commands: {
    open: 'Opret et sygefraværsforløb for en medarbejder og få hjælp til opfølgningen (kun ledere).',
    report: 'Meld dig syg: din leder får besked. Du behøver ikke fortælle, hvad du fejler.',
    close: 'Afslut et sygefraværsforløb: dit eget, eller som leder en medarbejders.',
    overview: 'Se de sygefraværsforløb, du følger som leder, eller dit eget forløb.',
    settings: 'Vælg jeres fraværspolitik (1-3-10, 1-5-14, 2-6-14 eller jeres egen), HR-kontakt og lokale regler for sygefravær (kun ledere).',
    yearly: 'Sygefraværet de seneste 12 måneder: fraværsprocent, kort og langt fravær og målet. Anonyme tal (TRIO- og MED-kanalen).',
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
  alreadyOpenElsewhere: (name: string) => `${name} har allerede et åbent forløb hos en anden leder. Tal med den leder, hvis du skal overtage det.`,
  opened: (name: string, first: LocalDate) =>
    `Forløbet for ${name} er oprettet med første fraværsdag ${date(first)}. Jeg minder dig om kontakterne og fristerne her i vores private chat.`,
  repeated: (name: string, cases: number, months: number) =>
    `${name} har haft ${cases} separate fravær inden for ${months} måneder. Overvej at tilbyde en fraværssamtale. Samtalen handler om trivsel og arbejdet, ikke om sygdommen.`,
  confirmTitle: (name: string) => `${name} har meldt sig syg`,
  confirmIntro: (name: string, first: LocalDate) =>
    `${name} skrev til mig, at fraværet begynder ${date(first)}. Bekræft forløbet, så følger du det og får påmindelserne. Jeg har ikke spurgt om noget om sygdommen.`,
  alreadyConfirmed: 'Forløbet er allerede bekræftet.',
  dismissed: 'Meldingen er slettet. Der oprettes ikke noget forløb.',
  // Employee
  sygReply: (first: string) =>
    `God bedring, ${first}. Jeg har givet din leder besked. Du behøver ikke fortælle mig, hvad du fejler. Følg også jeres sædvanlige måde at melde dig syg på. Skriv **raskmeld**, når du er tilbage.`,
  sygAlready: (first: LocalDate) => `Du er allerede meldt syg fra ${date(first)}. God bedring. Skriv **raskmeld**, når du er tilbage.`,
  sygNoLeader: 'Jeg kan ikke finde en leder på dit arbejdssted, som jeg kan give besked. Meld dig syg, som I plejer, fx ved at ringe.',
  sygNoWorkplace: 'Du er ikke tilknyttet et arbejdssted hos mig endnu. Meld dig syg, som I plejer, fx ved at ringe.',
  welcomeBack: 'Velkommen tilbage! Forløbet er afsluttet, og jeg har givet din leder besked.',
  noOwnCase: 'Du har ikke noget åbent sygefraværsforløb hos mig.',
  employeeTitle: 'Dit sygefravær',
  planAsked: 'Din leder har fået besked om, at du ønsker en fastholdelsesplan. I laver den sammen.',
  closedNotice: (name: string, back: LocalDate) => `${name} har raskmeldt sig og er tilbage ${date(back)}. Alle påmindelser om forløbet er stoppet.`,
  // Leader
  closed: (name: string, back: LocalDate) => `${name} er raskmeldt med første arbejdsdag ${date(back)}. Ventende påmindelser er stoppet.`,
  closedFollowUp: (on: LocalDate) => ` Jeg minder dig om en opfølgning på tilbagevenden ${date(on)}.`,
  listTitle: 'Sygefraværsforløb, du følger',
  listEmpty: 'Du følger ingen åbne sygefraværsforløb.',
  closeListTitle: 'Hvem skal raskmeldes?',
  listLine: (first: LocalDate, next: string) => `Fra ${date(first)}. Næste: ${next}`,
  nothingNext: 'intet lige nu',
  showButton: LABEL.showCase,
  chooseButton: 'Vælg',
  caseTitle: (name: string) => `Sygefraværsforløb: ${name}`,
  contactTitle: (day: number, name: string, counting: 'calendar' | 'working' = 'calendar') =>
    day > 0 ? `Kontakt på ${day}. ${counting === 'working' ? 'arbejdsdag i fraværet' : 'fraværsdag'}: ${name}` : `Kontakt med ${name}`,
  // Confirmations shown on top of the updated case card
  confirmed: {
    contact: (name: string) => `Kontakten med ${name} er gemt.`,
    contactNext: (on: LocalDate) => ` Jeg minder om den aftalte kontakt ${date(on)}.`,
    booked: (name: string, d: LocalDate, time: string) => `Samtalen er booket ${date(d)} kl. ${hhmm(time)}. ${name} har fået en invitation.`,
    outcome: 'Samtalens udfald er gemt.',
    updated: 'Forløbet er opdateret.',
    resumed: (name: string) => `Kontakten med ${name} er genoptaget.`,
    rest: (name: string) => `Noteret: ${name} ønsker ro. Kontaktpåmindelserne holder pause; de lovpligtige frister fortsætter.`,
    milestone: (title: string) => `Noteret: ${title}.`,
    handedOver: (name: string) => `Forløbet er overdraget til ${name}.`,
    covered: (name: string, until: LocalDate) => `${name} følger forløbet til og med ${date(until)}.`,
    coverEnded: 'Ferieafløsningen er slut. Du følger forløbet igen.',
    takenOver: 'Du følger nu forløbet og får påmindelserne.',
    contactHanded: (name: string, all: boolean) => `${name} tager ${all ? 'kontakterne' : 'kontakten'} og får påmindelsen. ${name} ser ikke forløbets detaljer.`,
    contactsBack: 'Du tager selv kontakterne igen.',
  },
  contactLoggedBy: (name: string) => `Kontakten er gemt. Lederen kan se, at den er taget. Tak, ${name}.`,
  postponed: (on: LocalDate) => `Udskudt. Jeg minder dig igen ${date(on)}.`,
  healthWarning: (terms: string[]) =>
    `Teksten nævner: ${terms.join(', ')}. Oplysninger om helbred, sygdom eller diagnose må ikke gemmes. Omformulér teksten, eller tryk **${LABEL.saveAnyway}**, hvis du er sikker på, at den ikke handler om helbred.`,
  facts: {
    status: 'Status',
    firstDay: LABEL.firstDay,
    partial: LABEL.partial,
    duration: LABEL.expectedDuration,
    expectedReturn: LABEL.expectedReturn,
    pay: LABEL.pay,
    deadline: 'Frist',
    samtale: 'Samtale',
    model: 'Fraværspolitik',
    rest: 'Ønsker ro',
    cover: 'Ferieafløsning',
    plan: 'Fastholdelsesplan',
    contacts: 'Kontakten tages af',
  },
  coverLine: (name: string, from: LocalDate, until: LocalDate) => `${name}, ${date(from)} til ${date(until)}`,
  restFrom: (d: LocalDate) => `fra ${date(d)}`,
  whenPlace: (d: LocalDate, time: string, place: string) => `${date(d)} kl. ${hhmm(time)}, ${place}`,
  samtaleFormTitle: (name: string) => `Book sygefraværssamtalen med ${name}`,
  samtaleDeadlines: (bookBy: LocalDate, holdBy: LocalDate) => `Aftal tid senest ${date(bookBy)}. Samtalen skal holdes senest ${date(holdBy)}.`,
  planAskedOn: (d: LocalDate) => `ønsket ${date(d)}`,
  outcomeTitle: (name: string) => `Sygefraværssamtalen med ${name}`,
  invitationGreeting: (name: string) => `Hej ${name}. Din leder inviterer dig til en samtale om din tilbagevenden til arbejdet.`,
  contactLine: (on: LocalDate, how: string, adjustments: string, back?: LocalDate, note?: string, by?: string) =>
    `${date(on)}: ${how}${by ? ` (${by})` : ''}. Tilpasninger: ${adjustments}.${back ? ` Forventet tilbage: ${date(back)}.` : ''}${note ? ` Note: ${note}` : ''}`,
  /** One timeline line: the status in words (never colour alone) and its date. */
  itemLine: (status: string, when: string, note?: string) => `${status}: ${when}${note ? `. ${note}` : ''}`,
  when: {
    doneOn: (d: LocalDate) => `${date(d)}`,
    bookedFor: (d: LocalDate, time: string) => `${date(d)} kl. ${hhmm(time)}`,
    from: (d: LocalDate) => `fra ${date(d)}`,
    on: (d: LocalDate) => `${date(d)}`,
    /** The deadline of a step, named for what must happen by then. */
    deadline: (key: string, d: LocalDate) => `${DEADLINE_VERB[key] ?? 'frist'} ${date(d)}`,
  },
  bookSamtale: 'Book samtale',
  moveSamtale: 'Flyt samtalen',
  markTitles: {
    municipality: 'Anmeldt til kommunen',
    fasttrack: 'Fast track er overvejet',
    fastholdelsesplan: 'Medarbejderen kender sin ret',
    'fastholdelsesplan:requested': 'Planen er lavet eller afslået',
    'return-followup': 'Opfølgningen er holdt',
    default: LABEL.markDone,
  } as Record<string, string>,
  yes: 'Ja',
  no: 'Nej',
  none: 'Ikke angivet',
  milestoneLead: {
    'samtale:book': 'Aftal tid og sted for sygefraværssamtalen sammen med medarbejderen. Medarbejderen kan tage TR, AMR eller en anden bisidder med.',
    municipality: 'Anmeld fraværet til medarbejderens kommune via NemRefusion.',
    fasttrack:
      'Fraværet ventes at vare over 8 uger, eller det har varet længe. Du kan bede jobcentret om fast track via NemRefusion inden for de første 5 uger. Medarbejderen kan også selv bede om det og kan sige nej til din anmodning.',
    fastholdelsesplan: 'Fraværet ventes at vare over 8 uger, eller det har varet længe. Fortæl medarbejderen, at hun eller han kan bede om en fastholdelsesplan.',
    'return-followup': 'Medarbejderen er tilbage. Tag en kort snak om, hvordan det går, og om der er brug for tilpasninger.',
    'samtale:outcome': 'Sygefraværssamtalen skulle være holdt nu. Registrér det, I aftalte, og kun det.',
  } as Record<string, string>,
  planAskedLead: (name: string) =>
    `${name} har bedt om en fastholdelsesplan (sygedagpengeloven § 7 b). I laver den sammen om, hvordan ${name} kan vende helt eller delvist tilbage. Du kan afslå.`,
  contactLoggedLead: (by: string, name: string) => `${by} har taget kontakten med ${name}. Se den i forløbet.`,
  orphanedLead: (name: string) => `Forløbet for ${name} har ikke længere en leder på arbejdsstedet. Overtag det, så påmindelserne kommer til dig.`,
  anotherLeader: 'En anden leder',
  handedOverLead: (name: string, by: string) => `${by} har givet dig sygefraværsforløbet for ${name}. Du får påmindelserne.`,
  coverLead: (name: string, by: string, until: LocalDate) => `${by} har bedt dig følge sygefraværsforløbet for ${name} til og med ${date(until)}. Du får påmindelserne.`,
  contactHandedLead: (name: string, by: string) =>
    `${by} har efter aftale med ${name} bedt dig tage kontakten. Vis interesse, og spørg ikke til sygdommen. Når I har talt sammen, så tryk **${LABEL.contactDone}**.`,
  escalationLead: (deadline: LocalDate) => `Frist ${date(deadline)}: om få dage er fristen overskredet.`,
  escalationHr: (name: string) => `Du får denne besked som HR-kontakt. Tag kontakt til lederen af forløbet for ${name}.`,
  deadline: (d: LocalDate) => `Frist: ${date(d)}`,
  againLead: `Påmindelse: kontakten er ikke registreret endnu. Har I talt sammen, så tryk **${LABEL.contactDone}**.`,
  agreedLead: 'I aftalte at tale sammen i dag.',
  agreedAtSamtale: (held: LocalDate, agreed: string[]) =>
    `I aftalte ved samtalen ${date(held)} at følge op i dag.${agreed.length ? ` Aftalt: ${agreed.join('; ')}.` : ''}`,
  agreedItems: {
    partialReturn: 'delvis raskmelding',
    mulighedserklaering: { leder: 'du beder om en mulighedserklæring', medarbejder: 'medarbejderen ønsker en mulighedserklæring' } as Record<string, string>,
    paragraf56: 'en § 56-aftale undersøges',
    plan: 'en plan for tilbagevenden',
  },
  resumedLead: 'Kontakten er genoptaget.',
  // Samtale
  invitationWhen: (d: LocalDate, t: string) => `${date(d)} kl. ${hhmm(t)}`,
  trInvited: 'Din TR har fået tid og sted. TR får ikke andet at vide om dit fravær.',
  trChoose: 'Der er flere TR på arbejdsstedet. Vælg, hvem jeg skal invitere.',
  noTr: 'Der er ingen TR registreret på dit arbejdssted. Du er velkommen til at tage en anden bisidder med.',
  trMessage: (name: string, d: LocalDate, t: string, place: string) =>
    `${name} har bedt mig invitere dig som bisidder til en samtale med lederen ${date(d)} kl. ${hhmm(t)}, ${place}. Jeg sender ikke andre oplysninger; spørg ${name}, hvis du vil vide mere.`,
  noSamtale: 'Der er ingen booket samtale at invitere til.',
  notYet: 'Samtalens udfald kan registreres, når samtalen har været.',
  // Handing over
  handover: {
    onlyCaseLeader: 'Kun den leder, der følger forløbet, kan overdrage det.',
    notOrphaned: 'Forløbet har en leder. Bed lederen om at overdrage det.',
    allContacts: 'Alle kontakter',
    contactPoint: (day: number) => `Kontakten på ${day}. fraværsdag`,
  },
  // Settings
  settingsTitle: (wp: string) => `Sygefravær: indstillinger for ${wp}`,
  settingsSaved: (wp: string, model: string) => `Indstillingerne for ${wp} er gemt. Fraværspolitik: ${model}.`,
  chooseWorkplace: (names: string[]) => `Du er leder flere steder. Skriv fx **indstillinger sygefravær ${names[0] ?? ''}**.`,
  unknownWorkplace: 'Jeg kender ikke det arbejdssted blandt dem, du er leder af.',
  hrNone: 'Ingen HR-kontakt (lederen af forløbet får eskaleringer)',
  ownModel: 'Jeres egen model (udfyld nedenfor)',
  // Monthly figures
  monthlyTitle: (wp: string, month: string) => `Sygefravær på ${wp}: ${month}`,
  underThree: 'under 3',
  tooFew: 'for få til en andel',
  percent: (n: number) => `${n} %`,
  monthlyNote: 'Tallene er anonyme. Enkelte forløb drøftes aldrig i kanalen.',
  ...sicknessValidation,
};

/** What must happen by a step's deadline ("aftal tid senest 15. december 2026"). */
const DEADLINE_VERB: Record<string, string> = {
  'samtale:book': 'aftal tid senest',
  samtale: 'hold samtalen senest',
  municipality: 'anmeld senest',
  fasttrack: 'bed om det senest',
};

/** The diagnosis firewall's warning where text reaches others (pulse comments, actions). */
export const firewallText = {
  title: 'Tjek teksten, før den gemmes',
  warning: (terms: readonly string[]) => `Teksten nævner: ${terms.join(', ')}. Det kan være oplysninger om helbred eller sygdom.`,
  audience: {
    channel: 'Det, du skriver her, kan alle i kanalen læse. Skriv ikke om en kollegas eller en beboers helbred, sygdom eller diagnose. Ret teksten, eller gem den, hvis den ikke handler om helbred.',
    private: 'Skriv ikke om helbred, sygdom eller diagnose. Ret teksten, eller gem den, hvis den ikke handler om helbred.',
    pulse: 'TRIO og MED læser kommentarerne ordret, når nok har svaret. Skriv ikke om dit eget, en kollegas eller en beboers helbred. Ret teksten, eller send den, hvis den ikke handler om helbred.',
  },
} as const;

/** "2026-11" → "november 2026" */
export const monthName = (ym: string): string => `${DANISH_MONTH_NAMES[Number(ym.slice(5, 7)) - 1] ?? ''} ${ym.slice(0, 4)}`;
