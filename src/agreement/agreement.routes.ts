import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccordError } from '../errors/errors.js';
import { agreementMessage } from './agreement.messages.js';
import type { NodeServices } from '../node/node-services.js';
import { LifecycleBody, LifecycleRevision, RecordIdParams, StateQuery } from './agreement.schema.js';

function atMicros(at: string | undefined): number | undefined {
  if (at === undefined) return undefined;
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new AccordError('bad-request', agreementMessage('notTimestamp', { value: at }));
  return ms * 1000;
}

/** The agreement's lifecycle: state at any instant, the records, recording an event, and what survives termination. */
export function agreementRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth, governance } = services;
  const { agreement } = governance;
  const tags = ['agreement'];
  return async (app) => {
    app.get('/agreement', { schema: { tags, summary: 'The agreement\'s state: signature, notifications, entry into force (with the article that yields it), versions, termination', querystring: StateQuery } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return agreement.state(atMicros(request.query.at));
    });

    app.get('/agreement/governing-version', { schema: { tags, summary: 'The profile version (agreement or protocol) in force at an instant', querystring: StateQuery } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      const at = atMicros(request.query.at) ?? services.clock.nowMicros();
      return { at: new Date(Math.floor(at / 1000)).toISOString(), version: await agreement.governingVersion(at) };
    });

    app.get('/agreement/records', { schema: { tags, summary: 'Every lifecycle record of every Party, in the order they were made' } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return { items: await agreement.list() };
    });

    app.post('/agreement/records', { schema: { tags, summary: 'Record an event of this Party: signature, notification, receipt, protocol or notice of termination', body: LifecycleBody } }, async (request, reply) => {
      const user = auth.require(request.principal, 'agreement:record');
      return reply.code(201).send(await agreement.record(user, request.body));
    });

    app.put('/agreement/records/:id', { schema: { tags, summary: 'A corrected version of a record this Party made', params: RecordIdParams, body: LifecycleRevision } }, async (request) => {
      const user = auth.require(request.principal, 'agreement:record');
      return agreement.revise(user, request.params.id, request.body);
    });

    app.get('/agreement/survivors', { schema: { tags, summary: 'What continues after termination: protection obligations and joint work agreed before it' } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return agreement.survivors();
    });
  };
}
