import { rmSync } from 'node:fs';
import { pino } from 'pino';
import type { Clock } from '../../src/clock/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/http/app.js';
import { nodeLocale, openNode } from '../../src/node/node-runtime.js';
import type { Role } from '../../src/auth/roles.js';
import { dropPostgresDatabase } from './databases.js';
import type { TestNode } from './test-node.js';

/**
 * Stops a test node and opens it again on the same store (a process restart). The returned node
 * owns the store from now on: close it, not the old one.
 */
export async function restartNode(node: TestNode, clock?: Clock): Promise<TestNode> {
  const databaseUrl = node.services.config.databaseUrl;
  await node.app.close();
  await node.services.database.close();
  const config = loadConfig({ dataDir: node.dataDir, env: databaseUrl ? { DATABASE_URL: databaseUrl } : {}, jobs: false });
  const services = await openNode(config, { ...(clock ? { clock } : {}), logger: pino({ level: 'silent' }) });
  const app = await createApp(services, { defaultLocale: nodeLocale(services) });
  await app.ready();
  const tokens = new Map<Role, string>();
  return {
    services,
    app,
    dataDir: node.dataDir,
    async token(role) {
      const known = tokens.get(role);
      if (known) return known;
      if (role !== 'admin' && !(await services.auth.findUser(role))) await services.auth.createUser({ name: role, role }, 'system');
      const { token } = await services.auth.createToken(role === 'admin' ? 'admin' : role, 'test', 'system');
      tokens.set(role, token);
      return token;
    },
    async close() {
      await app.close();
      await services.database.close();
      if (databaseUrl) await dropPostgresDatabase(databaseUrl);
      rmSync(node.dataDir, { recursive: true, force: true });
    },
  };
}
