import { KEYWORDS } from './pattern.lexer.js';
import type { PathStep } from './pattern.types.js';

/** One `[type:path = 'text']` comparison, read without tokens. */
export interface SimpleEquality {
  readonly objectType: string;
  readonly steps: readonly PathStep[];
  /** The string literal's value, escapes resolved. */
  readonly value: string;
}

/**
 * The shape of nearly every shared indicator: an object type, one property (or `hashes.ALGO`), `=`
 * and a string literal, with single spaces at most around the operator and inside the brackets.
 * Everything this accepts the full grammar accepts with the same meaning; the property test in
 * simple-equality.test.ts holds it to the parser. Lower-case names cannot be keywords (STIX keywords
 * are upper-case), but `true` and `false` are literals, never names.
 */
const SHAPE =
  /^\[ ?([a-z][a-z0-9-]*):([a-z_][a-z0-9_]*)(?:\.(?:'([^'\\]+)'|([A-Za-z_][A-Za-z0-9_]*)))? ?= ?'((?:[^'\\]|\\['\\])*)' ?\]$/;

const LITERAL_WORDS = new Set(['true', 'false']);

/**
 * The comparison of a pattern of that one shape, else undefined (any other pattern, valid or not,
 * is the parser's). Validating and correlating an indicator both read its pattern; a parse took
 * ~1.4 µs and 1 kB of garbage where this takes a fraction of either.
 */
export function simpleEquality(text: string): SimpleEquality | undefined {
  const match = SHAPE.exec(text);
  if (!match) return undefined;
  const [, objectType = '', property = '', quotedKey, plainKey, raw = ''] = match;
  if (LITERAL_WORDS.has(objectType) || LITERAL_WORDS.has(property)) return undefined;
  if (plainKey !== undefined && (KEYWORDS.has(plainKey) || LITERAL_WORDS.has(plainKey))) return undefined;
  const key = quotedKey ?? plainKey;
  const steps: PathStep[] =
    key === undefined
      ? [{ kind: 'key', key: property }]
      : [
          { kind: 'key', key: property },
          { kind: 'key', key },
        ];
  return { objectType, steps, value: raw.includes('\\') ? raw.replace(/\\(['\\])/g, '$1') : raw };
}
