import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { NodeServices } from '../node/node-services.js';

const AuditQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  actor: Type.Optional(Type.String({ maxLength: 200 })),
  outcome: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('denied'), Type.Literal('failed')])),
  target: Type.Optional(Type.String({ maxLength: 300 })),
});

/** The audit log, newest first, for admins and liaison officers. */
export function auditRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/audit', { schema: { tags: ['audit'], summary: 'Audit events, newest first', querystring: AuditQuery } }, async (request) => {
      services.auth.require(request.principal, 'audit:read');
      const q = request.query;
      const limit = q.limit ?? 100;
      const rows = await services.audit.list({ limit, beforeSeq: q.before, action: q.action, actor: q.actor, outcome: q.outcome, targetId: q.target });
      return {
        events: rows.map((r) => ({
          seq: r.seq, at: new Date(r.atUs / 1000).toISOString(), actor: r.actor, actorKind: r.actorKind, action: r.action, outcome: r.outcome,
          targetType: r.targetType, targetId: r.targetId, detail: r.detail ? (JSON.parse(r.detail) as unknown) : null, requestId: r.requestId,
        })),
        next: rows.length === limit ? rows.at(-1)?.seq : undefined,
      };
    });
  };
}
