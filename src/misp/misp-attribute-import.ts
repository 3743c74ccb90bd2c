import { parsePattern, PatternSyntaxError } from '../patterning/patterning.js';
import { ATTRIBUTE_TYPES, PATTERN_LANGUAGES, SPECIAL_CATEGORIES } from './misp-attribute-types.js';
import { labelsOf } from './misp-galaxies.js';
import { distributionOf, readTags, type TagReading } from './misp-markings.js';
import { compact, type MetaAttribute, type MetaObject } from './misp-metadata.js';
import { objectTemplate, objectTerms } from './misp-object-templates.js';
import { mispTimeToStix } from './misp-time.js';
import type { MispAttribute, MispObject } from './misp.types.js';
import { buildScos, termsPattern, type JsonRecord, type Term } from './observable-terms.js';
import { derivedId, derivedMispUuid } from './stix-ids.js';

/** What converting one attribute or object needs from the event being imported. */
export interface ImportContext {
  readonly eventUuid: string;
  readonly createdBy: string | undefined;
  readonly eventModified: string;
  readonly reportId: string;
  emit(object: JsonRecord): void;
  unmapped(path: string, reason: string): void;
  /** Marking refs for data with these tags and this distribution (5 or undefined = inherit). */
  markingRefs(tags: TagReading, distribution: number | undefined): string[];
  /** A reference for the report; `meta` remembers the MISP attribute it came from. */
  addExternalReference(reference: JsonRecord, meta: readonly MetaAttribute[]): void;
}

/** The STIX object an attribute or object became (what sightings and relationships point at). */
export interface Imported {
  readonly id: string;
  readonly kind: 'indicator' | 'observed-data' | 'other';
}

const truthy = (value: unknown): boolean =>
  value === true || value === 1 || value === '1' || value === 'true';

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Times of an attribute: when it was last changed, and when it was first/last seen. */
function timesOf(
  item: MispAttribute | MispObject,
  ctx: ImportContext,
): { modified: string; firstSeen?: string; lastSeen?: string } {
  const modified = mispTimeToStix(item.timestamp) ?? ctx.eventModified;
  return { modified, firstSeen: mispTimeToStix(item.first_seen), lastSeen: mispTimeToStix(item.last_seen) };
}

function metaOf(attribute: MispAttribute, uuid: string, withTags: boolean): MetaAttribute {
  const tags = labelsOf(readTags(attribute.Tag), attribute.Galaxy);
  return compact({
    uuid,
    type: text(attribute.type),
    category: text(attribute.category) || 'Other',
    value: text(attribute.value),
    to_ids: truthy(attribute.to_ids),
    object_relation: text(attribute.object_relation) || undefined,
    comment: text(attribute.comment) || undefined,
    first_seen: text(attribute.first_seen) || undefined,
    last_seen: text(attribute.last_seen) || undefined,
    distribution: distributionOf(attribute.distribution),
    tags: withTags && tags.length > 0 ? tags : undefined,
  });
}

export function attributeUuid(attribute: MispAttribute, ctx: ImportContext, index: number): string {
  return (
    text(attribute.uuid) ||
    derivedMispUuid(ctx.eventUuid, 'attribute', String(index), text(attribute.type), text(attribute.value))
  );
}

interface Common {
  readonly id: string;
  readonly modified: string;
  readonly labels: readonly string[];
  readonly markings: readonly string[];
  readonly description?: string;
  readonly meta: readonly MetaAttribute[];
  readonly object?: MetaObject;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
}

function base(type: string, common: Common, ctx: ImportContext): Record<string, unknown> {
  return compact({
    type,
    spec_version: '2.1',
    id: common.id,
    created_by_ref: ctx.createdBy,
    created: common.modified,
    modified: common.modified,
    description: common.description,
    labels: [...new Set(common.labels)],
    object_marking_refs: common.markings,
    x_misp_attributes: common.meta,
    x_misp_object: common.object,
  });
}

function indicatorFrom(
  common: Common,
  name: string,
  pattern: string,
  patternType: string,
  ctx: ImportContext,
): JsonRecord {
  return {
    ...base('indicator', common, ctx),
    name,
    indicator_types: ['malicious-activity'],
    pattern,
    pattern_type: patternType,
    ...(patternType === 'stix' ? { pattern_version: '2.1' } : {}),
    valid_from: common.firstSeen ?? common.modified,
  };
}

function observedDataFrom(common: Common, scoIds: readonly string[], ctx: ImportContext): JsonRecord {
  const first = common.firstSeen ?? common.modified;
  const last = common.lastSeen && Date.parse(common.lastSeen) >= Date.parse(first) ? common.lastSeen : first;
  // observed-data has no description in STIX 2.1: the MISP comment stays in x_misp_attributes.
  return {
    ...base('observed-data', { ...common, description: undefined }, ctx),
    first_observed: first,
    last_observed: last,
    number_observed: 1,
    object_refs: scoIds,
  };
}

