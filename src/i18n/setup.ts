/** Danish text for welcome, channel setup and roles. */
export const setupText = {
  welcomeTitle: 'Hej! Jeg er TRIO-bot',
  welcomeBody:
    'Jeg hjælper TRIO og MED med handleplaner, MUS, opfølgning på sygefravær og en ugentlig trivselspuls. Personlige oplysninger sender jeg kun i private chats, aldrig i en kanal.',
  welcomeSetup:
    'En leder gør en kanal til TRIO- eller MED-kanal ved at skrive **@TRIO-bot opsætning trio <arbejdssted>** i den kanal. Du kan også skrive arbejdsstedets navn herunder og trykke på en af knapperne.',
  welcomeRegistered: (forum: string, name: string) => `Denne kanal er ${forum}-kanal for **${name}**. Skriv **@TRIO-bot hjælp** for at se, hvad I kan her.`,
  welcomeGroupChat:
    'Her i gruppechatten kan I bruge mig til det, der ikke er personligt. TRIO- og MED-kanalen sættes op i en kanal i jeres team: en leder skriver **@TRIO-bot opsætning trio <arbejdssted>** i den kanal.',
  mentionHint:
    'Sådan skriver du til mig i en kanal eller gruppechat: skriv @, vælg **TRIO-bot** på listen, der dukker op, og skriv så fx hjælp. Skriver du bare "@TRIO-bot" som tekst, får jeg ikke beskeden.',
  welcomePersonal:
    'Hej! Jeg er TRIO-bot. Her i vores private chat får du fx din trivselspuls, MUS-invitationer og påmindelser. Skriv **hjælp** for at se, hvad du kan.',
  welcomePersonalCard: 'Her i vores private chat får du fx din trivselspuls, MUS-invitationer og påmindelser. Skriv **hjælp** for at se, hvad du kan.',
  namePlaceholder: 'Arbejdsstedets navn, fx Bostedet Solhøj',
  makeTrio: 'Gør kanalen til TRIO-kanal',
  makeMed: 'Gør kanalen til MED-kanal',
  forumName: { trio: 'TRIO', med: 'MED' } as const,
  setupUsage: 'Skriv fx: opsætning trio Bostedet Solhøj',
  onlyInChannel: 'Opsætning foregår i den kanal, der skal være TRIO- eller MED-kanal.',
  notLeaderOf: (name: string) => `Kun en leder af ${name} kan gøre det. Bed en leder om at skrive kommandoen.`,
  registered: (forum: string, name: string, created: boolean) =>
    `Denne kanal er nu ${forum}-kanal for **${name}**.${created ? ' Arbejdsstedet er oprettet, og du er registreret som leder.' : ''} Næste skridt: skriv **@TRIO-bot roller** for at give kollegerne deres roller.`,
  alreadyRegistered: (forum: string, name: string) => `Denne kanal var allerede ${forum}-kanal for **${name}**. Der er ikke ændret noget.`,
  rolesTitle: (name: string) => `Roller på ${name}`,
  rolesIntro: 'Vælg roller for hver person. Personer uden rolle er ikke med i arbejdsstedet (får fx ingen trivselspuls).',
  rolesPage: (page: number, pages: number) => `Side ${page} af ${pages}`,
  rolesSave: 'Gem roller',
  rolesNext: 'Næste side',
  rolesPrev: 'Forrige side',
  rolesSaved: (count: number, name: string) => `Roller gemt for ${count} ${count === 1 ? 'person' : 'personer'} på ${name}.`,
  rolesNeedChannel: 'Skriv **roller** i arbejdsstedets TRIO- eller MED-kanal, så jeg ved, hvilket team det gælder.',
  rolesNoRoster: 'Jeg kunne ikke hente medlemmerne af teamet. Prøv igen om lidt.',
  lastLeader: 'Der skal være mindst én leder tilbage på arbejdsstedet.',
  roleChoices: [
    { title: 'Leder', value: 'leder' },
    { title: 'TR', value: 'TR' },
    { title: 'AMR', value: 'AMR' },
    { title: 'Medarbejder', value: 'medarbejder' },
  ],
  rolesPlaceholder: 'Ingen rolle',
  roleChoice: 'vælg leder, TR, AMR eller medarbejder',
  rolesInvalid: (name: string) => `Ret venligst: ${name}: vælg leder, TR, AMR eller medarbejder.`,
  nameTooShort: 'Skriv navnet på arbejdsstedet, fx "Bostedet Solhøj"',
  nameTooLong: 'Navnet må højst være 80 tegn',
  nameLabel: 'Arbejdssted',
  commands: {
    setup: 'Gør denne kanal til arbejdsstedets TRIO- eller MED-kanal. Skriv trio eller med og arbejdsstedets navn (kun ledere).',
    setupUsage: 'opsætning trio|med <arbejdssted>',
    roles: 'Giv kollegerne i teamet roller: leder, TR, AMR eller medarbejder (kun ledere).',
  },
};
