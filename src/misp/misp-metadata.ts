import type { JsonRecord } from './observable-terms.js';

/**
 * What a STIX object derived from MISP remembers of its source, so that exporting it again gives
 * MISP the same attributes (uuids, categories, relations, comments, distribution). Export trusts
 * this only when it reproduces the object's pattern or SCOs; edited objects are mapped afresh.
 */
export interface MetaAttribute {
  readonly uuid: string;
  readonly type: string;
  readonly category: string;
  readonly value: string;
  readonly to_ids: boolean;
  readonly object_relation?: string;
  readonly comment?: string;
  readonly first_seen?: string;
  readonly last_seen?: string;
  readonly distribution?: number;
  readonly tags?: readonly string[];
}

export interface MetaObject {
  readonly uuid: string;
  readonly name: string;
  readonly meta_category: string;
  readonly template_uuid?: string;
  readonly template_version?: string;
  readonly comment?: string;
  readonly distribution?: number;
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The MISP attributes a STIX object was made from (empty when it was not made from MISP). */
export function metaAttributes(object: JsonRecord): MetaAttribute[] {
  const list = object.x_misp_attributes;
  if (!Array.isArray(list)) return [];
  const result: MetaAttribute[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const uuid = str(item.uuid);
    const type = str(item.type);
    const value = str(item.value);
    if (!uuid || !type || value === undefined) continue;
    result.push({
      uuid,
      type,
      value,
      category: str(item.category) ?? 'Other',
      to_ids: item.to_ids === true,
      ...(str(item.object_relation) ? { object_relation: str(item.object_relation) } : {}),
      ...(str(item.comment) ? { comment: str(item.comment) } : {}),
      ...(str(item.first_seen) ? { first_seen: str(item.first_seen) } : {}),
      ...(str(item.last_seen) ? { last_seen: str(item.last_seen) } : {}),
      ...(typeof item.distribution === 'number' ? { distribution: item.distribution } : {}),
      ...(Array.isArray(item.tags)
        ? { tags: item.tags.filter((t): t is string => typeof t === 'string') }
        : {}),
    });
  }
  return result;
}

/** The MISP object a STIX object was made from, if any. */
export function metaObject(object: JsonRecord): MetaObject | undefined {
  const meta = object.x_misp_object;
  if (!isRecord(meta)) return undefined;
  const uuid = str(meta.uuid);
  const name = str(meta.name);
  if (!uuid || !name) return undefined;
  return {
    uuid,
    name,
    meta_category: str(meta.meta_category) ?? 'misc',
    ...(str(meta.template_uuid) ? { template_uuid: str(meta.template_uuid) } : {}),
    ...(str(meta.template_version) ? { template_version: str(meta.template_version) } : {}),
    ...(str(meta.comment) ? { comment: str(meta.comment) } : {}),
    ...(typeof meta.distribution === 'number' ? { distribution: meta.distribution } : {}),
  };
}

/** Drops undefined fields and empty lists, which STIX custom properties may not hold. */
export function compact<T extends Record<string, unknown>>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as T;
}