/** Kept as a custom object: MISP data with no STIX 2.1 home, so that nothing is lost. */
function customFrom(
  type: 'x-misp-attribute' | 'x-misp-object',
  common: Common,
  ctx: ImportContext,
): JsonRecord {
  return base(type, { ...common, description: undefined }, ctx);
}

/**
 * Terms → indicator (to_ids) or observed-data with SCOs; custom object when the terms cannot
 * make valid SCOs. Returns the main object's id.
 */
function termsToObjects(
  terms: readonly Term[],
  common: Omit<Common, 'id'>,
  options: {
    uuid: string;
    toIds: boolean;
    name: string;
    observable: boolean;
    custom: 'x-misp-attribute' | 'x-misp-object';
  },
  path: string,
  ctx: ImportContext,
): Imported {
  if (options.toIds) {
    const pattern = termsPattern(terms);
    try {
      parsePattern(pattern);
    } catch (error) {
      if (!(error instanceof PatternSyntaxError)) throw error;
      const id = derivedId(options.custom, options.uuid);
      ctx.emit(customFrom(options.custom, { ...common, id }, ctx));
      ctx.unmapped(
        path,
        `value does not make a valid STIX pattern (${error.message}); kept as ${options.custom}`,
      );
      return { id, kind: 'other' };
    }
    const id = derivedId('indicator', options.uuid);
    ctx.emit(indicatorFrom({ ...common, id }, options.name, pattern, 'stix', ctx));
    return { id, kind: 'indicator' };
  }
  const built = options.observable ? buildScos(terms) : { problem: 'no valid observable for this type' };
  if ('problem' in built) {
    const id = derivedId(options.custom, options.uuid);
    ctx.emit(customFrom(options.custom, { ...common, id }, ctx));
    ctx.unmapped(path, `cannot be a STIX observable (${built.problem}); kept as ${options.custom}`);
    return { id, kind: 'other' };
  }
  for (const sco of built.objects)
    ctx.emit(common.markings.length > 0 ? { ...sco, object_marking_refs: common.markings } : sco);
  const id = derivedId('observed-data', options.uuid);
  ctx.emit(
    observedDataFrom(
      { ...common, id },
      built.objects.map((sco) => String(sco.id)),
      ctx,
    ),
  );
  return { id, kind: 'observed-data' };
}

/** Converts one top-level attribute; undefined when it produced nothing. */
export function importAttribute(
  attribute: MispAttribute,
  index: number,
  path: string,
  ctx: ImportContext,
): Imported | undefined {
  const uuid = attributeUuid(attribute, ctx, index);
  const type = text(attribute.type);
  const value = text(attribute.value);
  const tags = readTags(attribute.Tag);
  const times = timesOf(attribute, ctx);
  const meta = metaOf(attribute, uuid, false);
  const common: Omit<Common, 'id'> = {
    modified: times.modified,
    firstSeen: times.firstSeen,
    lastSeen: times.lastSeen,
    labels: labelsOf(tags, attribute.Galaxy),
    markings: ctx.markingRefs(tags, distributionOf(attribute.distribution)),
    description: text(attribute.comment) || undefined,
    meta: [{ ...meta, category: meta.category || SPECIAL_CATEGORIES[type] || 'Other' }],
  };
  if (!type || value === '') {
    ctx.unmapped(path, 'attribute without type or value');
    return undefined;
  }
  if (attribute.data)
    ctx.unmapped(`${path}/data`, 'attached file content is not imported (only its name and hashes)');
  const special = importSpecial(type, value, uuid, common, path, ctx);
  if (special !== 'not-special') return special;
  const mapping = ATTRIBUTE_TYPES[type];
  const terms = mapping?.terms(value);
  if (!mapping || !terms) {
    const id = derivedId('x-misp-attribute', uuid);
    ctx.emit(customFrom('x-misp-attribute', { ...common, id }, ctx));
    const why = mapping
      ? `value ${JSON.stringify(value)} does not fit type ${type}`
      : `MISP type ${type} has no STIX 2.1 equivalent`;
    ctx.unmapped(path, `${why}; kept as x-misp-attribute`);
    return { id, kind: 'other' };
  }
  return termsToObjects(
    terms,
    common,
    {
      uuid,
      toIds: truthy(attribute.to_ids),
      name: value,
      observable: mapping.observable,
      custom: 'x-misp-attribute',
    },
    path,
    ctx,
  );
}

