import { createApp, type App } from '../http/app.js';
import { compileDeferredSchemas } from '../http/lazy-schema-compilers.js';
import { compileStixSchemas } from '../stix/stix-validator.js';
import type { NodeServices } from './node-services.js';
import { nodeLocale } from './node-runtime.js';
import { connectProcesses, startWorker, type Worker } from './node-worker.js';

export interface RunningNode {
  readonly app: App;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a node process: the web role (HTTP) and, unless disabled, the worker role. */
export async function startNodeServer(services: NodeServices, listen: { host: string; port: number }): Promise<RunningNode> {
  const node = await listenNode(services, listen);
  node.startJobs();
  return node;
}

/**
 * The web role alone, listening; `startJobs` starts the worker role, unless disabled. Nodes started
 * together in one process (the demo) start their jobs once all of them listen: a peer task run
 * earlier found its peer not yet listening and logged a warning.
 */
export async function listenNode(services: NodeServices, listen: { host: string; port: number }): Promise<RunningNode & { startJobs(): void }> {
  const signals = await connectProcesses(services);
  const app = await createApp(services, { defaultLocale: nodeLocale(services) });
  const address = await app.listen({ host: listen.host, port: listen.port });
  // Compiled now, between requests, rather than by the first request of each route or the first object of each type.
  void compileDeferredSchemas()
    .catch((error: unknown) => services.logger.error({ err: error }, 'compiling the route schemas ahead of use failed'))
    .then(() => compileStixSchemas())
    .catch((error: unknown) => services.logger.warn({ err: error }, 'compiling the STIX validators ahead of use failed'));
  services.logger.info({ address, party: services.config.node.party }, 'node listening');
  let worker: Worker | undefined;
  let closed = false;
  return {
    app,
    url: address,
    startJobs() {
      if (closed || worker || !services.config.jobs.enabled) return;
      worker = startWorker(services);
      services.logger.info({ party: services.config.node.party }, 'node jobs started');
    },
    async close() {
      if (closed) return;
      closed = true;
      await worker?.stop();
      await app.close();
      await signals?.close();
      await services.database.close();
    },
  };
}
