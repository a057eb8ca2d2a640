/**
 * The violence commands, in the personal chat only: `registrér episode` (also `vold`,
 * `trussel`) opens the form; `episoder` lists what the person may see. A channel never
 * sees anything about one episode.
 */
import { randomBytes } from 'node:crypto';
import { access, type Membership, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand, normalizeText } from '../core/registry.js';
import type { CardJson } from '../core/types.js';
import { KIND_LABELS, violenceText as t } from '../i18n/violence.js';
import { formCard, listCard } from './cards.js';
import { workplaceArg } from './inputs.js';
import { VIOLENCE_VERBS } from './model.js';
import type { ViolenceService } from './service.js';

const personal = ['personal'] as const;

/** The workplace meant: the only one, or the one named (by name or id). */
export function chooseWorkplace(p: Principal, arg: string): Membership {
  const wanted = arg.trim();
  if (wanted) {
    const hit = p.memberships.find((m) => normalizeText(m.workplaceName) === normalizeText(wanted) || m.workplaceId === wanted.toLowerCase());
    if (!hit) throw new UserError('NOT_FOUND', t.unknownWorkplace(wanted));
    return hit;
  }
  if (p.memberships.length === 1) return p.memberships[0]!;
  if (p.memberships.length === 0) throw new UserError('FORBIDDEN', t.noWorkplace);
  throw new UserError('INVALID_INPUT', t.chooseWorkplace(p.memberships.map((m) => m.workplaceName)));
}

/** A fresh registration form with its own one-time key. */
export async function newForm(svc: ViolenceService, p: Principal, arg: string): Promise<CardJson> {
  const m = chooseWorkplace(p, arg);
  const [members, policy] = await Promise.all([svc.members(m.workplaceId), svc.policy(m.workplaceId)]);
  const colleagues = members.filter((x) => x.aadObjectId !== p.userId).map((x) => ({ title: x.name, value: x.aadObjectId }));
  return formCard({ workplaceId: m.workplaceId, formKey: randomBytes(5).toString('hex'), colleagues, places: policy.places });
}

export function violenceCommands(svc: ViolenceService): FeaturePart {
  const register = defineCommand({
    id: 'violence.register',
    name: 'registrér episode',
    aliases: ['registrer episode', 'vold', 'trussel', 'trusler', 'krænkelse', 'ny episode', 'violence'],
    usage: 'registrér episode',
    description: t.commands.register,
    button: { title: t.form.title, verb: VIOLENCE_VERBS.form },
    scopes: personal,
    allowed: access.member,
    args: workplaceArg,
    async run(turn, p, arg) {
      // "vold i køkkenet" is still the form: only a workplace's name is read from the rest.
      const named = p.memberships.some((m) => normalizeText(m.workplaceName) === normalizeText(arg) || m.workplaceId === arg.toLowerCase());
      await turn.reply({ card: await newForm(svc, p, named ? arg : '') });
    },
  });

  const overview = defineCommand({
    id: 'violence.overview',
    name: 'episoder',
    aliases: ['mine episoder', 'voldsepisoder', 'episodes'],
    description: t.commands.overview,
    scopes: personal,
    allowed: access.member,
    async run(turn, p) {
      const visible = await svc.visibleTo(p);
      if (visible.length === 0) {
        await turn.reply({ text: t.noEpisodes });
        return;
      }
      const rows = visible.map(({ e, as }) => ({ e, line: t.listLine(KIND_LABELS[e.kind], e.occurredOn, as === 'employee' ? t.themselves : e.employeeName) }));
      await turn.reply({ card: listCard(rows) });
    },
  });

  return { commands: [register, overview] };
}
