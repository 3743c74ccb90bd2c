import { parsePattern } from '../../../src/patterning/pattern.parser.js';
import { PatternSyntaxError } from '../../../src/patterning/pattern.errors.js';
import type { ProblemIssue } from '../api/client';
import type { Locale, StixObject } from '../api/types';
import { isStixId } from './stix-display';

/** The object types the UI creates and edits. */
export const editableKinds = ['indicator', 'report', 'vulnerability', 'incident'] as const;
export type EditableKind = (typeof editableKinds)[number];

export function isEditableKind(value: unknown): value is EditableKind {
  return typeof value === 'string' && (editableKinds as readonly string[]).includes(value);
}

export type FieldName =
  | 'name'
  | 'description'
  | 'tlp'
  | 'labels'
  | 'confidence'
  | 'pattern'
  | 'pattern_type'
  | 'indicator_types'
  | 'valid_from'
  | 'valid_until'
  | 'published'
  | 'report_types'
  | 'object_refs'
  | 'cve';

/** Form values as the inputs hold them (text; lists one per line or comma-separated). */
export type FormValues = Partial<Record<FieldName, string>>;

export type FieldKind =
  'text' | 'textarea' | 'pattern' | 'select' | 'datetime' | 'checklist' | 'refs' | 'tlp' | 'number';

export interface FieldSpec {
  readonly name: FieldName;
  readonly kind: FieldKind;
  readonly required?: boolean;
  /** Vocabulary for selects and checklists. */
  readonly options?: readonly string[];
}

export const PATTERN_TYPES = ['stix', 'pcre', 'sigma', 'snort', 'suricata', 'yara'] as const;
export const INDICATOR_TYPES = [
  'anomalous-activity',
  'anonymization',
  'benign',
  'compromised',
  'malicious-activity',
  'attribution',
  'unknown',
] as const;
export const REPORT_TYPES = [
  'attack-pattern',
  'campaign',
  'identity',
  'indicator',
  'intrusion-set',
  'malware',
  'observed-data',
  'threat-actor',
  'threat-report',
  'tool',
  'vulnerability',
] as const;

const common: readonly FieldSpec[] = [
  { name: 'tlp', kind: 'tlp', required: true },
  { name: 'labels', kind: 'text' },
];

/** The fields of each form, in display order. */
export const formFields: Readonly<Record<EditableKind, readonly FieldSpec[]>> = {
  indicator: [
    { name: 'name', kind: 'text', required: true },
    { name: 'description', kind: 'textarea' },
    { name: 'pattern_type', kind: 'select', required: true, options: PATTERN_TYPES },
    { name: 'pattern', kind: 'pattern', required: true },
    { name: 'indicator_types', kind: 'checklist', options: INDICATOR_TYPES },
    { name: 'valid_from', kind: 'datetime', required: true },
    { name: 'valid_until', kind: 'datetime' },
    { name: 'confidence', kind: 'number' },
    ...common,
  ],
  report: [
    { name: 'name', kind: 'text', required: true },
    { name: 'description', kind: 'textarea' },
    { name: 'published', kind: 'datetime', required: true },
    { name: 'report_types', kind: 'checklist', options: REPORT_TYPES },
    { name: 'object_refs', kind: 'refs', required: true },
    ...common,
  ],
  vulnerability: [
    { name: 'name', kind: 'text', required: true },
    { name: 'cve', kind: 'text' },
    { name: 'description', kind: 'textarea' },
    ...common,
  ],
  incident: [
    { name: 'name', kind: 'text', required: true },
    { name: 'description', kind: 'textarea' },
    ...common,
  ],
};

/** A problem with one field: an i18n key with its values, or a text already in the user's language. */
export type FieldError =
  | {
      readonly key: string;
      readonly values?: Readonly<Record<string, string | number>>;
      readonly position?: number;
    }
  | { readonly text: string; readonly position?: number };

export type FieldErrors = Partial<Record<FieldName | '_form', FieldError>>;

