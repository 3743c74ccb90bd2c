import { v5 as uuidv5 } from 'uuid';
import { canonicalJson } from '../objects/object-row.js';

/**
 * Namespace of the UUIDv5 ids Accord derives from MISP uuids. Fixed forever: changing it would
 * give every re-imported event new ids instead of the same ones.
 */
export const MISP_IMPORT_NAMESPACE = '30b7a0ae-ca83-431c-9629-0831e9bd0914';

/** The namespace STIX 2.1 (§2.9) fixes for deterministic SCO ids. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** `<type>--<uuidv5>` from the parts that identify the source (MISP uuids, roles). */
export function derivedId(type: string, ...parts: readonly string[]): string {
  return `${type}--${uuidv5([type, ...parts].join('|'), MISP_IMPORT_NAMESPACE)}`;
}

/** A MISP uuid derived from a STIX id and roles, for objects that had none in MISP. */
export function derivedMispUuid(...parts: readonly string[]): string {
  return uuidv5(['misp', ...parts].join('|'), MISP_IMPORT_NAMESPACE);
}

/** STIX 2.1 §6 "ID Contributing Properties" of each SCO type Accord builds. */
const CONTRIBUTING: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': [
    'start',
    'end',
    'src_ref',
    'dst_ref',
    'src_port',
    'dst_port',
    'protocols',
    'extensions',
  ],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

// When hashes contribute, only one is used, chosen in this order (as the reference library does).
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

/**
 * The deterministic id of an SCO: UUIDv5 in the STIX namespace over the canonical JSON of its ID
 * contributing properties; all properties when none of them is present.
 */
export function scoId(type: string, props: Readonly<Record<string, unknown>>): string {
  const names = CONTRIBUTING[type];
  const selected: Record<string, unknown> = {};
  for (const name of names ?? []) {
    const value = props[name];
    if (value === undefined) continue;
    selected[name] = name === 'hashes' ? oneHash(value) : value;
  }
  const basis = Object.keys(selected).length > 0 ? selected : withoutType(props);
  return `${type}--${uuidv5(canonicalJson(basis), STIX_SCO_NAMESPACE)}`;
}

function oneHash(hashes: unknown): unknown {
  if (typeof hashes !== 'object' || hashes === null) return hashes;
  const record = hashes as Record<string, unknown>;
  const chosen = HASH_PREFERENCE.find((name) => record[name] !== undefined) ?? Object.keys(record).sort()[0];
  return chosen === undefined ? hashes : { [chosen]: record[chosen] };
}

function withoutType(props: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { type: _type, id: _id, spec_version: _version, ...rest } = props;
  return rest;
}
