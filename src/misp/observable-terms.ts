import { parsePattern, printObjectPath, quotePatternString } from '../patterning/patterning.js';
import type { PathStep, Pattern } from '../patterning/patterning.js';
import { scoId } from './stix-ids.js';

/**
 * The meeting point of the two models: one `objectType:path = value` fact. A MISP attribute is a
 * few terms; a STIX pattern of equalities is terms joined by AND; SCOs flatten to terms. Both
 * directions of the mapping go through terms, so they cannot drift apart.
 */
export type TermValue = string | number;

export interface Term {
  readonly objectType: string;
  /** Object path after the colon, printed as in patterns: `hashes.'SHA-256'`, `resolves_to_refs[*].value`. */
  readonly path: string;
  readonly value: TermValue;
}

export type JsonRecord = Readonly<Record<string, unknown>>;

export function termKey(term: Pick<Term, 'objectType' | 'path'>): string {
  return `${term.objectType}:${term.path}`;
}

/** Two term lists state the same facts (order and number/string spelling aside). */
export function sameTerms(a: readonly Term[], b: readonly Term[]): boolean {
  const key = (t: Term): string => `${termKey(t)}=${String(t.value)}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}

/** Every fact of `inner` is among those of `outer`. */
export function includesTerms(outer: readonly Term[], inner: readonly Term[]): boolean {
  const key = (t: Term): string => `${termKey(t)}=${String(t.value)}`;
  const available = new Set(outer.map(key));
  return inner.every((t) => available.has(key(t)));
}

/** A STIX pattern that holds when all terms hold in one observation. */
export function termsPattern(terms: readonly Term[]): string {
  const comparisons = terms.map(
    (t) =>
      `${t.objectType}:${t.path} = ${typeof t.value === 'number' ? String(t.value) : quotePatternString(t.value)}`,
  );
  return `[${comparisons.join(' AND ')}]`;
}

const stepCache = new Map<string, readonly PathStep[]>();

/** The steps of a printed path (parsed by the patterning parser, so quoting rules match). */
export function pathSteps(path: string): readonly PathStep[] {
  let steps = stepCache.get(path);
  if (!steps) {
    const parsed = parsePattern(`[EXISTS x:${path}]`).expression;
    steps =
      parsed.kind === 'observation' && parsed.comparison.kind === 'comparison'
        ? parsed.comparison.path.steps
        : [];
    stepCache.set(path, steps);
  }
  return steps;
}

/**
 * The alternatives of a pattern as term lists when it is an OR of single observation expressions
 * whose comparisons are equalities joined by AND/OR; undefined otherwise.
 */
export function patternAlternatives(pattern: Pattern): Term[][] | undefined {
  const alternatives: Term[][] = [];
  const visit = (expression: Pattern['expression']): boolean => {
    if (expression.kind === 'group') return visit(expression.expression);
    if (expression.kind === 'observation-op' && expression.operator === 'OR')
      return expression.operands.every(visit);
    if (expression.kind !== 'observation') return false;
    const form = conjunctionsOf(expression.comparison);
    if (!form) return false;
    alternatives.push(...form);
    return true;
  };
  return visit(pattern.expression) ? alternatives : undefined;
}

type Comparison = Extract<Pattern['expression'], { kind: 'observation' }>['comparison'];

function conjunctionsOf(expression: Comparison): Term[][] | undefined {
  if (expression.kind === 'comparison') {
    const { operator, negated, value, path } = expression;
    if (negated || !value) return undefined;
    const pathText = printObjectPath(path).slice(path.objectType.length + 1);
    const scalar = (v: typeof value): TermValue | undefined =>
      v.kind === 'string' ? v.value : v.kind === 'int' || v.kind === 'float' ? v.value : undefined;
    if (operator === '=') {
      const v = scalar(value);
      return v === undefined ? undefined : [[{ objectType: path.objectType, path: pathText, value: v }]];
    }
    if (operator === 'IN' && value.kind === 'set' && value.values.length > 0) {
      const values = value.values.map(scalar);
      if (values.some((v) => v === undefined)) return undefined;
      return values.map((v) => [{ objectType: path.objectType, path: pathText, value: v ?? '' }]);
    }
    return undefined;
  }
  const parts = expression.operands.map(conjunctionsOf);
  if (parts.some((p) => p === undefined)) return undefined;
  const defined = parts as Term[][][];
  if (expression.operator === 'OR') return defined.flat();
  let product: Term[][] = [[]];
  for (const part of defined) {
    if (product.length * part.length > 256) return undefined;
    product = product.flatMap((left) => part.map((right) => [...left, ...right]));
  }
  return product;
}

// ── SCOs from terms ─────────────────────────────────────────────────────────────────────────

/** An SCO (typed) or an embedded record (untyped) being assembled from terms. */
interface Draft {
  readonly type?: string;
  readonly props: Record<string, unknown>;
}

const EMAIL_REFS = new Set(['from_ref', 'sender_ref', 'to_refs', 'cc_refs', 'bcc_refs']);
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/;

/** The SCO type a reference points at, from the property name and the value found there. */
function referencedType(refKey: string, value: TermValue): string | undefined {
  if (EMAIL_REFS.has(refKey)) return 'email-addr';
  if (refKey === 'parent_directory_ref') return 'directory';
  if (refKey === 'body_raw_ref') return 'file';
  if (refKey === 'src_ref' || refKey === 'dst_ref' || refKey === 'resolves_to_refs') {
    const text = String(value);
    if (IPV4.test(text)) return 'ipv4-addr';
    if (text.includes(':')) return 'ipv6-addr';
    return 'domain-name';
  }
  return undefined;
}

export type BuiltScos =
  { readonly rootId: string; readonly objects: JsonRecord[] } | { readonly problem: string };

/**
 * The SCOs that make all terms true (one root object of the terms' type plus what it
 * references), with deterministic ids; a problem when the terms cannot describe valid SCOs.
 */
export function buildScos(terms: readonly Term[]): BuiltScos {
  const [first] = terms;
  if (!first || terms.some((t) => t.objectType !== first.objectType))
    return { problem: 'terms on several object types' };
  const root: Draft = { type: first.objectType, props: {} };
  for (const term of terms) {
    const problem = place(root, pathSteps(term.path), term.value);
    if (problem) return { problem: `${termKey(term)}: ${problem}` };
  }
  const objects: JsonRecord[] = [];
  const materialized = materialize(root, objects);
  if (typeof materialized !== 'string') return { problem: 'no root object' };
  const missing = objects.map(requirementProblem).find((p) => p !== undefined);
  return missing ? { problem: missing } : { rootId: materialized, objects };
}

function place(draft: Draft, steps: readonly PathStep[], value: TermValue): string | undefined {
  const [step, ...rest] = steps;
  if (!step || step.kind !== 'key') return 'path must start with a property name';
  const { key } = step;
  if (rest.length === 0) {
    if (draft.props[key] !== undefined && draft.props[key] !== value) return 'two values for one property';
    draft.props[key] = value;
    return undefined;
  }
  if (key.endsWith('_ref')) {
    const existing = draft.props[key];
    const type = referencedType(key, value);
    if (!type) return `cannot tell what ${key} refers to`;
    const child = isDraft(existing) ? existing : { type, props: {} };
    draft.props[key] = child;
    return place(child, rest, value);
  }
  const [next, ...after] = rest;
  if (next?.kind === 'index') {
    const list = Array.isArray(draft.props[key]) ? (draft.props[key] as Draft[]) : [];
    draft.props[key] = list;
    if (key.endsWith('_refs')) {
      const type = referencedType(key, value);
      if (!type) return `cannot tell what ${key} refers to`;
      const child: Draft = { type, props: {} };
      list.push(child);
      return place(child, after, value);
    }
    // Elements of a plain list (values[*].data): all terms describe one element.
    const element = list[0] ?? { props: {} };
    if (list.length === 0) list.push(element);
    return after.length === 0 ? 'list of scalars is not supported' : place(element, after, value);
  }
  const existing = draft.props[key];
  const nested: Draft = isDraft(existing) ? existing : { props: {} };
  draft.props[key] = nested;
  return place(nested, rest, value);
}

function isDraft(value: unknown): value is Draft {
  return typeof value === 'object' && value !== null && 'props' in value && !Array.isArray(value);
}

/** Turns drafts into JSON: typed drafts become SCOs (pushed to `into`) and are replaced by their ids. */
function materialize(draft: Draft, into: JsonRecord[]): string | Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft.props)) {
    if (Array.isArray(value)) props[key] = (value as Draft[]).map((element) => materialize(element, into));
    else props[key] = isDraft(value) ? materialize(value, into) : value;
  }
  if (!draft.type) return props;
  completeDefaults(draft.type, props);
  const id = scoId(draft.type, props);
  into.push({ type: draft.type, spec_version: '2.1', id, ...props });
  return id;
}

/** Properties STIX requires that a single IOC does not carry. */
function completeDefaults(type: string, props: Record<string, unknown>): void {
  if (type === 'email-message' && props.is_multipart === undefined)
    props.is_multipart = Array.isArray(props.body_multipart);
  if (type === 'network-traffic' && props.protocols === undefined) {
    const refs = [props.src_ref, props.dst_ref].filter((r): r is string => typeof r === 'string');
    props.protocols = [refs.some((r) => r.startsWith('ipv6-addr--')) ? 'ipv6' : 'ipv4'];
  }
}

const REQUIRED_ONE_OF: Readonly<Record<string, readonly string[]>> = {
  file: ['hashes', 'name'],
  'network-traffic': ['src_ref', 'dst_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'domain-name': ['value'],
  url: ['value'],
  'email-addr': ['value'],
  'mac-addr': ['value'],
  directory: ['path'],
  mutex: ['name'],
  'autonomous-system': ['number'],
};

const INTEGER_PROPERTIES = new Set(['number', 'src_port', 'dst_port', 'size']);

// Digest shapes the SCO schemas enforce for the standard hash names.
const HASH_SHAPES: Readonly<Record<string, RegExp>> = {
  MD5: /^[a-fA-F0-9]{32}$/,
  'SHA-1': /^[a-fA-F0-9]{40}$/,
  'SHA-256': /^[a-fA-F0-9]{64}$/,
  'SHA-512': /^[a-fA-F0-9]{128}$/,
  'SHA3-256': /^[a-fA-F0-9]{64}$/,
  'SHA3-512': /^[a-fA-F0-9]{128}$/,
  SSDEEP: /^[a-zA-Z0-9/+:.]{1,128}$/,
  TLSH: /^[a-zA-Z0-9]{70}$/,
};

function hashProblem(hashes: unknown): string | undefined {
  if (typeof hashes !== 'object' || hashes === null) return undefined;
  for (const [name, digest] of Object.entries(hashes)) {
    const shape = HASH_SHAPES[name];
    if (typeof digest !== 'string' || (shape && !shape.test(digest)))
      return `${String(digest)} is not a valid ${name} digest`;
  }
  return undefined;
}

// Value formats the OASIS schemas enforce on SCOs (the registry one reproduces the schema's own
// regular expression, which refuses hive abbreviations anywhere in the key).
const VALUE_FORMATS: Readonly<Record<string, [property: string, test: (value: string) => boolean]>> = {
  'email-addr': [
    'value',
    (v) =>
      /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(
        v,
      ),
  ],
  url: ['value', (v) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(v)],
  'ipv4-addr': [
    'value',
    (v) =>
      /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]?\d))?$/.test(
        v,
      ),
  ],
  'mac-addr': ['value', (v) => /^(?:[0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(v)],
  'windows-registry-key': ['key', (v) => !/^HKLM|HKCC|HKCR|HKCU|HKU|hklm|hkcc|hkcr|hkcu|hku/.test(v)],
};

function requirementProblem(sco: JsonRecord): string | undefined {
  const type = String(sco.type);
  const format = VALUE_FORMATS[type];
  const formatted = format ? sco[format[0]] : undefined;
  if (format && typeof formatted === 'string' && !format[1](formatted))
    return `${type}.${format[0]} ${JSON.stringify(formatted)} is not well-formed`;
  const oneOf = REQUIRED_ONE_OF[type];
  if (oneOf && !oneOf.some((name) => sco[name] !== undefined)) return `${type} needs ${oneOf.join(' or ')}`;
  for (const name of INTEGER_PROPERTIES) {
    const value = sco[name];
    if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
      return `${type}.${name} must be a non-negative integer`;
    }
  }
  if (type === 'email-message' && sco.body_multipart !== undefined && sco.body !== undefined)
    return 'email body and parts together';
  return hashProblem(sco.hashes);
}

// ── terms from SCOs ─────────────────────────────────────────────────────────────────────────

// Properties that are bookkeeping or defaults, not indicator values.
const SKIPPED = new Set([
  'type',
  'id',
  'spec_version',
  'object_marking_refs',
  'granular_markings',
  'defanged',
  'protocols',
  'is_multipart',
]);
const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

function stepText(key: string): string {
  return PLAIN.test(key) ? key : quotePatternString(key);
}

/** Flattens an SCO (following its references through `lookup`) into the terms it states. */
export function scoTerms(sco: JsonRecord, lookup: (id: string) => JsonRecord | undefined): Term[] {
  const objectType = String(sco.type);
  const terms: Term[] = [];
  const walk = (record: JsonRecord, prefix: string, depth: number): void => {
    if (depth > 4) return;
    for (const [key, value] of Object.entries(record)) {
      if (SKIPPED.has(key) || key.startsWith('x_')) continue;
      const path = prefix ? `${prefix}.${stepText(key)}` : stepText(key);
      if (key.endsWith('_ref') && typeof value === 'string') {
        const target = lookup(value);
        if (target) walk(target, path, depth + 1);
      } else if (key.endsWith('_refs') && Array.isArray(value)) {
        for (const ref of value) {
          const target = typeof ref === 'string' ? lookup(ref) : undefined;
          if (target) walk(target, `${path}[*]`, depth + 1);
        }
      } else if (typeof value === 'string' || typeof value === 'number') {
        terms.push({ objectType, path, value });
      } else if (Array.isArray(value)) {
        for (const element of value) {
          if (typeof element === 'object' && element !== null)
            walk(element as JsonRecord, `${path}[*]`, depth + 1);
          else if (typeof element === 'string' || typeof element === 'number')
            terms.push({ objectType, path: `${path}[*]`, value: element });
        }
      } else if (typeof value === 'object' && value !== null) {
        walk(value as JsonRecord, path, depth + 1);
      }
    }
  };
  walk(sco, '', 0);
  return terms;
}
