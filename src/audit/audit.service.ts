import type { Clock } from '../clock/clock.js';
import type { Database, Executor } from '../db/database.js';
import { actorName, type Principal } from '../auth/principal.js';
import type { AuditOutcome } from './audit.tables.js';
import { insertAuditEvent, listAuditEvents, type AuditQuery, type AuditRow } from './audit.repository.js';

/** One thing that happened, as the audit log records it. */
export interface AuditEntry {
  readonly actor: Principal | undefined | 'system';
  readonly action: string;
  readonly outcome?: AuditOutcome;
  readonly targetType?: string;
  readonly targetId?: string;
  /** Never secrets: tokens, passwords and keys stay out of the log. */
  readonly detail?: Record<string, unknown>;
  readonly requestId?: string;
  readonly address?: string;
}

/** The audit log: every mutation and every denied release is written here. */
export class AuditService {
  constructor(private readonly database: Database, private readonly clock: Clock) {}

  async record(entry: AuditEntry, db: Executor = this.database.db): Promise<void> {
    const actor = entry.actor === 'system' ? 'system' : actorName(entry.actor);
    const actorKind = entry.actor === 'system' ? 'system' : entry.actor ? entry.actor.kind : 'anonymous';
    await insertAuditEvent(db, {
      atUs: this.clock.nowMicros(),
      actor,
      actorKind,
      action: entry.action,
      outcome: entry.outcome ?? 'ok',
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      requestId: entry.requestId ?? null,
      address: entry.address ?? null,
    });
  }

  list(query: AuditQuery): Promise<AuditRow[]> {
    return listAuditEvents(this.database.db, query);
  }
}
