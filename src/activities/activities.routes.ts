import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { NodeServices } from '../node/node-services.js';
import { ActivityBody, ActivityIdParams, ActivityQuery } from './activities.schema.js';

/** Joint activities (Art. 3(12–14)) with directions, participants, dates, status and cost bearer. */
export function activitiesRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth } = services;
  const { activities } = services.governance;
  const tags = ['activities'];
  return async (app) => {
    app.get('/activities', { schema: { tags, summary: 'Joint activities recorded by every Party', querystring: ActivityQuery } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return { items: await activities.list({ party: request.query.party, status: request.query.status }) };
    });
    app.get('/activities/:id', { schema: { tags, summary: 'One joint activity', params: ActivityIdParams } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return activities.get(request.params.id);
    });
    app.post('/activities', { schema: { tags, summary: 'Record a joint activity and share it with every other Party', body: ActivityBody } }, async (request, reply) => {
      const user = auth.require(request.principal, 'activities:write');
      return reply.code(201).send(await activities.create(user, request.body));
    });
    app.put('/activities/:id', { schema: { tags, summary: 'A new version of an activity this Party recorded', params: ActivityIdParams, body: ActivityBody } }, async (request) => {
      const user = auth.require(request.principal, 'activities:write');
      return activities.update(user, request.params.id, request.body);
    });
  };
}
