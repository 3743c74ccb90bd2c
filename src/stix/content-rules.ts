import { isLanguageTag } from './schema-formats.js';
import { isRecord, pointerSegment } from './stix-issue.js';
import type { ObjectRule } from './rule-context.js';
import { issueMessage } from './stix-issue.messages.js';

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
        issueMessage('languageTag', { key: JSON.stringify(key) }),
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
    sink.error('/pattern', 'pattern-syntax', issueMessage('patternEmpty'));
    return;
  }
  if (!PATTERN_TYPES.has(patternType))
    sink.warn(
      '/pattern_type',
      'pattern-type',
      issueMessage('patternType', { value: JSON.stringify(patternType) }),
    );
  if (!ctx.checkPattern) return;
  const problem = ctx.checkPattern(pattern, patternType, typeof version === 'string' ? version : undefined);
  if (problem) sink.error('/pattern', 'pattern-syntax', problem.message, problem.position);
};
