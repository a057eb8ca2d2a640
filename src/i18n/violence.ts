/**
 * Danish text of vold, trusler og krænkelser: the registration form, the follow-up
 * cards, the AMR's notice, TRIO's monthly card, replies and validation. The cards
 * (cards/violence-*.json) bind every string; labels used on a card and in a message are
 * defined once, in LABEL.
 *
 * Tone: calm and practical. The person it happened to comes first; the bot never asks
 * who the resident is.
 */
import { formatDanishDate, type LocalDate } from '../shared/calendar.js';

const date = (d: LocalDate) => formatDanishDate(d);
const hhmm = (t: string) => t.replace(':', '.');

export const LABEL = {
  who: 'Hvem skete det for?',
  occurredOn: 'Dato',
  occurredAt: 'Klokkeslæt',
  place: 'Hvor',
  kind: 'Hvad skete der',
  source: 'Fra hvem (kun kategori)',
  injured: 'Nogen kom til skade',
  absenceFrom: 'Første fraværsdag, hvis det førte til fravær',
  needsTalkNow: 'Har brug for at tale med nogen nu',
  amrMayKnowName: 'AMR må se navnet',
  description: 'Kort beskrivelse (valgfri)',
  markDone: 'Markér som gjort',
  show: 'Vis episoden',
  saveAnyway: 'Registrér alligevel',
} as const;

export const KIND_LABELS = {
  fysisk: 'Fysisk vold',
  trussel: 'Trussel',
  psykisk: 'Psykisk vold',
  seksuel: 'Seksuel krænkelse',
  chikane: 'Chikane',
  mobning: 'Mobning',
} as const;

export const SOURCE_LABELS = { borger: 'Borger', paaroerende: 'Pårørende', kollega: 'Kollega', andre: 'Andre' } as const;

export const TIME_LABELS = { dag: 'Dag (7-15)', aften: 'Aften (15-23)', nat: 'Nat (23-7)' } as const;

export const STEP_TITLES = {
  talk: 'Tilbyd en samtale i dag (defusing, psykisk førstehjælp)',
  followup: 'Hold den opfølgende samtale',
  anmeldelse: 'Anmeld som arbejdsulykke',
  police: 'Politianmeldelse: medarbejderen beslutter',
  risk: 'Lav en risikovurdering af situationen',
} as const;

/** A step's title; the talk's says when, from the policy (0 = the day of the registration). */
export function stepTitle(key: keyof typeof STEP_TITLES, talkDays: number): string {
  if (key !== 'talk' || talkDays === 0) return STEP_TITLES[key];
  return `Tilbyd en samtale senest ${talkDays === 1 ? 'dagen' : `${talkDays} dage`} efter registreringen (defusing, psykisk førstehjælp)`;
}

export const STATUS_LABELS = {
  done: (on: LocalDate) => `Gjort ${date(on)}`,
  due: (on: LocalDate) => `Skal gøres senest ${date(on)}`,
  overdue: (on: LocalDate) => `Fristen var ${date(on)}`,
  upcoming: (on: LocalDate) => `Fra ${date(on)}`,
  notApplicable: 'Ikke nødvendigt: ingen kom til skade, og ingen har fravær',
} as const;

export const SOURCES = {
  talk: 'Kilde: voldspolitikken beskriver opfølgningen på voldsepisoder; samtalen samme dag er psykisk førstehjælp.',
  followup: 'Kilde: voldspolitikken beskriver opfølgningen; en opfølgende samtale efter få dage (debriefing).',
  anmeldelse: (days: number) =>
    `Kilde: arbejdsskadesikringsloven: en arbejdsulykke anmeldes senest ${days} dage efter første fraværsdag. Her registreres kun, at og hvornår det er gjort, aldrig selve anmeldelsen.`,
  police: 'Kilde: voldspolitikken bør beskrive politianmeldelse. Beslutningen er medarbejderens; arbejdsgiveren hjælper gerne.',
  risk: 'Kilde: lederen skal anmelde arbejdsulykker og foretage risikovurdering, så gentagelse undgås. Kan blive en handling i handleplanen med kilde "vold og trusler".',
} as const;

