import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { NodeServices } from '../node/node-services.js';
import { AuthorityBody, AuthorityIdParams, PartyQuery } from './authorities.schema.js';

/** Competent authorities of every Party (Art. 5(1)) and where each Party stands with the 60-day deadline. */
export function authoritiesRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth } = services;
  const { authorities } = services.governance;
  const tags = ['authorities'];
  return async (app) => {
    app.get('/authorities', { schema: { tags, summary: 'Competent authorities of every Party', querystring: PartyQuery } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return { items: await authorities.list(request.query.party) };
    });
    app.get('/authorities/exchange-status', { schema: { tags, summary: 'The deadline for exchanging competent authorities after entry into force, and what each Party still has to share' } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return authorities.exchangeStatus(request.locale);
    });
    app.get('/authorities/:id', { schema: { tags, summary: 'One competent authority', params: AuthorityIdParams } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return authorities.get(request.params.id);
    });
    app.post('/authorities', { schema: { tags, summary: 'Share a competent authority of this Party with every other Party', body: AuthorityBody } }, async (request, reply) => {
      const user = auth.require(request.principal, 'authorities:manage');
      return reply.code(201).send(await authorities.create(user, request.body));
    });
    app.put('/authorities/:id', { schema: { tags, summary: 'A new version of one of this Party\'s authorities', params: AuthorityIdParams, body: AuthorityBody } }, async (request) => {
      const user = auth.require(request.principal, 'authorities:manage');
      return authorities.update(user, request.params.id, request.body);
    });
  };
}
