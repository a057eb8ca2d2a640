import type { RetentionClass } from './policy.js';

/**
 * Every table the bot writes, what personal data it holds and how long it stays. A test
 * (test/unit/privacy-inventory.test.ts) fails when a feature mounts a table that is not
 * listed here, so a new kind of data cannot ship without a retention rule.
 * PRIVACY.md presents the same list for the records of processing.
 */
export interface TableEntry {
  /** Logical table name (without TABLE_PREFIX). */
  table: string;
  /** What the rows hold (English; PRIVACY.md has the Danish). */
  holds: string;
  personal: 'none' | 'pseudonymous' | 'personal' | 'health-adjacent';
  /** How it is deleted: a class of policy.ts, or a rule written out. */
  retention: RetentionClass[] | string;
}

export const INVENTORY: readonly TableEntry[] = [
  { table: 'Workplaces', holds: 'workplace name, the leader who created it, linked channels, settings', personal: 'personal', retention: 'while the workplace exists; erasure clears createdBy' },
  { table: 'Members', holds: 'name, Teams ids, roles, start date and birth year of each member', personal: 'personal', retention: 'while the person holds a role (roles card, or erasure)' },
  { table: 'MemberIndex', holds: 'the same rows by person', personal: 'personal', retention: 'as Members' },
  { table: 'Channels', holds: 'which channel is a TRIO or MED channel', personal: 'none', retention: 'while the workplace exists' },
  { table: 'Conversations', holds: 'conversation references of personal chats (by AAD id) and channels', personal: 'pseudonymous', retention: ['conversations'] },
  { table: 'Events', holds: 'who did what and when (actor id, type, subject such as H-12 or a case id); never health data', personal: 'pseudonymous', retention: ['events'] },
  { table: 'Actions', holds: 'actions with owner and author names, their dated log', personal: 'personal', retention: ['actions'] },
  { table: 'Reminders', holds: 'scheduled messages: target AAD id, key, kind, outcome; payloads hold ids only', personal: 'pseudonymous', retention: ['reminders'] },
  { table: 'MusTalks', holds: 'MUS drafts, talks, invitations and udviklingsplaner', personal: 'personal', retention: ['mus', 'musWithoutNext', 'musDrafts'] },
  { table: 'MusNotes', holds: "an employee's own preparation notes", personal: 'personal', retention: ['mus', 'musWithoutNext'] },
  { table: 'SicknessCases', holds: 'sickness follow-up: first day, contact log, samtale, milestones (no diagnosis or cause)', personal: 'health-adjacent', retention: 'closed cases: the workplace setting retentionMonths after closing (default 12), nightly job sickness.retention' },
  { table: 'SicknessStats', holds: 'monthly counts per workplace, no names or case ids', personal: 'none', retention: 'kept: anonymous figures' },
  { table: 'ViolenceEpisodes', holds: 'vold, trusler og krænkelser: when, where, kind, from whom as a category, harm and absence, the follow-up steps; the person registering and the person exposed', personal: 'health-adjacent', retention: 'the workplace setting (default 60 months) after the episode, nightly job violence.retention; with it its pending reminders' },
  { table: 'ViolenceStats', holds: 'monthly counts per workplace by kind, place and time of day, no names or episode ids', personal: 'none', retention: 'kept: anonymous figures' },
  { table: 'PulseRounds', holds: 'rounds: questions, counts, what was published; no people', personal: 'none', retention: 'kept: anonymous figures' },
  { table: 'PulseInbox', holds: 'while a round is open: keyed tokens of who was invited and has answered, sealed ballots', personal: 'pseudonymous', retention: ['pulseInbox'] },
  { table: 'PulseAnswers', holds: 'anonymous scores and comments of closed rounds, random keys, no person or time', personal: 'none', retention: ['pulseAnswers'] },
  { table: 'MedYear', holds: "MED's årshjul, APV cycle, kompetenceudviklingsplan, agenda items and decisions with the name of who added them", personal: 'personal', retention: "while the workplace exists (MED's minutes); erasure replaces the person's name" },
  { table: 'Inbox', holds: 'hashes of handled activity ids (no content)', personal: 'none', retention: '24 hours, hourly job inbox.purge' },
  { table: 'Privacy', holds: 'restrictions in force (AAD id) and erasure receipts (date, who ordered it, no content)', personal: 'pseudonymous', retention: 'restrictions while in force; receipts are kept as the record that erasures happened' },
];
