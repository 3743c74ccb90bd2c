import { AccordError } from '../errors/errors.js';
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
  if (profile.parties.some((p) => p.code === text)) return { kind: 'peer', party: text };
  throw new AccordError('bad-request', protectionMessage('unknownAudience', { audience: text }));
}
