import { HASH_NAMES } from './misp-attribute-types.js';
import type { Term, TermValue } from './observable-terms.js';

/**
 * MISP object templates that describe one STIX observable: each relation becomes a term on the
 * template's root object. Relations are listed in preference order for export (the first whose
 * value fits wins when several share a path, e.g. ip-dst before hostname).
 */
export interface Relation {
  readonly relation: string;
  /** MISP attribute type of the relation in the template. */
  readonly type: string;
  readonly path: string;
  readonly numeric?: boolean;
  /** The value must (true) or must not (false) be an IP address for this relation. */
  readonly ip?: boolean;
}

export interface ObjectTemplate {
  readonly name: string;
  readonly metaCategory: string;
  readonly rootType: string;
  readonly relations: readonly Relation[];
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

const fileRelations: Relation[] = [
  { relation: 'filename', type: 'filename', path: 'name' },
  ...Object.entries(HASH_NAMES).map(([type, name]) => ({
    relation: type,
    type,
    path: `hashes.${PLAIN_KEY.test(name) ? name : `'${name}'`}`,
  })),
  { relation: 'size-in-bytes', type: 'size-in-bytes', path: 'size', numeric: true },
  { relation: 'mimetype', type: 'mime-type', path: 'mime_type' },
  { relation: 'path', type: 'text', path: 'parent_directory_ref.path' },
];

const trafficRelations: Relation[] = [
  { relation: 'ip-dst', type: 'ip-dst', path: 'dst_ref.value', ip: true },
  { relation: 'ip-src', type: 'ip-src', path: 'src_ref.value', ip: true },
  { relation: 'dst-port', type: 'port', path: 'dst_port', numeric: true },
  { relation: 'src-port', type: 'port', path: 'src_port', numeric: true },
];

export const OBJECT_TEMPLATES: readonly ObjectTemplate[] = [
  { name: 'file', metaCategory: 'file', rootType: 'file', relations: fileRelations },
  {
    name: 'domain-ip',
    metaCategory: 'network',
    rootType: 'domain-name',
    relations: [
      { relation: 'domain', type: 'domain', path: 'value', ip: false },
      { relation: 'hostname', type: 'hostname', path: 'value', ip: false },
      { relation: 'ip', type: 'ip-dst', path: 'resolves_to_refs[*].value', ip: true },
    ],
  },
  {
    name: 'ip-port',
    metaCategory: 'network',
    rootType: 'network-traffic',
    relations: [
      ...trafficRelations,
      { relation: 'hostname', type: 'hostname', path: 'dst_ref.value', ip: false },
      { relation: 'domain', type: 'domain', path: 'dst_ref.value', ip: false },
    ],
  },
  {
    name: 'network-connection',
    metaCategory: 'network',
    rootType: 'network-traffic',
    relations: [
      ...trafficRelations,
      { relation: 'hostname-dst', type: 'hostname', path: 'dst_ref.value', ip: false },
      { relation: 'hostname-src', type: 'hostname', path: 'src_ref.value', ip: false },
    ],
  },
  {
    name: 'url',
    metaCategory: 'network',
    rootType: 'url',
    relations: [{ relation: 'url', type: 'url', path: 'value' }],
  },
  {
    name: 'email',
    metaCategory: 'network',
    rootType: 'email-message',
    relations: [
      { relation: 'from', type: 'email-src', path: 'from_ref.value' },
      { relation: 'from-display-name', type: 'email-src-display-name', path: 'from_ref.display_name' },
      { relation: 'to', type: 'email-dst', path: 'to_refs[*].value' },
      { relation: 'cc', type: 'email-dst', path: 'cc_refs[*].value' },
      { relation: 'subject', type: 'email-subject', path: 'subject' },
      { relation: 'reply-to', type: 'email-reply-to', path: "additional_header_fields.'Reply-To'" },
      { relation: 'x-mailer', type: 'email-x-mailer', path: "additional_header_fields.'X-Mailer'" },
      { relation: 'message-id', type: 'email-message-id', path: 'message_id' },
      { relation: 'email-body', type: 'email-body', path: 'body' },
      { relation: 'attachment', type: 'email-attachment', path: 'body_multipart[*].body_raw_ref.name' },
    ],
  },
  {
    name: 'registry-key',
    metaCategory: 'file',
    rootType: 'windows-registry-key',
    relations: [
      { relation: 'key', type: 'regkey', path: 'key' },
      { relation: 'name', type: 'text', path: 'values[*].name' },
      { relation: 'data', type: 'text', path: 'values[*].data' },
      { relation: 'data-type', type: 'text', path: 'values[*].data_type' },
    ],
  },
  {
    name: 'x509',
    metaCategory: 'network',
    rootType: 'x509-certificate',
    relations: [
      { relation: 'x509-fingerprint-sha1', type: 'x509-fingerprint-sha1', path: "hashes.'SHA-1'" },
      { relation: 'x509-fingerprint-sha256', type: 'x509-fingerprint-sha256', path: "hashes.'SHA-256'" },
      { relation: 'x509-fingerprint-md5', type: 'x509-fingerprint-md5', path: 'hashes.MD5' },
      { relation: 'serial-number', type: 'text', path: 'serial_number' },
      { relation: 'issuer', type: 'text', path: 'issuer' },
      { relation: 'subject', type: 'text', path: 'subject' },
    ],
  },
  {
    name: 'asn',
    metaCategory: 'network',
    rootType: 'autonomous-system',
    relations: [
      { relation: 'asn', type: 'AS', path: 'number', numeric: true },
      { relation: 'description', type: 'text', path: 'name' },
    ],
  },
];

const BY_NAME = new Map(OBJECT_TEMPLATES.map((t) => [t.name, t]));

export function objectTemplate(name: string): ObjectTemplate | undefined {
  return BY_NAME.get(name);
}

const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:\/\d{1,3})?$/;

