import type { DialectName } from '../../src/db/database.js';
import type { Role } from '../../src/auth/roles.js';
import { createTestNode, type TestNode } from './test-node.js';

/** An audit event as an auditor reads it through the API. */
export interface AuditEvent {
  actor: string;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown> | null;
  requestId: string | null;
}

/** CN with RU registered as its peer: users and a peer can both be refused there. */
export async function cnWithPeerRu(dialect: DialectName): Promise<{ cn: TestNode; ru: TestNode }> {
  const cn = await createTestNode({ dialect, party: 'CN' });
  const ru = await createTestNode({ dialect: 'sqlite', party: 'RU' });
  const card = await ru.services.federation.peers.card();
  await cn.services.federation.peers.add(card, card.fingerprint, 'system');
  return { cn, ru };
}

export async function bearer(node: TestNode, role: Role): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await node.token(role)}` };
}

/** The node's refusals an auditor reads through the API, newest first. */
export async function refusals(node: TestNode): Promise<AuditEvent[]> {
  const response = await node.app.inject({ method: 'GET', url: '/api/v1/audit?outcome=denied&limit=1000', headers: await bearer(node, 'admin') });
  return response.json<{ events: AuditEvent[] }>().events;
}
