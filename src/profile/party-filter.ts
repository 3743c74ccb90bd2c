import { AccordError } from '../errors/errors.js';
import { findParty } from './profile.lookup.js';
import { profileMessage } from './profile.messages.js';
import type { Profile } from './profile.schema.js';

/**
 * A Party code given as input, refused naming the profile's Parties when the agreement has no such
 * Party: a misspelt or foreign code would otherwise match nothing, or name an audience that cannot exist.
 */
export function requireParty(profile: Profile, party: string): string {
  if (findParty(profile, party)) return party;
  throw new AccordError('bad-request', profileMessage('filter.unknown-party', { party, profile: profile.id, parties: profile.parties.map((p) => p.code).join(', ') }));
}

/**
 * The Party a list is filtered by, refused when the profile has no such Party: a misspelt or
 * foreign code would only ever match nothing, and an empty list reads as "nothing recorded".
 */
export function checkPartyFilter(profile: Profile, party: string | undefined): void {
  if (party !== undefined) requireParty(profile, party);
}
