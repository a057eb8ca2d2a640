import type { ReachState } from '../reach/reach.js';

/** Danish text of the reach report in `status` (names only; leaders see their own workplace). */
export const reachText = {
  header: (reachable: number, total: number) => `**Kan nås i privat chat:** ${reachable} af ${total}`,
  everyone: 'Alle på arbejdsstedet kan nås.',
  cannot: (count: number) => `**Kan ikke nås (${count}):**`,
  noChatHeader: (count: number) => `Ingen privat chat endnu (${count}) – botten åbner den ved første besked:`,
  line: (name: string, why: string) => `- ${name}: ${why}`,
  names: (names: readonly string[]) => `- ${names.join(', ')}`,
  why: {
    notInTeam: 'er ikke med i teamet, hvor TRIO-bot er installeret',
    blocked: 'har blokeret TRIO-bot',
    uninstalled: 'har fjernet TRIO-bot fra sine apps',
  } satisfies Partial<Record<ReachState, string>>,
  rosterUnknown: 'Teamets medlemsliste kunne ikke læses lige nu, så det er ikke tjekket, hvem der er uden for teamet.',
  canInstall: 'Skriv **installér bot**, så installerer jeg TRIO-bot for dem, der ikke er med i teamet.',
  installDescription: 'Installerer TRIO-bot for medarbejdere, der ikke er med i teamet, så de kan få beskeder (kun ledere).',
  nobodyToInstall: (workplace: string) => `${workplace}: alle er med i teamet, der er ingen at installere for.`,
  installed: (workplace: string, done: readonly string[], failed: readonly string[]) =>
    [
      `**${workplace}**`,
      ...(done.length ? [`Installeret for ${done.join(', ')}. De kan få beskeder, så snart Teams har meldt installationen.`] : []),
      ...(failed.length ? [`Kunne ikke installere for ${failed.join(', ')}. Bed IT se på tilladelsen TeamsAppInstallation.ReadWriteSelfForUser.All.`] : []),
    ].join('\n'),
  howToFix: 'Sådan når alle botten: IT kan installere TRIO-bot for alle medarbejdere (Teams-administration: en politik for app-opsætning, eller automatisk installation via Microsoft Graph). Den, der har blokeret botten, kan åbne TRIO-bot i Teams og skrive "hjælp".',
};
