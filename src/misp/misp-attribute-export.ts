import { parsePattern, PatternSyntaxError } from '../patterning/patterning.js';
import { ATTRIBUTE_TYPES, attributeForTerms, SPECIAL_CATEGORIES } from './misp-attribute-types.js';
import { metaAttributes, metaObject, type MetaAttribute, type MetaObject } from './misp-metadata.js';
import { objectTemplate, objectTerms, templateForTerms } from './misp-object-templates.js';
import { stixTimeToEpoch } from './misp-time.js';
import type { MispAttributeOut, MispObjectOut } from './misp.types.js';
import {
  includesTerms,
  patternAlternatives,
  sameTerms,
  scoTerms,
  type JsonRecord,
  type Term,
} from './observable-terms.js';
import { derivedMispUuid } from './stix-ids.js';

/** What one STIX object exports as. */
export interface Exported {
  readonly attributes: MispAttributeOut[];
  readonly objects: MispObjectOut[];
}

/** What the event being written provides to the conversion of each object. */
export interface ExportContext {
  /** Tags for an attribute made from this STIX object (labels, plus markings that differ from the event's). */
  tagsFor(object: JsonRecord): string[];
  /** Distribution for data made from this STIX object ("5" when it is the event's). */
  distributionFor(object: JsonRecord): string;
  lookup(id: string): JsonRecord | undefined;
}

const PATTERN_LANGUAGE_TYPES: Readonly<Record<string, string>> = {
  yara: 'yara',
  sigma: 'sigma',
  snort: 'snort',
  suricata: 'snort',
};

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

type Piece = Omit<MispAttributeOut, 'timestamp' | 'distribution' | 'disable_correlation' | 'Tag'> & {
  tags?: readonly string[];
  distribution?: string;
};

function finish(piece: Piece, object: JsonRecord, ctx: ExportContext): MispAttributeOut {
  const { tags, distribution, ...rest } = piece;
  const tagList = [...new Set(tags ?? ctx.tagsFor(object))];
  return {
    ...rest,
    timestamp: stixTimeToEpoch(object.modified) ?? '0',
    distribution: distribution ?? ctx.distributionFor(object),
    disable_correlation: false,
    ...(tagList.length > 0 ? { Tag: tagList.map((name) => ({ name })) } : {}),
  };
}

function fromMeta(
  meta: MetaAttribute,
  object: JsonRecord,
  ctx: ExportContext,
  inObject: boolean,
): MispAttributeOut {
  return finish(
    {
      uuid: meta.uuid,
      type: meta.type,
      category: meta.category,
      value: meta.value,
      to_ids: meta.to_ids,
      comment: meta.comment ?? '',
      ...(meta.object_relation ? { object_relation: meta.object_relation } : {}),
      ...(meta.first_seen ? { first_seen: meta.first_seen } : {}),
      ...(meta.last_seen ? { last_seen: meta.last_seen } : {}),
      ...(meta.distribution !== undefined ? { distribution: String(meta.distribution) } : {}),
      ...(inObject ? { tags: meta.tags ?? [] } : {}),
    },
    object,
    ctx,
  );
}

function fresh(
  type: string,
  value: string,
  toIds: boolean,
  object: JsonRecord,
  ctx: ExportContext,
  relation?: string,
): MispAttributeOut {
  return finish(
    {
      uuid: derivedMispUuid(String(object.id), relation ?? '', type, value),
      type,
      category: ATTRIBUTE_TYPES[type]?.category ?? SPECIAL_CATEGORIES[type] ?? 'Other',
      value,
      to_ids: toIds,
      comment: str(object.description) ?? '',
      ...(relation ? { object_relation: relation } : {}),
    },
    object,
    ctx,
  );
}

/**
 * Whether import metadata still describes these terms: exactly for patterns; for SCOs it may say
 * less, because SCOs with the same id are shared (and merged) between attributes.
 */
function agrees(metaTerms: readonly Term[], terms: readonly Term[], shared: boolean): boolean {
  return shared ? metaTerms.length > 0 && includesTerms(terms, metaTerms) : sameTerms(metaTerms, terms);
}

