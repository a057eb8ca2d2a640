import { z } from 'zod';
import { ROLES, type Role } from '../core/types.js';
import type { Forum } from '../core/access.js';
import { setupText as t } from '../i18n/setup.js';

/** Card verbs of the setup: the names the verbs are routed by, and that cards/welcome.json and cards/roles.json use. */
export const SETUP_VERBS = {
  register: 'setup.register',
  rolesPage: 'roles.page',
  rolesSave: 'roles.save',
} as const;

export const workplaceNameSchema = z
  .string()
  .trim()
  .min(2, t.nameTooShort)
  .max(80, t.nameTooLong);

/** A stable id from a name: "Bostedet Solhøj" → "bostedet-solhoej". */
export function workplaceIdFromName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

export interface ChannelLink {
  conversationId: string;
  teamId: string;
}

export interface Workplace {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  trio?: ChannelLink;
  med?: ChannelLink;
  /** Feature settings as JSON per feature, e.g. { sickness: {...}, pulse: {...} }. */
  settings: Record<string, unknown>;
}

export interface Member {
  workplaceId: string;
  workplaceName: string;
  aadObjectId: string;
  teamsUserId: string;
  name: string;
  roles: Role[];
  /** For MUS seniority (optional). */
  startDate?: string;
  /** For the seniorsamtale age (optional). */
  birthYear?: number;
}

export const roleSchema = z.enum(ROLES);
export const forumSchema = z.enum(['trio', 'med']) satisfies z.ZodType<Forum>;

export function parseRoles(value: string | undefined): Role[] {
  return (value ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

/** `opsætning trio|med <arbejdssted>` */
export const setupArgs = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const m = /^(trio|med)\s+(.+)$/i.exec(s);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: t.setupUsage });
      return z.NEVER;
    }
    return { forum: m[1]!.toLowerCase(), name: m[2]! };
  })
  .pipe(z.object({ forum: forumSchema, name: workplaceNameSchema }));

/** The welcome card's buttons: the channel's forum and the workplace's name. */
export const registerInput = z.object({ forum: forumSchema, name: workplaceNameSchema });
/** The welcome card's buttons: the name is checked only when the channel is not registered yet (an old card may be pressed). */
export const registerButtonInput = z.object({ forum: forumSchema, name: z.string().max(200).default('') });

/** How many people one roles card shows. */
export const ROLES_PAGE_SIZE = 10;

export const rolesPageInput = z.object({ page: z.coerce.number().int().min(1) });

/** The roles card's submit: the people on the page, and one input `r_<aadObjectId>` per person (see rolesValue). */
export const rolesSaveInput = z
  .object({
    workplaceId: z.string().min(1),
    page: z.coerce.number().int().min(1),
    people: z
      .array(z.object({ aadObjectId: z.string().min(1), teamsUserId: z.string().min(1), name: z.string() }))
      .max(ROLES_PAGE_SIZE),
  })
  .catchall(z.unknown());
export type RolesSave = z.infer<typeof rolesSaveInput>;

/** One person's multi-select value: "leder,TR" (empty: no role). */
export const rolesValue = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.enum(ROLES, { message: t.roleChoice })));
