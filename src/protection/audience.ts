import { AccordError } from '../errors/errors.js';
import { requireParty } from '../profile/party-filter.js';
import type { Profile } from '../profile/profile.schema.js';
import { protectionMessage } from './protection.messages.js';
import type { Audience } from './release-policy.js';

/**
 * Reads an audience as exports name it: a Party code of the agreement, "public", or
 * "third-party:NAME" (a recipient outside the agreement, e.g. another state's CERT).
 */
export function parseAudience(text: string, profile: Profile): Audience {
  if (text === 'public') return { kind: 'public' };
  const third = /^third-party:(.{1,100})$/.exec(text);
  if (third?.[1]?.trim()) return { kind: 'third-party', name: third[1].trim() };
  // Shaped like a Party code (in either case): the reader meant a Party, so say which ones the
  // agreement has; codes are matched exactly, as everywhere else, so 'cn' is told the code is CN.
  if (/^[A-Za-z]{2,3}$/.test(text)) return { kind: 'peer', party: requireParty(profile, text) };
  throw new AccordError('bad-request', protectionMessage('unknownAudience', { audience: text }));
}
