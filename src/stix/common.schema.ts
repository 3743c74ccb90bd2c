/**
 * Building blocks of Accord's STIX 2.1 JSON Schemas (draft 2020-12). Formats named `stix-*` and
 * `language-tag` are registered by the schema compiler; each maps to one stable issue rule.
 * Co-constraints and anything needing more than one property live in code, not here, so that
 * schema errors stay one-per-problem and point at the property.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

export const str: JsonSchema = { type: 'string' };
export const bool: JsonSchema = { type: 'boolean' };
export const int: JsonSchema = { type: 'integer' };
export const num: JsonSchema = { type: 'number' };
export const nonNegativeInt: JsonSchema = { type: 'integer', minimum: 0 };

/** A non-empty list of the given items. */
export function listOf(items: JsonSchema): JsonSchema {
  return { type: 'array', items, minItems: 1 };
}

export const strList = listOf(str);
export const timestamp: JsonSchema = { type: 'string', format: 'stix-timestamp' };
export const identifier: JsonSchema = { type: 'string', format: 'stix-identifier' };
export const identifierList = listOf(identifier);
export const hex: JsonSchema = { type: 'string', format: 'stix-hex' };
export const binary: JsonSchema = { type: 'string', format: 'stix-binary' };
export const url: JsonSchema = { type: 'string', format: 'uri' };
export const languageTag: JsonSchema = { type: 'string', format: 'language-tag' };

/** A string from a closed vocabulary (an enumeration in the spec). */
export function oneOfValues(...values: string[]): JsonSchema {
  return { type: 'string', enum: values };
}

/** STIX dictionary: keys of ASCII letters, digits, `_` and `-`, at most 250 long; values given. */
export function dictionary(values?: JsonSchema): JsonSchema {
  const base = { type: 'object', minProperties: 1, propertyNames: { pattern: '^[a-zA-Z0-9_-]{1,250}$' } };
  return values ? { ...base, additionalProperties: values } : base;
}

const hashValue = (digits: number): JsonSchema => ({ type: 'string', pattern: `^[a-fA-F0-9]{${digits}}$` });

/** The hashes type: known algorithms get their digest shape; custom algorithm names are allowed. */
export const hashes: JsonSchema = {
  type: 'object',
  minProperties: 1,
  propertyNames: { pattern: '^[a-zA-Z0-9_-]{3,250}$' },
  properties: {
    MD5: hashValue(32),
    'SHA-1': hashValue(40),
    'SHA-256': hashValue(64),
    'SHA-512': hashValue(128),
    'SHA3-256': hashValue(64),
    'SHA3-512': hashValue(128),
    SSDEEP: { type: 'string', pattern: '^[a-zA-Z0-9/+:.]{1,128}$' },
    TLSH: { type: 'string', pattern: '^[a-zA-Z0-9]{70,72}$' },
  },
  additionalProperties: str,
};

export const killChainPhases = listOf({
  type: 'object',
  required: ['kill_chain_name', 'phase_name'],
  properties: { kill_chain_name: str, phase_name: str },
});

export const externalReferences = listOf({
  type: 'object',
  required: ['source_name'],
  properties: { source_name: str, description: str, url, hashes, external_id: str },
});

export const granularMarkings = listOf({
  type: 'object',
  required: ['selectors'],
  properties: { selectors: listOf(str), lang: languageTag, marking_ref: identifier },
});

export const extensionTypes = [
  'new-sdo',
  'new-sco',
  'new-sro',
  'property-extension',
  'toplevel-property-extension',
] as const;

/** The value of an `extensions` entry keyed by an extension-definition id. */
export const definedExtension: JsonSchema = {
  type: 'object',
  required: ['extension_type'],
  properties: { extension_type: oneOfValues(...extensionTypes) },
};

/** The `extensions` dictionary; which keys are allowed is decided in code (rule extension-key). */
export function extensionsSchema(predefined: Readonly<Record<string, JsonSchema>> = {}): JsonSchema {
  return {
    type: 'object',
    minProperties: 1,
    properties: predefined,
    patternProperties: { '^extension-definition--': definedExtension },
    additionalProperties: { type: 'object', minProperties: 1 },
  };
}

/** Properties every SDO and SRO has (also language-content, extension-definition, custom objects). */
export const sdoCommonProperties: Readonly<Record<string, JsonSchema>> = {
  type: str,
  spec_version: str,
  id: identifier,
  created_by_ref: identifier,
  created: timestamp,
  modified: timestamp,
  revoked: bool,
  labels: strList,
  confidence: { type: 'integer', minimum: 0, maximum: 100 },
  lang: languageTag,
  external_references: externalReferences,
  object_marking_refs: identifierList,
  granular_markings: granularMarkings,
};

/** Properties every SCO has. */
export const scoCommonProperties: Readonly<Record<string, JsonSchema>> = {
  type: str,
  spec_version: str,
  id: identifier,
  object_marking_refs: identifierList,
  granular_markings: granularMarkings,
  defanged: bool,
};

/** Properties a marking-definition has (it is not versioned: no modified, revoked, labels …). */
export const markingCommonProperties: Readonly<Record<string, JsonSchema>> = {
  type: str,
  spec_version: str,
  id: identifier,
  created_by_ref: identifier,
  created: timestamp,
  external_references: externalReferences,
  object_marking_refs: identifierList,
  granular_markings: granularMarkings,
};
