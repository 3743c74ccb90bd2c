import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { NodeServices } from '../node/node-services.js';
import { ReportsService } from './reports.service.js';

const ReportQuery = Type.Object({
  from: Type.String({ maxLength: 40, description: 'first day (YYYY-MM-DD, in this Party\'s time zone) or an RFC 3339 instant' }),
  to: Type.String({ maxLength: 40, description: 'last day (inclusive) or an RFC 3339 instant (exclusive)' }),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('ru'), Type.Literal('en')])),
  format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('pdf')], { default: 'html' })),
});

const ActivityQuery = Type.Object({
  weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 104, default: 12, description: 'how many weeks back, the current one included' })),
});

/** Reports on a period: exchanges, warnings, requests, consultations, with charts; HTML or PDF. */
export function reportsRoutes(services: NodeServices, chromium?: string): FastifyPluginAsyncTypebox {
  const reports = new ReportsService({ database: services.database, clock: services.clock, profile: services.profile, party: services.config.node.party, chromium });
  return async (app) => {
    app.get('/reports/activity', { schema: { tags: ['reports'], summary: 'Exchange by week, threat category and direction, and acknowledgement times against deadlines (counts and durations only)', querystring: ActivityQuery } }, async (request) => {
      const user = services.auth.require(request.principal, 'reports:read');
      return reports.activity(user, request.query.weeks ?? 12);
    });
    app.get('/reports', { schema: { tags: ['reports'], summary: 'A report for a period, in zh, ru or en, as HTML or PDF', querystring: ReportQuery } }, async (request, reply) => {
      const user = services.auth.require(request.principal, 'reports:read');
      const report = await reports.render(user, request.query);
      await services.audit.record({ actor: user, action: 'report.render', targetType: 'report', targetId: report.fileName });
      return reply.type(report.contentType).header('content-disposition', `inline; filename="${report.fileName}"`).send(report.body);
    });
  };
}
