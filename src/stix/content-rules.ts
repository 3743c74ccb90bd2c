import { isLanguageTag } from './schema-formats.js';
import { isRecord, pointerSegment } from './stix-issue.js';
import type { ObjectRule } from './rule-context.js';

/** The pattern languages of the STIX 2.1 pattern-type vocabulary (an open vocabulary). */
export const PATTERN_TYPES: ReadonlySet<string> = new Set([
  'stix',
  'pcre',
  'sigma',
  'snort',
  'suricata',
  'yara',
]);

/** language-content: every key of contents is an RFC 5646 language tag. */
export const checkLanguageContent: ObjectRule = (obj, type, sink) => {
  if (type.type !== 'language-content' || !isRecord(obj.contents)) return;
  for (const key in obj.contents) {
    if (!isLanguageTag(key))
      sink.error(
        `/contents/${pointerSegment(key)}`,
        'language-tag',
        `${JSON.stringify(key)} is not an RFC 5646 language tag`,
      );
  }
};

/**
 * Indicator patterns: non-empty; pattern_type outside the vocabulary is a warning; the injected
 * grammar checker (from the patterning module) decides syntax when present.
 */
export const checkIndicatorPattern: ObjectRule = (obj, type, sink, ctx) => {
  if (type.type !== 'indicator') return;
  const { pattern, pattern_type: patternType, pattern_version: version } = obj;
  if (typeof pattern !== 'string' || typeof patternType !== 'string') return; // the schema reports these
  if (pattern.trim() === '') {
    sink.error('/pattern', 'pattern-syntax', 'pattern must not be empty');
    return;
  }
  if (!PATTERN_TYPES.has(patternType))
    sink.warn(
      '/pattern_type',
      'pattern-type',
      `pattern_type ${JSON.stringify(patternType)} is not in the STIX pattern-type vocabulary`,
    );
  if (!ctx.checkPattern) return;
  const problem = ctx.checkPattern(pattern, patternType, typeof version === 'string' ? version : undefined);
  if (problem) {
    const where = problem.position === undefined ? '' : ` (at character ${problem.position})`;
    sink.error('/pattern', 'pattern-syntax', `${problem.message}${where}`);
  }
};
