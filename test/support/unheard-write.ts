import { pino } from 'pino';
import { objectWriter } from '../../src/node/node-services.js';
import type { NodeServices } from '../../src/node/node-services.js';
import { prepareObject, type StixObject } from '../../src/objects/object-row.js';
import type { WriteResult } from '../../src/objects/objects.writer.js';

/**
 * Stores objects the way ingest does but tells no listener: what a process leaves behind when it
 * dies between storing a batch and handling it (queueing it for a peer, handing a peer's object to
 * its domain). What catches up after a restart must find these.
 */
export function storeUnheard(services: NodeServices, collectionId: string, originParty: string | null, objects: readonly Record<string, unknown>[]): Promise<WriteResult[]> {
  return objectWriter(services.database, pino({ level: 'silent' })).write({
    collectionId, originParty, nowUs: services.clock.nowMicros(), followed: false,
    items: objects.map((object) => ({ ...prepareObject(object as StixObject), tlp: null, name: null, description: null })),
  });
}
