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

/** Whether every object in the value lists its members in RFC 8785 order (UTF-16 code units) and every number is finite. */
function membersInOrder(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'number' || Number.isFinite(value);
  if (Array.isArray(value)) return value.every(membersInOrder);
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? '';
    if ((i > 0 && (keys[i - 1] ?? '') >= key) || !membersInOrder((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * What peers send, and what Accord stores and re-reads, is canonical already: its members come in
 * canonical order, and JSON.stringify then writes the same text (numbers and strings are written
 * alike by both). Only a value with members out of order is sorted by the general canonicaliser;
 * the order check stops at the first misplaced member, so that costs next to nothing.
 */
export function canonicalJson(value: unknown): string {
  if (membersInOrder(value)) return JSON.stringify(value);
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON representation');
  return text;
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
