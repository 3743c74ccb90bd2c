import type { Audience } from './release-policy.js';

/** A live consent of the originating Party that covers one release; releases under it cite its id. */
export interface ConsentCitation {
  readonly consentId: string;
  /** RFC 3339; after it the consent no longer covers anything. */
  readonly expires: string | null;
}

/**
 * Answers from memory, synchronously, whether a granted, unexpired, unrevoked consent of the
 * object's originating Party covers releasing that object to the audience. Synchronous because the
 * release decision runs once per object on every exit and must not wait on the store; the consent
 * domain keeps its index current (events, and a periodic refresh when several processes serve one node).
 */
export interface ConsentLookup {
  find(objectId: string, audience: Audience, at: Date): ConsentCitation | null;
  /**
   * Resolves once the index holds every decision this process has heard of: a decision is stored
   * first and indexed a moment later, and a release decided in between would not see it.
   */
  settled(): Promise<void>;
}

/** Until the consent domain registers itself, nothing is consented. */
export const noConsents: ConsentLookup = { find: () => null, settled: () => Promise.resolve() };
