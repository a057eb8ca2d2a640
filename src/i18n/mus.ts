/**
 * Danish text of the MUS feature (medarbejderudviklingssamtale): the slot planner's
 * validation messages, the cards' labels and the reminders. Card layouts are in
 * cards/mus-*.json; everything a person reads is here or there.
 */
import {
  formatDanishDate,
  localDateOf,
  localTimeOf,
  weekdayOf,
  weekLabel,
  type LocalDate,
  type LocalTime,
} from '../shared/calendar.js';

const WEEKDAY_NAMES = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];
const hhmm = (d: Date) => localTimeOf(d).replace(':', '.');
const when = (start: Date, end: Date) => `${formatDanishDate(localDateOf(start))} kl. ${hhmm(start)}-${hhmm(end)}`;
const capital = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
/** Danish genitive: "Sofies", "Mads'". */
const genitive = (name: string) => (/[sxz]$/i.test(name) ? `${name}'` : `${name}s`);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "tirsdag 24. november 2026 kl. 09.00-10.00 (uge 48)" */
export function talkTime(start: Date, end: Date): string {
  const date = localDateOf(start);
  return `${WEEKDAY_NAMES[weekdayOf(date) - 1] ?? ''} ${when(start, end)} (${weekLabel(date)})`;
}

/** Messages of the pure slot planner (src/mus/planner.ts). */
export const plannerText = {
  badDuration: 'Samtalens længde skal være et helt antal minutter over 0.',
  badBuffer: 'Pausen mellem samtaler skal være et helt antal minutter (0 eller mere).',
  badDate: (d: string) => `Datoen ${d} kan jeg ikke læse.`,
  badTime: (t: string) => `Klokkeslættet ${t} kan jeg ikke læse. Skriv fx 09:00.`,
  periodReversed: (from: LocalDate, to: LocalDate) =>
    `Perioden slutter ${formatDanishDate(to)}, før den begynder ${formatDanishDate(from)}.`,
  periodTooLong: 'Perioden er for lang. Planlæg højst to år ad gangen.',
  noWorkingDays: (from: LocalDate, to: LocalDate) =>
    `Der er ingen arbejdsdage fra ${formatDanishDate(from)} til ${formatDanishDate(to)}. Vælg en længere periode.`,
  windowTooShort: (start: LocalTime, end: LocalTime, minutes: number) =>
    `Tidsrummet ${start}-${end} er for kort til en samtale på ${minutes} minutter.`,
  slotGone: 'Den samtale findes ikke længere i planen. Hent planen igen.',
  invalidTime: 'Det tidspunkt kan jeg ikke læse. Vælg en dato og et klokkeslæt.',
  acrossMidnight: 'Samtalen skal begynde og slutte på samme dag.',
  holiday: (date: LocalDate, name: string) => `${formatDanishDate(date)} er en helligdag (${name}). Vælg en anden dag.`,
  notWorkingWeekday: (date: LocalDate) =>
    `${capital(WEEKDAY_NAMES[weekdayOf(date) - 1] ?? '')} den ${formatDanishDate(date)} er ikke en arbejdsdag. Vælg en anden dag.`,
  closed: (date: LocalDate) => `${formatDanishDate(date)} er en lukkedag. Vælg en anden dag.`,
  overlapsSlot: (label: string, start: Date, end: Date) =>
    `Tidspunktet overlapper samtalen med ${label} ${when(start, end)}. Vælg et andet tidspunkt.`,
  overlapsBusy: (start: Date, end: Date) =>
    `Tidspunktet overlapper en anden aftale i din kalender ${when(start, end)}. Vælg et andet tidspunkt.`,
};


/** The default preparation questions, in our own words after seed 004:4795-4803. MED can replace them. */
export const DEFAULT_QUESTIONS: readonly string[] = Object.freeze([
  'Hvordan har du det med dine opgaver og dine arbejdsforhold lige nu?',
  'Hvad går særligt godt i dit arbejde, og hvad kunne blive bedre?',
  'Hvad forventer du af dit job det næste år, og på længere sigt?',
  'Hvilke af dine styrker og erfaringer gør mest gavn her, og er der nogle, vi ikke bruger?',
  'Hvordan vil du gerne udvikle dig: andre opgaver, mere eller mindre ansvar, kurser eller uddannelse?',
  'Hvad har du brug for fra din leder og dine kolleger for at trives og udvikle dig?',
]);

