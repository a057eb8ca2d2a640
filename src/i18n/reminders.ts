import { formatDateTime } from './da.js';

/** Danish text of the reminder engine's operator view (`status`). Never shows payload content. */
export const remindersText = {
  statusDescription: 'Viser ventende og fejlede påmindelser for dine arbejdssteder (kun ledere).',
  noWorkplaces: 'Du er ikke leder af et arbejdssted endnu, så der er ingen påmindelser at vise.',
  title: (workplace: string) => `**Påmindelser for ${workplace}**`,
  nothing: 'Ingen ventende eller fejlede påmindelser.',
  pendingHeader: (count: number) => `Venter: ${count}`,
  pendingLine: (label: string, count: number, next: Date) => `- ${label}: ${count}, næste ${formatDateTime(next)}`,
  failedHeader: (count: number) => `Fejlede (seneste 30 dage): ${count}`,
  failedLine: (label: string, dueAt: Date, reason: string) => `- ${label}, planlagt ${formatDateTime(dueAt)}: ${reason}`,
  moreFailed: (count: number) => `- … og ${count} mere`,
  reasons: {
    blocked: 'modtageren har blokeret botten eller fjernet appen',
    noConversation: 'botten har ingen chat med modtageren (appen er ikke installeret hos vedkommende)',
    unknownMember: 'modtageren er ikke registreret på arbejdsstedet',
    gaveUp: 'Teams afviste beskeden flere gange i træk',
    other: (code: string) => `teknisk fejl (${code})`,
  },
};

/** A Danish reason for a stored error code (the codes come from the sender). */
export function reasonText(lastError: string | undefined): string {
  const e = lastError ?? '';
  const r = remindersText.reasons;
  if (e.startsWith('blocked') || e.startsWith('403')) return r.blocked;
  if (e.includes('NoConversationReference')) return r.noConversation;
  if (e.includes('UnknownMember')) return r.unknownMember;
  if (e.includes('attempts')) return r.gaveUp;
  return r.other(e.slice(0, 60) || 'ukendt');
}
