import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/clock/clock.js';
import { loadConfig } from '../../src/config/config.js';
import type { DialectName } from '../../src/db/database.js';
import { createApp, type App } from '../../src/http/app.js';
import { initNode } from '../../src/node/node-init.js';
import { nodeLocale, openNode } from '../../src/node/node-runtime.js';
import type { NodeServices } from '../../src/node/node-services.js';
import type { Role } from '../../src/auth/roles.js';
import { pino } from 'pino';
import { createPostgresDatabase, dropPostgresDatabase } from './databases.js';

export interface TestNode {
  readonly services: NodeServices;
  readonly app: App;
  readonly dataDir: string;
  /** An API token of a user with the role (created on first use, named after the role). */
  token(role: Role): Promise<string>;
  close(): Promise<void>;
}

export const ADMIN_PASSWORD = 'correct horse battery staple';

/** A node in this process on a fresh store of the given dialect, with its HTTP app (not listening). */
export async function createTestNode(options: { dialect: DialectName; party?: string; profile?: string; clock?: Clock; env?: Record<string, string> }): Promise<TestNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-node-'));
  const databaseUrl = options.dialect === 'postgres' ? await createPostgresDatabase() : undefined;
  const party = options.party ?? 'CN';
  await initNode({ dataDir, party, url: 'http://127.0.0.1:8401', profile: options.profile ?? 'cn-ru-2015', adminPassword: ADMIN_PASSWORD, databaseUrl, ...(options.clock ? { clock: options.clock } : {}) });
  const env: NodeJS.ProcessEnv = { ...options.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const config = loadConfig({ dataDir, env, jobs: false });
  const services = await openNode(config, { ...(options.clock ? { clock: options.clock } : {}), logger: pino({ level: 'silent' }) });
  const app = await createApp(services, { defaultLocale: nodeLocale(services) });
  await app.ready();
  const tokens = new Map<Role, string>();
  return {
    services,
    app,
    dataDir,
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
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
