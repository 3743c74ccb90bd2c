import type { ErrorObject } from 'ajv';
import { stixFormats } from './schema-formats.js';
import { pointerSegment, type IssueSink, type StixRule } from './stix-issue.js';

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

function messageOf(error: ErrorObject): string {
  const text = error.message ?? error.keyword;
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    return `${text}: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (error.propertyName !== undefined) return `key ${JSON.stringify(error.propertyName)} ${text}`;
  return text;
}

/** Reports Ajv errors as issues, one per problem (the wrapper `propertyNames` errors are dropped). */
export function reportSchemaErrors(errors: readonly ErrorObject[], sink: IssueSink): void {
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'propertyNames') continue;
    const path = pathOf(error);
    const rule = ruleOf(error);
    const key = `${path}\u0000${rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sink.error(path, rule, messageOf(error));
  }
}
