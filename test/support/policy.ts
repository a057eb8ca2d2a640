/**
 * customPolicy: a fraværspolitik with some fields replaced, for tests. The model part is
 * validated again, as a deployment's or a workplace's own model is (src/sickness/policy.ts).
 */
import { LocalPolicySchema, withRules, type FollowUpPolicy } from '../../src/sickness/policy.js';

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export function customPolicy(base: FollowUpPolicy, overrides: DeepPartial<FollowUpPolicy>): FollowUpPolicy {
  const merged = merge(structuredClone(base) as unknown as Record<string, unknown>, overrides) as unknown as FollowUpPolicy;
  const { returnFollowUp, repeatedAbsence, retention, ...model } = merged;
  return withRules(LocalPolicySchema.parse(model), { returnFollowUp, repeatedAbsence, retention });
}

/** Objects are merged key by key; anything else (a list of days, a number) replaces. */
function merge(target: Record<string, unknown>, patch: object): Record<string, unknown> {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (isObject(value) && isObject(current)) merge(current as Record<string, unknown>, value as object);
    else if (value !== undefined) target[key] = value;
  }
  return target;
}
