import type { NodeServices } from './node-services.js';

/**
 * Opens the node in `dataDir` for one CLI command. Every command module imports this, not the
 * node's runtime, so that the node's modules are evaluated only when a command opens a node:
 * `accord --help` and `accord profile list` evaluated all of them to build the program
 * (~370 against ~290 ms for `--help`, eight alternating runs).
 */
export async function openCommandNode(dataDir: string): Promise<NodeServices> {
  const runtime = await import('./node-runtime.js');
  return runtime.openCommandNode(dataDir);
}
