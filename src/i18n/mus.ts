/**
 * Danish text of the MUS feature (medarbejderudviklingssamtale): the slot planner's
 * validation messages, the cards' labels and the reminders. Card layouts are in
 * cards/mus-*.json; everything a person reads is here or there.
 */
import { formatDanishDate, weekdayOf, type LocalDate, type LocalTime } from '../shared/calendar.js';
import { activityNames, capital, deliveryTime, notHeldNames, plural, talkTime, time, WEEKDAY_NAMES, when, names } from './mus-format.js';
import { musPlanText } from './mus-plan.js';

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
    `Tidsrummet ${time(start)}-${time(end)} er for kort til en samtale på ${minutes} minutter.`,
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

/**
 * The seniorsamtale's questions, in our own words after the senior's own questions in
 * seed 004:4795-4803 (and the knowledge and working-time themes around them). Offered to
 * the employee with the invitation and to the leader on the talk's cards.
 */
export const SENIOR_QUESTIONS: readonly string[] = Object.freeze([
  'Er du tilfreds med dine opgaver og dine arbejdsforhold, som de er nu?',
  'Hvad er særligt godt, og hvad kunne blive bedre de næste år?',
  'Hvilke forventninger har du til dit arbejdsliv de kommende år?',
  'Hvilke af dine styrker og erfaringer har arbejdsstedet særligt gavn af, og hvordan kan du give dem videre til kolleger?',
  'Har du ønsker til dine opgaver, mængden af opgaver, din arbejdstid eller mere eller mindre ansvar?',
]);

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
  notLeader: 'Kun en leder på arbejdsstedet kan det.',
  notYours: 'Den MUS kan du ikke se. Kun medarbejderen og lederen kan.',
  talkGone: 'Den samtale findes ikke længere. Skriv **min MUS** for at se din næste samtale.',
  talkNotPlanned: 'Samtalen er allerede registreret eller aflyst.',
  staleVersion: 'Tidspunktet er ændret siden. Se den nyeste invitation i chatten.',
  changedMeanwhile: 'Nogen har ændret det samme imens. Hent kortet igen og prøv en gang til.',
  whichWorkplace: (names: string[]) => `Du er leder flere steder. Skriv fx **planlæg MUS ${names[0] ?? ''}**. Dine arbejdssteder: ${names.join(', ')}.`,
  unknownWorkplace: (arg: string) => `Du er ikke leder på "${arg}".`,
  noEmployees: 'Der er ingen medarbejdere på arbejdsstedet endnu. Giv kollegerne roller med **roller** i TRIO-kanalen.',
  fixFields: 'Ret det markerede. Alt, hvad du skrev, er bevaret.',

  // Planning card.
  planTitle: (wp: string) => `Planlæg MUS på ${wp}`,
  planIntro: 'Jeg foreslår en tid til hver medarbejder: kun på arbejdsdage, ikke på helligdage og aldrig oven i dine andre MUS. Du kan rette alle tider, før invitationerne sendes.',
  from: 'Første dag', to: 'Sidste dag', windowStart: 'Tidligst kl.', windowEnd: 'Senest slut kl.',
  duration: 'Varighed (minutter)', buffer: 'Pause mellem samtaler (minutter)',
  bufferHint: 'Pausen holdes mellem to samtaler og omkring dine andre MUS. Skriv 0 for ingen pause.',
  place: 'Sted', placePlaceholder: 'Fx mødelokalet i administrationen',
  mode: 'Samtaleform', modeIndividual: 'Individuelle samtaler', modeGroup: 'Gruppesamtaler (GRUS)',
  participants: 'Medarbejdere', participantsHint: 'Forvalgt: dem, der skal have MUS og ikke har en planlagt.',
  groupsHelp: 'Kun ved GRUS: skriv det samme gruppenavn ud for dem, der skal have samtale sammen. Uden gruppe får man en individuel samtale.',
  groupOf: (name: string) => `${name}: gruppe`,
  groupPlaceholder: 'Fx Dagvagt',
  propose: 'Foreslå tider',
  tooMany: (max: number) => `Planlæg højst ${max} medarbejdere ad gangen.`,
  unknownParticipant: 'En af de valgte er ikke længere medarbejder her. Hent kortet igen med **planlæg MUS**.',
  groupTooLong: 'gruppenavnet må højst være 40 tegn',
  nobodyToPlan: 'Jeg kan ikke planlægge nogen af de valgte i perioden. Vælg andre medarbejdere eller en anden periode.',

  // Draft card.
  draftTitle: 'Forslag til MUS-tider',
  draftIntro: (from: LocalDate, to: LocalDate, minutes: number, place: string) =>
    `${formatDanishDate(from)} til ${formatDanishDate(to)}, ${minutes} minutter, ${place}. Ret en dato eller et klokkeslæt, hvis det passer dig bedre.`,
  groupMembers: (names: string[]) => `Gruppesamtale med ${names.join(', ')}`,
  unplanned: (list: string[]) => `Der var ikke plads til: ${list.join(', ')}.`,
  unplannedWhy: (c: { workingDays: number; total: number; perFreeDay: number; perFreeDayWithoutPause: number }, p: { durationMinutes: number; bufferMinutes: number; windowStart: string; windowEnd: string }) =>
    [
      `Perioden har ${plural(c.workingDays, 'arbejdsdag', 'arbejdsdage')} med plads til ${plural(c.total, 'samtale', 'samtaler')} på ${p.durationMinutes} minutter med ${p.bufferMinutes} minutters pause.`,
      `Tidsrummet ${time(p.windowStart)}-${time(p.windowEnd)} giver plads til ${plural(c.perFreeDay, 'samtale', 'samtaler')} om dagen${p.bufferMinutes > 0 && c.perFreeDayWithoutPause > c.perFreeDay ? ` (${c.perFreeDayWithoutPause} uden pause)` : ''}.`,
      ...(c.total < c.workingDays * c.perFreeDay ? ['Dine andre MUS og tider, der allerede er passeret, optager resten.'] : []),
      'Vælg en længere periode, et større tidsrum eller en kortere pause, eller planlæg dem bagefter.',
    ].join(' '),
  recentlyHeld: (list: { name: string; on: LocalDate }[]) =>
    `Havde MUS for under 11 måneder siden: ${list.map((x) => `${x.name} (${formatDanishDate(x.on)})`).join(', ')}. Send kun, hvis I har aftalt en ny samtale; ellers tag dem ud af planen.`,
  sendInvites: 'Send invitationer', saveDraft: 'Gem ændringer',
  slotDate: 'Dato', slotTime: 'Kl.',
  slotInvalid: (label: string, why: string) => `${label}: ${why}`,
  slotDateMissing: 'vælg en dato',
  slotTimeMissing: 'vælg et klokkeslæt som 09:00',
  slotInPast: 'tidspunktet er allerede passeret',
  draftSaved: 'Ændringerne er gemt. Send invitationerne, når planen er klar.',
  draftGone: 'Forslaget findes ikke længere. Skriv **planlæg MUS** for at begynde forfra.',
  alreadyPlanned: (names: string[]) => `${names.join(', ')} har allerede en planlagt MUS. Tag ${names.length === 1 ? 'personen' : 'dem'} ud af planen, eller flyt den planlagte samtale.`,
  sent: (n: number, at: Date | undefined, reminders: 'all' | 'some' | 'none') =>
    [
      at
        ? `Invitationerne til ${plural(n, 'medarbejder', 'medarbejdere')} sendes ${deliveryTime(at)}, når arbejdstiden begynder, i deres private chat med mig.`
        : `Invitationerne sendes nu til ${plural(n, 'medarbejder', 'medarbejdere')} i deres private chat med mig.`,
      'Du får besked, hvis nogen beder om et andet tidspunkt.',
      reminders === 'all'
        ? 'I får påmindelser 7 dage og 1 dag før.'
        : reminders === 'some'
          ? 'Påmindelser 7 dage og 1 dag før sendes, hvor der er tid til dem før samtalen.'
          : 'Samtalerne er så tæt på, at der ikke kommer påmindelser.',
    ].join(' '),
  alreadySent: 'Invitationerne er allerede sendt.',

  // Invitation card.
  inviteTitle: 'Invitation til MUS',
  movedTitle: 'Ny tid til din MUS',
  when: 'Hvornår', where: 'Hvor', with: 'Med', kind: 'Samtale',
  kindIndividual: 'Individuel MUS', kindGroup: (label: string) => `Gruppe-MUS (${label})`,
  purpose:
    'MUS er din årlige samtale med din leder om dit arbejde, din trivsel og din udvikling. I ser tilbage på året og frem mod det næste, og I aftaler en skriftlig udviklingsplan med mål på kort og lang sigt og konkrete aktiviteter, fx kurser, nye opgaver eller et projekt.',
  prepare: 'Forbered dig gerne på disse spørgsmål:',
  seniorText: (age: number) => `Fra ${age} år har du ret til at få tilbudt en seniorsamtale sammen med din MUS.`,
  seniorAbout: 'I taler om dine ønsker til arbejdslivet de kommende år. Forbered dig gerne på:',
  seniorToggle: 'Ja tak, jeg vil gerne have en seniorsamtale',
  notes: 'Dine forberedelsesnoter', notesPlaceholder: 'Skriv stikord til samtalen (valgfrit)',
  notesPrivacy: 'Kun du og din leder kan se dine noter. Skriv ikke om helbred eller sygdom.',
  accept: 'Jeg kommer', saveNotes: 'Gem noter', askOther: 'Bed om et andet tidspunkt',
  reason: 'Hvorfor passer tiden ikke? (kort)', reasonPlaceholder: 'Fx kursus den dag', sendRequest: 'Send ønsket',
  reasonMissing: 'skriv kort, hvorfor tiden ikke passer',
  statusPending: '', statusAccepted: '✅ Du har sagt ja til tiden.',
  statusChange: 'Du har bedt om et andet tidspunkt.',
  leaderTold: (at: Date | undefined) => (at ? `Din leder får besked ${deliveryTime(at)}, når arbejdstiden begynder.` : 'Din leder får besked nu.'),
  statusKept: 'Din leder beholder tidspunktet. Kontakt din leder, hvis det slet ikke kan lade sig gøre.',
  notesSaved: 'Dine noter er gemt. Kun du og din leder kan se dem.',
  notesHealth: (terms: string[]) =>
    `Dine noter nævner "${terms.slice(0, 3).join('", "')}". Noterne handler om dit arbejde: skriv ikke om helbred eller sygdom. Ret teksten, eller tryk på **Gem alligevel**, hvis ordene ikke handler om dit helbred.`,
  saveAnyway: 'Gem alligevel',

  // Leader: change request.
  changeTitle: 'Ønske om andet tidspunkt',
  changeBody: (name: string, start: Date, end: Date) => `${name} beder om et andet tidspunkt end ${talkTime(start, end)}.`,
  changeReason: (reason: string) => `Begrundelse: "${reason}"`,
  changeHint: (name: string, group: boolean) => `Vælg en ny dato og et nyt klokkeslæt. ${group ? 'Alle i gruppen' : name} får en ny invitation.`,
  move: 'Flyt samtalen', keep: 'Behold tidspunktet',
  moved: (label: string, start: Date, end: Date, at: Date | undefined) =>
    `Samtalen med ${label} er flyttet til ${talkTime(start, end)}. Den nye invitation sendes ${deliveryTime(at)}.`,
  kept: (name: string, at: Date | undefined) => `Tidspunktet er beholdt. ${name} får besked ${deliveryTime(at)}.`,
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


  // Status (leader: names; channel: counts only).
  statusTitle: (wp: string) => `MUS på ${wp}`,
  statusSummary: (c: { total: number; held: number; planned: number; due: number; overdue: number }) =>
    `${plural(c.total, 'medarbejder', 'medarbejdere')}: ${c.held} har haft MUS, ${c.planned} planlagt, ${c.due} skal have, ${c.overdue} overskredet.`,
  sections: { overdue: 'Overskredet', due: 'Skal have MUS', planned: 'Planlagt', held: 'Har haft MUS', notYet: 'Ikke aktuelt endnu' },
  lineHeld: (on: LocalDate) => `holdt ${formatDanishDate(on)}`,
  linePlanned: (on: LocalDate) => `planlagt ${formatDanishDate(on)}`,
  /** Due, not late: the last day on time. */
  lineDueBy: (by: LocalDate) => `skal have MUS senest ${formatDanishDate(by)}`,
  /** Late: the day it should have been held by. */
  lineOverdueSince: (by: LocalDate) => `skulle have haft MUS senest ${formatDanishDate(by)}`,
  lineDueNow: 'skal have MUS nu',
  lineAnswer: { accepted: 'har sagt ja', changeRequested: 'har bedt om et andet tidspunkt', pending: 'har ikke svaret' } as Record<string, string>,
  lineSenior: 'ønsker seniorsamtale',
  lineNotes: 'har skrevet forberedelse',
  lineNever: 'ingen MUS registreret',
  lineNoPlan: 'mangler skriftlig udviklingsplan',
  lineNoStart: 'ansættelsesdato mangler (skriv **MUS stamdata**)',
  statusHint: 'Skriv **planlæg MUS** for at planlægge, **registrér MUS** efter samtalerne.',
  countsTitle: (wp: string) => `MUS på ${wp}: status`,
  countsFacts: { held: 'Har haft MUS', planned: 'Planlagt', due: 'Skal have MUS', overdue: 'Overskredet', total: 'Medarbejdere i alt' },
  countsNote: 'Her vises kun antal. Indholdet af samtalerne og udviklingsplanerne deles aldrig i en kanal.',
  quarterTitle: (wp: string, quarter: string) => `MUS på ${wp}: kvartalsstatus ${quarter}`,
  quarterLabel: (year: number, q: number) => `${q}. kvartal ${year}`,
  countsNeedForum: 'Skriv **MUS status** i arbejdsstedets MED- eller TRIO-kanal.',
  mineNone: 'Du har ingen planlagt MUS lige nu.',
  minePlanNone: 'Du har ingen udviklingsplan endnu.',

  // People (start date, birth year).
  peopleTitle: (wp: string) => `Stamdata til MUS på ${wp}`,
  peopleIntro:
    'Holder I allerede MUS? Skriv datoen for hver medarbejders sidste MUS, så er listen rigtig fra første dag. Ansættelsesdatoen viser, hvornår en nyansat skal have sin første MUS, og hvem der skal have en skriftlig udviklingsplan; den må gerne ligge ude i fremtiden. Fødselsåret bruges til tilbuddet om seniorsamtale. Lad et felt stå tomt, hvis du ikke ved det.',
  startDate: 'Ansat fra', birthYear: 'Født (år)', lastMus: 'Sidste MUS', save: 'Gem',
  peopleSaved: (n: number) => `Gemt for ${plural(n, 'medarbejder', 'medarbejdere')}.`,

  // MED settings.
  settingsTitle: (wp: string) => `MUS-rammer for ${wp}`,
  settingsIntro:
    'MED fastlægger rammerne for MUS som udvalg: en ændring træder i kraft, når en leder og en TR eller AMR har godkendt den. Forberedelsesspørgsmålene sendes med hver invitation; skriv ét spørgsmål pr. linje.',
  questions: 'Forberedelsesspørgsmål (ét pr. linje)',
  seniorAge: 'Alder for tilbud om seniorsamtale (som Hoved-MED har fastsat)',
  useDefaults: 'Foreslå standardspørgsmålene',
  proposeChange: 'Foreslå ændringen',
  currentHeading: 'Gælder nu',
  currentLine: (n: number, age: number) => `${plural(n, 'forberedelsesspørgsmål', 'forberedelsesspørgsmål')}, seniorsamtale fra ${age} år.`,
  proposalHeading: 'Forslag, der venter på godkendelse',
  proposalBy: (name: string, at: string) => `Foreslået af ${name} ${formatDanishDate(at.slice(0, 10))}:`,
  proposalDefaults: 'Standardspørgsmålene',
  proposalAge: (age: number) => `Seniorsamtale fra ${age} år`,
  proposalApprovedBy: (list: string[]) => `Godkendt af ${names(list)}.`,
  proposalMissing: (missing: ('leader' | 'representative')[]) => `Mangler godkendelse fra ${missingText(missing)}.`,
  approve: 'Godkend', reject: 'Afvis',
  proposed: (missing: ('leader' | 'representative')[]) => `Forslaget er gemt. Det træder i kraft, når ${missingText(missing)} har godkendt det.`,
  approvedPartly: (missing: ('leader' | 'representative')[]) => `Du har godkendt forslaget. Det mangler godkendelse fra ${missingText(missing)}.`,
  alreadyApproved: 'Du har allerede godkendt forslaget.',
  proposalRejected: (name: string) => `${name} har afvist forslaget. Rammerne er ikke ændret.`,
  noProposal: 'Der er ikke noget forslag at godkende. Skriv **MUS indstillinger** for at se rammerne.',
  proposalChanged: 'Forslaget er ændret, siden kortet blev vist. Se det nye forslag og godkend igen.',
  questionsRequired: 'skriv mindst ét spørgsmål',
  questionsTooMany: 'højst 12 spørgsmål',
  questionTooLong: 'hvert spørgsmål må højst være 300 tegn',
  settingsSaved: (n: number, age: number) => `Ændringen er godkendt og gælder nu: ${plural(n, 'spørgsmål', 'spørgsmål')}, seniorsamtale fra ${age} år.`,
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
    activityKind: 'vælg hvilken slags aktivitet',
    notBeforeTomorrow: 'vælg en dag efter i dag',
    startTooLate: 'ansættelsesdatoen kan højst ligge et år ude i fremtiden',
    birthYear: (min: number, max: number) => `skriv et år mellem ${min} og ${max}, eller lad feltet stå tomt`,
    lastMusFuture: 'sidste MUS kan ikke ligge i fremtiden',
    lastMusBeforeStart: 'sidste MUS kan ikke ligge før ansættelsen',
    healthWords: (words: string[]) => `skriv ikke om helbred eller sygdom (fx "${words.join('", "')}"); fagets ord som "kursus i medicinhåndtering" er fine`,
  },
  ...musPlanText,
};

function missingText(missing: ('leader' | 'representative')[]): string {
  return missing.map((m) => (m === 'leader' ? 'en leder' : 'en TR eller AMR')).join(' og ');
}

export { activityNames, activityStatusNames, deliveryTime, notHeldNames, talkTime } from './mus-format.js';
