import { randomUUID } from 'node:crypto';
import type { Locale } from '../i18n/locale.js';
import type { StixObject } from '../objects/object-row.js';
import { tlpLevelOfMarking } from '../stix/tlp.js';
import { matchingMessage } from './matching.messages.js';

/** What became of a hit's sighting: stored (new/duplicate), refused, and whether it went to the originator's outbox. */
export interface SightingOutcome {
  readonly id: string;
  readonly status: string;
  readonly reason?: string;
  readonly sharedWith?: string;
}

/** STIX counts are 0–999,999,999. */
const MAX_COUNT = 999_999_999;

function stixTime(text: string | null, fallback: Date): string {
  const ms = text === null ? NaN : Date.parse(text);
  return (Number.isNaN(ms) ? fallback : new Date(ms)).toISOString();
}

/**
 * A STIX 2.1 sighting of a matched indicator: how many observations hit it and when, where
 * (this node's authority, when it has one), under the indicator's TLP so it shares as the
 * indicator does.
 */
export function buildSighting(
  match: {
    id: string;
    markings: readonly string[];
    observations: number;
    firstSeen: string | null;
    lastSeen: string | null;
  },
  now: Date,
  authorityRef: string | undefined,
  locale: Locale = 'en',
): StixObject & { id: string } {
  const created = now.toISOString();
  const first = stixTime(match.firstSeen, now);
  let last = stixTime(match.lastSeen ?? match.firstSeen, now);
  if (Date.parse(last) < Date.parse(first)) last = first;
  const tlp = match.markings.filter((m) => tlpLevelOfMarking(m) !== undefined);
  return {
    type: 'sighting',
    spec_version: '2.1',
    id: `sighting--${randomUUID()}`,
    created,
    modified: created,
    ...(authorityRef ? { created_by_ref: authorityRef } : {}),
    sighting_of_ref: match.id,
    count: Math.min(MAX_COUNT, Math.max(1, match.observations)),
    first_seen: first,
    last_seen: last,
    ...(authorityRef ? { where_sighted_refs: [authorityRef] } : {}),
    description: matchingMessage('sightingDescription', { count: match.observations }).text(locale),
    ...(tlp.length ? { object_marking_refs: tlp } : {}),
  };
}
