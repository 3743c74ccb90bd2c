import {
  parsePattern,
  simpleEquality,
  type ComparisonExpression,
  type Literal,
  type ObservationExpression,
  type PathStep,
  type Pattern,
} from '../../patterning/patterning.js';
import {
  detectObservable,
  hashKind,
  normaliseObservable,
  observableKey,
  type Observable,
  type ObservableKind,
} from './observable.js';

type Json = Readonly<Record<string, unknown>>;

/** SCO types and the property that carries their value. */
const VALUE_PROPERTY: Readonly<Record<string, readonly [ObservableKind, string]>> = {
  'ipv4-addr': ['ipv4-addr', 'value'],
  'ipv6-addr': ['ipv6-addr', 'value'],
  'domain-name': ['domain-name', 'value'],
  url: ['url', 'value'],
  'email-addr': ['email-addr', 'value'],
  'mac-addr': ['mac-addr', 'value'],
  mutex: ['mutex', 'name'],
  'windows-registry-key': ['windows-registry-key', 'key'],
  'autonomous-system': ['autonomous-system', 'number'],
};

const HASHED_TYPES = new Set(['file', 'artifact', 'x509-certificate']);
const CONTAINER_TYPES = new Set(['report', 'grouping', 'note', 'opinion']);
/** Properties referencing a single SCO whose `value` is an address, name or e-mail. */
const REF_STEP = /_refs?$/;

/** The most values one object contributes; a report of a million indicators is not an observable list. */
export const MAX_VALUES_PER_OBJECT = 10_000;

/**
 * The observable of one `objectType:path = value` comparison, if Accord knows the kind:
 * `ipv4-addr:value`, `file:hashes.'SHA-256'`, `network-traffic:dst_ref.value`, …
 */
export function termObservable(
  objectType: string,
  steps: readonly PathStep[],
  value: string,
): Observable | undefined {
  const first = steps[0];
  if (!first || first.kind !== 'key') return undefined;
  const own = VALUE_PROPERTY[objectType];
  if (own && steps.length === 1 && first.key === own[1]) return normaliseObservable(own[0], value);
  if (HASHED_TYPES.has(objectType) && first.key === 'hashes' && steps.length === 2) {
    const algorithm = steps[1];
    const kind = algorithm?.kind === 'key' ? hashKind(algorithm.key) : undefined;
    return kind ? normaliseObservable(kind, value) : undefined;
  }
  const last = steps[steps.length - 1];
  if (REF_STEP.test(first.key) && last?.kind === 'key' && last.key === 'value' && steps.length <= 3) {
    const found = detectObservable(value);
    return found &&
      (found.kind === 'ipv4-addr' ||
        found.kind === 'ipv6-addr' ||
        found.kind === 'domain-name' ||
        found.kind === 'email-addr' ||
        found.kind === 'mac-addr')
      ? found
      : undefined;
  }
  return undefined;
}

/** The observable of a one-comparison equality pattern, without parsing it; undefined for any other shape. */
export function simplePatternObservable(text: string): Observable | undefined {
  const simple = simpleEquality(text);
  return simple && termObservable(simple.objectType, simple.steps, simple.value);
}

/**
 * Values a pattern mentions positively: `=` and `IN` comparisons anywhere (NOT excluded) and
 * `ISSUBSET` blocks of addresses; these are what a pattern correlates on.
 */
export function patternObservables(pattern: Pattern | string): Observable[] {
  const simple = typeof pattern === 'string' ? simplePatternObservable(pattern) : undefined;
  if (simple) return [simple];
  let parsed: Pattern;
  try {
    parsed = typeof pattern === 'string' ? parsePattern(pattern) : pattern;
  } catch {
    return [];
  }
  const out: Observable[] = [];
  const visitComparison = (c: ComparisonExpression): void => {
    if (c.kind === 'logical') {
      c.operands.forEach(visitComparison);
      return;
    }
    if (c.negated || !c.value) return;
    const add = (literal: Literal): void => {
      const text = literalText(literal);
      if (text === undefined) return;
      const found = termObservable(c.path.objectType, c.path.steps, text);
      if (found) out.push(found);
    };
    if (
      c.operator === '=' ||
      (c.operator === 'ISSUBSET' && (c.path.objectType === 'ipv4-addr' || c.path.objectType === 'ipv6-addr'))
    )
      add(c.value);
    else if (c.operator === 'IN' && c.value.kind === 'set') c.value.values.forEach(add);
  };
  const visit = (e: ObservationExpression): void => {
    switch (e.kind) {
      case 'observation':
        visitComparison(e.comparison);
        return;
      case 'observation-op':
        e.operands.forEach(visit);
        return;
      case 'group':
      case 'qualified':
        visit(e.expression);
    }
  };
  visit(parsed.expression);
  return dedupe(out);
}

function literalText(literal: Literal): string | undefined {
  if (literal.kind === 'string') return literal.value;
  if (literal.kind === 'int') return literal.text;
  return undefined;
}

