import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { decideRelease, describeAudience, type Audience, type Decision, type Purpose, type ReleaseFacts } from './release-policy.js';

/** The gate at every exit: decides, and writes each denial to the audit log. */
export class ReleaseService {
  constructor(private readonly audit: AuditService) {}

  decide(facts: ReleaseFacts, audience: Audience): Decision {
    return decideRelease(facts, audience);
  }

  /**
   * Keeps the releasable items of a list, auditing each denial. Callers filter before counting
   * or paging so a hidden object leaves no trace in totals.
   */
  async filter<T>(items: readonly T[], factsOf: (item: T) => ReleaseFacts, audience: Audience, purpose: Purpose, actor: Principal | 'system' | undefined): Promise<T[]> {
    const kept: T[] = [];
    const denied: Array<{ facts: ReleaseFacts; decision: Decision }> = [];
    for (const item of items) {
      const facts = factsOf(item);
      const decision = decideRelease(facts, audience);
      if (decision.allow) kept.push(item);
      else denied.push({ facts, decision });
    }
    for (const { facts, decision } of denied)
      await this.audit.record({
        actor: actor ?? undefined,
        action: 'release.denied',
        outcome: 'denied',
        targetType: facts.type,
        targetId: facts.id,
        detail: { audience: describeAudience(audience), purpose, rule: decision.rule },
      });
    return kept;
  }

  /** Decides one object; audits a denial. */
  async check(facts: ReleaseFacts, audience: Audience, purpose: Purpose, actor: Principal | 'system' | undefined): Promise<Decision> {
    const [kept] = await this.filter([facts], (f) => f, audience, purpose, actor);
    return kept ? { allow: true, rule: decideRelease(facts, audience).rule } : decideRelease(facts, audience);
  }
}

/** The audience a principal reading through the API or TAXII represents. */
export function audienceOf(principal: Principal): Audience {
  return principal.kind === 'user'
    ? { kind: 'user', name: principal.name, role: principal.role, authorityRef: principal.authorityRef }
    : { kind: 'peer', party: principal.party };
}
