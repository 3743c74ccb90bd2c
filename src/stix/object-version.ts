/**
 * The version key of a STIX object: `modified`, else `created`; undefined for objects that carry
 * neither (most cyber-observables), which have a single version.
 */
export function objectVersion(obj: {
  readonly type?: unknown;
  readonly modified?: unknown;
  readonly created?: unknown;
}): string | undefined {
  if (typeof obj.modified === 'string') return obj.modified;
  if (typeof obj.created === 'string') return obj.created;
  return undefined;
}
