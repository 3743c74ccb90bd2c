import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccordError } from '../errors/errors.js';
import { wrongType } from '../errors/wrong-type.js';
import { boundedJson, streamBodies } from '../http/body-stream.js';
import type { NodeServices } from '../node/node-services.js';
import { ALL_VERSIONS_DEFAULT, parseTaxiiQuery } from './taxii-query.js';
import { TAXII_MEDIA, type TaxiiPage } from './taxii.service.js';
import { taxiiMessage } from './taxii.messages.js';

type Query = Record<string, string | string[] | undefined>;

function acceptsTaxii(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (type === '*/*' || type === 'application/*') return true;
    if (type !== 'application/taxii+json') return false;
    const version = params.find((p) => p.startsWith('version='));
    return version === undefined || version === 'version=2.1';
  });
}

function isTaxiiContent(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type = '', ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  const version = params.find((p) => p.startsWith('version='));
  return type === 'application/taxii+json' && (version === undefined || version === 'version=2.1');
}

/** The objects of a TAXII envelope; an "objects" of another type is named as such, not as a missing envelope. */
function envelopeObjects(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AccordError('bad-request', taxiiMessage('envelope'));
  const { objects } = body as { objects?: unknown };
  if (objects === undefined) throw new AccordError('bad-request', taxiiMessage('envelope'));
  if (!Array.isArray(objects)) throw wrongType('objects', 'anArray', objects);
  return objects;
}

function sendPage(reply: FastifyReply, page: TaxiiPage): FastifyReply {
  if (page.first) void reply.header('X-TAXII-Date-Added-First', page.first);
  if (page.last) void reply.header('X-TAXII-Date-Added-Last', page.last);
  return reply.header('content-type', TAXII_MEDIA).send(page.json);
}

/**
 * TAXII 2.1 (OASIS): discovery, one API root for the agreement, collections, objects, versions,
 * manifest and status. Media types are enforced (406/415), bodies are streamed into ingest.
 */
export function taxiiRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { taxii, profile, config } = services;
  const taxiiQuery = (raw: Query, versionDefault?: Parameters<typeof parseTaxiiQuery>[1]) => parseTaxiiQuery(raw, versionDefault, config.limits.taxiiPage);
  const root = profile.id;
  return async (app) => {
    streamBodies(app, ['application/taxii+json']);

    app.addHook('onRequest', async (request) => {
      if (!acceptsTaxii(request.headers.accept)) throw new AccordError('not-acceptable', taxiiMessage('acceptTaxii'));
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      // Exactly as the TAXII specification writes it: some clients compare the header literally.
      void reply.header('content-type', TAXII_MEDIA);
      return payload;
    });

    const user = (request: FastifyRequest) => {
      if (!request.principal) throw new AccordError('unauthenticated', taxiiMessage('cannotRead'));
      return request.principal;
    };
    const checkRoot = (request: FastifyRequest<{ Params: { root: string } }>) => {
      if (request.params.root !== root) throw new AccordError('not-found', taxiiMessage('noCollection', { id: request.params.root }));
    };

    app.get('/', { schema: { hide: true } }, async (request) => taxii.discovery(request.locale));

    app.get<{ Params: { root: string } }>('/:root/', { schema: { hide: true } }, async (request) => {
      checkRoot(request);
      return taxii.apiRoot(request.locale);
    });

    app.get<{ Params: { root: string } }>('/:root/collections/', { schema: { hide: true } }, async (request) => {
      checkRoot(request);
      return taxii.collections(user(request), request.locale);
    });

    app.get<{ Params: { root: string; collection: string } }>('/:root/collections/:collection/', { schema: { hide: true } }, async (request) => {
      checkRoot(request);
      return taxii.collection(request.params.collection, user(request), request.locale);
    });

    app.get<{ Params: { root: string; collection: string }; Querystring: Query }>('/:root/collections/:collection/objects/', { schema: { hide: true } }, async (request, reply) => {
      checkRoot(request);
      return sendPage(reply, await taxii.objects(request.params.collection, taxiiQuery(request.query), user(request)));
    });

    app.post<{ Params: { root: string; collection: string } }>('/:root/collections/:collection/objects/', { schema: { hide: true } }, async (request, reply) => {
      checkRoot(request);
      if (!isTaxiiContent(request.headers['content-type'])) throw new AccordError('unsupported-media-type', taxiiMessage('contentTaxii'));
      // Parsed whole (up to max_content_length) so a malformed envelope stores nothing at all.
      const objects = envelopeObjects(await boundedJson(request, config.limits.taxiiBytes, config.limits.jsonDepth));
      const principal = user(request);
      if (principal.kind === 'peer') {
        // Another Party's node pushing a signed bundle: verified, ingested, ledgered, receipted.
        const header = (name: string) => {
          const value = request.headers[name];
          return typeof value === 'string' ? value : undefined;
        };
        const push = { bundleId: header('x-accord-bundle-id'), signature: header('x-accord-signature'), after: header('x-accord-after') };
        const status = await services.federation.receive.receive(request.params.collection, principal, push, objects, request.locale);
        return reply.code(202).send(status);
      }
      const elements = objects.map((value: unknown, index: number) => ({ index, value }));
      const status = await taxii.add(request.params.collection, elements, principal, request.locale);
      return reply.code(202).send(status);
    });

    app.get<{ Params: { root: string; collection: string; id: string }; Querystring: Query }>('/:root/collections/:collection/objects/:id/', { schema: { hide: true } }, async (request, reply) => {
      checkRoot(request);
      return sendPage(reply, await taxii.object(request.params.collection, request.params.id, taxiiQuery(request.query), user(request)));
    });

    app.delete<{ Params: { root: string; collection: string; id: string }; Querystring: Query }>('/:root/collections/:collection/objects/:id/', { schema: { hide: true } }, async (request, reply) => {
      checkRoot(request);
      await taxii.remove(request.params.collection, request.params.id, taxiiQuery(request.query, ALL_VERSIONS_DEFAULT), user(request));
      return reply.code(200).send({});
    });

    app.get<{ Params: { root: string; collection: string; id: string }; Querystring: Query }>('/:root/collections/:collection/objects/:id/versions/', { schema: { hide: true } }, async (request, reply) => {
      checkRoot(request);
      return sendPage(reply, await taxii.versions(request.params.collection, request.params.id, taxiiQuery(request.query), user(request)));
    });

    app.get<{ Params: { root: string; collection: string }; Querystring: Query }>('/:root/collections/:collection/manifest/', { schema: { hide: true } }, async (request, reply) => {
      checkRoot(request);
      return sendPage(reply, await taxii.manifest(request.params.collection, taxiiQuery(request.query), user(request)));
    });

    app.get<{ Params: { root: string; id: string } }>('/:root/status/:id/', { schema: { hide: true } }, async (request) => {
      checkRoot(request);
      return taxii.status(request.params.id, user(request));
    });
  };
}
