import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { systemClock, type Clock } from '../clock/clock.js';
import { noConsents, type ConsentLookup } from './consent-lookup.js';
import { applyGranularMarkings } from './granular.js';
import { decideRelease, describeAudience, type Audience, type ConsentedDecision, type Purpose, type ReleaseFacts } from './release-policy.js';

/** The gate at every exit: decides, and writes each denial (and each release under a consent) to the audit log. */
export class ReleaseService {
  private consents: ConsentLookup = noConsents;

  constructor(
    private readonly audit: AuditService,
    private readonly restrictionMarkings: ReadonlySet<string> = new Set(),
    private readonly clock: Clock = systemClock,
  ) {}

  /** The consent domain registers its index of live consents here at start-up. */
  useConsents(lookup: ConsentLookup): void {
    this.consents = lookup;
  }

  /**
   * The policy's decision with the consents the index holds now. Outside this service, take it
   * from `decider()`: a consent stored a moment ago (a grant, or its withdrawal) is in the index
   * only once the index has caught up.
   */
  decide(facts: ReleaseFacts, audience: Audience, at: Date = this.clock.now()): ConsentedDecision {
    const first = decideRelease(facts, audience, { restrictionMarkings: this.restrictionMarkings });
    if (first.allow || first.rule !== 'originator-consent-required') return first;
    const consent = this.consents.find(facts.id, audience, at);
    return consent ? decideRelease(facts, audience, { restrictionMarkings: this.restrictionMarkings, consentId: consent.consentId }) : first;
  }

  /** `decide`, once the consent index holds every consent stored before this call. */
  async decider(): Promise<(facts: ReleaseFacts, audience: Audience) => ConsentedDecision> {
    await this.consents.settled();
    const now = this.clock.now();
    return (facts, audience) => this.decide(facts, audience, now);
  }

  /**
   * Keeps the releasable items of a list, auditing each denial. Callers filter before counting
   * or paging so a hidden object leaves no trace in totals.
   */
  async filter<T>(items: readonly T[], factsOf: (item: T) => ReleaseFacts, audience: Audience, purpose: Purpose, actor: Principal | 'system' | undefined): Promise<T[]> {
    const decide = await this.decider();
    const kept: T[] = [];
    const records: Array<{ facts: ReleaseFacts; decision: ConsentedDecision }> = [];
    for (const item of items) {
      const facts = factsOf(item);
      const decision = decide(facts, audience);
      if (decision.allow) kept.push(item);
      if (!decision.allow || decision.consentId) records.push({ facts, decision });
    }
    for (const { facts, decision } of records)
      await this.audit.record({
        actor: actor ?? undefined,
        action: decision.allow ? 'release.consented' : 'release.denied',
        outcome: decision.allow ? 'ok' : 'denied',
        targetType: facts.type,
        targetId: facts.id,
        detail: { audience: describeAudience(audience), purpose, rule: decision.rule, ...(decision.consentId ? { consent: decision.consentId } : {}) },
      });
    return kept;
  }

  /**
   * The body an audience may receive, with granular markings honoured: properties it may not have
   * are removed; undefined when the object must be withheld whole. Both are audited.
   */
  async bodyFor(body: string, facts: ReleaseFacts, audience: Audience, purpose: Purpose, actor: Principal | 'system' | undefined): Promise<string | undefined> {
    if (!facts.hasGranular || audience.kind === 'user') return body;
    const result = applyGranularMarkings(JSON.parse(body) as Record<string, unknown>, facts, audience, await this.decider());
    const detail = { audience: describeAudience(audience), purpose };
    if (result.kind === 'withheld') {
      await this.audit.record({ actor: actor ?? undefined, action: 'release.denied', outcome: 'denied', targetType: facts.type, targetId: facts.id, detail: { ...detail, rule: result.rule } });
      return undefined;
    }
    if (result.withheld.length === 0) return body;
    await this.audit.record({ actor: actor ?? undefined, action: 'release.redacted', targetType: facts.type, targetId: facts.id, detail: { ...detail, rule: 'granular-marking', withheld: result.withheld } });
    return JSON.stringify(result.object);
  }

  /** Decides one object; audits a denial. */
  async check(facts: ReleaseFacts, audience: Audience, purpose: Purpose, actor: Principal | 'system' | undefined): Promise<ConsentedDecision> {
    await this.filter([facts], (f) => f, audience, purpose, actor);
    return this.decide(facts, audience);
  }
}

/** The audience a principal reading through the API or TAXII represents. */
export function audienceOf(principal: Principal): Audience {
  return principal.kind === 'user'
    ? { kind: 'user', name: principal.name, role: principal.role, authorityRef: principal.authorityRef }
    : { kind: 'peer', party: principal.party };
}
