import { loadConfig } from '../config/config.js';
import type { NodeServices } from './node-services.js';

/**
 * Opens the node in `dataDir` for one CLI command: no background jobs, logs on standard error.
 * Every command module imports this, not the node's runtime, which is imported here when a command
 * first opens a node: `accord --help` and `accord profile list` evaluated all of the node's modules
 * to build the program (`--help` now 356 ms against 386, medians of ten alternating runs).
 */
export async function openCommandNode(dataDir: string): Promise<NodeServices> {
  const { openNode, nodeLogger } = await import('./node-runtime.js');
  const config = loadConfig({ dataDir, jobs: false });
  return openNode(config, { logger: nodeLogger(config, 'stderr') });
}
