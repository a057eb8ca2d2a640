/** Danish text of the weekly trivsel pulse: the card staff answer, results, settings, MED summary. */
import type { ResponseBand } from '../pulse/disclosure.js';

/** 3.75 → "3,8" */
export const decimal = (n: number, digits = 1): string => n.toFixed(digits).replace('.', ',').replace(/^-/, '−');

const signed = (n: number): string => (n > 0 ? `+${decimal(n)}` : decimal(n));

export const WEEKDAY_NAMES = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'] as const;

/** The response rate in bands (src/pulse/disclosure.ts): exact counts are on no card. */
export const responseText: Readonly<Record<ResponseBand, string>> = {
  noneInvited: 'Ingen var inviteret til pulsen.',
  none: 'Ingen har svaret.',
  under: 'Under halvdelen har svaret.',
  about: 'Omkring halvdelen har svaret.',
  most: 'De fleste har svaret.',
};

export const pulseText = {
  /** The 12 dimensions as users see them (ids in src/pulse/bank.ts). */
  dimensions: {
    'passende-krav': 'Passende krav',
    indflydelse: 'Indflydelse',
    mening: 'Mening i arbejdet',
    forudsigelighed: 'Forudsigelighed',
    'social-stoette': 'Social støtte',
    anerkendelse: 'Anerkendelse',
    tillid: 'Tillid',
    retfaerdighed: 'Retfærdighed',
    'psykologisk-tryghed': 'Psykologisk tryghed',
    'foelelsesmaessige-krav': 'Følelsesmæssige krav',
    'vold-og-trusler': 'Vold og trusler',
    tidsmiljoe: 'Tidsmiljø',
  },

  /** Messages for a replacement item bank (MED's own file). */
  bank: {
    labelMissing: 'skal have en tekst',
    labelTooLong: 'må højst være 40 tegn',
    id: 'id må kun have små bogstaver a-z, tal og bindestreg (højst 40 tegn)',
    dimension: (ids: readonly string[]) => `dimension skal være en af: ${ids.join(', ')}`,
    textTooShort: 'teksten er for kort',
    textTooLong: 'teksten må højst være 200 tegn',
    reversed: 'reversed skal være true eller false',
    notApplicable: 'notApplicable skal være true eller false',
    version: 'version skal være 1',
    language: 'language skal være "da"',
    empty: 'banken skal have mindst ét spørgsmål',
    duplicateId: (id: string) => `id "${id}" er brugt mere end én gang`,
    scale: 'Skala',
    items: 'Spørgsmål',
    scalePoint: (point: string) => `Skala, punkt ${point}`,
    item: (n: number, id: string | undefined) => `Spørgsmål ${n}${id === undefined ? '' : ` ("${id}")`}`,
    itemScalePoint: (item: string, point: string) => `${item}, skala punkt ${point}`,
  },

  thresholds: {
    minScoresFloor: (floor: number) => `Mindst antal svar kan ikke sættes under ${floor}`,
    minCommentsFloor: (floor: number) => `Mindst antal svar for at vise kommentarer kan ikke sættes under ${floor}`,
    commentsBelowScores: 'Grænsen for kommentarer kan ikke være lavere end grænsen for resultater',
  },
  commands: {
    results: 'I TRIO- og MED-kanalen: den seneste trivselspuls og en åben puls. I din private chat: ugens pulskort igen.',
    settings: 'Vælg ugedag og klokkeslæt for trivselspulsen og grænserne for, hvornår resultater vises (kun ledere).',
    settingsUsage: 'indstillinger trivsel [ugedag] [tt:mm] [til|fra]',
  },

  /** Names of the pulse's reminder-engine jobs (for `status`). */
  jobLabels: {
    card: 'Trivselspuls',
    reminder: 'Påmindelse om trivselspuls',
    results: 'Trivselsresultater til TRIO',
    quarter: 'Kvartalsoversigt over trivsel til MED',
    first: 'Besked til lederne om den første trivselspuls',
  },

  /** The leaders' notice before a workplace's first round, with "Start nu" and "Udskyd en uge". */
  first: {
    title: (workplace: string) => `Trivselspulsen på ${workplace} starter`,
    lead: (when: string, count: number) =>
      `Den første trivselspuls sendes ${when} til ${people(count)} på arbejdsstedet. Du kan starte den nu i stedet eller udskyde den en uge.`,
    ready: (when: string, count: number, closes: string) => `Den første trivselspuls sendes ${when} til ${people(count)} på arbejdsstedet og er åben til ${closes}.`,
    sent: (week: string, count: number, closes: string) => `Den første trivselspuls (${week}) er sendt til ${people(count)} på arbejdsstedet og er åben til ${closes}.`,
    how: (min: number) =>
      `Hver uge får alle et kort med tre spørgsmål, der tager et minut. Svarene er anonyme: TRIO ser kun samlede tal i TRIO-kanalen, og kun når mindst ${min} har svaret.`,
    change: 'Ugedag og klokkeslæt vælger du med **indstillinger trivsel** i TRIO-kanalen; der kan du også slå pulsen fra.',
    start: 'Start nu',
    postpone: 'Udskyd en uge',
    started: (week: string, closes: string) => `Trivselspulsen for ${week} er sendt ud nu og er åben til ${closes}.`,
    postponed: (when: string) => `Den første trivselspuls er udskudt til ${when}.`,
    running: (week: string, closes: string) => `Trivselspulsen for ${week} er allerede i gang og er åben til ${closes}.`,
    held: (week: string, next: string) => `Trivselspulsen for ${week} er allerede holdt. Den næste sendes ${next}.`,
    off: (workplace: string) => `Trivselspulsen er slået fra på ${workplace}. Slå den til med **indstillinger trivsel til** i TRIO-kanalen.`,
    notLeader: (workplace: string) => `Kun en leder på ${workplace} kan starte eller udskyde trivselspulsen.`,
    nobody: (workplace: string) => `Der er ingen medarbejdere registreret på ${workplace} endnu. Tilføj dem med **roller** i TRIO-kanalen.`,
  },

  card: {
    title: (week: string) => `Ugens trivselspuls, ${week}`,
    reminderTitle: (week: string) => `Påmindelse: trivselspuls, ${week}`,
    intro: 'Tænk på den seneste uge, når du svarer. Det er frivilligt, og det tager under et minut.',
    reminderIntro: 'Du har ikke svaret på ugens trivselspuls endnu. Det tager under et minut, og det er helt frivilligt.',
    anonymity: (min: number) =>
      `Dit navn gemmes ikke sammen med dine svar. TRIO og MED ser kun samlede resultater, og kun når mindst ${min} har svaret.`,
    /** Under the comment box: who reads a comment, from how many answers, and what not to write. */
    commentNote: (minComments: number) =>
      `TRIO og MED læser kommentarerne ordret, når mindst ${minComments} har svaret. Skriv ikke noget, der afslører, hvem du er, hvis du vil være anonym.`,
    /**
     * Under a question about violence, threats or krænkelser: the pulse is a weekly signal,
     * not a report, and an episode is registered and reported the workplace's way.
     */
    violenceNote: 'Har du været udsat for vold, trusler eller krænkelser, så skriv **registrér episode** til mig, og sig det til din leder. Pulsen er ikke en registrering eller anmeldelse.',
    deadline: (when: string) => `Pulsen lukker ${when}.`,
    question: (n: number) => `Spørgsmål ${n}`,
    pick: (n: number) => `Vælg et svar på spørgsmål ${n}`,
    choice: (value: string, label: string) => `${value} – ${label}`,
    notApplicable: 'Ikke relevant',
    commentLabel: 'Kommentar (valgfri)',
    commentPlaceholder: 'Skriv ikke navne på kolleger eller beboere, og intet om helbred.',
    submit: 'Send svar',
  },

  answer: {
    scoreMissing: 'vælg et svar fra 1 til 5',
    notApplicableRefused: 'vælg et svar fra 1 til 5 (her kan du ikke svare "Ikke relevant")',
    commentTooLong: (max: number) => `må højst være ${max} tegn`,
    thanks: 'Tak for dit svar! Dit navn gemmes ikke sammen med det. Når pulsen lukker, ser TRIO og MED de samlede resultater og kommentarerne ordret, hvis der er svar nok.',
    already: 'Du har allerede svaret på denne uges trivselspuls, og dit første svar gælder. Tak! Du får en ny puls i næste uge.',
    closed: (week: string) => `Trivselspulsen for ${week} er lukket, så der kan ikke svares mere. Du får en ny puls i næste uge.`,
    stale: 'Det kort hører til en puls, jeg ikke kender. Vent på den næste trivselspuls.',
    notMember: 'Du er ikke registreret på det arbejdssted, pulsen kom fra. Spørg din leder.',
    notInvited: 'Du var ikke med, da denne uges trivselspuls blev sendt ud, så du kan ikke svare på den. Du får den næste puls.',
    labels: { q1: 'Spørgsmål 1', q2: 'Spørgsmål 2', q3: 'Spørgsmål 3', comment: 'Kommentar' } as Record<string, string>,
  },

  /** `trivsel` in a personal chat: the open round's card again, or why not. */
  again: {
    answered: (workplace: string, week: string) => `Du har allerede svaret på trivselspulsen for ${week} på ${workplace}. Tak!`,
    notInvited: (workplace: string, week: string) =>
      `Du var ikke med, da trivselspulsen for ${week} på ${workplace} blev sendt ud. Du får den næste puls.`,
    none: (workplace: string, next: string) => `Der er ingen åben trivselspuls på ${workplace} lige nu. Den næste sendes ${next}.`,
    off: (workplace: string) => `Trivselspulsen er slået fra på ${workplace}.`,
  },

  /** `trivsel` in the channel while a round is open. */
  openNow: (week: string, closes: string) => `Trivselspulsen for ${week} er åben til ${closes}. Resultatet kommer her, når den lukker.`,

  results: {
    title: (week: string, workplace: string) => `Trivselspuls ${week}, ${workplace}`,
    tooFew: (min: number) =>
      `For få svar til at vise resultater: der skal mindst ${min} svar ud over TRIO's egne. Det beskytter den enkeltes anonymitet.`,
    dimensionHidden: 'Vises ikke denne uge, så ingen kan regne en enkelt persons svar ud.',
    score: (value: number) => `**${decimal(value)}** af 5`,
    change: (change: number | undefined) =>
      change === undefined
        ? 'Ingen sammenligning med de foregående 4 uger endnu.'
        : Math.abs(change) < 0.05
          ? 'Uændret i forhold til de foregående 4 uger.'
          : `${change > 0 ? '▲' : '▼'} ${signed(change)} i forhold til de foregående 4 uger.`,
    flagLow: 'Lav score',
    flagFell: 'Faldet markant',
    flagBoth: 'Lav score og faldet markant',
    createAction: 'Opret handling',
    trendTitle: (name: string) => `${name}, de seneste 12 uger`,
    trendAxis: 'Gennemsnit (1-5)',
    trendWeek: 'Uge',
    trendMean: 'Gennemsnit',
    trendNone: 'Ingen tidligere resultater at vise.',
    comments: 'Kommentarer',
    commentsHidden: (min: number) => `Kommentarer vises først, når mindst ${min} har svaret.`,
    commentsNone: 'Ingen kommentarer.',
    footer:
      'Skala 1-5, højere er bedre (spørgsmål, hvor enighed er dårligt, er vendt om). "Ikke relevant" tæller ikke med. Tallene er afrundet til nærmeste halve. Navne gemmes aldrig sammen med svar.',
    none: (workplace: string) => `Der er endnu ingen afsluttet trivselspuls for ${workplace}.`,
  },

  action: {
    tema: 'Trivsel',
  },

  quarter: {
    title: (quarter: string, workplace: string) => `Trivselspuls ${quarter}, ${workplace}: kvartalsoversigt til MED`,
    label: (year: number, q: number) => `${q}. kvartal ${year}`,
    pulses: (rounds: number, band: ResponseBand) => `${rounds} ${rounds === 1 ? 'puls' : 'pulser'} i kvartalet. ${responseText[band]}`,
    dimension: (value: number) => `${decimal(value)} af 5`,
    change: (change: number | undefined) =>
      change === undefined ? 'Ingen sammenligning' : `${change > 0 ? '▲' : change < 0 ? '▼' : ''} ${signed(change)} mod kvartalet før`.trim(),
    hidden: 'Ikke vist',
    none: 'Ingen trivselspuls med nok svar i kvartalet.',
    intro: 'Gennemsnit af de ugentlige resultater, der blev vist i kvartalet (afrundet til nærmeste halve). Ingen enkeltsvar og ingen kommentarer.',
  },

  settings: {
    title: (workplace: string) => `Trivselspuls: indstillinger for ${workplace}`,
    intro:
      'Pulsen sendes hver uge på det valgte tidspunkt til alle, der har en rolle på arbejdsstedet. Har I nattevagter, kan I vælge en anden dag og tid. En påmindelse sendes efter 2 dage, og pulsen lukker efter 7 dage.',
    enabled: 'Send trivselspuls hver uge',
    weekday: 'Ugedag',
    time: 'Klokkeslæt',
    minScores: 'Mindst antal svar, før resultater vises (mindst 3)',
    minComments: 'Mindst antal svar, før kommentarer vises (mindst 5)',
    save: 'Gem indstillinger',
    saved: (workplace: string, summary: string) => `Trivselspulsen for ${workplace} er gemt: ${summary}`,
    summary: (enabled: boolean, weekday: number, time: string, minScores: number, minComments: number) =>
      enabled
        ? `hver ${WEEKDAY_NAMES[weekday - 1]} kl. ${time.replace(':', '.')}; resultater ved mindst ${minScores} svar, kommentarer ved mindst ${minComments}.`
        : 'pulsen er slået fra.',
    offHours: 'Tidspunktet ligger uden for almindelig arbejdstid, så pulsen sendes præcis på det valgte tidspunkt.',
    errors: {
      weekday: 'vælg en ugedag',
      time: 'skriv et klokkeslæt som 09:00',
      minScoresFloor: 'kan ikke være under 3',
      minCommentsFloor: 'kan ikke være under 5',
      number: 'skriv et helt tal',
      commentsBelowScores: 'kan ikke være lavere end grænsen for resultater',
      usage: 'Skriv fx: indstillinger trivsel søndag 21:00, eller indstillinger trivsel fra for at slå pulsen fra',
    },
    needChannel: 'Skriv **indstillinger trivsel** i arbejdsstedets TRIO- eller MED-kanal.',
    notLeader: (workplace: string) => `Kun en leder af ${workplace} kan ændre trivselspulsen.`,
    fieldLabels: {
      weekday: 'Ugedag',
      time: 'Klokkeslæt',
      minScores: 'Mindst antal svar',
      minComments: 'Mindst antal svar for kommentarer',
    } as Record<string, string>,
  },
};

function people(count: number): string {
  return `${count} ${count === 1 ? 'person' : 'personer'}`;
}

export type PulseText = typeof pulseText;