const activityNames = { kursus: 'Kursus eller uddannelse', nyeOpgaver: 'Nye opgaver', projekt: 'Projekt', jobbytte: 'Jobbytte', andet: 'Andet' } as const;
const notHeldNames = {
  employeeAbsent: 'Medarbejderen var fraværende',
  leaderAbsent: 'Lederen var forhindret',
  postponed: 'Udsat efter aftale',
  other: 'Andet',
} as const;

export const musText = {
  // Commands (help is generated from these).
  cmd: {
    status: 'Viser, hvem der skal have MUS, og hvem der har haft. I en kanal kun antal, aldrig navne.',
    plan: 'Planlæg årets MUS: jeg foreslår tider, du retter dem og sender invitationerne (kun ledere).',
    register: 'Registrér holdte MUS og udviklingsplaner (kun ledere).',
    mine: 'Se din næste MUS, dine forberedelsesnoter og din udviklingsplan.',
    people: 'Angiv ansættelsesdato og fødselsår for dine medarbejdere (kun ledere).',
    settings: 'MED: forberedelsesspørgsmål og alder for seniorsamtale.',
  },
  onlyPersonal: 'Det om MUS klarer vi i din private chat med mig, så ingen andre ser det.',
  notLeader: 'Kun en leder på arbejdspladsen kan det.',
  notYours: 'Den MUS kan du ikke se. Kun medarbejderen og lederen kan.',
  talkGone: 'Den samtale findes ikke længere. Skriv **min MUS** for at se din næste samtale.',
  talkNotPlanned: 'Samtalen er allerede registreret eller aflyst.',
  staleVersion: 'Tidspunktet er ændret siden. Se den nyeste invitation i chatten.',
  changedMeanwhile: 'Nogen har ændret det samme imens. Hent kortet igen og prøv en gang til.',
  whichWorkplace: (names: string[]) => `Du er leder flere steder. Skriv fx **planlæg MUS ${names[0] ?? ''}**. Dine arbejdssteder: ${names.join(', ')}.`,
  unknownWorkplace: (arg: string) => `Du er ikke leder på "${arg}".`,
  noEmployees: 'Der er ingen medarbejdere på arbejdspladsen endnu. Giv kollegerne roller med **roller** i TRIO-kanalen.',

  // Planning card.
  planTitle: (wp: string) => `Planlæg MUS på ${wp}`,
  planIntro: 'Jeg foreslår en tid til hver medarbejder: kun på arbejdsdage, ikke på helligdage og aldrig oven i dine andre MUS. Du kan rette alle tider, før invitationerne sendes.',
  from: 'Første dag', to: 'Sidste dag', windowStart: 'Tidligst kl.', windowEnd: 'Senest slut kl.',
  duration: 'Varighed (minutter)', place: 'Sted', placePlaceholder: 'Fx mødelokalet i administrationen',
  mode: 'Samtaleform', modeIndividual: 'Individuelle samtaler', modeGroup: 'Gruppesamtaler (GRUS)',
  participants: 'Medarbejdere', participantsHint: 'Forvalgt: dem, der skal have MUS og ikke har en planlagt.',
  groupsHelp: 'Kun ved GRUS: skriv det samme gruppenavn ud for dem, der skal have samtale sammen. Uden gruppe får man en individuel samtale.',
  groupOf: (name: string) => `${name}: gruppe`,
  groupPlaceholder: 'Fx Dagvagt',
  propose: 'Foreslå tider',
  tooMany: (max: number) => `Planlæg højst ${max} medarbejdere ad gangen.`,
  unknownParticipant: 'En af de valgte er ikke længere medarbejder her. Hent kortet igen med **planlæg MUS**.',
  groupTooLong: (name: string) => `Gruppenavnet ved ${name} må højst være 40 tegn.`,
  nobodyToPlan: 'Jeg kan ikke planlægge nogen af de valgte i perioden. Vælg andre medarbejdere eller en anden periode.',

  // Draft card.
  draftTitle: 'Forslag til MUS-tider',
  draftIntro: (from: LocalDate, to: LocalDate, minutes: number, place: string) =>
    `${formatDanishDate(from)} til ${formatDanishDate(to)}, ${minutes} minutter, ${place}. Ret en dato eller et klokkeslæt, hvis det passer dig bedre.`,
  groupMembers: (names: string[]) => `Gruppesamtale med ${names.join(', ')}`,
  unplanned: (names: string[]) => `Der var ikke plads til: ${names.join(', ')}. Vælg en længere periode eller et større tidsrum, eller planlæg dem bagefter.`,
  sendInvites: 'Send invitationer', saveDraft: 'Gem ændringer',
  slotDate: 'Dato', slotTime: 'Kl.',
  slotInvalid: (label: string, why: string) => `${label}: ${why}`,
  slotDateMissing: 'vælg en dato',
  slotTimeMissing: 'vælg et klokkeslæt som 09:00',
  slotInPast: 'tidspunktet er allerede passeret',
  draftSaved: 'Ændringerne er gemt. Send invitationerne, når planen er klar.',
  draftGone: 'Forslaget findes ikke længere. Skriv **planlæg MUS** for at begynde forfra.',
  alreadyPlanned: (names: string[]) => `${names.join(', ')} har allerede en planlagt MUS. Tag ${names.length === 1 ? 'personen' : 'dem'} ud af planen, eller flyt den planlagte samtale.`,
  sent: (n: number) => `Invitationerne er sendt til ${plural(n, 'medarbejder', 'medarbejdere')} i deres private chat med mig. Du får besked, hvis nogen beder om et andet tidspunkt, og påmindelser 7 dage og 1 dag før.`,
  alreadySent: 'Invitationerne er allerede sendt.',

  // Invitation card.
  inviteTitle: 'Invitation til MUS',
  movedTitle: 'Ny tid til din MUS',
  when: 'Hvornår', where: 'Hvor', with: 'Med', kind: 'Samtale',
  kindIndividual: 'Individuel MUS', kindGroup: (label: string) => `Gruppe-MUS (${label})`,
  purpose:
    'MUS er din årlige samtale med din leder om dit arbejde, din trivsel og din udvikling. I ser tilbage på året og frem mod det næste, og I aftaler en skriftlig udviklingsplan med mål på kort og lang sigt og konkrete aktiviteter, fx kurser, nye opgaver eller et projekt.',
  prepare: 'Forbered dig gerne på disse spørgsmål:',
  seniorText: (age: number) => `Du er fyldt eller fylder ${age} år i år og har ret til at få tilbudt en seniorsamtale sammen med din MUS: om dine ønsker til arbejdslivet de kommende år.`,
  seniorToggle: 'Ja tak, jeg vil gerne have en seniorsamtale',
  notes: 'Dine forberedelsesnoter', notesPlaceholder: 'Skriv stikord til samtalen (valgfrit)',
  notesPrivacy: 'Kun du og din leder kan se dine noter. Skriv ikke om helbred eller sygdom.',
  accept: 'Jeg kommer', saveNotes: 'Gem noter', askOther: 'Bed om et andet tidspunkt',
  reason: 'Hvorfor passer tiden ikke? (kort)', reasonPlaceholder: 'Fx kursus den dag', sendRequest: 'Send ønsket',
  reasonMissing: 'skriv kort, hvorfor tiden ikke passer',
  statusPending: '', statusAccepted: '✅ Du har sagt ja til tiden.',
  statusChange: 'Du har bedt om et andet tidspunkt. Din leder har fået besked.',
  statusKept: 'Din leder beholder tidspunktet. Kontakt din leder, hvis det slet ikke kan lade sig gøre.',
  notesSaved: 'Dine noter er gemt.',

  // Leader: change request.
  changeTitle: 'Ønske om andet tidspunkt',
  changeBody: (name: string, start: Date, end: Date) => `${name} beder om et andet tidspunkt end ${talkTime(start, end)}.`,
  changeReason: (reason: string) => `Begrundelse: "${reason}"`,
  changeHint: (name: string, group: boolean) => `Vælg en ny dato og et nyt klokkeslæt. ${group ? 'Alle i gruppen' : name} får en ny invitation.`,
  move: 'Flyt samtalen', keep: 'Behold tidspunktet',
  moved: (label: string, start: Date, end: Date) => `Samtalen med ${label} er flyttet til ${talkTime(start, end)}. Der er sendt en ny invitation.`,
  kept: (name: string) => `Tidspunktet er beholdt. ${name} får besked.`,
  noRequest: 'Der er ikke noget ønske om et andet tidspunkt at svare på.',

  // Job kinds, as the reminder engine's `status` shows them.
  jobLabels: {
    'mus.invite': 'MUS-invitation',
    'mus.reminder': 'Påmindelse om MUS',
    'mus.register': 'Registrér MUS',
    'mus.change': 'Ønske om anden MUS-tid',
    'mus.plan': 'Udviklingsplan til medarbejder',
    'mus.followUp': 'Opfølgning på udviklingsplan',
    'mus.nextDue': 'Næste MUS skal planlægges',
    'mus.medSummary': 'MUS-status til MED',
  } as Record<string, string>,

  // Reminders.
  reminderEmployee: (leader: string, start: Date, end: Date, place: string) =>
    `Påmindelse: Du har MUS med ${leader} ${talkTime(start, end)}, ${place}. Skriv **min MUS** for at se invitationen og dine noter.`,
  reminderLeader: (label: string, start: Date, end: Date, place: string) =>
    `Påmindelse: MUS med ${label} ${talkTime(start, end)}, ${place}. Skriv **registrér MUS** bagefter.`,
  leaderNotes: (name: string, notes: string) => `${genitive(name)} forberedelse (kun til dig): "${notes}"`,

  // Registration.
  registerTitle: (label: string) => `Registrér MUS: ${label}`,
  registerIntro: (start: Date, end: Date) => `Samtalen var planlagt ${talkTime(start, end)}.`,
  outcome: 'Blev samtalen holdt?', held: 'Ja, den blev holdt', notHeld: 'Nej, den blev ikke holdt',
  notHeldReason: 'Hvis nej: hvorfor?', notHeldChoices: notHeldNames,
  planHeading: 'Udviklingsplan',
  groupPlanNote: (names: string[]) => `Planen gælder for hver i gruppen: ${names.join(', ')}.`,
  shortGoals: 'Mål på kort sigt (det næste år)', longGoals: 'Mål på længere sigt',
  activities: 'Aktiviteter', activityChoices: activityNames,
  activityNote: 'Aktiviteterne konkret (fx hvilket kursus, hvilke opgaver)',
  knowledgeSharing: 'Efter et kursus: sådan deles den nye viden med kollegerne',
  followUpOn: 'Opfølgning på planen (dato)',
  registerWarning: 'Skriv ikke om helbred eller sygdom i planen.',
  registerAction: 'Registrér',
  notYetHeld: (start: Date, end: Date) => `Samtalen er planlagt til ${talkTime(start, end)}. Registrér den, når den er holdt.`,
  reasonRequired: 'vælg hvorfor samtalen ikke blev holdt',
  goalsRequired: 'skriv mindst ét mål',
  activityRequired: 'vælg mindst én aktivitet',
  sharingRequired: 'skriv, hvordan viden fra kurset deles med kollegerne',
  followUpAfterHeld: 'skal ligge efter samtalen',
  healthWords: (words: string[]) => `skriv ikke om helbred eller sygdom (fx "${words.join('", "')}")`,
  registeredHeld: (label: string, followUp: LocalDate) =>
    `MUS med ${label} er registreret. Udviklingsplanen er sendt til medarbejderen, og I får begge en påmindelse om opfølgning ${formatDanishDate(followUp)}.`,
  registeredNotHeld: (label: string) => `Det er registreret, at MUS med ${label} ikke blev holdt. Husk at planlægge en ny med **planlæg MUS**.`,
  nothingToRegister: 'Ingen MUS venter på at blive registreret.',
  registerPrompt: (label: string) => `Er MUS med ${label} holdt? Registrér den her.`,

  // Development plan (employee and leader).
  planViewTitle: (name: string) => `Udviklingsplan for ${name}`,
  planViewIntro: (leader: string, heldOn: LocalDate) => `Aftalt med ${leader} ved MUS ${formatDanishDate(heldOn)}.`,
  followUpTitle: (name: string) => `Opfølgning på udviklingsplan: ${name}`,
  followUpIntro: 'I dag er den aftalte dag for opfølgning på udviklingsplanen. Tal sammen om, hvordan det går med målene og aktiviteterne, og justér planen ved næste MUS.',
  heldOnLabel: 'MUS holdt', followUpLabel: 'Opfølgning', ackLabel: 'Læst af medarbejderen',
  notAcknowledged: 'Ikke endnu', acknowledge: 'Jeg har læst planen',
  acknowledged: (at: string) => `Ja, ${formatDanishDate(at.slice(0, 10))}`,
  noActivity: 'Ingen valgt', none: '(ikke udfyldt)',

  // Next MUS due.
  nextDue: (name: string) => `${name} skal snart have MUS igen: det er snart et år siden sidst. Skriv **planlæg MUS**, når du vil planlægge.`,

  // Status (leader: names; channel: counts only).
  statusTitle: (wp: string) => `MUS på ${wp}`,
  statusSummary: (c: { total: number; held: number; planned: number; due: number; overdue: number }) =>
    `${plural(c.total, 'medarbejder', 'medarbejdere')}: ${c.held} har haft MUS, ${c.planned} planlagt, ${c.due} skal have, ${c.overdue} forfaldne.`,
  sections: { overdue: 'Forfalden', due: 'Skal have MUS', planned: 'Planlagt', held: 'Har haft MUS', notYet: 'Ikke aktuelt endnu' },
  lineHeld: (on: LocalDate) => `holdt ${formatDanishDate(on)}`,
  linePlanned: (on: LocalDate) => `planlagt ${formatDanishDate(on)}`,
  lineDueFrom: (on: LocalDate) => `skulle have haft MUS fra ${formatDanishDate(on)}`,
  lineNever: 'ingen MUS registreret',
  lineNoPlan: 'mangler skriftlig udviklingsplan',
  lineNoStart: 'ansættelsesdato mangler (skriv **MUS stamdata**)',
  statusHint: 'Skriv **planlæg MUS** for at planlægge, **registrér MUS** efter samtalerne.',
  countsTitle: (wp: string) => `MUS på ${wp}: status`,
  countsFacts: { held: 'Har haft MUS', planned: 'Planlagt', due: 'Skal have MUS', overdue: 'Forfaldne', total: 'Medarbejdere i alt' },
  countsNote: 'Her vises kun antal. Indholdet af samtalerne og udviklingsplanerne deles aldrig i en kanal.',
  quarterTitle: (wp: string, quarter: string) => `MUS på ${wp}: kvartalsstatus ${quarter}`,
  quarterLabel: (year: number, q: number) => `${q}. kvartal ${year}`,
  countsNeedForum: 'Skriv **MUS status** i arbejdsstedets MED- eller TRIO-kanal.',
  mineNone: 'Du har ingen planlagt MUS lige nu.',
  minePlanNone: 'Du har ingen udviklingsplan endnu.',

  // People (start date, birth year).
  peopleTitle: (wp: string) => `Stamdata til MUS på ${wp}`,
  peopleIntro: 'Ansættelsesdatoen bruges til at se, hvem der skal have en skriftlig udviklingsplan (efter et år), fødselsåret til tilbuddet om seniorsamtale. Lad feltet stå tomt, hvis du ikke ved det.',
  startDate: 'Ansat fra', birthYear: 'Født (år)', save: 'Gem',
  badStartDate: (name: string) => `${name}: ansættelsesdatoen kan ikke ligge i fremtiden`,
  badBirthYear: (name: string, min: number, max: number) => `${name}: fødselsåret skal være mellem ${min} og ${max}`,
  peopleSaved: (n: number) => `Gemt for ${plural(n, 'medarbejder', 'medarbejdere')}.`,

  // MED settings.
  settingsTitle: (wp: string) => `MUS-rammer for ${wp}`,
  settingsIntro: 'MED fastlægger rammerne for MUS. Forberedelsesspørgsmålene sendes med hver invitation; skriv ét spørgsmål pr. linje.',
  questions: 'Forberedelsesspørgsmål (ét pr. linje)',
  seniorAge: 'Alder for tilbud om seniorsamtale (som Hoved-MED har fastsat)',
  useDefaults: 'Brug standardspørgsmålene',
  questionsRequired: 'skriv mindst ét spørgsmål',
  questionsTooMany: 'højst 12 spørgsmål',
  questionTooLong: 'hvert spørgsmål må højst være 300 tegn',
  settingsSaved: (n: number, age: number) => `Gemt: ${plural(n, 'spørgsmål', 'spørgsmål')}, seniorsamtale fra ${age} år.`,
  /** Validation of card input (src/mus/schemas.ts). */
  v: {
    time: 'vælg et klokkeslæt som 09:00',
    date: 'vælg en dato',
    wholeMinutes: 'skriv et helt antal minutter',
    atLeast: (n: number) => `mindst ${n}`,
    atMost: (n: number) => `højst ${n}`,
    atLeastMinutes: (n: number) => `mindst ${n} minutter`,
    atMostMinutes: (n: number) => `højst ${n} minutter`,
    atMostChars: (n: number) => `højst ${n} tegn`,
    place: 'skriv hvor samtalerne holdes',
    mode: 'vælg individuelle samtaler eller GRUS',
    participants: 'vælg mindst én medarbejder',
    outcome: 'vælg om samtalen blev holdt',
    fromList: 'vælg fra listen',
    wholeYears: 'skriv en alder i hele år',
  },
};

export { activityNames, notHeldNames, capital as musCapital, plural as musPlural };
