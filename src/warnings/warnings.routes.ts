import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { NodeServices } from '../node/node-services.js';
import { TranslationSchema } from './warnings.schema.js';
import {
  AcknowledgeBody, AssessBody, CreateWarningBody, OptionalReasonBody, ReasonBody, UpdateWarningBody, WarningIdParams, WarningListQuery,
} from './warnings.schema.js';

/** Early warnings: list, read with full history, create/send, update, withdraw, close, acknowledge, assess, translate. */
export function warningsRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth, warnings } = services;
  const tags = ['warnings'];
  return async (app) => {
    app.get('/warnings', { schema: { tags, summary: 'Early warnings sent and received, most recently changed first', querystring: WarningListQuery } }, async (request) => {
      const user = auth.require(request.principal, 'objects:read');
      const q = request.query;
      return warnings.list(user, { state: q.state, direction: q.direction, severity: q.severity, party: q.party, limit: q.limit ?? 50, beforeUs: q.cursor ? Number(q.cursor) : undefined });
    });

    app.get('/warnings/:id', { schema: { tags, summary: 'One early warning: addressees, deadlines, joint assessment side by side, translations, full history', params: WarningIdParams } }, async (request) => {
      const user = auth.require(request.principal, 'objects:read');
      return warnings.get(user, request.params.id);
    });

    app.post('/warnings', { schema: { tags, summary: 'Create an early warning (a draft, or sent at once with send: true)', body: CreateWarningBody } }, async (request, reply) => {
      const user = auth.require(request.principal, 'warnings:send');
      const { send, ...input } = request.body;
      return reply.code(201).send(await warnings.create(user, input, { send: send ?? false }));
    });

    app.patch('/warnings/:id', { schema: { tags, summary: 'Change a draft, or send an updated version of a sent warning', params: WarningIdParams, body: UpdateWarningBody } }, async (request) => {
      const user = auth.require(request.principal, 'warnings:send');
      return warnings.update(user, request.params.id, request.body);
    });

    app.post('/warnings/:id/send', { schema: { tags, summary: 'Send a draft to its addressees', params: WarningIdParams } }, async (request) => {
      const user = auth.require(request.principal, 'warnings:send');
      return warnings.send(user, request.params.id);
    });

    app.post('/warnings/:id/acknowledge', { schema: { tags, summary: 'Acknowledge a received warning (a signed acknowledgement goes to the sender)', params: WarningIdParams, body: AcknowledgeBody } }, async (request) => {
      const user = auth.require(request.principal, 'warnings:acknowledge');
      return warnings.acknowledge(user, request.params.id, request.body?.comment);
    });

    app.post('/warnings/:id/assess', { schema: { tags, summary: 'Record and share this Party\'s assessment (STIX opinion and note)', params: WarningIdParams, body: AssessBody } }, async (request) => {
      const user = auth.require(request.principal, 'warnings:assess');
      return warnings.assess(user, request.params.id, request.body);
    });

    app.post('/warnings/:id/withdraw', { schema: { tags, summary: 'Withdraw a sent warning (a new version; deadlines end)', params: WarningIdParams, body: ReasonBody } }, async (request) => {
      const user = auth.require(request.principal, 'warnings:send');
      return warnings.withdraw(user, request.params.id, request.body.reason);
    });

    app.post('/warnings/:id/close', { schema: { tags, summary: 'Close a sent warning', params: WarningIdParams, body: OptionalReasonBody } }, async (request) => {
      const user = auth.require(request.principal, 'warnings:send');
      return warnings.close(user, request.params.id, request.body?.reason);
    });

    app.post('/warnings/:id/translations', { schema: { tags, summary: 'Add a translation of title and description (STIX language-content)', params: WarningIdParams, body: TranslationSchema } }, async (request) => {
      const user = auth.require(request.principal, 'translations:write');
      return warnings.translate(user, request.params.id, request.body);
    });
  };
}