export const JOB_LABELS: Record<string, string> = {
  'violence.notice': 'Vold og trusler: besked til leder',
  'violence.amr': 'Vold og trusler: besked til AMR',
  'violence.confirm': 'Vold og trusler: kollega skal bekræfte',
  'violence.reminder': 'Vold og trusler: opfølgning',
  'violence.monthly': 'Vold og trusler: månedens tal',
};

export const violenceText = {
  commands: {
    register: 'Registrér en episode med vold, trusler eller krænkelser (tager et minut).',
    overview: 'Viser dine episoder, og som leder dem, du følger op på.',
    settings: 'Leder: stederne på listen og fristerne i opfølgningen på vold og trusler.',
  },
  settings: {
    title: (wp: string) => `Indstillinger for vold og trusler – ${wp}`,
    intro: 'Stederne står på registreringsformularen. Fristerne styrer påmindelserne til lederen og medarbejderen.',
    places: 'Steder (ét pr. linje, højst 15)',
    talkDays: 'Samtale tilbydes (dage efter registreringen, 0 = samme dag)',
    followUpTalkDays: 'Opfølgende samtale (dage efter registreringen)',
    anmeldelseDays: 'Anmeldelse som arbejdsulykke senest (dage efter første fraværsdag)',
    anmeldelseLeadDays: 'Påmindelse om anmeldelsen (dage før fristen)',
    policeReminderDays: 'Påmindelse om politianmeldelse (dage efter registreringen)',
    riskAssessmentDays: 'Risikovurdering (dage efter registreringen)',
    anmeldelseSource: 'Den offentliggjorte regel er senest 9 dage efter første fraværsdag.',
    save: 'Gem indstillinger',
    errors: 'Ret det, der står herunder, og tryk Gem igen:',
    saved: (wp: string) => `Indstillingerne for vold og trusler på ${wp} er gemt. De gælder fra nu af, også for episoder, der er i gang.`,
    notLeader: 'Kun en leder af arbejdsstedet kan ændre indstillingerne for vold og trusler.',
    unknownWorkplace: (name: string) => `Du er ikke leder på et arbejdssted, der hedder "${name}".`,
    chooseWorkplace: (names: string[]) => `Du er leder flere steder. Skriv fx **indstillinger vold ${names[0] ?? ''}**. Du kan vælge: ${names.join(', ')}.`,
    v: {
      places: 'skriv mindst ét sted, højst 15, hvert højst 40 tegn',
      days: (min: number, max: number) => `skriv et helt tal fra ${min} til ${max}`,
    },
  },
  form: {
    title: 'Registrér en episode',
    intro: 'Det tager et minut. Du kan registrere for dig selv eller for en kollega, som så bliver bedt om at bekræfte.',
    noResident: 'Skriv aldrig borgerens navn eller CPR-nummer. Vælg kun en kategori under "Fra hvem". Botten gemmer ingen oplysninger om borgere.',
    noHealth: 'Skriv ikke om diagnoser eller helbred i beskrivelsen. Hvad der skete, og hvad der hjalp, er nok.',
    self: 'Mig selv',
    ...LABEL,
    chooseDate: 'Vælg datoen',
    chooseTime: 'Skriv klokkeslættet',
    choosePlace: 'Vælg et sted',
    chooseKind: 'Vælg hvad der skete',
    chooseSource: 'Vælg en kategori',
    register: 'Registrér',
    placeholder: 'Fx "Optrapning ved aftensmaden, kollega hjalp med at skærme"',
    errorsTitle: 'Ret venligst:',
    warningTitle: (terms: string[]) => `Beskrivelsen nævner ${terms.map((t) => `"${t}"`).join(', ')}. Det kan være helbredsoplysninger. Ret teksten, eller tryk "Registrér alligevel".`,
  },
  v: {
    who: 'vælg hvem det skete for',
    date: 'skriv en dato',
    future: 'datoen kan ikke ligge i fremtiden',
    old: 'datoen må højst ligge et år tilbage',
    time: 'skriv et klokkeslæt som 14:30',
    place: 'vælg et af stederne på listen',
    kind: 'vælg hvad der skete',
    source: 'vælg borger, pårørende, kollega eller andre',
    absenceFrom: 'første fraværsdag skal være episodens dag eller senere, og ikke i fremtiden',
    description: 'højst 1000 tegn',
    cpr: 'det ligner et CPR-nummer. Skriv aldrig en borgers CPR-nummer eller navn',
    form: 'formularen er for gammel: skriv registrér episode igen',
    workplace: 'ukendt arbejdssted',
    episode: 'ukendt episode',
    step: 'ukendt trin',
    police: 'vælg ja eller nej',
  },
  registered: 'Tak. Episoden er registreret, og din leder har fået besked. Du bestemmer selv, om den skal politianmeldes: det kort får du nu.',
  registeredNeedsTalk: 'Tak. Episoden er registreret, og din leder har fået besked med det samme om, at du har brug for at tale med nogen nu.',
  registeredForColleague: (name: string) => `Tak. Episoden er registreret, og ${name} bliver bedt om at bekræfte den. Lederen har fået besked. Du får ikke flere beskeder om den, for den tilhører ${name}.`,
  alreadyRegistered: 'Den episode er allerede registreret. Du behøver ikke gøre mere.',
  noLeader: 'Der er ingen leder på arbejdsstedet i botten endnu, så ingen har fået besked. Tal med din leder direkte, og bed om at få roller sat op.',
  chooseWorkplace: (names: string[]) => `Du er på flere arbejdssteder. Skriv fx **registrér episode ${names[0] ?? ''}**. Du kan vælge: ${names.join(', ')}.`,
  unknownWorkplace: (name: string) => `Jeg kender ikke arbejdsstedet "${name}" blandt dine.`,
  noWorkplace: 'Du er ikke tilknyttet et arbejdssted endnu. Bed din leder om at give dig en rolle.',
  notFound: 'Jeg kan ikke finde den episode. Den kan være slettet, eller den er ikke din.',
  conflict: 'Episoden blev ændret i samme øjeblik. Hent kortet igen, og prøv en gang til.',
  stepDone: (title: string) => `Gemt: ${title}.`,
  policeSaved: (yes: boolean) =>
    yes ? 'Gemt: du politianmelder episoden. Din leder kan hjælpe med anmeldelsen og gå med, hvis du ønsker det.' : 'Gemt: du politianmelder ikke. Du kan altid ombestemme dig.',
  confirmed: 'Tak, episoden er bekræftet. Din leder følger op, og du får selv kortet om politianmeldelse.',
  rejected: 'Tak. Episoden er slettet, og lederen har fået besked.',
  rejectedNotice: 'En episode, som en kollega registrerede for en medarbejder, er slettet: medarbejderen sagde, at den ikke passer.',
  confirmFirst: 'Episoden venter på, at medarbejderen bekræfter den.',
  /** The risk assessment as an action in the handleplan: no name, no description (the plan is seen in the TRIO channel). */
  riskAction: {
    button: 'Opret handling',
    tema: 'Vold og trusler',
    emne: (kind: string, place: string) => `Forebyg gentagelse: ${kind.toLowerCase()}, ${place}`,
    maal: 'Risikoen for en gentagelse er vurderet og mindsket',
    hvad: 'Risikovurdering af situationen og de tiltag, der er aftalt',
    dokumentation: 'Risikovurderingen efter en episode med vold, trusler eller krænkelser',
    effekt: 'Færre episoder af samme slags samme sted',
    made: (number: string) => `${number} er oprettet i handleplanen med kilde vold og trusler. Den viser hverken navn eller beskrivelse.`,
    again: (number: string) => `${number} er allerede oprettet i handleplanen for denne episode.`,
  },
  noEpisodes: 'Du har ingen registrerede episoder. Skriv **registrér episode**, hvis noget er sket.',
  listTitle: 'Episoder med vold, trusler og krænkelser',
  listLine: (kind: string, on: LocalDate, name: string) => `${kind}, ${date(on)}: ${name}`,
  facts: {
    who: 'Medarbejder',
    when: 'Hvornår',
    place: 'Hvor',
    kind: 'Hvad',
    source: 'Fra hvem',
    injured: 'Skade',
    absence: 'Fravær',
    timeOfDay: 'Tid på døgnet',
    reported: 'Anmeldt som arbejdsulykke',
    reportedBy: 'Registreret af',
  },
  when: (on: LocalDate, at: string) => `${date(on)} kl. ${hhmm(at)}`,
  yes: 'Ja',
  no: 'Nej',
  absenceFrom: (on: LocalDate) => `Fra ${date(on)}`,
  colleague: 'En kollega',
  themselves: 'dig selv',
  reportedStates: { yes: (on: LocalDate) => `Ja, ${date(on)}`, pending: (deadline: LocalDate) => `Ikke endnu (frist ${date(deadline)})`, no: 'Ikke nødvendigt' },
  leader: {
    title: (name: string) => `Episode: ${name}`,
    titleUnconfirmed: (name: string) => `Episode registreret af en kollega: ${name}`,
    needsTalk: (name: string) => `${name} har brug for at tale med nogen nu. Ring eller tag derhen, hvis du kan.`,
    lead: 'Tilbyd en samtale i dag. Spørg, hvordan det går, og hvad der hjælper nu. Spørg aldrig, hvem borgeren er, i botten.',
    leadLater: 'Tilbyd en samtale snart. Spørg, hvordan det går, og hvad der hjælper nu. Spørg aldrig, hvem borgeren er, i botten.',
    steps: 'Opfølgningen',
    report: 'Åbn anmeldelsen',
  },
  employee: {
    title: (kind: string, on: LocalDate) => `Din episode: ${kind}, ${date(on)}`,
    police: 'Vil du politianmelde episoden? Det er din ret, og det er dit valg. Din leder kan hjælpe, og du kan få en kollega eller din TR med.',
    policeYes: 'Ja, jeg politianmelder',
    policeNo: 'Nej, ikke nu',
    policeDecided: (yes: boolean, on: LocalDate) => `Politianmeldelse: ${yes ? 'ja' : 'nej'} (besluttet ${date(on)})`,
    help: 'Har du brug for at tale med nogen, så sig det til din leder, din AMR eller din TR. Mange kommuner har også en psykologordning.',
  },
  reminder: {
    followup: (name: string) => `Påmindelse: hold den opfølgende samtale med ${name}.`,
    anmeldelse: (name: string, deadline: LocalDate) => `Påmindelse: episoden med ${name} skal anmeldes som arbejdsulykke senest ${date(deadline)}.`,
    anmeldelseDeadline: (name: string, deadline: LocalDate) => `I dag er sidste frist: anmeld episoden med ${name} som arbejdsulykke (${date(deadline)}).`,
    police: 'Du har ikke besluttet, om episoden skal politianmeldes. Der er ingen forkert beslutning.',
    risk: (name: string) => `Påmindelse: lav risikovurderingen efter episoden med ${name}, så den ikke sker igen.`,
  },
  amr: {
    title: 'Som AMR: en episode er registreret',
    intro: 'Du får kun det, du skal bruge som AMR. Navnet vises kun, hvis medarbejderen har sagt ja til det.',
    anonymous: 'Medarbejderen har ikke givet lov til at vise navnet.',
    reportedTitle: 'Som AMR: episoden er anmeldt som arbejdsulykke',
  },
  confirm: {
    title: 'En kollega har registreret en episode for dig',
    intro: (on: LocalDate) => `Episoden ${date(on)} er registreret af en kollega. Passer det? Når du bekræfter, følger din leder op, og du bestemmer selv om politianmeldelse.`,
    confirm: 'Ja, det passer',
    reject: 'Nej, det passer ikke',
  },
  monthly: {
    title: (month: string, workplace: string) => `Vold, trusler og krænkelser i ${month}: ${workplace}`,
    total: 'Episoder i alt',
    lastYear: 'Samme måned sidste år',
    trend: 'Udvikling',
    change: (n: number) => (n === 0 ? 'Uændret' : n > 0 ? `${n} flere` : `${-n} færre`),
    byKind: 'Hvad',
    byPlace: 'Hvor',
    byTime: 'Tid på døgnet',
    other: 'Øvrige (samlet)',
    talkOnTime: 'Samtale tilbudt samme eller næste dag',
    anmeldelseOnTime: 'Anmeldt til tiden (af dem der skulle anmeldes)',
    percent: (n: number) => `${n} %`,
    tooFew: 'for få til at vise',
    underThree: 'under 3',
    hidden: 'Tal under 3 vises ikke, og kategorier med under 3 lægges sammen, så ingen kan genkendes. Ingen navne, ingen datoer.',
    createAction: 'Opret handling',
    actionTema: 'Psykisk arbejdsmiljø: vold og trusler',
    actionEmne: (month: string) => `Mønstret i episoderne i ${month}`,
  },
  health: (terms: string[]) => `helbredsord (${terms.join(', ')})`,
} as const;
