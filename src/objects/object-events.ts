import type { EventBus } from '../events/event-bus.js';
import type { IngestTarget, ObjectOutcome } from '../ingest/ingest.service.js';
import { tlpOf } from '../stix/tlp.js';

/** Publishes each newly stored object version on the live event stream, with the facts its release needs. */
export function publishStored(events: EventBus, outcomes: readonly ObjectOutcome[], target: IngestTarget): void {
  const at = new Date().toISOString();
  for (const o of outcomes) {
    if ((o.status !== 'new' && o.status !== 'updated') || !o.object) continue;
    const markings = Array.isArray(o.object.object_marking_refs) ? (o.object.object_marking_refs as unknown[]).filter((m): m is string => typeof m === 'string') : [];
    events.publish({
      type: 'object.stored',
      at,
      object: { id: o.object.id, type: o.object.type, tlp: tlpOf(markings) ?? null, originParty: target.originParty, markingRefs: markings },
      data: { id: o.object.id, type: o.object.type, status: o.status, version: o.version, collection: target.collectionId },
    });
  }
}
