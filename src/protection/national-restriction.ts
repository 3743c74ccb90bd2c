import { v5 as uuidv5 } from 'uuid';
import { ACCORD_NAMESPACE } from '../federation/local-authority.js';
import type { AdmissionCheck } from '../ingest/ingest.service.js';
import type { Message } from '../i18n/messages.js';
import type { StixObject } from '../objects/object-row.js';
import type { Profile } from '../profile/profile.schema.js';
import { protectionMessage } from './protection.messages.js';

/**
 * Accord's marking for information restricted by the providing Party's law (Art. 6(2)): a STIX
 * marking-definition carrying, in this property extension, the Party and its national level.
 */
export const RESTRICTION_EXTENSION_ID = 'extension-definition--895d0761-b948-405a-9081-50daf697cb37';
const PUBLISHED = '2026-11-28T00:00:00.000Z';

export type Ceiling = 'unclassified' | 'restricted';

export interface RestrictionLevel {
  readonly party: string;
  readonly level: string;
  readonly rank: number;
  readonly stateSecret: boolean;
  readonly label: string;
}

/** The one marking-definition id of a Party's level: derived, so every node recognises it without a lookup. */
export function restrictionMarkingId(party: string, level: string): string {
  return `marking-definition--${uuidv5(`restriction|${party}|${level}`, ACCORD_NAMESPACE)}`;
}

/** The marking-definition object for a Party's level, as Accord publishes it. */
export function restrictionMarking(level: RestrictionLevel): Record<string, unknown> {
  return {
    type: 'marking-definition', spec_version: '2.1', id: restrictionMarkingId(level.party, level.level), created: PUBLISHED,
    name: `Restricted by the law of ${level.party}: ${level.label}`,
    extensions: { [RESTRICTION_EXTENSION_ID]: { extension_type: 'property-extension', party: level.party, level: level.level } },
  };
}

/** Every national level of the profile, by its marking-definition id. */
export function restrictionLevels(profile: Profile): ReadonlyMap<string, RestrictionLevel> {
  const levels = new Map<string, RestrictionLevel>();
  for (const scheme of profile.markings.classification.schemes)
    for (const l of scheme.levels)
      levels.set(restrictionMarkingId(scheme.party, l.code), { party: scheme.party, level: l.code, rank: l.rank, stateSecret: l.stateSecret, label: l.label.en ?? l.code });
  return levels;
}

/** Whether the ceiling admits the level: `restricted` admits the lowest, non-secret level of a scheme; `unclassified` none. */
export function withinCeiling(level: RestrictionLevel, ceiling: Ceiling): boolean {
  return ceiling === 'restricted' && level.rank === 1 && !level.stateSecret;
}

function markingRefsOf(object: StixObject): string[] {
  const refs = Array.isArray(object.object_marking_refs) ? (object.object_marking_refs as unknown[]) : [];
  const granular = Array.isArray(object.granular_markings) ? (object.granular_markings as Array<{ marking_ref?: unknown }>).map((g) => g.marking_ref) : [];
  return [...refs, ...granular].filter((r): r is string => typeof r === 'string');
}

/** The level a marking-definition declares through Accord's extension, if it does. */
function declaredLevel(object: StixObject): { party: string; level: string } | undefined {
  if (object.type !== 'marking-definition') return undefined;
  const extension = (object.extensions as Record<string, { party?: unknown; level?: unknown }> | undefined)?.[RESTRICTION_EXTENSION_ID];
  return extension && typeof extension.party === 'string' && typeof extension.level === 'string' ? { party: extension.party, level: extension.level } : undefined;
}

/**
 * The accreditation ceiling at ingest: an object carrying (or defining) a national level above the
 * ceiling is refused before anything is stored, whichever way it came in.
 */
export function ceilingAdmission(profile: Profile, ceiling: Ceiling): AdmissionCheck {
  const known = restrictionLevels(profile);
  const byCode = new Map([...known.values()].map((l) => [`${l.party}|${l.level}`, l]));
  return (objects) => {
    // Marking-definitions in the same batch may be referenced by the objects beside them.
    const inBatch = new Map<string, RestrictionLevel | null>();
    for (const object of objects) {
      const declared = declaredLevel(object);
      if (declared) inBatch.set(object.id, byCode.get(`${declared.party}|${declared.level}`) ?? null);
    }
    return objects.map((object): Message | undefined => {
      const declared = declaredLevel(object);
      if (declared && !byCode.has(`${declared.party}|${declared.level}`)) return protectionMessage('unknownLevel', { id: object.id, party: declared.party, level: declared.level });
      const ids = [...markingRefsOf(object), ...(declared ? [object.id] : [])];
      for (const id of ids) {
        const level = known.get(id) ?? inBatch.get(id);
        if (level === null) return protectionMessage('unknownLevel', { id: object.id, party: '?', level: id });
        if (level && !withinCeiling(level, ceiling)) return protectionMessage('aboveCeiling', { id: object.id, party: level.party, level: level.label, ceiling });
      }
      return undefined;
    });
  };
}
