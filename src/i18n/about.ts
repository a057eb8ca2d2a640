/**
 * Danish text of the three public pages the Teams app links to (manifest developer
 * section): about, privacy and terms. Plain paragraphs; src/about/pages.ts renders them.
 */
export interface AboutPage {
  title: string;
  paragraphs: readonly string[];
}

export const aboutPages = {
  om: {
    title: 'Om TRIO-bot',
    paragraphs: [
      'TRIO-bot er en bot i Microsoft Teams for TRIO og MED-udvalg på bosteder, botilbud og socialpædagogiske tilbud.',
      'Den hjælper med handleplaner, MUS, opfølgning på sygefravær efter 1-3-10-modellen og en ugentlig anonym trivselspuls. Skriv "hjælp" til botten for at se, hvad du kan.',
      'Botten drives af din arbejdsgiver. Spørgsmål om brugen stilles til din leder eller til IT-afdelingen.',
    ],
  },
  privatliv: {
    title: 'Privatliv i TRIO-bot',
    paragraphs: [
      'Dataansvarlig er den organisation, der driver TRIO-bot (din arbejdsgiver). Oplysningerne gemmes i organisationens egen Azure-lagerkonto.',
      'Botten gemmer roller (leder, TR, AMR, medarbejder), handlinger fra handleplaner, MUS-aftaler og dine egne MUS-noter, sygefraværsforløb og påmindelser.',
      'Ingen diagnose eller årsag til sygdom bliver spurgt om eller gemt. Sygefraværsforløb ses kun af medarbejderen og lederne på arbejdsstedet; TRIO og MED ser kun et månedligt antal.',
      'Trivselspulsen er anonym: svarene gemmes, så ingen kan se, hvem der har svaret hvad. Resultater vises kun, når tilstrækkeligt mange har svaret (som standard mindst fem).',
      'Personlige oplysninger sendes kun i private chats, aldrig i en kanal. Detaljerne i afsluttede sygefraværsforløb slettes som standard efter 12 måneder.',
      'Hver slags oplysning har en slettefrist, som botten selv overholder hver nat: fx MUS-noter og udviklingsplaner to år efter din næste MUS, afsluttede handlinger og hændelseslog efter to år og sendte påmindelser efter 30 dage.',
      'Du har ret til indsigt i, hvad botten har gemt om dig, og til berigtigelse, sletning og begrænsning. Henvend dig til din arbejdsgivers databeskyttelsesrådgiver; IT kan udtrække, begrænse og slette dine oplysninger i botten.',
    ],
  },
  vilkaar: {
    title: 'Vilkår for TRIO-bot',
    paragraphs: [
      'TRIO-bot er et arbejdsredskab, som din arbejdsgiver stiller til rådighed i Microsoft Teams. Brugen følger arbejdsgiverens regler for IT og for behandling af personoplysninger.',
      'Botten erstatter ikke samtaler, aftaler eller lovpligtige frister; den minder om dem. Ansvaret for opfølgningen ligger hos lederen.',
    ],
  },
} as const satisfies Record<string, AboutPage>;
