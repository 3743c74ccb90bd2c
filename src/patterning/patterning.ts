/**
 * STIX 2.1 patterning: parse (with precise errors), print, match against observations, and
 * pull out simple equality terms. Other domains import from this module only.
 */
import type { Message } from '../i18n/messages.js';
import { PatternSyntaxError } from './pattern.errors.js';
import { invalidHash } from './pattern.checks.js';
import { parsePattern } from './pattern.parser.js';
import { isOnePropertyEquality, simpleEquality } from './simple-equality.js';

export { PatternSyntaxError } from './pattern.errors.js';
export { parsePattern } from './pattern.parser.js';
export { simpleEquality } from './simple-equality.js';
export {
  printPattern,
  printObjectPath,
  printLiteral,
  quote as quotePatternString,
} from './pattern.printer.js';
export { compilePattern, matchPattern } from './pattern.matcher.js';
export type { CompiledPattern, MatchResult, MatchOptions } from './pattern.matcher.js';
export { equalityTerms, equalityConjunctions } from './equality-terms.js';
export type { EqualityTerm } from './equality-terms.js';
export { observationFrom } from './observation.js';
export type { Observation, JsonObject } from './observation.js';
export type * from './pattern.types.js';

/**
 * For the STIX validator: undefined when `text` is a valid STIX 2.1 pattern, else the first
 * problem (its message in every language, and its 0-based position).
 */
export function checkPattern(text: string): { message: Message; position?: number } | undefined {
  // The common shapes are valid as read unless a digest has the wrong form; the parser says where.
  if (isOnePropertyEquality(text)) return undefined;
  const simple = simpleEquality(text);
  if (simple && !invalidHash(simple, { kind: 'string', value: simple.value })) return undefined;
  try {
    parsePattern(text);
    return undefined;
  } catch (error) {
    if (error instanceof PatternSyntaxError) return { message: error.description, position: error.position };
    throw error;
  }
}

/**
 * The check the STIX validator runs on indicators (its PatternChecker): STIX patterns are parsed,
 * other pattern languages (YARA, Sigma, Snort…) are left to their own tools.
 */
export function checkIndicatorPattern(
  pattern: string,
  patternType: string,
): { message: Message; position?: number } | undefined {
  return patternType === 'stix' ? checkPattern(pattern) : undefined;
}
