import type { Message } from '../i18n/messages.js';

/**
 * One problem found in a STIX object or bundle. `path` is a JSON pointer into the validated value;
 * the message is said in the reader's language where the issue leaves the node.
 */
export interface StixIssue {
  path: string;
  message: Message;
  rule: StixRule;
  severity: 'error' | 'warning';
  /** 0-based offset into the property's text (pattern syntax errors), so editors can point at it. */
  position?: number;
}

/** A STIX object as the validator and the store see it. */
export type StixObject = { type: string; id: string; spec_version?: string; [k: string]: unknown };

/** The outcome of a validation: valid when no issue is an error; warnings are kept. */
export interface StixValidationResult {
  valid: boolean;
  issues: StixIssue[];
}

/**
 * Stable rule ids. Clients and tests switch on these; the messages may change.
 * Schema rules come from Accord's JSON Schemas, the others from code (what schemas cannot say).
 */
export const stixRules = [
  // input shape
  'not-an-object',
  'type-format',
  'type-unknown',
  'not-a-bundle',
  'unexpected-bundle',
  // schema-level
  'required-property',
  'property-type',
  'property-value',
  'property-pattern',
  'value-range',
  'empty-list',
  'empty-object',
  'dictionary-key',
  'identifier-format',
  'timestamp-format',
  'url-format',
  'email-format',
  'ip-format',
  'encoding',
  'language-tag',
  'schema',
  // semantic
  'id-type-mismatch',
  'id-uuid-version',
  'spec-version',
  'timestamp-precision',
  'modified-before-created',
  'time-order',
  'ref-target-type',
  'property-combination',
  'external-reference',
  'extension-key',
  'extension-deprecated',
  'marking-definition',
  'marking-circular',
  'tlp-marking',
  'granular-selector',
  'pattern-syntax',
  'pattern-type',
  'custom-property-name',
  'custom-property-prefix',
  'reserved-property',
  'deprecated-property',
  'duplicate-object',
  'bundle-spec-version',
] as const;

export type StixRule = (typeof stixRules)[number];

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  const text = String(key);
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

/** Collects issues under a base JSON pointer, so rules can report paths relative to their object. */
export class IssueSink {
  constructor(
    readonly issues: StixIssue[],
    readonly base: string,
  ) {}

  error(path: string, rule: StixRule, message: Message, position?: number): void {
    const issue: StixIssue = { path: this.base + path, message, rule, severity: 'error' };
    if (position !== undefined) issue.position = position;
    this.issues.push(issue);
  }

  warn(path: string, rule: StixRule, message: Message): void {
    this.issues.push({ path: this.base + path, message, rule, severity: 'warning' });
  }
}

/** True when the value is a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
