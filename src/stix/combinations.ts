import { issueMessage } from './stix-issue.messages.js';
import type { Combination } from './type-spec.js';

const has = (obj: Readonly<Record<string, unknown>>, key: string): boolean => obj[key] !== undefined;

/** At least one of the properties must be present. */
export function atLeastOne(...keys: string[]): Combination {
  return {
    check: (obj) =>
      keys.some((k) => has(obj, k))
        ? undefined
        : { path: '', message: issueMessage('atLeastOne', { properties: keys.join(', ') }) },
  };
}

/** The two properties must not both be present. */
export function exclusive(a: string, b: string): Combination {
  return {
    check: (obj) =>
      has(obj, a) && has(obj, b)
        ? { path: `/${b}`, message: issueMessage('exclusive', { property: b, other: a }) }
        : undefined,
  };
}

/** When `key` is present, every one of `needed` must be present too. */
export function requires(key: string, ...needed: string[]): Combination {
  return {
    check: (obj) => {
      if (!has(obj, key)) return undefined;
      const missing = needed.find((n) => !has(obj, n));
      return missing === undefined
        ? undefined
        : { path: `/${missing}`, message: issueMessage('requires', { property: missing, other: key }) };
    },
  };
}

/** When `key` equals `value`, `needed` must be present. */
export function requiredWhen(key: string, value: unknown, needed: string): Combination {
  return {
    check: (obj) =>
      obj[key] === value && !has(obj, needed)
        ? { path: `/${needed}`, message: issueMessage('requiredWhen', { property: needed, other: key, value: JSON.stringify(value) }) }
        : undefined,
  };
}

/** When `key` equals `value` (undefined = absent), `forbidden` must not be present. */
export function forbiddenWhen(key: string, value: unknown, forbidden: string): Combination {
  return {
    check: (obj) =>
      obj[key] === value && has(obj, forbidden)
        ? {
            path: `/${forbidden}`,
            message:
              value === undefined
                ? issueMessage('forbiddenWhenAbsent', { property: forbidden, other: key })
                : issueMessage('forbiddenWhen', { property: forbidden, other: key, value: JSON.stringify(value) }),
          }
        : undefined,
  };
}
