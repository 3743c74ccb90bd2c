import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Permission } from '../auth/roles.js';
import { AccordError, isAccordError } from '../errors/errors.js';
import { wrongType } from '../errors/wrong-type.js';
import { boundedBody, streamBodies } from '../http/body-stream.js';
import type { Locale } from '../i18n/locale.js';
import { openImport } from '../ingest/import-source.js';
import { addToSummary, emptySummary, type ObjectOutcome } from '../ingest/ingest.service.js';
import { ingestMessage } from '../ingest/ingest.messages.js';
import { issueView, refusalDetails } from '../ingest/outcome-text.js';
import type { NodeServices } from '../node/node-services.js';
import { parseAudience } from '../protection/audience.js';
import { audienceOf } from '../protection/release.service.js';
import type { Audience } from '../protection/release-policy.js';
import { exportFilter } from './export-filter.js';
import { objectsMessage } from './objects.messages.js';
import { ExportQuery, ObjectIdParams, OutcomeSchema, SearchQuery, SearchResult, WriteQuery } from './objects.schema.js';

/** Outcomes as the API reports them, with reasons in the caller's language. */
export function outcomeView(o: ObjectOutcome, locale: Locale) {
  return {
    index: o.index, id: o.id, version: o.version, status: o.status,
    ...(o.dateAdded ? { dateAdded: o.dateAdded } : {}),
    ...(o.reason ? { reason: o.reason.text(locale) } : {}),
    ...(o.issues?.length ? { issues: o.issues.map((i) => issueView(i, locale)) } : {}),
  };
}

function objectsOfBody(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body === 'object' && body !== null) {
    const { type, objects } = body as { type?: unknown; objects?: unknown };
    // Read as /import reads it: a typeless body with "objects" is a bundle missing its type, not
    // one object to refuse for that. Observed-data's own (deprecated) "objects" has a type beside it.
    if (type === 'bundle' || (type === undefined && objects !== undefined)) {
      if (objects !== undefined && !Array.isArray(objects)) throw wrongType('objects', 'anArray', objects);
      return objects ?? [];
    }
  }
  return [body];
}