/** Splits a list field: one entry per line or comma. */
export function listOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const CVE = /^CVE-\d{4}-\d{4,}$/;

/** A STIX pattern's first problem, in the user's language, with its 0-based position. */
export function patternProblem(pattern: string, locale: Locale): FieldError | undefined {
  try {
    parsePattern(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof PatternSyntaxError)
      return { text: error.description.text(locale), position: error.position };
    return { key: 'editor.error.pattern' };
  }
}

function checkTimes(values: FormValues, errors: FieldErrors): void {
  for (const f of ['valid_from', 'valid_until', 'published'] as const) {
    const v = values[f];
    if (v && Number.isNaN(new Date(v).getTime())) errors[f] = { key: 'editor.error.date' };
  }
  if (
    values.valid_from &&
    values.valid_until &&
    !errors.valid_until &&
    new Date(values.valid_until) <= new Date(values.valid_from)
  )
    errors.valid_until = { key: 'editor.error.validUntil' };
}

/** Client-side checks run as the user types: required fields, formats, the STIX pattern grammar. */
export function validateForm(kind: EditableKind, values: FormValues, locale: Locale): FieldErrors {
  const errors: FieldErrors = {};
  for (const spec of formFields[kind]) {
    if (spec.required && !(values[spec.name] ?? '').trim())
      errors[spec.name] = { key: 'editor.error.required' };
  }
  checkTimes(values, errors);
  if (kind === 'indicator' && values.pattern?.trim() && (values.pattern_type ?? 'stix') === 'stix') {
    const problem = patternProblem(values.pattern, locale);
    if (problem) errors.pattern = problem;
  }
  if (values.cve?.trim() && !CVE.test(values.cve.trim())) errors.cve = { key: 'editor.error.cve' };
  if (values.confidence?.trim()) {
    const n = Number(values.confidence);
    if (!Number.isInteger(n) || n < 0 || n > 100) errors.confidence = { key: 'editor.error.confidence' };
  }
  if (kind === 'report') {
    const bad = listOf(values.object_refs).find((r) => !isStixId(r));
    if (bad) errors.object_refs = { key: 'editor.error.ref', values: { ref: bad } };
  }
  return errors;
}

/** ISO timestamp of a datetime-local input (the user's zone), with milliseconds as STIX likes. */
export function toStixTime(local: string): string {
  return new Date(local).toISOString();
}

