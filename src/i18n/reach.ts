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
  howToFix: 'Sådan når alle botten: IT kan installere TRIO-bot for alle medarbejdere (Teams-administration: en politik for app-opsætning, eller automatisk installation via Microsoft Graph). Den, der har blokeret botten, kan åbne TRIO-bot i Teams og skrive "hjælp".',
};