/** The values an SCO carries (its value, name or key; every hash it lists). */
export function scoObservables(sco: Json): Observable[] {
  const type = typeof sco.type === 'string' ? sco.type : '';
  const own = VALUE_PROPERTY[type];
  const out: Observable[] = [];
  if (own) {
    const raw = sco[own[1]];
    if (typeof raw === 'string' || typeof raw === 'number') {
      const found = normaliseObservable(own[0], String(raw));
      if (found) out.push(found);
    }
  }
  if (HASHED_TYPES.has(type) && typeof sco.hashes === 'object' && sco.hashes !== null) {
    for (const [algorithm, raw] of Object.entries(sco.hashes as Json)) {
      const kind = hashKind(algorithm);
      const found = kind && typeof raw === 'string' ? normaliseObservable(kind, raw) : undefined;
      if (found) out.push(found);
    }
  }
  return out;
}

export function isScoType(type: string): boolean {
  return type in VALUE_PROPERTY || HASHED_TYPES.has(type);
}

export function isContainerType(type: string): boolean {
  return CONTAINER_TYPES.has(type);
}

/** Looks up objects an object refers to (SCOs of observed-data, members of a report). */
export type Resolve = (id: string) => Json | undefined;

/**
 * Ids an object needs resolved to extract its values: observed-data SCOs, container members,
 * and the `related_refs` of Accord's exchange kinds (an early warning's indicators).
 */
export function referencedIds(object: Json): string[] {
  const type = object.type;
  const refs =
    type === 'observed-data' || (typeof type === 'string' && CONTAINER_TYPES.has(type))
      ? object.object_refs
      : object.related_refs;
  return Array.isArray(refs)
    ? refs.filter((r): r is string => typeof r === 'string').slice(0, MAX_VALUES_PER_OBJECT)
    : [];
}

/**
 * Every value an object carries: an indicator's STIX pattern, an SCO, observed-data (embedded
 * 2.0 `objects` or 2.1 `object_refs` resolved), a container's members (one level), and any
 * pattern or SCO embedded in other objects' properties and extensions (Accord's own kinds).
 */
export function objectObservables(object: Json, resolve: Resolve = () => undefined): Observable[] {
  const type = typeof object.type === 'string' ? object.type : '';
  const out: Observable[] = [];
  if (isScoType(type)) out.push(...scoObservables(object));
  else if (type === 'indicator') {
    // A pattern's values come deduplicated: returned as they are, with no second pass.
    if (object.pattern_type !== 'stix' || typeof object.pattern !== 'string') return out;
    const values = patternObservables(object.pattern);
    return values.length > MAX_VALUES_PER_OBJECT ? values.slice(0, MAX_VALUES_PER_OBJECT) : values;
  } else if (type === 'observed-data') {
    if (typeof object.objects === 'object' && object.objects !== null)
      for (const sco of Object.values(object.objects as Json))
        if (isJson(sco)) out.push(...scoObservables(sco));
    for (const id of referencedIds(object)) {
      const sco = resolve(id);
      if (sco) out.push(...scoObservables(sco));
    }
  } else if (CONTAINER_TYPES.has(type)) {
    for (const id of referencedIds(object)) {
      const member = resolve(id);
      if (member && !CONTAINER_TYPES.has(String(member.type)))
        out.push(...objectObservables(member, resolve));
      if (out.length > MAX_VALUES_PER_OBJECT) break;
    }
  } else {
    embeddedObservables(object, out, 0);
    for (const id of referencedIds(object)) {
      const member = resolve(id);
      if (member && !CONTAINER_TYPES.has(String(member.type)) && !Array.isArray(member.related_refs))
        out.push(...objectObservables(member, resolve));
      if (out.length > MAX_VALUES_PER_OBJECT) break;
    }
  }
  return dedupe(out).slice(0, MAX_VALUES_PER_OBJECT);
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function embeddedObservables(value: Json, out: Observable[], depth: number): void {
  if (depth > 6 || out.length > MAX_VALUES_PER_OBJECT) return;
  for (const key in value) {
    const child = value[key];
    // Nearly every member is a string or a number: skipped before anything is allocated for it
    // (this walk runs over every object ingested that is not an indicator or an SCO).
    if (typeof child !== 'object' || child === null) continue;
    if (!Array.isArray(child)) embeddedIn(child as Json, out, depth);
    else for (const item of child) if (isJson(item)) embeddedIn(item, out, depth);
  }
  if (depth === 0 && typeof value.pattern === 'string' && value.pattern_type === 'stix')
    out.push(...patternObservables(value.pattern));
}

/** The values of an object found inside another: an SCO, a pattern, or what is embedded deeper. */
function embeddedIn(item: Json, out: Observable[], depth: number): void {
  const type = typeof item.type === 'string' ? item.type : '';
  if (isScoType(type)) out.push(...scoObservables(item));
  else if (typeof item.pattern === 'string' && (item.pattern_type === undefined || item.pattern_type === 'stix'))
    out.push(...patternObservables(item.pattern));
  else embeddedObservables(item, out, depth + 1);
}

export function dedupe(list: readonly Observable[]): Observable[] {
  const seen = new Set<string>();
  const out: Observable[] = [];
  for (const o of list) {
    const key = observableKey(o);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(o);
    }
  }
  return out;
}
