import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { StepKind } from '../exchange/exchange-kinds.js';
import type { NodeServices } from '../node/node-services.js';
import { RequestIdParams, RequestListQuery, StepBody, SubmitRequestBody } from './requests.schema.js';

/** Named routes for each step, besides the generic POST …/steps. */
const stepRoutes: ReadonlyArray<{ path: string; kind: StepKind; summary: string }> = [
  { path: 'accept', kind: 'acceptance', summary: 'Accept a request made to this Party' },
  { path: 'decline', kind: 'declination', summary: 'Decline a request made to this Party, with reasons' },
  { path: 'interim', kind: 'interim-response', summary: 'Send an interim response' },
  { path: 'clarification-request', kind: 'clarification-request', summary: 'Ask the other Party for clarification' },
  { path: 'clarification-answer', kind: 'clarification-answer', summary: 'Answer the other Party\'s clarification request' },
  { path: 'answer', kind: 'answer', summary: 'Answer a request made to this Party' },
  { path: 'close', kind: 'closure', summary: 'Close a request this Party made' },
];

const StepFields = Type.Omit(StepBody, ['kind']);

/** Requests for assistance: list, read with every step and the full history, submit, and each step. */
export function requestsRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth, requests } = services;
  const tags = ['requests'];
  return async (app) => {
    app.get('/requests', { schema: { tags, summary: 'Requests for assistance made and received, most recently changed first', querystring: RequestListQuery } }, async (request) => {
      const user = auth.require(request.principal, 'objects:read');
      const q = request.query;
      return requests.list(user, { state: q.state, direction: q.direction, urgency: q.urgency, party: q.party, limit: q.limit ?? 50, beforeUs: q.cursor ? Number(q.cursor) : undefined });
    });

    app.get('/requests/:id', { schema: { tags, summary: 'One request: deadlines, every step, full history', params: RequestIdParams } }, async (request) => {
      const user = auth.require(request.principal, 'objects:read');
      return requests.get(user, request.params.id);
    });

    app.post('/requests', { schema: { tags, summary: 'Submit a request for assistance to another Party', body: SubmitRequestBody } }, async (request, reply) => {
      const user = auth.require(request.principal, 'requests:submit');
      return reply.code(201).send(await requests.submit(user, request.body));
    });

    app.post('/requests/:id/steps', { schema: { tags, summary: 'Take a step on a request (acceptance, declination, interim-response, clarification-request, clarification-answer, answer, closure)', params: RequestIdParams, body: StepBody } }, async (request) => {
      const user = auth.require(request.principal, 'objects:read');
      return requests.step(user, request.params.id, request.body);
    });

    for (const route of stepRoutes) {
      app.post(`/requests/:id/${route.path}`, { schema: { tags, summary: route.summary, params: RequestIdParams, body: Type.Optional(StepFields) } }, async (request) => {
        const user = auth.require(request.principal, 'objects:read');
        return requests.step(user, request.params.id, { ...(request.body ?? {}), kind: route.kind });
      });
    }
  };
}
