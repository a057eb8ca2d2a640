/**
 * Danish text of MUS around the talk itself: the leader's talk card (preparation and the
 * seniorsamtale wish), the reminders, the registration card, the udviklingsplan and its
 * follow-up. Joined into `musText` by src/i18n/mus.ts.
 */
import { formatDanishDate, type LocalDate } from '../shared/calendar.js';
import { activityNames, activityStatusNames, deliveryTime, genitive, notHeldNames, talkTime } from './mus-format.js';

export const musPlanText = {
  // The leader's card of one talk.
  talkTitle: (label: string) => `MUS med ${label}`,
  talkPrivacy: 'Kun du ser dette kort. Forberedelsen er medarbejderens egen: brug den i samtalen, og del den ikke med andre.',
  answerAccepted: 'Har sagt ja til tiden.',
  answerChange: (reason: string) => `Har bedt om et andet tidspunkt${reason ? `: "${reason}"` : ''}.`,
  answerPending: 'Har ikke svaret endnu.',
  seniorWanted: (name: string) => `${name} ønsker en seniorsamtale sammen med MUS.`,
  seniorNotWanted: 'Er tilbudt en seniorsamtale og har ikke bedt om den.',
  preparationOf: (name: string) => `${genitive(name)} forberedelse`,
  noPreparation: 'Ingen forberedelsesnoter endnu.',
  seniorQuestionsHeading: 'Spørgsmål til seniorsamtalen',
  refresh: 'Opdatér',
  showTalk: 'Se forberedelsen',
  showPlan: 'Se udviklingsplanen',

  // Reminders.
  reminderEmployee: (leader: string, start: Date, end: Date, place: string) =>
    `Påmindelse: Du har MUS med ${leader} ${talkTime(start, end)}, ${place}. Skriv **min MUS** for at se invitationen og dine noter.`,
  reminderLeader: (label: string, start: Date, end: Date, place: string) =>
    `Påmindelse: MUS med ${label} ${talkTime(start, end)}, ${place}. Forberedelsen står på kortet. Skriv **registrér MUS** bagefter.`,

  // Registration.
  registerTitle: (label: string) => `Registrér MUS: ${label}`,
  registerIntro: (start: Date, end: Date) => `Samtalen var planlagt ${talkTime(start, end)}.`,
  outcome: 'Blev samtalen holdt?', held: 'Ja, den blev holdt', notHeld: 'Nej, den blev ikke holdt',
  notHeldReason: 'Hvis nej: hvorfor?', notHeldChoices: notHeldNames,
  planHeading: 'Udviklingsplan',
  groupPlanNote: (names: string[]) => `Planen gælder for hver i gruppen: ${names.join(', ')}.`,
  shortGoals: 'Mål på kort sigt (det næste år)', longGoals: 'Mål på længere sigt',
  activities: 'Aktiviteter', activityChoices: activityNames,
  activitiesHelp: 'Skriv aktiviteterne med jeres egne ord, fx "Kursus i medicinhåndtering" eller "Demensuddannelse". Tomme rækker springes over.',
  activityKind: (n: number) => `Aktivitet ${n}`,
  activityKindPlaceholder: 'Vælg slags',
  activityText: 'Hvad konkret',
  activityNote: 'Aktiviteterne konkret (fx hvilket kursus, hvilke opgaver)',
  knowledgeSharing: 'Efter et kursus: sådan deles den nye viden med kollegerne',
  seniorNote: 'Aftaler fra seniorsamtalen (fx opgaver, arbejdstid, ansvar)',
  followUpOn: 'Opfølgning på planen (dato)',
  registerWarning: 'Skriv ikke om helbred eller sygdom i planen.',
  registerAction: 'Registrér',
  notYetHeld: (start: Date, end: Date) => `Samtalen er planlagt til ${talkTime(start, end)}. Registrér den, når den er holdt.`,
  reasonRequired: 'vælg hvorfor samtalen ikke blev holdt',
  goalsRequired: 'skriv mindst ét mål',
  activityRequired: 'vælg mindst én aktivitet',
  sharingRequired: 'skriv, hvordan viden fra kurset deles med kollegerne',
  followUpAfterHeld: 'skal ligge efter samtalen',
  registeredHeld: (label: string, followUp: LocalDate, at: Date | undefined) =>
    `MUS med ${label} er registreret. Udviklingsplanen sendes til medarbejderen ${deliveryTime(at)}, og I får begge en påmindelse om opfølgning ${formatDanishDate(followUp)}.`,
  registeredNotHeld: (label: string) => `Det er registreret, at MUS med ${label} ikke blev holdt. Husk at planlægge en ny med **planlæg MUS**.`,
  nothingToRegister: 'Ingen MUS venter på at blive registreret.',
  registerPrompt: (label: string) => `Er MUS med ${label} holdt? Registrér den her.`,

  // Development plan (employee and leader).
  planViewTitle: (name: string) => `Udviklingsplan for ${name}`,
  planViewIntro: (leader: string, heldOn: LocalDate) => `Aftalt med ${leader} ved MUS ${formatDanishDate(heldOn)}.`,
  heldOnLabel: 'MUS holdt', followUpLabel: 'Opfølgning', ackLabel: 'Læst af medarbejderen',
  seniorLabel: 'Seniorsamtale', seniorWantedValue: 'Ønsket ved denne MUS',
  notAcknowledged: 'Ikke endnu', acknowledge: 'Jeg har læst planen',
  acknowledged: (at: string) => `Ja, ${formatDanishDate(at.slice(0, 10))}`,
  noActivity: 'Ingen valgt', none: '(ikke udfyldt)',
  activityLine: (kind: string, text: string, status: string, note: string) => `${text ? `${kind}: ${text}` : kind} · ${status}${note ? ` · ${note}` : ''}`,
  activityStatuses: activityStatusNames,
  followUpsHeading: 'Opfølgninger',
  followUpEntry: (at: string, name: string, lines: string[], changes: string) =>
    `${formatDanishDate(at.slice(0, 10))}, ${name}: ${[...lines, ...(changes ? [`Det ændrer vi: ${changes}`] : [])].join('; ') || 'ingen ændringer'}`,
  followUpButton: 'Følg op på planen',

  // Follow-up card.
  followUpTitle: (name: string) => `Opfølgning på udviklingsplan: ${name}`,
  followUpIntro:
    'Tal sammen om, hvordan det går med målene og aktiviteterne, og skriv det her: hvad der er sket med hver aktivitet, og hvad I ændrer. I kan begge gemme; planen viser hver opfølgning.',
  statusLabel: 'Status', happenedLabel: 'Hvad er der sket?',
  addActivity: 'Ny aktivitet (valgfrit)',
  changesLabel: 'Det ændrer vi',
  nextFollowUp: 'Næste opfølgning (valgfrit)',
  saveFollowUp: 'Gem opfølgningen',
  changedLine: (activity: string, from: string, to: string) => `${activity}: ${from} → ${to}`,
  addedLine: (activity: string) => `Ny aktivitet: ${activity}`,
  goalsRevised: 'Målene er justeret',
  followUpSaved: (next: LocalDate | undefined) =>
    `Opfølgningen er gemt, og planen er opdateret.${next ? ` Næste opfølgning: ${formatDanishDate(next)}.` : ''}`,
  followUpNothing: 'skriv, hvad I har talt om, eller ændr en status',
  followUpStale: (name: string) => `${name} har gemt en opfølgning imens. Kortet viser planen, som den er nu; det, du skrev under "Det ændrer vi", er bevaret. Se det igennem, og gem igen.`,
  tooManyActivities: (max: number) => `planen kan højst have ${max} aktiviteter`,

  // Next MUS due.
  nextDue: (name: string) => `${name} skal snart have MUS igen: det er snart et år siden sidst. Skriv **planlæg MUS**, når du vil planlægge.`,
};
