import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AccordError } from '../errors/errors.js';
import { detectObservable, normaliseObservable } from '../correlation/observables/observable.js';
import { hitsView } from '../correlation/correlation.routes.js';
import { ValueQuery, WarninglistHitSchema } from '../correlation/correlation.schema.js';
import type { NodeServices } from '../node/node-services.js';
import { warninglistMessage } from './warninglists.messages.js';

/** Accord's warninglists of known-benign values, and a check of one value against them. */
export function warninglistsRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth } = services;
  const { warninglists } = services.analysis;
  return (app) => {
    app.get(
      '/warninglists',
      {
        schema: {
          tags: ['warninglists'],
          summary:
            'The warninglists of known-benign values (documentation ranges, private space, public resolvers, popular domains, …)',
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: Type.String(),
                  title: Type.String(),
                  source: Type.String(),
                  entries: Type.Integer(),
                }),
              ),
            }),
          },
        },
      },
      (request) => {
        auth.require(request.principal, 'objects:read');
        return Promise.resolve({
          items: warninglists.summaries().map((s) => ({ ...s, title: s.title[request.locale] })),
        });
      },
    );

    app.get(
      '/warninglists/check',
      {
        schema: {
          tags: ['warninglists'],
          summary: 'Which warninglists a value is on',
          querystring: ValueQuery,
          response: {
            200: Type.Object({
              kind: Type.String(),
              value: Type.String(),
              warninglists: Type.Array(WarninglistHitSchema),
            }),
          },
        },
      },
      (request) => {
        auth.require(request.principal, 'objects:read');
        const { value, kind } = request.query;
        const o = kind ? normaliseObservable(kind, value) : detectObservable(value);
        if (!o)
          throw new AccordError(
            'bad-request',
            warninglistMessage('notAValue', { value: value.slice(0, 200) }),
          );
        return Promise.resolve({
          kind: o.kind,
          value: o.value,
          warninglists: hitsView(warninglists.check(o), request.locale),
        });
      },
    );
    return Promise.resolve();
  };
}
