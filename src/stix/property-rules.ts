import { isBase64, isHex } from './schema-formats.js';
import { isIdentifier, isTypeName } from './stix-identifier.js';
import { isRecord, pointerSegment, type IssueSink } from './stix-issue.js';
import { specTypeNames, specType, type ResolvedType } from './type-registry.js';
import type { ObjectRule } from './rule-context.js';
import { issueMessage } from './stix-issue.messages.js';

/** Property names the spec reserves: they must not appear on any object. */
const RESERVED = new Set(['severity', 'action', 'username', 'usernames', 'phone_numbers']);
const CUSTOM_NAME = /^[a-z0-9_]{3,250}$/;
const EXTENSION_DEFINITION_PREFIX = 'extension-definition--';
const CVE = /^CVE-\d{4}-(?:0\d{3}|[1-9]\d{3,})$/;
const CAPEC = /^CAPEC-\d+$/;

let predefinedExtensions: ReadonlySet<string> | undefined;
/** Names of every predefined SCO extension, of any type. */
function predefinedExtensionNames(): ReadonlySet<string> {
  predefinedExtensions ??= new Set(
    specTypeNames().flatMap((t) => Object.keys(specType(t)?.spec.extensions ?? {})),
  );
  return predefinedExtensions;
}

function declaresToplevelExtension(extensions: unknown): boolean {
  if (!isRecord(extensions)) return false;
  for (const key in extensions) {
    const value = extensions[key];
    if (isRecord(value) && value.extension_type === 'toplevel-property-extension') return true;
  }
  return false;
}

function checkCustomValue(key: string, value: unknown, sink: IssueSink): void {
  const at = `/${pointerSegment(key)}`;
  if (key.endsWith('_bin') && !(typeof value === 'string' && isBase64(value)))
    sink.error(at, 'encoding', issueMessage('base64Property', { property: key }));
  else if (key.endsWith('_hex') && !(typeof value === 'string' && isHex(value)))
    sink.error(at, 'encoding', issueMessage('hexProperty', { property: key }));
  // Only a warning: published data (ATT&CK's x_mitre_data_source_ref) carries empty custom refs.
  else if (key.endsWith('_ref') && !(typeof value === 'string' && isIdentifier(value)))
    sink.warn(at, 'identifier-format', issueMessage('refProperty', { property: key }));
  else if (
    key.endsWith('_refs') &&
    !(Array.isArray(value) && value.every((v) => typeof v === 'string' && isIdentifier(v)))
  ) {
    sink.warn(at, 'identifier-format', issueMessage('refsProperty', { property: key }));
  }
}

/**
 * Custom properties: names of a–z, 0–9 and `_`, 3–250 long, not reserved; on spec-defined types a
 * name without the `x_` prefix is kept with a warning (it may clash with a future spec version)
 * unless the object declares a toplevel-property extension.
 */
export const checkCustomProperties: ObjectRule = (obj, type, sink) => {
  let toplevel: boolean | undefined;
  for (const key in obj) {
    if (type.known.has(key)) continue;
    const at = `/${pointerSegment(key)}`;
    if (RESERVED.has(key)) {
      sink.error(at, 'reserved-property', issueMessage('reserved', { property: key }));
      continue;
    }
    if (!CUSTOM_NAME.test(key)) {
      sink.error(
        at,
        'custom-property-name',
        issueMessage('customName'),
      );
      continue;
    }
    checkCustomValue(key, obj[key], sink);
    if (type.category !== 'custom' && !key.startsWith('x_')) {
      toplevel ??= declaresToplevelExtension(obj.extensions);
      if (!toplevel) sink.warn(at, 'custom-property-prefix', issueMessage('customPrefix', { property: key }));
    }
  }
};

/** Deprecated properties are kept, with a warning. */
export const checkDeprecated: ObjectRule = (obj, type, sink) => {
  for (const key of type.spec.deprecated ?? []) {
    if (obj[key] !== undefined)
      sink.warn(`/${key}`, 'deprecated-property', issueMessage('deprecated', { property: key }));
  }
};

/** Co-constraints between properties (at least one of, not both, requires …). */
export const checkCombinations: ObjectRule = (obj, type, sink) => {
  for (const combination of type.spec.combinations ?? []) {
    const problem = combination.check(obj);
    if (problem) sink.error(problem.path, 'property-combination', problem.message);
  }
};

function checkExtensionKey(key: string, type: ResolvedType, sink: IssueSink): void {
  const at = `/extensions/${pointerSegment(key)}`;
  if (key.startsWith(EXTENSION_DEFINITION_PREFIX)) {
    if (!isIdentifier(key)) sink.error(at, 'extension-key', issueMessage('extensionId'));
  } else if (type.spec.extensions !== undefined && Object.hasOwn(type.spec.extensions, key)) {
    // a predefined extension of this SCO type
  } else if (
    predefinedExtensionNames().has(key) ||
    type.category !== 'sco' ||
    !key.endsWith('-ext') ||
    !isTypeName(key)
  ) {
    sink.error(
      at,
      'extension-key',
      type.spec.type === 'custom' ? issueMessage('extensionUnknownHere', { key }) : issueMessage('extensionUnknown', { key, type: type.type }),
    );
  } else {
    sink.warn(
      at,
      'extension-deprecated',
      issueMessage('extensionDeprecated', { key }),
    );
  }
}

/** `extensions` keys are extension-definition ids or the type's predefined extension names. */
export const checkExtensionKeys: ObjectRule = (obj, type, sink) => {
  const extensions = obj.extensions;
  if (!isRecord(extensions)) return;
  for (const key in extensions) checkExtensionKey(key, type, sink);
};

/** External references carry something besides source_name; CVE and CAPEC ids are well-formed. */
export const checkExternalReferences: ObjectRule = (obj, _type, sink) => {
  const refs = obj.external_references;
  if (!Array.isArray(refs)) return;
  refs.forEach((item: unknown, i) => {
    if (!isRecord(item)) return;
    const at = `/external_references/${i}`;
    if (item.description === undefined && item.url === undefined && item.external_id === undefined) {
      sink.error(
        at,
        'external-reference',
        issueMessage('externalReferenceEmpty'),
      );
    }
    const id = item.external_id;
    if (item.source_name === 'cve' && !(typeof id === 'string' && CVE.test(id)))
      sink.error(
        `${at}/external_id`,
        'external-reference',
        issueMessage('cveId'),
      );
    if (item.source_name === 'capec' && !(typeof id === 'string' && CAPEC.test(id)))
      sink.error(
        `${at}/external_id`,
        'external-reference',
        issueMessage('capecId'),
      );
  });
};
