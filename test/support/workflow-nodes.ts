import type { UserPrincipal } from '../../src/auth/principal.js';
import type { Role } from '../../src/auth/roles.js';
import type { ManualClock } from '../../src/clock/clock.js';
import type { DialectName } from '../../src/db/database.js';
import { TestRelay } from './exchange-relay.js';
import { restartNode } from './node-restart.js';
import { createTestNode, type TestNode } from './test-node.js';

/** Two Parties' nodes (CN and RU) on one manual clock, connected by a test relay. */
export interface TwoNodes {
  cn: TestNode;
  ru: TestNode;
  readonly relay: TestRelay;
  readonly clock: ManualClock;
  /** A user of the node with this role (created on first use). */
  user(node: TestNode, role: Role): Promise<UserPrincipal>;
  /** Restarts one node on the same store and reconnects it to the relay. */
  restart(party: 'CN' | 'RU'): Promise<TestNode>;
  close(): Promise<void>;
}

export async function createTwoNodes(dialect: DialectName, clock: ManualClock): Promise<TwoNodes> {
  const relay = new TestRelay();
  const nodes = {
    cn: await createTestNode({ dialect, party: 'CN', clock }),
    ru: await createTestNode({ dialect, party: 'RU', clock }),
  };
  await relay.connect(nodes.cn);
  await relay.connect(nodes.ru);
  const user = async (node: TestNode, role: Role): Promise<UserPrincipal> => {
    const token = await node.token(role);
    const principal = await node.services.auth.principalForToken(token);
    if (principal?.kind !== 'user') throw new Error('no user principal');
    return principal;
  };
  return {
    get cn() { return nodes.cn; },
    set cn(node) { nodes.cn = node; },
    get ru() { return nodes.ru; },
    set ru(node) { nodes.ru = node; },
    relay,
    clock,
    user,
    async restart(party) {
      const key = party === 'CN' ? 'cn' : 'ru';
      const restarted = await restartNode(nodes[key], clock);
      nodes[key] = restarted;
      await relay.connect(restarted);
      return restarted;
    },
    async close() {
      await nodes.cn.close();
      await nodes.ru.close();
    },
  };
}
