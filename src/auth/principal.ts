import type { Role } from './roles.js';

/** Who is making a request: a user of this node, or another Party's node. */
export type Principal =
  | { readonly kind: 'user'; readonly userId: string; readonly name: string; readonly role: Role; readonly locale: string | null; readonly authorityRef: string | null }
  | { readonly kind: 'peer'; readonly party: string; readonly keyId: string };

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** The name an actor is audited under. */
export function actorName(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  return principal.kind === 'user' ? principal.name : `peer:${principal.party}`;
}
