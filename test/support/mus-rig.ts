import type { ManualClock } from '../../src/core/clock.js';
import type { CardJson, Role, Where } from '../../src/core/types.js';
import { musFeature } from '../../src/mus/feature.js';
import type { Job } from '../../src/outbox/types.js';
import { fakeTurn, textOf } from './fake-turn.js';
import { featureRig, type FeatureRig } from './feature-rig.js';
import { seedWorkplace } from './seed.js';

/**
 * The MUS feature on Azurite through the real dispatcher, with fake turns and the real
 * reminder engine keeping its jobs: one workplace, Bostedet Solhøj, with a leader (lone),
 * a TR (tobias), an AMR (amira) and employees; MED is a channel.
 */
export const WP = 'solhoej';
export const MED = '19:med@thread.tacv2';
export const MED_WHERE: Partial<Where> = { scope: 'channel', conversationId: MED };

export interface MusRig {
  rig: FeatureRig;
  /** Seeds the workplace; call in beforeAll. */
  ready(): Promise<void>;
  /** A command; everything it answered as text (cards' strings included). */
  say(who: string, text: string, where?: Partial<Where>): Promise<string>;
  /** A card action; the message and the card as text, and the card itself. */
  act(who: string, verb: string, data: Record<string, unknown>, where?: Partial<Where>): Promise<{ text: string; card: CardJson | undefined; rejected: boolean }>;
  /** The data of a card's action by its title (also inside ShowCard and ActionSets). */
  dataOf(card: CardJson | undefined, title: string): Record<string, unknown>;
  /** What Teams sends for a button: every input's current value, then the button's data. */
  submit(card: CardJson | undefined, title: string): Record<string, unknown>;
  /** Pending jobs of the workplace of a kind, to whom. */
  jobs(kind: string, to?: string): Promise<Job[]>;
  render(job: Job): Promise<{ text: string; card: CardJson | undefined }>;
  names: Record<string, string>;
}

export function musRig(clock: ManualClock, options: { sick?: Set<string>; people?: Record<string, Role[]> } = {}): MusRig {
  const sick = options.sick ?? new Set<string>();
  const rig = featureRig(clock, (deps) => musFeature(deps, { absence: { isAbsent: async (_wp, id) => sick.has(id) } }));
  const people: Record<string, Role[]> = options.people ?? {
    lone: ['leder'], tobias: ['TR'], amira: ['AMR'], mads: ['medarbejder'], sofie: ['medarbejder'], nadia: ['medarbejder'], ole: ['medarbejder'],
  };
  const names: Record<string, string> = { lone: 'Lone Leder', tobias: 'Tobias Tillid', amira: 'Amira Arbejdsmiljø', mads: 'Mads', sofie: 'Sofie', nadia: 'Nadia', ole: 'Ole', lis: 'Lis' };
  const turnFor = (who: string, where: Partial<Where> = {}) => fakeTurn({ aadObjectId: who, name: names[who] ?? who, now: clock.now(), where });
  const find = (node: unknown, title: string): Record<string, unknown> | undefined => {
    if (Array.isArray(node)) return node.map((n) => find(n, title)).find(Boolean);
    if (!node || typeof node !== 'object') return undefined;
    const o = node as Record<string, unknown>;
    if (o.title === title && typeof o.type === 'string' && o.type.startsWith('Action.')) return (o.data ?? (o.card as { actions?: { data: Record<string, unknown> }[] } | undefined)?.actions?.[0]?.data) as Record<string, unknown>;
    return Object.values(o).map((v) => find(v, title)).find(Boolean);
  };
  return {
    rig,
    names,
    async ready() {
      await rig.ready();
      const members = Object.entries(people).map(([id, roles]) => ({ aadObjectId: id, teamsUserId: `29:${id}`, name: names[id] ?? id, roles }));
      await seedWorkplace(rig.workplaces, { id: WP, name: 'Bostedet Solhøj', createdBy: 'lone', links: [{ forum: 'med', conversationId: MED, teamId: 'team' }] }, members);
    },
    async say(who, text, where) {
      const turn = turnFor(who, where);
      await rig.dispatcher.handleText(turn, text);
      return turn.replies.map(textOf).join('\n');
    },
    async act(who, verb, data, where) {
      const outcome = await rig.dispatcher.handleAction(turnFor(who, where), verb, data, { source: 'execute' });
      const card = outcome.card ?? outcome.message?.card;
      return { text: `${textOf(outcome.message)}\n${textOf(outcome.card ? { card: outcome.card } : undefined)}`, card, rejected: !!outcome.rejected };
    },
    submit(card, title) {
      const inputs: Record<string, unknown> = {};
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          const o = node as Record<string, unknown>;
          if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') inputs[o.id] = o.value === undefined ? '' : String(o.value);
          Object.values(o).forEach(walk);
        }
      };
      walk(card);
      return { ...inputs, ...this.dataOf(card, title) };
    },
    dataOf(card, title) {
      const data = find(card, title);
      if (!data) throw new Error(`No action "${title}" on the card`);
      return data;
    },
    async jobs(kind, to) {
      return (await rig.pending(WP)).filter((j) => j.kind === kind && (!to || (j.target.kind === 'user' && j.target.aadObjectId === to)));
    },
    async render(job) {
      const msg = (await rig.handler(job.kind).render(job, clock.now())) ?? undefined;
      return { text: textOf(msg), card: msg?.card };
    },
  };
}

/** The planning card's fields, as a leader fills them in. */
export const planForm = (participants: string, extra: Record<string, unknown> = {}) => ({
  workplaceId: WP, from: '2026-11-30', to: '2026-12-04', windowStart: '09:00', windowEnd: '15:00', duration: '60', buffer: '15', place: 'Kontoret', mode: 'individual', participants, ...extra,
});
