import { hash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { parseTimestampMicros } from '../clock/timestamp.js';

/** A STIX object as Accord handles it before and after storage: plain JSON with id and type. */
export interface StixObject {
  readonly type: string;
  readonly id: string;
  readonly spec_version?: string;
  readonly created?: string;
  readonly modified?: string;
  readonly [property: string]: unknown;
}

/** Everything the store keeps about one object version, derived once from the object itself. */
export interface PreparedObject {
  readonly id: string;
  readonly type: string;
  readonly specVersion: string;
  readonly versionUs: number;
  readonly createdUs: number | null;
  readonly modifiedUs: number | null;
  readonly revoked: number;
  readonly createdByRef: string | null;
  readonly markingRefs: string | null;
  readonly hasGranular: number;
  /** SHA-256 (hex) of `body`. */
  readonly hash: string;
  /** The RFC 8785 canonical JSON: what is hashed, signed and served. */
  readonly body: string;
}

/** The canonical form (RFC 8785) of any JSON value; what Accord hashes and signs. */
// canonicalize 2.x is CommonJS with an ESM-style type declaration; under NodeNext its default
// import is the function itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** A value only the general canonicaliser writes right (see `inCanonicalOrder`). */
class NeedsGeneralCanonicaliser extends Error {}

/** The last unsorted member list seen per member count, with its sorted order (lists of up to 64 members). */
const lastOrder = new Map<number, { readonly seen: readonly string[]; readonly sorted: readonly string[] }>();

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `keys` in RFC 8785 order (UTF-16 code units, which is how JavaScript compares strings). An
 * import is thousands of objects of one shape: the order worked out for the one before is reused
 * when the members are the same, and the sort is skipped.
 */
function sortedMembers(keys: readonly string[]): readonly string[] {
  const last = lastOrder.get(keys.length);
  if (last && sameMembers(last.seen, keys)) return last.sorted;
  const sorted = [...keys].sort();
  if (keys.length <= 64) lastOrder.set(keys.length, { seen: keys, sorted });
  return sorted;
}

/**
 * The value with every object's members in RFC 8785 order, for JSON.stringify to write: the
 * value itself where it is in order already (what peers send, what Accord stores), else copies of
 * the objects out of order. JavaScript lists integer-like members ("9", "10") first whatever the
 * order they were added in, and a `__proto__` member or a `toJSON` method would not be written as
 * data, so values holding those are left to the general canonicaliser.
 */
function inCanonicalOrder(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      const ordered = inCanonicalOrder(element);
      if (ordered !== element) (copy ??= value.slice())[i] = ordered;
    }
    return copy ?? value;
  }
  const object = value as Record<string, unknown>;
  if (typeof object.toJSON === 'function') throw new NeedsGeneralCanonicaliser();
  const keys = Object.keys(object);
  let ordered = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? '';
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || key === '__proto__') throw new NeedsGeneralCanonicaliser();
    if (i > 0 && (keys[i - 1] ?? '') >= key) ordered = false;
  }
  if (!ordered) {
    const copy: Record<string, unknown> = {};
    for (const key of sortedMembers(keys)) copy[key] = inCanonicalOrder(object[key]);
    return copy;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key of keys) {
    const member = object[key];
    const orderedMember = inCanonicalOrder(member);
    if (orderedMember !== member) (copy ??= { ...object })[key] = orderedMember;
  }
  return copy ?? object;
}

/**
 * The RFC 8785 text of a JSON value. JSON.stringify writes numbers and strings as RFC 8785 does,
 * so once members are in order its text is canonical. Ordering copies only what is out of order:
 * ~1.3 µs an indicator against 2.2 for the `canonicalize` package, which builds the text a piece
 * at a time; at 200,000 objects that package's garbage was a quarter of all ingest allocated.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalText(value);
  if (text === undefined) throw new Error('value has no JSON representation');
  return text;
}

function canonicalText(value: unknown): string | undefined {
  try {
    // JSON.stringify gives undefined for a value with no JSON form (its type says string).
    return JSON.stringify(inCanonicalOrder(value));
  } catch (error) {
    if (!(error instanceof NeedsGeneralCanonicaliser)) throw error;
    return canonicalize(value);
  }
}

export function sha256Hex(text: string): string {
  // The one-shot form: ingest hashes every object, and a Hash object per call costs more than the digest.
  return hash('sha256', text, 'hex');
}

function micros(value: unknown): number | null {
  return typeof value === 'string' ? (parseTimestampMicros(value) ?? null) : null;
}

/**
 * Derives the stored row of a validated object, with any further columns the caller adds.
 * `canonical`: the object's RFC 8785 text if the caller has worked it out already.
 */
export function prepareObject<Extra extends object = object>(object: StixObject, extra?: Extra, canonical?: string): PreparedObject & Extra {
  const createdUs = micros(object.created);
  // A first version's modified is usually its created: parse it once.
  const modifiedUs = object.modified === object.created ? createdUs : micros(object.modified);
  const markings = object.object_marking_refs;
  const body = canonical ?? canonicalJson(object);
  return {
    id: object.id,
    type: object.type,
    specVersion: typeof object.spec_version === 'string' ? object.spec_version : '2.1',
    versionUs: modifiedUs ?? createdUs ?? 0,
    createdUs,
    modifiedUs,
    revoked: object.revoked === true ? 1 : 0,
    createdByRef: typeof object.created_by_ref === 'string' ? object.created_by_ref : null,
    markingRefs: Array.isArray(markings) && markings.length > 0 ? JSON.stringify(markings) : null,
    hasGranular: Array.isArray(object.granular_markings) && object.granular_markings.length > 0 ? 1 : 0,
    hash: sha256Hex(body),
    body,
    ...(extra as Extra),
  };
}
