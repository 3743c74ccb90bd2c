import { mispEventBodies } from './misp-detect.js';
import { importEvent, type Unmapped } from './misp-event-import.js';
import type { JsonRecord } from './observable-terms.js';

export type { Unmapped } from './misp-event-import.js';

export interface MispImportOptions {
  /** Fallback time for events that carry neither timestamp nor date. */
  readonly now: Date;
  /** created_by_ref for events without an Orgc (MISP's creator organisation wins when present). */
  readonly producer?: { readonly identityId: string };
}

export interface MispImportSummary {
  readonly events: number;
  readonly attributes: number;
  readonly mispObjects: number;
  readonly galaxyClusters: number;
  readonly sightings: number;
  /** How many STIX objects of each type were produced. */
  readonly produced: Readonly<Record<string, number>>;
  readonly unmapped: number;
}

export interface MispImportResult {
  readonly objects: JsonRecord[];
  readonly unmapped: Unmapped[];
  readonly summary: MispImportSummary;
}

/**
 * Converts MISP event JSON (one event, a /events response or a list) into STIX 2.1 objects.
 * Ids are UUIDv5 of MISP uuids, so importing the same event again yields the same objects;
 * everything that does not map is listed in `unmapped` with its JSON path and the reason.
 */
export function mispToStix(value: unknown, options: MispImportOptions): MispImportResult {
  const bodies = mispEventBodies(value);
  const objects = new Map<string, JsonRecord>();
  const unmapped: Unmapped[] = [];
  const totals = { attributes: 0, mispObjects: 0, galaxyClusters: 0, sightings: 0 };
  if (bodies.length === 0) unmapped.push({ path: '', reason: 'not MISP event JSON' });
  bodies.forEach((body, i) => {
    const path = bodies.length === 1 ? '/Event' : `/${i}/Event`;
    const result = importEvent(body, path, options);
    for (const object of result.objects)
      if (!objects.has(String(object.id))) objects.set(String(object.id), object);
    unmapped.push(...result.unmapped);
    totals.attributes += result.counts.attributes;
    totals.mispObjects += result.counts.objects;
    totals.galaxyClusters += result.counts.galaxyClusters;
    totals.sightings += result.counts.sightings;
  });
  const produced: Record<string, number> = {};
  for (const object of objects.values())
    produced[String(object.type)] = (produced[String(object.type)] ?? 0) + 1;
  return {
    objects: [...objects.values()],
    unmapped,
    summary: { events: bodies.length, ...totals, produced, unmapped: unmapped.length },
  };
}
