import { randomUUID } from 'node:crypto';
import type { StixObject } from '../objects/object-row.js';
import { parseTimestampMicros } from '../clock/timestamp.js';
import { TLP2_MARKING_IDS, type TlpLevel } from '../stix/tlp.js';
import { EXTENSION_IDS, type ExchangeType } from './exchange-ids.js';

/** A STIX timestamp (millisecond precision, as Accord writes them) of an instant in microseconds. */
export function stixTime(micros: number): string {
  return new Date(Math.floor(micros / 1000)).toISOString();
}

/** Microseconds of a STIX timestamp; 0 when it is not one (validated objects always have one). */
export function micros(timestamp: unknown): number {
  return typeof timestamp === 'string' ? (parseTimestampMicros(timestamp) ?? 0) : 0;
}

/** The TLP 2.0 marking reference of a level. */
export function tlpMarking(level: TlpLevel): string[] {
  return [TLP2_MARKING_IDS[level]];
}

/** A new Accord exchange object of a kind: common properties, the new-sdo declaration, then the kind's own. */
export function newExchangeObject(type: ExchangeType, atUs: number, createdByRef: string, properties: Record<string, unknown>, id = `${type}--${randomUUID()}`): StixObject {
  const time = stixTime(atUs);
  return {
    type,
    spec_version: '2.1',
    id,
    created: time,
    modified: time,
    created_by_ref: createdByRef,
    ...properties,
    extensions: { [EXTENSION_IDS[type]]: { extension_type: 'new-sdo' } },
  };
}

/**
 * The next version of an object: `modified` moves to now, or 1 ms past the previous version when
 * the clock has not moved on (two changes in one millisecond must still be two versions).
 */
export function nextVersion(previous: StixObject, atUs: number, changes: Record<string, unknown>, remove: readonly string[] = []): StixObject {
  const before = micros(previous.modified);
  const at = Math.max(Math.floor(atUs / 1000) * 1000, before + 1000);
  const next: Record<string, unknown> = { ...previous, ...changes, modified: stixTime(at) };
  for (const key of remove) delete next[key];
  return next as StixObject;
}

/** A STIX language-content object giving translations of an object version's text properties. */
export function languageContent(target: StixObject, createdByRef: string, atUs: number, contents: Record<string, Record<string, string>>, markings: readonly string[]): StixObject {
  const time = stixTime(atUs);
  return {
    type: 'language-content',
    spec_version: '2.1',
    id: `language-content--${randomUUID()}`,
    created: time,
    modified: time,
    created_by_ref: createdByRef,
    object_ref: target.id,
    object_modified: target.modified,
    contents,
    ...(markings.length ? { object_marking_refs: [...markings] } : {}),
  };
}

/** The string-list property of an object, or an empty list. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The string property of an object, or undefined. */
export function stringProp(object: StixObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}
