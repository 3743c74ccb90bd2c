// `npm test`: the whole suite. Provides what the suite needs and never lets a part skip silently:
// PostgreSQL (DATABASE_URL, or a throwaway cluster) and Chromium (installed when root).
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './browser.mjs';
import { startThrowawayCluster } from './pg-cluster.mjs';

const args = process.argv.slice(2);
let cluster;
let pgUrl = process.env.DATABASE_URL;
try {
  if (!pgUrl) {
    cluster = await startThrowawayCluster();
    pgUrl = cluster.url;
    console.log(`[test] throwaway PostgreSQL cluster at ${pgUrl}`);
  } else {
    console.log('[test] PostgreSQL tests use DATABASE_URL');
  }
  const chromium = ensureChromium();
  const env = { ...process.env, ACCORD_TEST_PG_URL: pgUrl, ACCORD_CHROMIUM: chromium };
  // The suite's own databases are made per test; DATABASE_URL must not leak into child nodes.
  delete env.DATABASE_URL;
  const result = spawnSync('npx', ['vitest', 'run', ...args], { stdio: 'inherit', env });
  process.exitCode = result.status ?? 1;
} catch (error) {
  console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  cluster?.stop();
}