/** Threat information: search, read, write, streaming import and policy-checked export. */
export function objectsRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { objects, auth, config } = services;
  /** The calling user, when their role allows; a refusal is audited before it is answered. */
  const permit = async (request: FastifyRequest, permission: Permission, action: string, target?: { type: string; id: string }) => {
    try {
      return auth.require(request.principal, permission);
    } catch (error) {
      if (isAccordError(error) && error.code === 'forbidden') {
        await objects.refused(request.principal, action, target);
        error.markAudited();
      }
      throw error;
    }
  };
  return async (app) => {
    app.get('/objects', { schema: { tags: ['objects'], summary: 'Search the latest versions of STIX objects', querystring: SearchQuery, response: { 200: SearchResult } } }, async (request) => {
      const user = await permit(request, 'objects:read', 'objects.search');
      const q = request.query;
      const result = await objects.search(user, {
        text: q.q, types: q.type, tlp: q.tlp, origin: q.origin, createdByRef: q.createdBy, includeRevoked: q.revoked ?? false,
        beforeSeq: q.cursor ? Number(q.cursor) : undefined, limit: q.limit ?? 50,
      });
      return { total: result.total, items: result.items as unknown as Array<typeof result.items[number] & { object: Record<string, unknown> }>, ...(result.next ? { next: result.next } : {}) };
    });

    app.get('/objects/:id', { schema: { tags: ['objects'], summary: 'One object: latest version released to me and its version list', params: ObjectIdParams } }, async (request) => {
      const user = await permit(request, 'objects:read', 'objects.read', { type: 'object', id: request.params.id });
      return objects.get(user, request.params.id);
    });

    app.get('/objects/:id/release', { schema: { tags: ['objects'], summary: 'What the release policy would do with this object for each other Party, a named third party and the public, and why', params: ObjectIdParams } }, async (request) => {
      const user = await permit(request, 'objects:read', 'objects.read', { type: 'object', id: request.params.id });
      const others = services.profile.parties.map((p) => p.code).filter((code) => code !== services.config.node.party);
      return objects.releasePreview(user, request.params.id, others);
    });

    app.post('/objects', {
      schema: {
        tags: ['objects'], summary: 'Write STIX objects (one object, an array, or a bundle) into a collection; outbox-<PARTY> shares with that Party',
        querystring: WriteQuery, body: Type.Unknown(), response: { 200: Type.Object({ outcomes: Type.Array(OutcomeSchema) }) },
      },
    }, async (request, reply) => {
      const user = await permit(request, 'objects:write', 'objects.write');
      const outcomes = await objects.create(user, objectsOfBody(request.body), request.query.collection ?? 'intel');
      const views = outcomes.map((o) => outcomeView(o, request.locale));
      if (outcomes.length > 0 && outcomes.every((o) => o.status === 'rejected'))
        throw new AccordError('validation-failed', outcomes[0]?.reason ?? ingestMessage('notAnObject', { index: 0 }), {
          details: refusalDetails(outcomes),
        });
      return reply.code(200).send({ outcomes: views });
    });

    await app.register(async (bulk) => {
      // Imports stream: a bundle of a million objects never sits in memory whole.
      bulk.removeContentTypeParser(['application/json']);
      streamBodies(bulk, ['application/json', 'application/stix+json', 'application/octet-stream']);
      bulk.post('/import', {
        schema: {
          tags: ['objects'], summary: 'Import a STIX bundle or MISP event (recognised by content); streams NDJSON progress, one line per stored batch, then a summary',
          querystring: WriteQuery,
        },
      }, async (request: FastifyRequest<{ Querystring: { collection?: string } }>, reply) => {
        const user = await permit(request, 'objects:write', 'objects.import');
        const collection = request.query.collection ?? 'intel';
        // Checked before the 200 and the stream start, so a wrong collection is a 404 or 403, not an error line.
        await objects.writableCollection(user, collection);
        const source = await openImport(boundedBody(request, config.limits.bodyBytes), services.converters);
        const lines = async function* () {
          const summary = emptySummary();
          try {
            for await (const batch of objects.import(user, source.elements, collection)) {
              addToSummary(summary, batch);
              yield `${JSON.stringify({ type: 'batch', outcomes: batch.map((o) => outcomeView(o, request.locale)), summary })}\n`;
            }
            yield `${JSON.stringify({ type: 'summary', format: source.format, summary, unmapped: source.unmapped, message: ingestMessage('summary', { ...summary }).text(request.locale) })}\n`;
          } catch (error) {
            if (!(error instanceof AccordError)) request.log.error({ err: error }, 'import failed');
            const message = (error instanceof AccordError ? error.description : objectsMessage('importFailed', { requestId: request.id })).text(request.locale);
            yield `${JSON.stringify({ type: 'error', summary, message })}\n`;
          }
        };
        return reply.type('application/x-ndjson').send(Readable.from(lines()));
      });
    });

    app.get('/export', {
      schema: { tags: ['objects'], summary: 'Export a STIX 2.1 bundle of what may go to an audience (a Party, a named third party, or the public), narrowed by the object list\'s filters and by added_after', querystring: ExportQuery },
    }, async (request, reply) => {
      const user = await permit(request, 'objects:read', 'objects.export');
      const q = request.query;
      const audience: Audience = q.for ? parseAudience(q.for, services.profile) : audienceOf(user);
      const filter = exportFilter({ text: q.q, types: q.type, tlp: q.tlp, origin: q.origin, createdBy: q.createdBy, addedAfter: q.added_after }, services.profile);
      const label = (q.for ?? 'view').replace(/[^A-Za-z0-9._-]/g, '_');
      void reply.header('content-disposition', `attachment; filename="accord-${config.node.party}-${label}${q.format === 'misp' ? '-misp' : ''}.json"`);
      if (q.format === 'misp') {
        const { event, unmapped } = await objects.exportMisp(audience, user, filter);
        if (unmapped.length) void reply.header('x-accord-unmapped', String(unmapped.length));
        return reply.type('application/json').send(event);
      }
      const bundleId = `bundle--${randomUUID()}`;
      return reply.type('application/stix+json;version=2.1').send(Readable.from(objects.exportBundle(audience, user, bundleId, filter)));
    });
  };
}