function fits(relation: Relation, value: TermValue): boolean {
  if (relation.ip === undefined) return true;
  return IP.test(String(value)) === relation.ip;
}

/** The term a relation's value stands for in an object of this template, if it has one. */
export function relationTerm(
  template: ObjectTemplate,
  relationName: string,
  value: string,
): Term | undefined {
  const relation = template.relations.find((r) => r.relation === relationName);
  if (!relation) return undefined;
  let converted: TermValue = value;
  if (relation.numeric) {
    const digits = /^(?:AS)?(\d{1,15})$/i.exec(value.trim())?.[1];
    if (digits === undefined) return undefined;
    converted = Number(digits);
  }
  return fits(relation, converted)
    ? { objectType: template.rootType, path: relation.path, value: converted }
    : undefined;
}

/** For export: the template and relation of each term, when one template explains them all. */
export function templateForTerms(
  terms: readonly Term[],
): { template: ObjectTemplate; relations: Relation[] } | undefined {
  const [first] = terms;
  if (!first || terms.some((t) => t.objectType !== first.objectType)) return undefined;
  for (const template of OBJECT_TEMPLATES) {
    if (template.rootType !== first.objectType) continue;
    const relations: Relation[] = [];
    for (const term of terms) {
      const relation = template.relations.find((r) => r.path === term.path && fits(r, term.value));
      if (!relation) break;
      relations.push(relation);
    }
    if (relations.length === terms.length) return { template, relations };
  }
  return undefined;
}

/**
 * The terms of a MISP object's attributes under a template, in attribute order: undefined for an
 * attribute whose relation has no STIX property, or that would give a single-valued property a
 * second value (both are kept in metadata only). Import and export use this one reading.
 */
export function objectTerms(
  template: ObjectTemplate,
  attributes: readonly { readonly relation: string; readonly value: string }[],
): Array<Term | undefined> {
  const seen = new Set<string>();
  return attributes.map(({ relation, value }) => {
    const term = relationTerm(template, relation, value);
    if (!term) return undefined;
    const key = `${term.objectType}:${term.path}`;
    if (!term.path.includes('[*]') && seen.has(key)) return undefined;
    seen.add(key);
    return term;
  });
}
