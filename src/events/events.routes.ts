import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { NodeServices } from '../node/node-services.js';
import { audienceOf } from '../protection/release.service.js';
import type { NodeEvent } from './event-bus.js';

const HEARTBEAT_MS = 15_000;

/**
 * Live events as server-sent events. Events about objects are released like the objects: the
 * stream is one of the node's exits, so the release policy decides what each subscriber sees.
 */
export function eventsRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/events', {
      schema: { tags: ['events'], summary: 'Live event stream (text/event-stream): new objects, receipts, warnings, deadlines…', querystring: Type.Object({ types: Type.Optional(Type.String({ description: 'comma-separated prefixes, e.g. warning.,object.' })) }) },
    }, async (request, reply) => {
      const user = services.auth.require(request.principal, 'objects:read');
      const prefixes = request.query.types?.split(',').map((t) => t.trim()).filter(Boolean) ?? [];
      const audience = audienceOf(user);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      raw.write(': accord event stream\n\n');
      let id = 0;
      const send = async (event: NodeEvent) => {
        if (prefixes.length && !prefixes.some((p) => event.type.startsWith(p))) return;
        if (event.object) {
          const decision = await services.release.check({ ...event.object, hasGranular: false }, audience, 'stream', user);
          if (!decision.allow) return;
        }
        raw.write(`id: ${++id}\nevent: ${event.type}\ndata: ${JSON.stringify({ type: event.type, at: event.at, data: event.data })}\n\n`);
        // Node corks the socket on a response write and uncorks it on the next tick, which waits
        // for the publisher's whole chain of promises (ingest, ledger, receipt on a synchronous
        // SQLite driver): the event left ~7 ms late. Subscribers get it now.
        raw.socket?.uncork();
      };
      const unsubscribe = services.events.subscribe((event) => void send(event).catch(() => undefined));
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    });
  };
}
