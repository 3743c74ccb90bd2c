import { KEYWORDS } from './pattern.lexer.js';
import type { PathStep } from './pattern.types.js';

/** One `[type:path = 'text']` comparison, read without tokens. */
export interface SimpleEquality {
  readonly objectType: string;
  readonly steps: readonly PathStep[];
  /** The string literal's value, escapes resolved. */
  readonly value: string;
}

// The shape of nearly every shared indicator: an object type, one property (or `hashes.ALGO`), `=`
// and a string literal, with single spaces at most around the operator and inside the brackets.
// Everything it accepts the full grammar accepts with the same meaning; the property test in
// simple-equality.test.ts holds it to the parser. A name is never `true` or `false` (literals) nor
// a keyword (upper-case, so only the hash name can be one).
const NOT_A_WORD = (words: readonly string[], part: string) => `(?!(?:${words.join('|')})(?!${part}))`;
const LITERALS = ['true', 'false'];
const TYPE = `${NOT_A_WORD(LITERALS, '[a-z0-9-]')}[a-z][a-z0-9-]*`;
const PROPERTY = `${NOT_A_WORD(LITERALS, '[a-z0-9_]')}[a-z_][a-z0-9_]*`;
const KEY = `${NOT_A_WORD([...KEYWORDS, ...LITERALS], '[A-Za-z0-9_]')}[A-Za-z_][A-Za-z0-9_]*`;
const OPEN = `^\\[ ?`;
const CLOSE = ` ?= ?'((?:[^'\\\\]|\\\\['\\\\])*)' ?\\]$`;

const SHAPE = new RegExp(`${OPEN}(${TYPE}):(${PROPERTY})(?:\\.(?:'([^'\\\\]+)'|(${KEY})))?${CLOSE}`);
/** The shape with one property: valid whenever it matches (only digests have a form to check). */
const ONE_PROPERTY = new RegExp(`${OPEN}${TYPE}:${PROPERTY}${CLOSE}`);

/**
 * The comparison of a pattern of that one shape, else undefined (any other pattern, valid or not,
 * is the parser's). Validating and correlating an indicator both read its pattern; a parse took
 * ~0.6 µs and 1 kB of tokens and tree.
 */
export function simpleEquality(text: string): SimpleEquality | undefined {
  const match = SHAPE.exec(text);
  if (!match) return undefined;
  const [, objectType = '', property = '', quotedKey, plainKey, raw = ''] = match;
  const key = quotedKey ?? plainKey;
  const steps: PathStep[] = [{ kind: 'key', key: property }];
  if (key !== undefined) steps.push({ kind: 'key', key });
  return { objectType, steps, value: raw.includes('\\') ? raw.replace(/\\(['\\])/g, '$1') : raw };
}

/** True for the shape with one property (no digest name): a valid pattern, known without a parse or a match to keep. */
export function isOnePropertyEquality(text: string): boolean {
  return ONE_PROPERTY.test(text);
}
