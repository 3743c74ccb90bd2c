import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { NodeServices } from '../node/node-services.js';

/** The agreement profile this node runs under: parties, provisions in every language, taxonomies, rules. */
export function profileRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/profile', { schema: { tags: ['agreement'], summary: 'The agreement profile of this node' } }, async (request) => {
      services.auth.require(request.principal, 'governance:read');
      return services.profile;
    });
  };
}
