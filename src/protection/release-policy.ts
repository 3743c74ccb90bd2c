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

/**
 * The release rules, as one pure function. Every exit of the node asks it; nothing else decides
 * what may leave. (The information-protection work extends the rules; exits do not change.)
 */
export function decideRelease(facts: ReleaseFacts, audience: Audience): Decision {
  switch (audience.kind) {
    case 'user':
      // The node's own users are the receiving Party; per-user limits (RED recipients) come with protection rules.
      return { allow: true, rule: 'node-user' };
    case 'peer': {
      if (facts.originParty === audience.party) return { allow: false, rule: 'originated-by-audience' };
      if (facts.originParty !== null) return { allow: false, rule: 'originator-consent-required' };
      if (facts.tlp === 'red') return { allow: false, rule: 'tlp-red' };
      return { allow: true, rule: 'tlp-permits' };
    }
    case 'third-party':
    case 'public': {
      if (facts.originParty !== null) return { allow: false, rule: 'originator-consent-required' };
      if (facts.tlp !== 'clear') return { allow: false, rule: facts.tlp ? `tlp-${facts.tlp}` : 'unmarked-not-public' };
      return { allow: true, rule: 'tlp-clear' };
    }
  }
}
