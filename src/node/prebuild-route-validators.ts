import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { createApp } from '../http/app.js';
import { deferredValidatorSources } from '../http/lazy-schema-compilers.js';
import { writePrebuiltRouteValidators } from '../http/route-validators.prebuilt.js';
import { initNode } from './node-init.js';
import { nodeLocale, openNode } from './node-runtime.js';
import { pinoDriver } from './pino-driver.js';

/**
 * Writes the code of every request validator a node's routes have (part of the build): the routes
 * exist only once an app is built for a node, so a throwaway node is made for it, in a temporary
 * folder, and removed. Returns how many distinct validators were written.
 */
export async function prebuildRouteValidators(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-build-'));
  try {
    await initNode({ dataDir, party: 'CN', url: 'http://127.0.0.1:8400', profile: 'cn-ru-2015', adminPassword: `build-${Date.now()}-password` });
    const services = await openNode(loadConfig({ dataDir, env: { DATABASE_URL: '' }, jobs: false }), { logger: pinoDriver()({ level: 'silent' }) });
    try {
      const app = await createApp(services, { defaultLocale: nodeLocale(services) });
      await app.ready();
      const written = writePrebuiltRouteValidators(deferredValidatorSources());
      await app.close();
      return written;
    } finally {
      await services.database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
