import type { Generated } from 'kysely';

export type ActorKind = 'user' | 'peer' | 'system' | 'anonymous';
export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEventTable {
  seq: Generated<number>;
  atUs: number;
  actor: string;
  actorKind: ActorKind;
  action: string;
  outcome: AuditOutcome;
  targetType: string | null;
  targetId: string | null;
  detail: string | null;
  requestId: string | null;
  address: string | null;
}

export interface AuditTables {
  auditEvent: AuditEventTable;
}
