import { answeredCard, type Step } from '../exactly-once.js';
import type { Json } from '../http-bot.js';
import { buttonData, cardIn, press, type Side, type Twins, type Who } from '../twins.js';

/**
 * The MED year, in each workplace's MED channel: the årshjul (three meetings, one already
 * held), an item on the next agenda, a decision in the last referat and the action it
 * becomes, the APV cycle (kortlægning, a step, a finding as an action, a major change), the
 * kompetenceudviklingsplan (an activity, supervision and review date) and the
 * arbejdsmiljødrøftelse (with a goal that becomes an action). The clock starts Monday
 * 15 March 2027, after the first meeting.
 */
export const MEDYEAR_START = '2027-03-15T08:00:00Z';

export function medyearSteps(): Step[] {
  const med = (side: Side) => `${side}-med` as const;
  const card = async (t: Twins, side: Side, who: Who, text: string) => cardIn(await t.bot.say(`${side}-${who}`, med(side), text));
  const fires = (side: Side, who: Who, verb: string, data: Json) => ({ who: `${side}-${who}` as const, where: med(side), verb, data });
  const referatOf: Partial<Record<Side, Json>> = {};

  return [
    {
      writer: 'medyear.wheel.save',
      kind: 'verb',
      async prepare(t, side) {
        const wheel = await card(t, side, 'leader', 'årshjul');
        const form = cardIn(await t.bot.execute(`${side}-leader`, med(side), 'medyear.wheel.edit', buttonData(wheel, 'medyear.wheel.edit')));
        const dates = { date0: '2027-03-10', time0: '13:00', date1: '2027-06-16', time1: '13:00', date2: '2027-11-10', time2: '13:00' };
        return fires(side, 'leader', 'medyear.wheel.save', press(form, 'medyear.wheel.save', { ...dates, date3: '', time3: '', date4: '', time4: '', date5: '', time5: '', date6: '', time6: '', date7: '', time7: '' }));
      },
    },
    {
      writer: 'medyear.agenda.add',
      kind: 'verb',
      prepare: async (t, side) => fires(side, 'e1', 'medyear.agenda.add', press(await card(t, side, 'e1', 'dagsorden'), 'medyear.agenda.add', { text: 'Julefrokost 2027' })),
    },
    {
      writer: 'medyear.referat.add',
      kind: 'verb',
      prepare: async (t, side) => fires(side, 'leader', 'medyear.referat.add', press(await card(t, side, 'leader', 'referat'), 'medyear.referat.add', { text: 'Vi indfører faste pauser i aftenvagten.' })),
      async after(_t, side, answers) {
        referatOf[side] = answeredCard(answers);
      },
    },
    {
      writer: 'medyear.referat.toAction',
      kind: 'verb',
      async prepare(t, side) {
        const referat = referatOf[side]!;
        const id = String(buttonData(referat, 'medyear.referat.toAction').id);
        return fires(side, 'leader', 'medyear.referat.toAction', press(referat, 'medyear.referat.toAction', { [`owner_${id}`]: t.person(side, 'tr').aad, [`end_${id}`]: '2027-12-15' }));
      },
    },
    {
      writer: 'medyear.apv.survey',
      kind: 'verb',
      prepare: async (t, side) => fires(side, 'amr', 'medyear.apv.survey', press(await card(t, side, 'amr', 'apv'), 'medyear.apv.survey', { surveyedOn: '2027-03-01' })),
    },
    {
      writer: 'medyear.apv.step',
      kind: 'verb',
      prepare: async (t, side) => fires(side, 'amr', 'medyear.apv.step', press(await card(t, side, 'amr', 'apv'), 'medyear.apv.step', {}, { step: 'analyse' })),
    },
    {
      writer: 'medyear.apv.finding',
      kind: 'verb',
      prepare: async (t, side) => fires(side, 'leader', 'medyear.apv.finding', press(await card(t, side, 'leader', 'apv'), 'medyear.apv.finding', { finding: 'Støj i fællesrummet', owner: '', group: 'afdelingsledelse', end: '2027-12-31' })),
    },
    {
      writer: 'medyear.apv.majorChange',
      kind: 'verb',
      prepare: async (t, side) => fires(side, 'tr', 'medyear.apv.majorChange', press(await card(t, side, 'tr', 'apv'), 'medyear.apv.majorChange', { reason: 'Sammenlægning med et andet bosted' })),
    },
    {
      writer: 'medyear.kup.activity',
      kind: 'verb',
      prepare: async (t, side) => fires(side, 'leader', 'medyear.kup.activity', press(await card(t, side, 'leader', 'kompetenceplan'), 'medyear.kup.activity', { what: 'Kursus i konflikthåndtering', who: 'Alle i aftenvagten', when: 'Efteråret 2027' })),
    },
    {
      writer: 'medyear.kup.save',
      kind: 'verb',
      prepare: async (t, side) => fires(side, 'leader', 'medyear.kup.save', press(await card(t, side, 'leader', 'kompetenceplan'), 'medyear.kup.save', { supervision: 'Ekstern supervision hver sjette uge', reviewOn: '2027-11-10' })),
    },
    {
      writer: 'medyear.talk.save',
      kind: 'verb',
      prepare: async (t, side) =>
        fires(side, 'amr', 'medyear.talk.save', press(await card(t, side, 'amr', 'arbejdsmiljødrøftelse'), 'medyear.talk.save', { q_plan: 'Fire møder og en temadag', q_form: 'AMR deltager i alle MED-møder', q_lastGoals: 'Delvist nået', q_kup: 'Konflikthåndtering', goal1: 'Færre tunge løft', goal2: '', goal3: '' })),
    },
  ];
}
