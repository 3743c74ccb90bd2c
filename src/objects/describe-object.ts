import { displayText } from '../stix/display-text.js';
import { tlpOf } from '../stix/tlp.js';
import type { StixObject } from './object-row.js';

/** The search text and TLP level the store keeps beside each object. */
export function describeObject(object: StixObject): { tlp: string | null; name: string | null; description: string | null } {
  const markings = Array.isArray(object.object_marking_refs) ? (object.object_marking_refs as unknown[]).filter((m): m is string => typeof m === 'string') : [];
  const { name, description } = displayText(object);
  return { tlp: tlpOf(markings) ?? null, name, description };
}
