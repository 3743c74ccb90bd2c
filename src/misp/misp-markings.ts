import { TLP_LEVELS, TLP2_MARKING_IDS, tlpOf, type TlpLevel } from '../stix/tlp.js';
import type { MispTag } from './misp.types.js';
import { derivedId } from './stix-ids.js';
import type { JsonRecord } from './observable-terms.js';

/**
 * How MISP's sharing controls become STIX markings and back (documented in docs/misp-mapping.md):
 * - `tlp:*` tags → TLP 2.0 marking refs (tlp:white → TLP:CLEAR);
 * - `PAP:*` tags → a statement marking-definition named "PAP:<LEVEL>" (so the release policy
 *   sees it like any other marking);
 * - distribution → the TLP level it implies (0 → AMBER+STRICT, 1 and 2 → GREEN, 4 → AMBER plus a
 *   statement marking naming the sharing group, 3 → none); the stricter of tag and distribution wins.
 * All tags also stay as labels, so MISP → STIX → MISP gives back the same tag spellings.
 */

/** Timestamp of the reference objects Accord derives (markings, org identities, galaxy clusters). */
export const REFERENCE_TIME = '2000-01-01T00:00:00.000Z';

const TLP_TAGS: Readonly<Record<string, TlpLevel>> = {
  'tlp:white': 'clear',
  'tlp:clear': 'clear',
  'tlp:green': 'green',
  'tlp:amber': 'amber',
  'tlp:amber+strict': 'amber+strict',
  'tlp:red': 'red',
};

const PAP_LEVELS = ['CLEAR', 'WHITE', 'GREEN', 'AMBER', 'RED'];

export interface TagReading {
  readonly tlp?: TlpLevel;
  /** Normalised PAP names, e.g. "PAP:AMBER". */
  readonly pap: readonly string[];
  /** Every tag name except galaxy tags (those become SDOs). */
  readonly labels: readonly string[];
  /** misp-galaxy:… tag names, kept to know which galaxies a tag list mentions. */
  readonly galaxyTags: readonly string[];
}

/** Sorts MISP tags into TLP, PAP, galaxy tags and plain labels. */
export function readTags(tags: readonly MispTag[] | undefined): TagReading {
  let tlp: TlpLevel | undefined;
  const pap: string[] = [];
  const labels: string[] = [];
  const galaxyTags: string[] = [];
  for (const tag of tags ?? []) {
    const name = typeof tag.name === 'string' ? tag.name.trim() : '';
    if (!name) continue;
    if (name.startsWith('misp-galaxy:')) {
      galaxyTags.push(name);
      continue;
    }
    labels.push(name);
    const level = TLP_TAGS[name.toLowerCase()];
    if (level) tlp = stricter(tlp, level);
    const papLevel = /^pap:(\w+)$/i.exec(name)?.[1]?.toUpperCase();
    if (papLevel && PAP_LEVELS.includes(papLevel) && !pap.includes(`PAP:${papLevel}`))
      pap.push(`PAP:${papLevel}`);
  }
  return { tlp, pap, labels, galaxyTags };
}

export function stricter(a: TlpLevel | undefined, b: TlpLevel | undefined): TlpLevel | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return TLP_LEVELS.indexOf(a) >= TLP_LEVELS.indexOf(b) ? a : b;
}

/** MISP distribution as a number 0–5 (5 = inherit from the event); undefined when absent or odd. */
export function distributionOf(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\d$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 5 ? n : undefined;
}

/** The TLP level a distribution setting implies. */
export function distributionTlp(distribution: number | undefined): TlpLevel | undefined {
  return distribution === undefined ? undefined : DISTRIBUTION_TLP[distribution];
}

// 0 "your organisation only", 1 "this community only", 2 "connected communities", 4 "sharing group";
// 3 "all communities" implies no restriction beyond the event's own TLP tag.
const DISTRIBUTION_TLP: Readonly<Record<number, TlpLevel>> = {
  0: 'amber+strict',
  1: 'green',
  2: 'green',
  4: 'amber',
};

export function tlpMarkingId(level: TlpLevel): string {
  return TLP2_MARKING_IDS[level];
}

const papMarkings = new Map<string, JsonRecord>();

/** The statement marking-definition standing for a PAP level. */
export function papMarking(pap: string): JsonRecord {
  let marking = papMarkings.get(pap);
  if (!marking) {
    marking = newPapMarking(pap);
    papMarkings.set(pap, marking);
  }
  return marking;
}

function newPapMarking(pap: string): JsonRecord {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: derivedId('marking-definition', pap),
    created: REFERENCE_TIME,
    name: pap,
    definition_type: 'statement',
    definition: { statement: `${pap} (FIRST Permissible Actions Protocol)` },
  };
}

/** The statement marking-definition standing for a MISP sharing group. */
export function sharingGroupMarking(group: { uuid: string; name: string }): JsonRecord {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: derivedId('marking-definition', 'sharing-group', group.uuid),
    created: REFERENCE_TIME,
    name: `MISP sharing group: ${group.name}`,
    definition_type: 'statement',
    definition: { statement: `Share only within the MISP sharing group "${group.name}" (${group.uuid}).` },
    x_misp_sharing_group: { uuid: group.uuid, name: group.name },
  };
}

// ── export side ─────────────────────────────────────────────────────────────────────────────

export function tlpTag(level: TlpLevel): string {
  return `tlp:${level}`;
}

/** The TLP level of a list of marking refs (TLP 1.0 ids read as 2.0). */
export function tlpOfRefs(refs: unknown): TlpLevel | undefined {
  return Array.isArray(refs) ? tlpOf(refs.filter((r): r is string => typeof r === 'string')) : undefined;
}

/**
 * Distribution for exported data from its TLP, chosen so that importing it back implies nothing
 * laxer and nothing stricter than the TLP tag that travels with it (AMBER is the community's
 * distribution plus the tlp:amber tag, as MISP users mark it).
 */
export function distributionForTlp(level: TlpLevel | undefined, fallback: number): number {
  switch (level) {
    case 'clear':
      return 3;
    case 'green':
    case 'amber':
      return 1;
    case 'amber+strict':
    case 'red':
      return 0;
    case undefined:
      return fallback;
  }
}

/** Which TLP level a tag names, if it is a TLP tag. */
export function tlpLevelOfTag(name: string): TlpLevel | undefined {
  return TLP_TAGS[name.toLowerCase()];
}

export function isPapTag(name: string): boolean {
  return /^pap:\w+$/i.test(name);
}
