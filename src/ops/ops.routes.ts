import { sql } from 'kysely';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { NodeServices } from '../node/node-services.js';
import { nodeLocale } from '../node/node-runtime.js';

const startedAt = Date.now();

/** Health (the one public route), Prometheus metrics and the OpenAPI document. */
export function opsRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
      try {
        await sql`select 1`.execute(services.database.db);
        return { status: 'ok', party: services.config.node.party, profile: services.profile.id, locale: nodeLocale(services), uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
      } catch {
        return reply.code(503).send({ status: 'unavailable', reason: 'database' });
      }
    });

    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      services.auth.require(request.principal, 'metrics:read');
      const count = await services.database.db.selectFrom('stixObject').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      services.metrics.storeObjects.set(Number(count?.n ?? 0));
      return reply.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics());
    });

    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  };
}
