import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccordError } from '../errors/errors.js';
import { stixTime } from '../exchange/exchange-objects.js';
import type { NodeServices } from '../node/node-services.js';
import { consultationsCalendar } from './consultations.ics.js';
import { consultationsMessage } from './consultations.messages.js';
import { ConsultationIdParams, ConsultationListQuery, ConsultationStepBody, DisputeIdParams, DisputeStepBody, ProposeBody, RaiseDisputeBody, ScheduleQuery } from './consultations.schema.js';

const ICS = 'text/calendar; charset=utf-8';

function instantUs(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AccordError('bad-request', consultationsMessage('badTime', { field, value }));
  return ms * 1000;
}

/** Consultations (schedule, proposals, steps, calendar) and disputes. */
export function consultationsRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth, consultations, disputes, clock, config } = services;
  const tags = ['consultations'];
  return async (app) => {
    app.get('/consultations/schedule', { schema: { tags, summary: 'Regular consultations ahead: windows of the profile\'s cadence, the host of each, what is planned in it', querystring: ScheduleQuery } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return consultations.schedule(request.query.from, request.query.years);
    });

    app.get('/consultations', { schema: { tags, summary: 'Consultations in date order', querystring: ConsultationListQuery } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      const q = request.query;
      return { items: await consultations.list({ kind: q.kind, fromUs: instantUs('from', q.from), toUs: instantUs('to', q.to), limit: q.limit ?? 100 }) };
    });

    app.get('/consultations.ics', { schema: { tags, summary: 'Every consultation as an iCalendar (RFC 5545) file' } }, async (request, reply) => {
      auth.require(request.principal, 'governance:read');
      const items = await consultations.list({ limit: 10_000 });
      return reply.type(ICS).header('content-disposition', 'attachment; filename="consultations.ics"')
        .send(consultationsCalendar(items, stixTime(clock.nowMicros()), `Accord consultations (${config.node.party})`));
    });

    app.get('/consultations/:id', { schema: { tags, summary: 'One consultation: terms, acceptances, minutes side by side, action items with deadlines, steps', params: ConsultationIdParams } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return consultations.get(request.params.id);
    });

    app.get('/consultations/:id/calendar.ics', { schema: { tags, summary: 'One consultation as an iCalendar (RFC 5545) file', params: ConsultationIdParams } }, async (request, reply) => {
      auth.require(request.principal, 'governance:read');
      const item = await consultations.get(request.params.id);
      return reply.type(ICS).header('content-disposition', 'attachment; filename="consultation.ics"').send(consultationsCalendar([item], stixTime(clock.nowMicros()), item.title));
    });

    app.post('/consultations', { schema: { tags, summary: 'Propose consultations (regular: within the schedule\'s window and host; extraordinary: any dates) to the other Parties', body: ProposeBody } }, async (request, reply) => {
      const user = auth.require(request.principal, 'consultations:write');
      return reply.code(201).send(await consultations.propose(user, request.body));
    });

    app.post('/consultations/:id/steps', { schema: { tags, summary: 'Take a step: counter-proposal, acceptance, minutes, minutes-approval, action-completed, cancellation', params: ConsultationIdParams, body: ConsultationStepBody } }, async (request) => {
      const user = auth.require(request.principal, 'consultations:write');
      return consultations.step(user, request.params.id, request.body);
    });

    app.get('/disputes', { schema: { tags: ['disputes'], summary: 'Disputes on the interpretation or application of the agreement, newest first' } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return { items: await disputes.list() };
    });

    app.get('/disputes/:id', { schema: { tags: ['disputes'], summary: 'One dispute with every step', params: DisputeIdParams } }, async (request) => {
      auth.require(request.principal, 'governance:read');
      return disputes.get(request.params.id);
    });

    app.post('/disputes', { schema: { tags: ['disputes'], summary: 'Raise a dispute with the other Parties to it', body: RaiseDisputeBody } }, async (request, reply) => {
      const user = auth.require(request.principal, 'disputes:write');
      return reply.code(201).send(await disputes.raise(user, request.body));
    });

    app.post('/disputes/:id/steps', { schema: { tags: ['disputes'], summary: 'Take a step: position, consultation, negotiation, diplomatic-channels, evidence (ledger packages), outcome', params: DisputeIdParams, body: DisputeStepBody } }, async (request) => {
      const user = auth.require(request.principal, 'disputes:write');
      return disputes.step(user, request.params.id, request.body);
    });
  };
}