/** The MISP object for terms, from its import metadata when that still says the same. */
function objectFromMeta(
  terms: readonly Term[],
  metaObj: MetaObject,
  meta: readonly MetaAttribute[],
  object: JsonRecord,
  ctx: ExportContext,
  shared: boolean,
): MispObjectOut | undefined {
  const template = objectTemplate(metaObj.name);
  if (!template) return undefined;
  const metaTerms = objectTerms(
    template,
    meta.map((m) => ({ relation: m.object_relation ?? '', value: m.value })),
  );
  if (
    !agrees(
      metaTerms.filter((t): t is Term => t !== undefined),
      terms,
      shared,
    )
  )
    return undefined;
  return objectOut(
    metaObj,
    meta.map((m) => fromMeta(m, object, ctx, true)),
    object,
    ctx,
  );
}

function objectOut(
  metaObj: MetaObject,
  attributes: MispAttributeOut[],
  object: JsonRecord,
  ctx: ExportContext,
): MispObjectOut {
  return {
    uuid: metaObj.uuid,
    name: metaObj.name,
    'meta-category': metaObj.meta_category,
    distribution:
      metaObj.distribution !== undefined ? String(metaObj.distribution) : ctx.distributionFor(object),
    comment: metaObj.comment ?? str(object.description) ?? '',
    timestamp: stixTimeToEpoch(object.modified) ?? '0',
    ...(metaObj.template_uuid ? { template_uuid: metaObj.template_uuid } : {}),
    ...(metaObj.template_version ? { template_version: metaObj.template_version } : {}),
    Attribute: attributes,
  };
}

/** One alternative of a pattern (or one SCO) as an attribute or a MISP object; undefined when neither fits. */
function alternativeOut(
  terms: readonly Term[],
  toIds: boolean,
  object: JsonRecord,
  ctx: ExportContext,
  index: number,
): Exported | undefined {
  const single = attributeForTerms(terms);
  if (single) return { attributes: [fresh(single.type, single.value, toIds, object, ctx)], objects: [] };
  const fit = templateForTerms(terms);
  if (!fit) return undefined;
  const attributes = terms.map((term, i) => {
    const relation = fit.relations[i];
    const type = relation?.type ?? 'text';
    const value = type === 'AS' ? `AS${String(term.value)}` : String(term.value);
    return fresh(type, value, toIds, object, ctx, relation?.relation);
  });
  const metaObj: MetaObject = {
    uuid: derivedMispUuid(String(object.id), 'object', String(index)),
    name: fit.template.name,
    meta_category: fit.template.metaCategory,
  };
  return { attributes: [], objects: [objectOut(metaObj, attributes, object, ctx)] };
}

/** Term lists → MISP, trusting import metadata only where it reproduces them. */
function alternativesOut(
  alternatives: readonly Term[][],
  toIds: boolean,
  object: JsonRecord,
  ctx: ExportContext,
): Exported | undefined {
  const meta = metaAttributes(object);
  const metaObj = metaObject(object);
  const shared = object.type === 'observed-data';
  const [only] = alternatives;
  if (only && alternatives.length === 1) {
    if (metaObj) {
      const restored = objectFromMeta(only, metaObj, meta, object, ctx, shared);
      if (restored) return { attributes: [], objects: [restored] };
    } else if (meta.length === 1 && meta[0]) {
      const mapping = ATTRIBUTE_TYPES[meta[0].type];
      const metaTerms = mapping?.terms(meta[0].value);
      if (metaTerms && agrees(metaTerms, only, shared)) {
        return {
          attributes: [fromMeta({ ...meta[0], to_ids: meta[0].to_ids }, object, ctx, false)],
          objects: [],
        };
      }
    }
  }
  const result: Exported = { attributes: [], objects: [] };
  for (const [index, terms] of alternatives.entries()) {
    const part = alternativeOut(terms, toIds, object, ctx, index);
    if (!part) return undefined;
    result.attributes.push(...part.attributes);
    result.objects.push(...part.objects);
  }
  return result;
}

/** An indicator as attributes/objects; a `stix2-pattern` attribute for patterns that are not plain IOCs. */
export function exportIndicator(indicator: JsonRecord, ctx: ExportContext): Exported | { reason: string } {
  const pattern = str(indicator.pattern);
  const patternType = str(indicator.pattern_type) ?? 'stix';
  if (!pattern) return { reason: 'indicator without a pattern' };
  const [meta] = metaAttributes(indicator);
  if (patternType !== 'stix') {
    const type = PATTERN_LANGUAGE_TYPES[patternType];
    if (!type) return { reason: `pattern type ${patternType} has no MISP attribute type` };
    const attribute =
      meta?.type === type
        ? fromMeta({ ...meta, value: pattern }, indicator, ctx, false)
        : fresh(type, pattern, true, indicator, ctx);
    return { attributes: [attribute], objects: [] };
  }
  try {
    const alternatives = patternAlternatives(parsePattern(pattern));
    const mapped =
      alternatives && alternatives.length > 0
        ? alternativesOut(alternatives, true, indicator, ctx)
        : undefined;
    if (mapped) return mapped;
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    return { reason: `invalid STIX pattern: ${error.message}` };
  }
  const attribute =
    meta?.type === 'stix2-pattern'
      ? fromMeta({ ...meta, value: pattern }, indicator, ctx, false)
      : fresh('stix2-pattern', pattern, true, indicator, ctx);
  return { attributes: [attribute], objects: [] };
}

