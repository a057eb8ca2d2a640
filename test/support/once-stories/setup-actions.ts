import { ActionStore } from '../../../src/actions/store.js';
import { addDays, formatDanishDate, localDateOf } from '../../../src/shared/calendar.js';
import type { Step } from '../exactly-once.js';
import type { Json } from '../http-bot.js';
import { button, cardIn, nameOf, press, workplaceOf, type Side, type Twins } from '../twins.js';

/** Setup (roles, channels) and handleplaner: every writing verb and command, as a leader in the TRIO channel does it. */
export function setupAndActionSteps(): Step[] {
  const actionOf: Partial<Record<Side, number>> = {};
  const channel = (side: Side) => `${side}-trio` as const;
  const leader = (side: Side) => `${side}-leader` as const;
  const danish = (days: number, t: Twins) => {
    const d = addDays(localDateOf(t.clock.now()), days);
    return `${d.slice(8, 10)}-${d.slice(5, 7)}-${d.slice(0, 4)}`;
  };

  /** The form of "ny handling" filled in, as a leader saves it. */
  const filledForm = async (t: Twins, side: Side, emne: string): Promise<Json> => {
    const form = cardIn(await t.bot.say(leader(side), channel(side), 'ny handling'));
    return {
      ...button(form, 'actions.create'),
      tema: 'Psykisk arbejdsmiljø',
      emne,
      maal: 'Færre afbrudte pauser',
      hvad: 'Faste pauser i vagtplanen',
      start: danish(1, t),
      end: danish(40, t),
      owner: t.person(side, 'e1').aad,
      ownerGroup: '',
      source: 'apv',
    };
  };
  const newest = async (t: Twins, side: Side) => Math.max(...(await new ActionStore(t.bot.app.ctx.storage, t.clock).listOpen(workplaceOf(side))).map((a) => a.number));
  /** The action card as anyone in the channel opens it. */
  const detail = async (t: Twins, side: Side, n: number) => cardIn(await t.bot.say(leader(side), channel(side), `handling H-${n}`));

  return [
    {
      writer: 'roles.save',
      kind: 'verb',
      async prepare(t, side) {
        const card = cardIn(await t.bot.say(leader(side), channel(side), 'roller'));
        return { who: leader(side), where: channel(side), verb: 'roles.save', data: press(card, 'roles.save', { [`r_${t.person(side, 'extra').aad}`]: 'medarbejder' }) };
      },
    },
    {
      writer: 'setup.register',
      kind: 'verb',
      async prepare(t, side) {
        // The bot is added to the MED channel: its welcome card registers it.
        const med = `${side}-med` as const;
        const install = await t.bot.post(t.bot.activity(leader(side), med, { type: 'installationUpdate', action: 'add' }));
        return { who: leader(side), where: med, verb: 'setup.register', data: { ...button(cardIn(install), 'setup.register', { forum: 'med' }), name: nameOf(side) } };
      },
    },
    {
      writer: 'setup.channel',
      kind: 'command',
      async prepare(_t, side) {
        // A bootstrap leader sets up a new workplace in another team's channel.
        return { who: leader(side), where: `${side}-extra`, text: `opsætning trio Nyt sted ${side}` };
      },
    },
    {
      writer: 'actions.create',
      kind: 'verb',
      async prepare(t, side) {
        return { who: leader(side), where: channel(side), verb: 'actions.create', data: await filledForm(t, side, 'Pauser') };
      },
      async after(t, side) {
        actionOf[side] = await newest(t, side);
      },
    },
    {
      writer: 'actions.note',
      kind: 'verb',
      async prepare(t, side) {
        return { who: leader(side), where: channel(side), verb: 'actions.note', data: { ...button(await detail(t, side, actionOf[side]!), 'actions.note'), note: 'Drøftet på personalemødet' } };
      },
    },
    {
      writer: 'actions.change',
      kind: 'verb',
      async prepare(t, side) {
        return { who: leader(side), where: channel(side), verb: 'actions.change', data: { ...button(await detail(t, side, actionOf[side]!), 'actions.change'), newOwner: t.person(side, 'e2').aad, newGroup: '', newEnd: danish(60, t) } };
      },
    },
    {
      writer: 'actions.start',
      kind: 'verb',
      async prepare(t, side) {
        return { who: leader(side), where: channel(side), verb: 'actions.start', data: button(await detail(t, side, actionOf[side]!), 'actions.start') };
      },
    },
    {
      writer: 'actions.complete',
      kind: 'verb',
      async prepare(t, side) {
        return { who: leader(side), where: channel(side), verb: 'actions.complete', data: { ...button(await detail(t, side, actionOf[side]!), 'actions.complete'), achieved: 'Pauserne holdes nu' } };
      },
    },
    {
      writer: 'actions.cancel',
      kind: 'verb',
      async prepare(t, side) {
        // Another action to cancel, created before the change is measured.
        await t.bot.execute(leader(side), channel(side), 'actions.create', await filledForm(t, side, `Aflyses ${formatDanishDate(localDateOf(t.clock.now()))}`));
        return { who: leader(side), where: channel(side), verb: 'actions.cancel', data: { ...button(await detail(t, side, await newest(t, side)), 'actions.cancel'), reason: 'Dækket af en anden handling' } };
      },
    },
  ];
}
