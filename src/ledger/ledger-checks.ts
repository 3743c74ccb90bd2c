import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import type { NodeServices } from '../node/node-services.js';
import { buildEvidence, type EvidencePackage } from './evidence.js';
import { verifyLedger, type VerifyReport } from './ledger-verify.js';
import { ledgerMessage } from './ledger.messages.js';

export interface LedgerCheckDeps {
  readonly database: Database;
  readonly party: string;
  readonly audit: AuditService;
  readonly clock: Clock;
}

/** The parts of a node the checks use. */
export function checksOf(services: Pick<NodeServices, 'database' | 'config' | 'audit' | 'clock'>): LedgerCheckDeps {
  return { database: services.database, party: services.config.node.party, audit: services.audit, clock: services.clock };
}

/** Verifies the ledger and records who checked it and what they found (the API and the CLI alike). */
export async function verifyRecorded(deps: LedgerCheckDeps, actor: Principal | 'system'): Promise<VerifyReport> {
  const report = await verifyLedger(deps.database, deps.party);
  await deps.audit.record({ actor, action: 'ledger.verify', outcome: report.ok ? 'ok' : 'failed', detail: { entries: report.entries, problems: report.problems.length } });
  return report;
}

/** The evidence package for an object, recorded as exported; an object never exchanged is not found. */
export async function evidenceRecorded(deps: LedgerCheckDeps, actor: Principal | 'system', objectId: string): Promise<EvidencePackage> {
  const pkg = await buildEvidence(deps.database, deps.party, objectId, deps.clock.now());
  // An empty package would read as evidence that nothing was exchanged, not as a wrong id.
  if (pkg.versions.length === 0) throw new AccordError('not-found', ledgerMessage('noObject', { id: objectId }));
  await deps.audit.record({ actor, action: 'ledger.evidence', targetType: 'object', targetId: objectId });
  return pkg;
}
