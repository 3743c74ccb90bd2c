import type { NationalLevel, Profile, ProfileParty, ProfileProvision } from './profile.schema.js';

/*
 * Read-only questions other domains ask of a validated profile. The validator has already made
 * every reference resolve, so `undefined` here means "asked about something not in the profile".
 */

/** The provision with this id (e.g. `art-5.4`). */
export function findProvision(profile: Profile, id: string): ProfileProvision | undefined {
  return profile.provisions.find((p) => p.id === id);
}

/** The Party with this code (e.g. `CN`). */
export function findParty(profile: Profile, code: string): ProfileParty | undefined {
  return profile.parties.find((p) => p.code === code);
}

/** A level of a Party's national classification scheme. */
export function findLevel(profile: Profile, party: string, code: string): NationalLevel | undefined {
  return profile.markings.classification.schemes.find((s) => s.party === party)?.levels.find((l) => l.code === code);
}

/** The level of `toParty`'s scheme treated as equivalent to `fromParty`'s level, by the equivalence table. */
export function equivalentLevel(profile: Profile, fromParty: string, levelCode: string, toParty: string): NationalLevel | undefined {
  if (fromParty === toParty) return findLevel(profile, fromParty, levelCode);
  const row = profile.markings.classification.equivalences.find((r) => r.levels[fromParty] === levelCode);
  const target = row?.levels[toParty];
  return target === undefined ? undefined : findLevel(profile, toParty, target);
}

/**
 * The highest level of a Party's scheme that a node may hold under the default accreditation
 * ceiling: its lowest restricted level for `restricted`, none for `unclassified`.
 */
export function nodeCeilingLevel(profile: Profile, party: string): NationalLevel | undefined {
  if (profile.markings.nodeAccreditation.defaultCeiling === 'unclassified') return undefined;
  const levels = profile.markings.classification.schemes.find((s) => s.party === party)?.levels ?? [];
  return levels.reduce<NationalLevel | undefined>((low, l) => (low === undefined || l.rank < low.rank ? l : low), undefined);
}

/** True when information at this level of a Party's scheme may not be stored on a node (unknown levels may not). */
export function exceedsNodeCeiling(profile: Profile, party: string, levelCode: string): boolean {
  const level = findLevel(profile, party, levelCode);
  const ceiling = nodeCeilingLevel(profile, party);
  return level === undefined || ceiling === undefined || level.rank > ceiling.rank;
}
