import type { ErrorObject } from 'ajv';
import type { Message } from '../i18n/messages.js';
import { stixFormats } from './schema-formats.js';
import { pointerSegment, type IssueSink, type StixRule } from './stix-issue.js';
import { issueMessage } from './stix-issue.messages.js';

const byKeyword: Readonly<Record<string, StixRule>> = {
  required: 'required-property',
  type: 'property-type',
  enum: 'property-value',
  const: 'property-value',
  pattern: 'property-pattern',
  minimum: 'value-range',
  maximum: 'value-range',
  exclusiveMinimum: 'value-range',
  exclusiveMaximum: 'value-range',
  minItems: 'empty-list',
  minProperties: 'empty-object',
};

function ruleOf(error: ErrorObject): StixRule {
  if (error.propertyName !== undefined) return 'dictionary-key';
  if (error.keyword === 'format') {
    const format = (error.params as { format?: string }).format ?? '';
    return stixFormats[format]?.rule ?? 'schema';
  }
  return byKeyword[error.keyword] ?? 'schema';
}

function pathOf(error: ErrorObject): string {
  if (error.keyword === 'required') {
    return `${error.instancePath}/${pointerSegment((error.params as { missingProperty: string }).missingProperty)}`;
  }
  if (error.propertyName !== undefined) return `${error.instancePath}/${pointerSegment(error.propertyName)}`;
  return error.instancePath;
}

const formatMessages: Readonly<Record<string, Parameters<typeof issueMessage>[0]>> = {
  'stix-timestamp': 'formatTimestamp',
  'stix-identifier': 'formatIdentifier',
  'stix-hex': 'formatHex',
  'stix-binary': 'formatBase64',
  'stix-ipv4': 'formatIpv4',
  'stix-ipv6': 'formatIpv6',
  'language-tag': 'formatLanguageTag',
  uri: 'formatUri',
  email: 'formatEmail',
};

const list = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(', ');

/** The keyword's own problem, from Ajv's structured params rather than its English text. */
function keywordMessage(error: ErrorObject): Message {
  const params = error.params as Record<string, unknown>;
  const limit = String(params.limit);
  switch (error.keyword) {
    case 'required': return issueMessage('required', { property: String(params.missingProperty) });
    case 'type': return issueMessage('type', { type: [params.type].flat().join(' | ') });
    case 'enum': return issueMessage('oneOfValues', { values: list((params.allowedValues as unknown[] | undefined) ?? []) });
    case 'const': return issueMessage('constant', { value: JSON.stringify(params.allowedValue) });
    case 'pattern': return issueMessage('pattern', { pattern: String(params.pattern) });
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return issueMessage('range', { comparison: String(params.comparison), limit });
    case 'minItems': case 'maxItems': case 'minLength': case 'maxLength': case 'minProperties':
      return issueMessage(error.keyword, { limit });
    case 'additionalProperties': return issueMessage('notAllowed', { property: String(params.additionalProperty) });
    case 'format': {
      const format = String(params.format);
      const known = formatMessages[format];
      return known ? issueMessage(known) : issueMessage('formatOther', { format });
    }
    default: return issueMessage('schema', { detail: error.message ?? error.keyword });
  }
}

function messageOf(error: ErrorObject): Message {
  const problem = keywordMessage(error);
  return error.propertyName === undefined ? problem : issueMessage('dictionaryKey', { key: JSON.stringify(error.propertyName), problem });
}

/**
 * Ajv's errors as problems a reader can act on, in any language: one per property and rule, at the
 * property's JSON pointer (the wrapper `propertyNames` errors are dropped).
 */
export function schemaProblems(errors: readonly ErrorObject[]): Array<{ path: string; rule: StixRule; message: Message }> {
  const seen = new Set<string>();
  const problems = [];
  for (const error of errors) {
    if (error.keyword === 'propertyNames') continue;
    const path = pathOf(error);
    const rule = ruleOf(error);
    const key = `${path}\u0000${rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, rule, message: messageOf(error) });
  }
  return problems;
}

/** Reports Ajv errors as issues, one per problem. */
export function reportSchemaErrors(errors: readonly ErrorObject[], sink: IssueSink): void {
  for (const { path, rule, message } of schemaProblems(errors)) sink.error(path, rule, message);
}
