import type { Role } from '../auth/roles.js';

/** Who information would go to. */
export type Audience =
  | { readonly kind: 'user'; readonly name: string; readonly role: Role; readonly authorityRef: string | null }
  | { readonly kind: 'peer'; readonly party: string }
  | { readonly kind: 'third-party'; readonly name: string }
  | { readonly kind: 'public' };

/** Why the information is leaving: the same object may be readable but not exportable. */
export type Purpose = 'read' | 'search' | 'share' | 'sync' | 'export' | 'stream';

/** What the policy needs to know of one object version, all available without parsing its body. */
export interface ReleaseFacts {
  readonly id: string;
  readonly type: string;
  readonly tlp: string | null;
  readonly originParty: string | null;
  readonly markingRefs: readonly string[];
  readonly hasGranular: boolean;
  /** Parties the object names as its recipients (known for TLP:RED objects, the only ones it matters for). */
  readonly recipients?: readonly string[] | undefined;
}

export type Decision =
  | { readonly allow: true; readonly rule: string }
  | { readonly allow: false; readonly rule: string };

export function describeAudience(audience: Audience): string {
  switch (audience.kind) {
    case 'user':
      return `user:${audience.name}`;
    case 'peer':
      return `party:${audience.party}`;
    case 'third-party':
      return `third-party:${audience.name}`;
    case 'public':
      return 'public';
  }
}

/** What the policy knows beyond the object: the agreement's national-restriction markings and live consents. */
export interface ReleaseContext {
  /** Marking-definition ids of every national restriction level of the agreement. */
  readonly restrictionMarkings?: ReadonlySet<string>;
  /** A consent of the originator covering this object for this audience, when one is live. */
  readonly consentId?: string | null;
}

export type ConsentedDecision = Decision & { readonly consentId?: string };

const restricted = (facts: ReleaseFacts, context: ReleaseContext) => facts.markingRefs.some((m) => context.restrictionMarkings?.has(m) ?? false);

/**
 * The release rules, as one pure function. Every exit of the node asks it; nothing else decides
 * what may leave.
 */
export function decideRelease(facts: ReleaseFacts, audience: Audience, context: ReleaseContext = {}): ConsentedDecision {
  switch (audience.kind) {
    case 'user':
      // The node's own users are the receiving Party, protecting what it received under its own law.
      return { allow: true, rule: 'node-user' };
    case 'peer': {
      if (facts.originParty === audience.party) return { allow: false, rule: 'originated-by-audience' };
      if (facts.tlp === 'red' && !facts.recipients?.includes(audience.party)) return { allow: false, rule: 'tlp-red' };
      if (facts.originParty !== null) return context.consentId ? { allow: true, rule: 'originator-consent', consentId: context.consentId } : { allow: false, rule: 'originator-consent-required' };
      return { allow: true, rule: 'tlp-permits' };
    }
    case 'third-party':
    case 'public': {
      // What a Party provided never leaves the agreement without its written consent, whatever its TLP (Art. 6(2)).
      if (facts.originParty !== null) return context.consentId ? { allow: true, rule: 'originator-consent', consentId: context.consentId } : { allow: false, rule: 'originator-consent-required' };
      if (restricted(facts, context)) return { allow: false, rule: 'national-restriction' };
      if (facts.tlp === 'clear') return { allow: true, rule: 'tlp-clear' };
      // TLP:GREEN may go to the wider community (a named third party), never to the public.
      if (facts.tlp === 'green' && audience.kind === 'third-party') return { allow: true, rule: 'tlp-green-community' };
      return { allow: false, rule: facts.tlp ? `tlp-${facts.tlp}` : 'unmarked-not-public' };
    }
  }
}