/** The value a datetime-local input shows for a STIX timestamp, in the user's zone. */
export function toLocalInput(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const joinList = (v: unknown): string =>
  Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(', ') : '';

/** Form values of an existing object (for editing). */
export function valuesOf(object: StixObject, tlp: string | null): FormValues {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const refs = Array.isArray(object.external_references)
    ? (object.external_references as Array<{ source_name?: unknown; external_id?: unknown }>)
    : [];
  return {
    name: str(object.name),
    description: str(object.description),
    tlp: tlp ?? '',
    labels: joinList(object.labels),
    confidence: typeof object.confidence === 'number' ? String(object.confidence) : '',
    pattern: str(object.pattern),
    pattern_type: str(object.pattern_type) || 'stix',
    indicator_types: joinList(object.indicator_types),
    valid_from: toLocalInput(object.valid_from),
    valid_until: toLocalInput(object.valid_until),
    published: toLocalInput(object.published),
    report_types: joinList(object.report_types),
    object_refs: Array.isArray(object.object_refs) ? (object.object_refs as string[]).join('\n') : '',
    cve: str(refs.find((r) => r.source_name === 'cve')?.external_id),
  };
}

/** A timestamp strictly later than `previous` (a new version must be newer than the last). */
function laterThan(previous: unknown, now: Date): string {
  const prev = typeof previous === 'string' ? new Date(previous).getTime() : 0;
  return new Date(Math.max(now.getTime(), prev + 1)).toISOString();
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete target[key];
  else target[key] = value;
}

function typeSpecific(
  kind: EditableKind,
  values: FormValues,
  out: Record<string, unknown>,
  previous: StixObject | undefined,
): void {
  switch (kind) {
    case 'indicator':
      out.pattern = values.pattern?.trim();
      out.pattern_type = values.pattern_type || 'stix';
      setOrDelete(out, 'indicator_types', listOf(values.indicator_types));
      out.valid_from = values.valid_from ? toStixTime(values.valid_from) : undefined;
      setOrDelete(out, 'valid_until', values.valid_until ? toStixTime(values.valid_until) : undefined);
      break;
    case 'report':
      out.published = values.published ? toStixTime(values.published) : undefined;
      setOrDelete(out, 'report_types', listOf(values.report_types));
      out.object_refs = listOf(values.object_refs);
      break;
    case 'vulnerability': {
      const others = (
        Array.isArray(previous?.external_references)
          ? (previous.external_references as Array<{ source_name?: unknown }>)
          : []
      ).filter((r) => r.source_name !== 'cve');
      const cve = values.cve?.trim();
      setOrDelete(
        out,
        'external_references',
        cve ? [{ source_name: 'cve', external_id: cve }, ...others] : others,
      );
      break;
    }
    case 'incident':
      break;
  }
}

/**
 * The STIX object the form describes: a new object, or a new version of `previous` (same id and
 * created, later modified, the properties the form does not show kept as they were).
 */
export function buildObject(
  kind: EditableKind,
  values: FormValues,
  tlpMarkingId: string | undefined,
  now: Date,
  newId: () => string,
  previous?: StixObject,
): StixObject {
  const created = previous?.created ?? now.toISOString();
  const out: Record<string, unknown> = { ...(previous ?? {}) };
  out.type = kind;
  out.spec_version = '2.1';
  out.id = previous?.id ?? `${kind}--${newId()}`;
  out.created = created;
  out.modified = previous ? laterThan(previous.modified, now) : created;
  out.name = values.name?.trim();
  setOrDelete(out, 'description', values.description?.trim());
  setOrDelete(out, 'labels', listOf(values.labels));
  setOrDelete(out, 'confidence', values.confidence?.trim() ? Number(values.confidence) : undefined);
  // TLP replaces any earlier TLP marking; other markings stay.
  const markings = (
    Array.isArray(previous?.object_marking_refs) ? (previous.object_marking_refs as string[]) : []
  ).filter((m) => !TLP_IDS.has(m));
  setOrDelete(out, 'object_marking_refs', tlpMarkingId ? [tlpMarkingId, ...markings] : markings);
  typeSpecific(kind, values, out, previous);
  return out as StixObject;
}

/** TLP 1.0 and 2.0 marking-definition ids (replaced when the user picks another level). */
export const TLP_IDS: ReadonlySet<string> = new Set([
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
]);

const FIELD_OF_PATH: ReadonlyArray<[RegExp, FieldName]> = [
  [/^\/pattern_type/, 'pattern_type'],
  [/^\/pattern/, 'pattern'],
  [/^\/name/, 'name'],
  [/^\/description/, 'description'],
  [/^\/valid_from/, 'valid_from'],
  [/^\/valid_until/, 'valid_until'],
  [/^\/published/, 'published'],
  [/^\/object_refs/, 'object_refs'],
  [/^\/report_types/, 'report_types'],
  [/^\/indicator_types/, 'indicator_types'],
  [/^\/labels/, 'labels'],
  [/^\/confidence/, 'confidence'],
  [/^\/external_references/, 'cve'],
  [/^\/object_marking_refs/, 'tlp'],
];

/** The server's 422 issues placed at the fields they are about; the rest go to the form. */
export function serverErrors(issues: readonly ProblemIssue[], fallback: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = FIELD_OF_PATH.find(([re]) => re.test(issue.path))?.[1];
    const error: FieldError = { text: issue.message, ...(issue.position !== undefined ? { position: issue.position } : {}) };
    if (field && !errors[field]) errors[field] = error;
    else if (!field && !errors._form) errors._form = error;
  }
  if (Object.keys(errors).length === 0) errors._form = { text: fallback };
  return errors;
}
