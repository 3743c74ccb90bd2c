import { createApp, type App } from '../http/app.js';
import type { NodeServices } from './node-services.js';
import { nodeLocale } from './node-runtime.js';

export interface RunningNode {
  readonly app: App;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the web role (HTTP) of a node; background jobs join here as they are built. */
export async function startNodeServer(services: NodeServices, listen: { host: string; port: number }): Promise<RunningNode> {
  const app = await createApp(services, { defaultLocale: nodeLocale(services) });
  const address = await app.listen({ host: listen.host, port: listen.port });
  services.logger.info({ address, party: services.config.node.party }, 'node listening');
  let closed = false;
  return {
    app,
    url: address,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await services.database.close();
    },
  };
}
