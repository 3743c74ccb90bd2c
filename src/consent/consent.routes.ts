import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { NodeServices } from '../node/node-services.js';
import { LANGUAGE_TAG } from '../i18n/language-tag.js';

const ConsentIdParams = Type.Object({ id: Type.String({ pattern: '^accord-consent-request--[0-9a-fA-F-]{36}$' }) });
const StixId = Type.String({ pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$' });
const ConsentQuery = Type.Object({
  direction: Type.Optional(Type.Union([Type.Literal('sent'), Type.Literal('received')])),
  state: Type.Optional(Type.Union(['pending', 'granted', 'refused', 'revoked', 'expired'].map((s) => Type.Literal(s)))),
  object: Type.Optional(StixId),
});
const RequestBody = Type.Object({
  objects: Type.Array(StixId, { minItems: 1, maxItems: 1000, description: 'objects received from one other Party' }),
  recipient: Type.String({ minLength: 1, maxLength: 120, description: '"public", "third-party:NAME" or a Party code' }),
  purpose: Type.String({ minLength: 1, maxLength: 10_000 }),
  until: Type.Optional(Type.String({ description: 'YYYY-MM-DD or an RFC 3339 instant' })),
  lang: Type.Optional(Type.String({ pattern: LANGUAGE_TAG })),
}, { additionalProperties: false });
const GrantBody = Type.Object({
  objects: Type.Optional(Type.Array(StixId, { minItems: 1, maxItems: 1000, description: 'a subset of the requested objects; default all' })),
  expires: Type.Optional(Type.String({ description: 'YYYY-MM-DD or an RFC 3339 instant; default: what was asked' })),
  purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000 })),
}, { additionalProperties: false });
const RefuseBody = Type.Object({ reasons: Type.Array(Type.String({ minLength: 1, maxLength: 10_000 }), { minItems: 1, maxItems: 50 }) }, { additionalProperties: false });
const RevokeBody = Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000 })) }, { additionalProperties: false });

/** Originator consent (Art. 6(2)): ask the providing Party, and decide on what other Parties ask. */
export function consentRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth } = services;
  const { consents } = services.governance;
  const tags = ['consents'];
  return async (app) => {
    app.get('/consents', { schema: { tags, summary: 'Consent requests sent and received, with their decisions (filter by an object to see what covers it)', querystring: ConsentQuery } }, async (request) => {
      auth.require(request.principal, 'objects:read');
      return { items: await consents.list(request.query) };
    });
    app.get('/consents/:id', { schema: { tags, summary: 'One consent request and its decision', params: ConsentIdParams } }, async (request) => {
      auth.require(request.principal, 'objects:read');
      return consents.get(request.params.id);
    });
    app.post('/consents', { schema: { tags, summary: 'Ask the Party that provided objects for permission to disclose them (sent to that Party as a signed record)', body: RequestBody } }, async (request, reply) => {
      const user = auth.require(request.principal, 'consents:request');
      return reply.code(201).send(await consents.request(user, request.body));
    });
    app.post('/consents/:id/grant', { schema: { tags, summary: 'Grant a request about this Party\'s information, possibly narrower than asked', params: ConsentIdParams, body: GrantBody } }, async (request) => {
      const user = auth.require(request.principal, 'consents:decide');
      return consents.grant(user, request.params.id, request.body);
    });
    app.post('/consents/:id/refuse', { schema: { tags, summary: 'Refuse a request, with reasons', params: ConsentIdParams, body: RefuseBody } }, async (request) => {
      const user = auth.require(request.principal, 'consents:decide');
      return consents.refuse(user, request.params.id, request.body.reasons);
    });
    app.post('/consents/:id/revoke', { schema: { tags, summary: 'Revoke a grant: further releases under it stop on both nodes', params: ConsentIdParams, body: RevokeBody } }, async (request) => {
      const user = auth.require(request.principal, 'consents:decide');
      return consents.revoke(user, request.params.id, request.body.reason);
    });
  };
}
