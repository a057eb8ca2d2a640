import { z } from 'zod';
import { ROLES, type Role } from '../core/types.js';
import type { Forum } from '../core/access.js';

/** Card verbs of the setup: the names the verbs are routed by, and that cards/welcome.json and cards/roles.json use. */
export const SETUP_VERBS = {
  register: 'setup.register',
  rolesPage: 'roles.page',
  rolesSave: 'roles.save',
} as const;


export const workplaceNameSchema = z
  .string()
  .trim()
  .min(2, 'Skriv navnet på arbejdsstedet, fx "Bostedet Solhøj"')
  .max(80, 'Navnet må højst være 80 tegn');

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
