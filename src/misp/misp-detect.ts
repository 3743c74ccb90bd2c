import type { MispEventBody } from './misp.types.js';

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A bare event body: MISP's own fields, never STIX's. */
function looksLikeEventBody(value: unknown): value is MispEventBody {
  if (!isRecord(value)) return false;
  if (typeof value.type === 'string' && typeof value.id === 'string' && value.id.includes('--')) return false;
  const hasContent = Array.isArray(value.Attribute) || Array.isArray(value.Object);
  const hasHeader =
    typeof value.info === 'string' && (typeof value.uuid === 'string' || typeof value.date === 'string');
  return hasContent || hasHeader;
}

/**
 * The event bodies in a MISP document: `{"Event": …}`, `{"response": [{"Event": …}, …]}`, a
 * list of those, or a bare event body. Empty when the value is not a MISP document.
 */
export function mispEventBodies(value: unknown): MispEventBody[] {
  if (Array.isArray(value)) return value.flatMap((item) => mispEventBodies(item));
  if (!isRecord(value)) return [];
  if (isRecord(value.Event)) return looksLikeEventBody(value.Event) ? [value.Event] : [];
  if (Array.isArray(value.response)) return value.response.flatMap((item) => mispEventBodies(item));
  return looksLikeEventBody(value) ? [value] : [];
}

/** True when the value is MISP event JSON (recognised by content, not by file name). */
export function isMispEvent(value: unknown): boolean {
  return mispEventBodies(value).length > 0;
}
