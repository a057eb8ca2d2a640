import { describe, expect, it } from 'vitest';
import { findHealthTerms, HEALTH_TERMS, mentionsHealth } from '../../src/sickness/health-terms.js';

describe('findHealthTerms (the diagnosis firewall)', () => {
  it('has a broad list', () => {
    expect(HEALTH_TERMS.length).toBeGreaterThanOrEqual(60);
    for (const term of ['depression', 'stress', 'angst', 'kræft', 'cancer', 'covid', 'influenza', 'migræne', 'ryg',
      'brækket', 'operation', 'gravid', 'graviditet', 'hjernerystelse', 'diskusprolaps', 'sclerose', 'diabetes',
      'psykisk', 'psykiatri', 'medicin']) {
      expect(HEALTH_TERMS).toContain(term);
    }
  });

  it('matches stems at the start of a word, case-insensitively', () => {
    expect(findHealthTerms('Hun er meget STRESSEDE for tiden')).toEqual(['stress']);
    expect(findHealthTerms('Depressionen er værre')).toEqual(['depression']);
    expect(findHealthTerms('Han fik en psykiatrisk vurdering')).toEqual(['psykiatri']);
    expect(findHealthTerms('covid-19 igen')).toEqual(['covid']);
  });

  it('does not match inside words', () => {
    expect(findHealthTerms('Vi mødes på en restaurant efter vagten')).toEqual([]);
    expect(findHealthTerms('Han har ikke kræfter til nattevagter lige nu')).toEqual([]);
    expect(findHealthTerms('Glemte sin rygsæk')).toEqual([]);
    expect(findHealthTerms('Forventer at være tilbage mandag')).toEqual([]);
  });

  it('treats æ, ø and å as letters at word boundaries', () => {
    expect(findHealthTerms('Ændret plan: migræne')).toEqual(['migræne']);
    expect(findHealthTerms('søvnløshed')).toEqual(['søvnløshed']);
    // "å" before the stem means the stem is inside a word.
    expect(findHealthTerms('åstress')).toEqual([]);
    expect(findHealthTerms('ØNSKER RO, HAR ANGST')).toEqual(['angst']);
  });

  it('prefers the longest entry and returns unique terms in order of appearance', () => {
    expect(findHealthTerms('Graviditeten går fint, hun er gravid i 5. måned')).toEqual(['graviditet', 'gravid']);
    expect(findHealthTerms('stress, stress og mere stress')).toEqual(['stress']);
    expect(findHealthTerms('Brækket ben efter operationen, får medicin')).toEqual(['brækket', 'operationen', 'medicin']);
  });

  it('matches whole-word entries exactly and compounds that are listed', () => {
    expect(findHealthTerms('ondt i ryggen')).toEqual(['ondt', 'ryggen']);
    expect(findHealthTerms('hun har hold i ryggen')).toEqual(['hold i ryggen']);
    expect(findHealthTerms('brystkræft')).toEqual(['brystkræft']);
    expect(findHealthTerms('lungebetændelse')).toEqual(['lungebetændelse']);
  });

  it('handles decomposed unicode and empty text', () => {
    // "å" typed as a + combining ring (NFD) is still å.
    expect(findHealthTerms('stra\u030Alebehandling')).toEqual(['strålebehandling']);
    expect(findHealthTerms('')).toEqual([]);
    expect(mentionsHealth('Kontakt aftalt til torsdag')).toBe(false);
    expect(mentionsHealth('Har diskusprolaps')).toBe(true);
  });

  it('catches the everyday words: places, body parts, pain, treatment, grief', () => {
    const cases: [string, string[]][] = [
      ['Hun ligger på hospitalet', ['hospital']],
      ['Han har ondt i knæet', ['ondt', 'knæet']],
      ['Det er nakken igen', ['nakke']],
      ['Hun er i sorg efter et dødsfald', ['sorg', 'dødsfald']],
      ['Han var på skadestuen i går', ['skadestue']],
      ['Venter på en scanning af skulderen', ['scanning', 'skulder']],
      ['Hun har fået antibiotika af lægen', ['antibiotika', 'lægen']],
      ['Skal til fysioterapeut og psykolog', ['fysioterapeut', 'psykolog']],
      ['Han er svimmel og har kvalme', ['svimmel', 'kvalm']],
      ['Hun fik et sammenbrud', ['sammenbrud']],
      ['Han er blevet udskrevet fra sygehuset', ['udskrevet', 'sygehus']],
      ['Hun går til behandling', ['behandling']],
    ];
    for (const [text, terms] of cases) expect(findHealthTerms(text), text).toEqual(terms);
  });

  it('leaves everyday words that are not about health alone', () => {
    for (const text of ['Vi sørger for at vagtplanen er klar', 'Se fx eksempelvis afsnit 3', 'Operationelle mål for året', 'Hun tager hovedansvaret', 'Psykologisk tryghed i teamet']) {
      expect(findHealthTerms(text, 'workplace'), text).toEqual([]);
    }
  });

  it('in the workplace context, the words of the trade pass; the same words about a person do not', () => {
    for (const text of ['Kursus i medicinhåndtering', 'Psykiatrisk grunduddannelse', 'Demensuddannelse for to medarbejdere', 'Stresshåndtering', 'Det psykiske arbejdsmiljø i aftenvagten', 'Traumebevidst pædagogik', 'Viden om autisme og misbrug', 'Behandlingsplan for beboerne']) {
      expect(findHealthTerms(text, 'workplace'), text).toEqual([]);
    }
    expect(findHealthTerms('Mads er stresset og på hospitalet', 'workplace')).toEqual(['stress', 'hospital']);
    expect(findHealthTerms('Kursus i medicinhåndtering')).toEqual(['medicin']);
  });
});