/** Attribute types with their own STIX representation; 'not-special' for the rest. */
function importSpecial(
  type: string,
  value: string,
  uuid: string,
  common: Omit<Common, 'id'>,
  path: string,
  ctx: ImportContext,
): Imported | undefined | 'not-special' {
  if (type === 'link') {
    ctx.addExternalReference(
      compact({ source_name: 'link', url: value, description: common.description }),
      common.meta,
    );
    return undefined;
  }
  if (type === 'vulnerability') {
    const id = derivedId('vulnerability', uuid);
    const cve = /^CVE-\d{4}-\d{4,}$/i.test(value) ? value.toUpperCase() : undefined;
    ctx.emit({
      ...base('vulnerability', { ...common, id }, ctx),
      name: cve ?? value,
      ...(cve ? { external_references: [{ source_name: 'cve', external_id: cve }] } : {}),
    });
    return { id, kind: 'other' };
  }
  if (type === 'text' || type === 'comment' || type === 'other') {
    const id = derivedId('note', uuid);
    ctx.emit({
      ...base('note', { ...common, id, description: undefined }, ctx),
      content: value,
      object_refs: [ctx.reportId],
    });
    return { id, kind: 'other' };
  }
  if (type === 'stix2-pattern') {
    try {
      parsePattern(value);
    } catch (error) {
      if (!(error instanceof PatternSyntaxError)) throw error;
      ctx.unmapped(path, `stix2-pattern is not a valid STIX 2.1 pattern: ${error.message}`);
      return undefined;
    }
    const id = derivedId('indicator', uuid);
    ctx.emit(indicatorFrom({ ...common, id }, common.description ?? 'STIX pattern', value, 'stix', ctx));
    return { id, kind: 'indicator' };
  }
  const language = PATTERN_LANGUAGES[type];
  if (language) {
    const id = derivedId('indicator', uuid);
    ctx.emit(indicatorFrom({ ...common, id }, common.description ?? `${type} rule`, value, language, ctx));
    return { id, kind: 'indicator' };
  }
  return 'not-special';
}

/** Converts one MISP object: its attributes become one indicator or one observed-data. */
export function importObject(
  object: MispObject,
  index: number,
  path: string,
  ctx: ImportContext,
): Imported | undefined {
  const name = text(object.name);
  const uuid = text(object.uuid) || derivedMispUuid(ctx.eventUuid, 'object', String(index), name);
  const attributes = (object.Attribute ?? []).filter((a) => !truthy(a.deleted));
  if (attributes.length === 0) {
    ctx.unmapped(path, 'object without attributes');
    return undefined;
  }
  const template = objectTemplate(name);
  const tags = new Set<string>();
  let toIds = false;
  const meta: MetaAttribute[] = attributes.map((attribute, i) => {
    for (const tag of labelsOf(readTags(attribute.Tag), attribute.Galaxy)) tags.add(tag);
    toIds ||= truthy(attribute.to_ids);
    return metaOf(attribute, text(attribute.uuid) || derivedMispUuid(uuid, 'attribute', String(i)), true);
  });
  const readings = template
    ? objectTerms(
        template,
        meta.map((m) => ({ relation: m.object_relation ?? '', value: m.value })),
      )
    : [];
  const terms = readings.filter((t): t is Term => t !== undefined);
  readings.forEach((term, i) => {
    if (!term) {
      const relation = meta[i]?.object_relation ?? '(none)';
      ctx.unmapped(
        `${path}/Attribute/${i}`,
        `relation ${relation} of ${name} has no STIX property here; kept in x_misp_attributes`,
      );
    }
  });
  const times = timesOf(object, ctx);
  const objectMeta: MetaObject = compact({
    uuid,
    name,
    meta_category: text(object['meta-category']) || 'misc',
    template_uuid: text(object.template_uuid) || undefined,
    template_version: text(object.template_version) || undefined,
    comment: text(object.comment) || undefined,
    distribution: distributionOf(object.distribution),
  });
  const tagReading = readTags([...tags].map((t) => ({ name: t })));
  const common: Omit<Common, 'id'> = {
    modified: times.modified,
    firstSeen: times.firstSeen,
    lastSeen: times.lastSeen,
    labels: [...tags],
    markings: ctx.markingRefs(tagReading, distributionOf(object.distribution)),
    description: text(object.comment) || undefined,
    meta,
    object: objectMeta,
  };
  if (!template || terms.length === 0) {
    const id = derivedId('x-misp-object', uuid);
    ctx.emit(customFrom('x-misp-object', { ...common, id }, ctx));
    ctx.unmapped(
      path,
      `MISP object ${name || '(unnamed)'} has no STIX 2.1 equivalent; kept as x-misp-object`,
    );
    return { id, kind: 'other' };
  }
  const first = terms[0];
  const label = `${name}: ${first ? String(first.value) : ''}`;
  return termsToObjects(
    terms,
    common,
    { uuid, toIds, name: label, observable: true, custom: 'x-misp-object' },
    path,
    ctx,
  );
}
