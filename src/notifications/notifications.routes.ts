import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { NodeServices } from '../node/node-services.js';

const NotificationSchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  kind: Type.String(),
  subjectKind: Type.Union([Type.String(), Type.Null()]),
  subjectId: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
  read: Type.Boolean(),
});

const InboxItemSchema = Type.Object({
  kind: Type.Union([Type.Literal('warning'), Type.Literal('request'), Type.Literal('consent'), Type.Literal('consultation'), Type.Literal('action-item')], { description: 'for an action item, id is its consultation' }),
  id: Type.String(),
  title: Type.String(),
  action: Type.String({ description: 'acknowledge, assess, send, close, decide, answer, clarify; await-… for a follow-up of another Party\'s overdue act' }),
  party: Type.String({ description: 'the Party that owes the act' }),
  peer: Type.String(),
  state: Type.String(),
  level: Type.String({ description: 'severity of a warning, urgency of a request; the kind (regular, extraordinary) of a consultation; routine for a consent request or action item' }),
  due: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean(),
  followUp: Type.Boolean(),
});

/** In-app notifications and the inbox (what needs my action, soonest deadline first). */
export function notificationsRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth, notifications, inbox } = services;
  return async (app) => {
    app.get('/inbox', {
      schema: {
        tags: ['inbox'], summary: 'What needs my action, sorted by deadline: warnings to acknowledge or assess, requests to decide or answer, consent requests to decide, consultations to accept and minutes to approve, action items, overdue items',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })) }),
        response: { 200: Type.Object({ items: Type.Array(InboxItemSchema), more: Type.Boolean() }) },
      },
    }, async (request) => {
      const user = auth.require(request.principal, 'inbox:read');
      return inbox.inbox(user, request.query.limit ?? 50);
    });

    app.get('/notifications', {
      schema: {
        tags: ['notifications'], summary: 'My notifications, newest first, in my language',
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean()), before: Type.Optional(Type.String({ format: 'date-time' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(NotificationSchema), unread: Type.Integer(), next: Type.Optional(Type.String()) }) },
      },
    }, async (request) => {
      const user = auth.require(request.principal, 'inbox:read');
      const q = request.query;
      return notifications.list(user, { unreadOnly: q.unread ?? false, before: q.before, limit: q.limit ?? 50 }, request.locale);
    });

    app.post('/notifications/read', {
      schema: { tags: ['notifications'], summary: 'Mark notifications read (all of mine when ids is omitted)', body: Type.Object({ ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 1000 })) }, { additionalProperties: false }) },
    }, async (request) => {
      const user = auth.require(request.principal, 'inbox:read');
      const ids = request.body.ids;
      if (ids) {
        await notifications.markRead(user, ids);
        return { read: ids.length };
      }
      return { read: await notifications.markAllRead(user) };
    });

    app.post('/notifications/:id/read', { schema: { tags: ['notifications'], summary: 'Mark one notification read', params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } }, async (request, reply) => {
      const user = auth.require(request.principal, 'inbox:read');
      await notifications.markRead(user, [request.params.id]);
      return reply.code(204).send();
    });
  };
}
