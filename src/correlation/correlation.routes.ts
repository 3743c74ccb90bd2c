import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { formatMicros } from '../clock/timestamp.js';
import type { Locale } from '../i18n/locale.js';
import type { NodeServices } from '../node/node-services.js';
import { ObjectIdParams } from '../objects/objects.schema.js';
import { audienceOf } from '../protection/release.service.js';
import type { WarninglistHit } from '../warninglists/warninglist.js';
import type { CorrelationReport } from './correlation.service.js';
import {
  CorrelationReportSchema,
  ExclusionInput,
  ExclusionParams,
  ExclusionSchema,
  LimitSchema,
  ValueQuery,
} from './correlation.schema.js';

/** Warninglist hits with the list title in the caller's language. */
export function hitsView(hits: readonly WarninglistHit[], locale: Locale) {
  return hits.map((h) => ({
    list: h.list,
    title: h.title[locale],
    entry: h.entry,
    ...(h.via ? { via: h.via } : {}),
  }));
}

function reportView(report: CorrelationReport & { id?: string }, locale: Locale) {
  return {
    ...report,
    values: report.values.map((v) => ({ ...v, warninglists: hitsView(v.warninglists, locale) })),
  };
}

/** Correlation: related objects of an object or a value, and the admins' exclusions. */
export function correlationRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth } = services;
  const { correlation } = services.analysis;
  return (app) => {
    app.get(
      '/objects/:id/correlations',
      {
        schema: {
          tags: ['correlation'],
          summary:
            'Objects sharing a value with this one (addresses, domains, URLs, hashes, …), as far as you may see them',
          params: ObjectIdParams,
          response: { 200: CorrelationReportSchema },
        },
      },
      async (request) => {
        const user = auth.require(request.principal, 'objects:read');
        return reportView(
          await correlation.objectCorrelations(user, audienceOf(user), request.params.id),
          request.locale,
        );
      },
    );

    app.get(
      '/correlations',
      {
        schema: {
          tags: ['correlation'],
          summary:
            'Objects carrying a value (kind detected unless given); an address also finds blocks that contain it, a block the addresses in it',
          querystring: ValueQuery,
          response: { 200: CorrelationReportSchema },
        },
      },
      async (request) => {
        const user = auth.require(request.principal, 'objects:read');
        return reportView(
          await correlation.valueCorrelations(
            user,
            audienceOf(user),
            request.query.value,
            request.query.kind,
          ),
          request.locale,
        );
      },
    );

    app.get(
      '/correlations/exclusions',
      {
        schema: {
          tags: ['correlation'],
          summary: 'Values and patterns that never correlate',
          response: { 200: Type.Object({ items: Type.Array(ExclusionSchema) }) },
        },
      },
      async (request) => {
        auth.require(request.principal, 'objects:read');
        const rows = await correlation.listExclusions();
        return {
          items: rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            pattern: r.pattern,
            note: r.note,
            createdBy: r.createdBy,
            created: formatMicros(r.createdUs),
          })),
        };
      },
    );

    app.post(
      '/correlations/exclusions',
      {
        schema: {
          tags: ['correlation'],
          summary: 'Exclude a value, a CIDR block, *.domain or /regex/ from correlation',
          body: ExclusionInput,
          response: {
            201: Type.Object({
              id: Type.String(),
              kind: Type.Union([Type.String(), Type.Null()]),
              pattern: Type.String(),
            }),
          },
        },
      },
      async (request, reply) => {
        const user = auth.require(request.principal, 'settings:manage');
        const rule = await correlation.addExclusion(user, {
          kind: request.body.kind ?? null,
          pattern: request.body.pattern,
          note: request.body.note,
        });
        return reply.code(201).send(rule);
      },
    );

    app.delete(
      '/correlations/exclusions/:id',
      {
        schema: { tags: ['correlation'], summary: 'Remove an exclusion', params: ExclusionParams },
      },
      async (request, reply) => {
        const user = auth.require(request.principal, 'settings:manage');
        await correlation.removeExclusion(user, request.params.id);
        return reply.code(204).send();
      },
    );

    app.get(
      '/correlations/common',
      {
        schema: {
          tags: ['correlation'],
          summary: 'Values that reached the over-correlation limit (admins: they may come from any object)',
          response: {
            200: Type.Object({
              limit: Type.Integer(),
              items: Type.Array(
                Type.Object({ kind: Type.String(), value: Type.String(), since: Type.String() }),
              ),
            }),
          },
        },
      },
      async (request) => {
        auth.require(request.principal, 'settings:manage');
        const rows = await correlation.listCommon();
        return {
          limit: await correlation.limit(),
          items: rows.map((r) => ({ kind: r.kind, value: r.value, since: formatMicros(r.sinceUs) })),
        };
      },
    );

    app.get(
      '/correlations/settings',
      {
        schema: {
          tags: ['correlation'],
          summary: 'The over-correlation limit: a value stops correlating once this many objects carry it',
          response: { 200: LimitSchema },
        },
      },
      async (request) => {
        auth.require(request.principal, 'objects:read');
        return { limit: await correlation.limit() };
      },
    );

    app.put(
      '/correlations/settings',
      {
        schema: {
          tags: ['correlation'],
          summary: 'Set the over-correlation limit (rebuild to apply it to values already indexed)',
          body: LimitSchema,
          response: { 200: LimitSchema },
        },
      },
      async (request) => {
        const user = auth.require(request.principal, 'settings:manage');
        await correlation.setLimit(user, request.body.limit);
        return { limit: await correlation.limit() };
      },
    );

    app.post(
      '/correlations/rebuild',
      {
        schema: {
          tags: ['correlation'],
          summary: 'Rebuild the correlation index from the store',
          response: { 200: Type.Object({ objects: Type.Integer(), entries: Type.Integer() }) },
        },
      },
      async (request) => {
        const user = auth.require(request.principal, 'settings:manage');
        return correlation.rebuild(user);
      },
    );
    return Promise.resolve();
  };
}
