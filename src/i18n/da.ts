import type { ExpectedCode } from '../core/errors.js';

/**
 * Danish user-facing text of the core and the workplace setup. Each feature keeps its
 * Danish text in a file next to this one (src/i18n/<feature>.ts), so all user text
 * lives under src/i18n/ and cards/.
 */
const NOT_ALLOWED = 'Det har du ikke adgang til. Spørg din leder, hvis du mener, at du burde kunne.';

export const da = {
  apology: (ref: string) =>
    `Beklager, der gik noget galt hos mig. Prøv igen om lidt. Hvis det bliver ved, så giv referencen ${ref} til den, der driver botten.`,
  unknownCommand: (text: string, suggestions: string[]) =>
    suggestions.length > 0
      ? `Jeg forstod ikke "${text}". Mente du ${suggestions.map((s) => `**${s}**`).join(', ').replace(/, ([^,]*)$/, ' eller $1')}? Skriv **hjælp** for at se alt, jeg kan.`
      : `Jeg forstod ikke "${text}". Skriv **hjælp** for at se, hvad jeg kan.`,
  emptyMessage: 'Skriv **hjælp** for at se, hvad jeg kan.',
  notAllowed: NOT_ALLOWED,
  notHere: (command: string, places: string) => `**${command}** virker kun ${places}.`,
  places: {
    personal: 'i din private chat med mig',
    channel: 'i en kanal',
    groupChat: 'i en gruppechat',
  } as const,
  unknownAction: 'Den knap virker ikke længere. Hent kortet igen, fx med **hjælp**.',
  /** A redelivered card action whose first answer is not available. */
  alreadyReceived: 'Det har jeg allerede modtaget. Hent kortet igen om lidt for at se resultatet.',
  /** The default answer to a coded error that carries no text of its own (src/core/errors.ts). */
  errors: {
    INVALID_INPUT: 'Det kunne jeg ikke bruge. Ret det, du skrev, og prøv igen.',
    FORBIDDEN: NOT_ALLOWED,
    NOT_FOUND: 'Det kan jeg ikke finde længere. Hent kortet igen, fx med **hjælp**.',
    CONFLICT: 'Det blev ændret af en anden i samme øjeblik. Hent kortet igen, og prøv en gang til.',
    WRONG_PLACE: 'Det virker ikke her. Skriv **hjælp** for at se, hvad du kan her.',
  } satisfies Record<ExpectedCode, string>,
  help: {
    title: 'Det kan jeg hjælpe med',
    intro: {
      personal: 'Her i vores private chat kan du skrive:',
      channel: 'Her i kanalen skriver du @TRIO-bot efterfulgt af:',
      groupChat: 'Her i gruppechatten skriver du @TRIO-bot efterfulgt af:',
    },
    none: 'Her er ingen kommandoer, du kan bruge endnu. Din leder kan give dig en rolle.',
    startAsLeader:
      'Kom i gang: gå til den kanal i Teams, der skal være TRIO-kanal, og skriv **@TRIO-bot opsætning trio <arbejdssted>**, fx opsætning trio Bostedet Solhøj. Derefter giver du kollegerne roller med **@TRIO-bot roller**.',
    noWorkplace:
      'Du er ikke tilknyttet et arbejdssted endnu. Bed din leder om at give dig en rolle (lederen skriver **@TRIO-bot roller** i TRIO-kanalen).',
  },
  roleNames: { leder: 'leder', TR: 'TR', AMR: 'AMR', medarbejder: 'medarbejder' } as const,
  or: 'eller',
};

export type Danish = typeof da;

/** "24. november 2026" in Europe/Copenhagen. */
export function formatDate(d: Date): string {
  return new Intl.DateTimeFormat('da-DK', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Copenhagen',
  }).format(d);
}

/** "24. november 2026 kl. 09.00" in Europe/Copenhagen. */
export function formatDateTime(d: Date): string {
  const time = new Intl.DateTimeFormat('da-DK', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Copenhagen',
  }).format(d);
  return `${formatDate(d)} kl. ${time}`;
}