/** The SCOs of an observed-data that no other of its SCOs references: what was observed. */
function rootScos(
  observed: JsonRecord,
  ctx: ExportContext,
): { roots: JsonRecord[]; lookup: (id: string) => JsonRecord | undefined } {
  const legacy =
    typeof observed.objects === 'object' && observed.objects !== null
      ? (observed.objects as Record<string, JsonRecord>)
      : undefined;
  const refs = Array.isArray(observed.object_refs)
    ? observed.object_refs.filter((r): r is string => typeof r === 'string')
    : [];
  const lookup = legacy
    ? (id: string): JsonRecord | undefined => legacy[id]
    : (id: string): JsonRecord | undefined => ctx.lookup(id);
  const keys = legacy ? Object.keys(legacy) : refs;
  const referenced = new Set<string>();
  const collect = (value: unknown, key = ''): void => {
    if (typeof value === 'string' && (key.endsWith('_ref') || key.endsWith('_refs'))) referenced.add(value);
    else if (Array.isArray(value)) value.forEach((v) => collect(v, key));
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) collect(v, k);
  };
  for (const key of keys) collect(lookup(key));
  const roots = keys
    .filter((key) => !referenced.has(key))
    .map(lookup)
    .filter((object): object is JsonRecord => object !== undefined);
  return { roots, lookup };
}

/** An observed-data as attributes/objects with to_ids false. */
export function exportObservedData(observed: JsonRecord, ctx: ExportContext): Exported | { reason: string } {
  const { roots, lookup } = rootScos(observed, ctx);
  if (roots.length === 0) return { reason: 'observed-data whose objects are not in the export' };
  const alternatives = roots.map((root) => scoTerms(root, lookup)).filter((terms) => terms.length > 0);
  const mapped = alternatives.length > 0 ? alternativesOut(alternatives, false, observed, ctx) : undefined;
  return mapped ?? { reason: 'observed objects without a MISP attribute type' };
}

/** Custom objects Accord made from MISP data with no STIX home: given back as they were. */
export function exportCustom(object: JsonRecord, ctx: ExportContext): Exported | { reason: string } {
  const meta = metaAttributes(object);
  const metaObj = metaObject(object);
  if (object.type === 'x-misp-object' && metaObj) {
    return {
      attributes: [],
      objects: [
        objectOut(
          metaObj,
          meta.map((m) => fromMeta(m, object, ctx, true)),
          object,
          ctx,
        ),
      ],
    };
  }
  const [first] = meta;
  if (first) return { attributes: [fromMeta(first, object, ctx, false)], objects: [] };
  return { reason: `${String(object.type)} without MISP metadata` };
}

/** Vulnerability → `vulnerability` attribute (CVE id), note → text attribute when it was one. */
export function exportSimple(object: JsonRecord, ctx: ExportContext): Exported | { reason: string } {
  const [meta] = metaAttributes(object);
  if (object.type === 'vulnerability') {
    const refs = Array.isArray(object.external_references)
      ? (object.external_references as JsonRecord[])
      : [];
    const cve = str(refs.find((r) => r.source_name === 'cve')?.external_id) ?? str(object.name);
    if (!cve) return { reason: 'vulnerability without a name' };
    const attribute =
      meta?.type === 'vulnerability'
        ? fromMeta({ ...meta, value: cve }, object, ctx, false)
        : fresh('vulnerability', cve, false, object, ctx);
    return { attributes: [attribute], objects: [] };
  }
  if (object.type === 'campaign' && str(object.name)) {
    return { attributes: [fresh('campaign-name', String(object.name), false, object, ctx)], objects: [] };
  }
  if (object.type === 'note' && meta && str(object.content)) {
    return {
      attributes: [fromMeta({ ...meta, value: String(object.content) }, object, ctx, false)],
      objects: [],
    };
  }
  return { reason: `${String(object.type)} has no MISP attribute` };
}
