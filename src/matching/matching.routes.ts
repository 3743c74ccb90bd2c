import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AccordError } from '../errors/errors.js';
import { jsonSyntaxProblem } from '../errors/json-syntax.js';
import { hitsView } from '../correlation/correlation.routes.js';
import type { NodeServices } from '../node/node-services.js';
import { audienceOf } from '../protection/release.service.js';
import { inputFormats, type InputFormat } from './observable-input.js';
import { matchingMessage } from './matching.messages.js';
import { MatchQuery, MatchReportSchema } from './matching.schema.js';
import { checkShareNeedsRecord } from './matching.service.js';

interface Wrapped {
  data?: unknown;
  format?: unknown;
  record?: unknown;
  share?: unknown;
}

/**
 * The body: text (text/plain, text/csv), a STIX bundle or array (JSON), or JSON
 * `{ data, format?, record?, share? }` where data is text or STIX.
 */
function readBody(body: unknown): {
  input: unknown;
  format?: InputFormat;
  record?: boolean;
  share?: boolean;
} {
  if (typeof body === 'string' || body === undefined || body === null) return { input: body ?? '' };
  if (typeof body === 'object' && !Array.isArray(body) && 'data' in body) {
    const w = body as Wrapped;
    if (w.format !== undefined && !inputFormats.includes(w.format as InputFormat))
      throw new AccordError(
        'bad-request',
        matchingMessage('badFormat', { format: JSON.stringify(w.format) }),
      );
    // The query string's record/share are checked by the schema; here "true" or 1 used to be dropped
    // without a word, and the hits were silently not recorded.
    for (const field of ['record', 'share'] as const)
      if (w[field] !== undefined && typeof w[field] !== 'boolean')
        throw new AccordError('bad-request', matchingMessage('badFlag', { field, value: JSON.stringify(w[field]) }));
    return {
      input: w.data ?? '',
      ...(w.format !== undefined ? { format: w.format as InputFormat } : {}),
      ...(typeof w.record === 'boolean' ? { record: w.record } : {}),
      ...(typeof w.share === 'boolean' ? { share: w.share } : {}),
    };
  }
  return { input: body, format: 'stix' };
}

/** POST /match: observables or a log against the node's indicators. */
export function matchingRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth } = services;
  const { matching } = services.analysis;
  return (app) => {
    app.addContentTypeParser(['text/csv', 'text/x-log'], { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );
    app.addContentTypeParser(['application/stix+json'], { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(typeof body === 'string' ? body : body.toString('utf8')));
      } catch (error) {
        done(
          new AccordError(
            'malformed-json',
            matchingMessage('badJson', { reason: jsonSyntaxProblem(error) }),
          ),
          undefined,
        );
      }
    });

    app.post(
      '/match',
      {
        schema: {
          tags: ['matching'],
          summary:
            'Match observables (plain lines, CSV, STIX SCOs/observed-data) or a log file against the indicators you may see; optionally record hits as sightings and share them with the originator',
          querystring: MatchQuery,
          body: Type.Unknown(),
          response: { 200: MatchReportSchema },
        },
      },
      async (request) => {
        const user = auth.require(request.principal, 'objects:read');
        const body = readBody(request.body);
        const record = body.record ?? request.query.record ?? false;
        const share = body.share ?? request.query.share ?? false;
        checkShareNeedsRecord({ record, share }, { record: 'record', share: 'share' });
        if (record) auth.require(request.principal, 'objects:write');
        if (share) auth.require(request.principal, 'share:peer');
        const report = await matching.match(user, audienceOf(user), {
          input: body.input,
          format: body.format ?? request.query.format ?? 'auto',
          record,
          share,
          locale: request.locale,
        });
        return {
          ...report,
          warninglisted: report.warninglisted.map((w) => ({
            ...w,
            warninglists: hitsView(w.warninglists, request.locale),
          })),
        };
      },
    );
    return Promise.resolve();
  };
}
