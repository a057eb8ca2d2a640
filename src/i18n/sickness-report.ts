/**
 * Danish text of MED's sickness figures: the yearly report (card and CSV) and the
 * monthly post. Re-exported by sickness.ts.
 */
export const reportText = {
  title: (wp: string) => `Sygefravær på ${wp}: de seneste 12 måneder`,
  period: (from: string, to: string) => `${from} til ${to}`,
  intro:
    'Tallene er anonyme: et tal, der bygger på færre end 3 personer, vises ikke. Fraværsprocenten er sygedage i forhold til planlagte arbejdsdage; delvis sygemelding tæller halvt.',
  months: 'Fraværsprocent måned for måned',
  yearAbsence: 'Fraværsprocent, 12 måneder',
  target: 'Mål',
  overTarget: 'over målet',
  atOrUnderTarget: 'inden for målet',
  spells: { short: 'Kortvarige fravær (afsluttet)', long: 'Langvarige fravær (afsluttet)' },
  days: { short: 'Sygedage i kortvarige fravær', long: 'Sygedage i langvarige fravær' },
  dayCount: (n: number) => `${String(Math.round(n * 10) / 10).replace('.', ',')} dage`,
  ongoingLong: 'Langvarige fravær, der stadig varer',
  contactsOnTime: 'Kontakter til tiden',
  samtalerOnTime: 'Samtaler inden for fristen',
  tooFew: 'for få',
  underThree: 'under 3',
  note: 'Anonyme tal til TRIO og MED. Enkelte forløb drøftes aldrig her.',
  csvButton: 'Hent tallene som CSV',
  csvLink: (minutes: number) => `Linket virker i ${minutes} minutter, og alle med linket kan åbne det. Del det ikke uden for TRIO og MED.`,
  noChannel: 'Årsrapporten kan kun hentes i arbejdsstedets TRIO- eller MED-kanal.',
  forged: 'Linket er ugyldigt. Hent et nyt med **sygefravær årsrapport** i TRIO- eller MED-kanalen.',
  expired: 'Linket er udløbet. Hent et nyt med **sygefravær årsrapport** i TRIO- eller MED-kanalen.',
  csv: { title: 'Rapport', period: 'Periode', month: 'Måned', absence: 'Fraværsprocent', target: 'Mål', vsTarget: 'I forhold til målet', figure: 'Tal', value: 'Værdi' },
} as const;
