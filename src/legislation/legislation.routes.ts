import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { NodeServices } from '../node/node-services.js';
import { LegislationBody, LegislationIdParams, LegislationQuery } from './legislation.schema.js';

/** The legislation library (Art. 3(8)): national laws and regulations the Parties share, searchable. */
export function legislationRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth } = services;
  const { legislation } = services.governance;
  const tags = ['legislation'];
  return async (app) => {
    app.get('/legislation', { schema: { tags, summary: 'Search the library: words in titles and summaries in any language', querystring: LegislationQuery } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return { items: await legislation.search({ query: request.query.q, party: request.query.party, status: request.query.status }) };
    });
    app.get('/legislation/:id', { schema: { tags, summary: 'One law or regulation', params: LegislationIdParams } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return legislation.get(request.params.id);
    });
    app.post('/legislation', { schema: { tags, summary: 'Share a national law or regulation with every other Party', body: LegislationBody } }, async (request, reply) => {
      const user = auth.require(request.principal, 'legislation:write');
      return reply.code(201).send(await legislation.create(user, request.body));
    });
    app.put('/legislation/:id', { schema: { tags, summary: 'A new version of a record this Party shared', params: LegislationIdParams, body: LegislationBody } }, async (request) => {
      const user = auth.require(request.principal, 'legislation:write');
      return legislation.update(user, request.params.id, request.body);
    });
  };
}
